#pragma once
// Model types shared by the manifest loader, the planner, the executor and the reporters.
// Plain values: no I/O, no ownership beyond their members.

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace loadero_sync {

/// A position in a manifest file. `line` and `column` are 1-based; 0 means unknown.
struct SourcePos {
  std::string file;
  int line = 0;
  int column = 0;

  friend bool operator==(const SourcePos&, const SourcePos&) = default;
};

/// Whether a declared group must exist (`ensure: present`, the default) or must not.
enum class Ensure { present, absent };

/// Whether live groups that a test does not declare are deleted.
enum class Prune { off, on };

/// The participant settings a manifest may manage, in the order plans, diffs and exports show
/// them. Name and count are not settings: every participant has them.
enum class ParticipantField {
  compute_unit,
  browser,
  location,
  network,
  audio_feed,
  video_feed,
  media_type,
  record_audio,
};

inline constexpr std::size_t participant_field_count = 8;

/// Every ParticipantField, in order.
inline constexpr std::array<ParticipantField, participant_field_count> all_participant_fields = {
    ParticipantField::compute_unit, ParticipantField::browser,      ParticipantField::location,
    ParticipantField::network,      ParticipantField::audio_feed,   ParticipantField::video_feed,
    ParticipantField::media_type,   ParticipantField::record_audio,
};

/// The manifest key, which is also the API's field name: "compute_unit", "browser", "location",
/// "network", "audio_feed", "video_feed", "media_type", "record_audio".
std::string_view to_string(ParticipantField field);

/// The field whose key is `key`, or nullopt.
std::optional<ParticipantField> participant_field_from_key(std::string_view key);

/// The one shared, immortal copy of `value` (never null, never nullopt). Equal strings intern to
/// the same address, so two interned values are equal exactly when their pointers are. The copy
/// lives until the process ends; the pool only grows, which suits participant settings (a few
/// distinct values, enumerations mostly, repeated by every participant). Thread-safe: a repeated
/// value is usually found in a small per-thread cache without taking the pool's lock. Throws
/// std::bad_alloc only.
const std::optional<std::string>* intern_participant_value(std::string_view value);

/// What ParticipantSettings::get returns for an unset field.
inline const std::optional<std::string> unset_participant_value{};

/// Participant settings by field, as the API spells the values ("g2", "chromeLatest", ...;
/// record_audio is "true" or "false"). An empty value is unset: in a manifest the field is not
/// managed, from the API the field was not reported.
///
/// Compact (one pointer per field, 64 bytes): a set value is interned with
/// intern_participant_value, an unset one is a null pointer, and equality compares pointers.
class ParticipantSettings {
 public:
  /// The field's value; nullopt when unset. The reference stays valid for the life of the
  /// process, whatever happens to these settings afterwards.
  [[nodiscard]] const std::optional<std::string>& get(ParticipantField field) const {
    const auto* value = m_values[static_cast<std::size_t>(field)];
    return value ? *value : unset_participant_value;
  }
  /// Sets the field to `value` (interned), or unsets it when `value` is nullopt.
  void set(ParticipantField field, std::optional<std::string> value) {
    m_values[static_cast<std::size_t>(field)] = value ? intern_participant_value(*value) : nullptr;
  }

  /// Field by field; values are interned, so this compares pointers.
  friend bool operator==(const ParticipantSettings&, const ParticipantSettings&) = default;

 private:
  std::array<const std::optional<std::string>*, participant_field_count> m_values{};
};

/// A participant's name, count and settings before or after an action; also what a participant
/// write sends.
struct ParticipantState {
  std::string name;
  std::int64_t count = 0;
  ParticipantSettings settings;

  friend bool operator==(const ParticipantState&, const ParticipantState&) = default;
};

/// One participant as a manifest declares it inside a group's `participants:`.
struct DesiredParticipant {
  std::optional<std::int64_t> id;  ///< `id:` pins the participant to this live id
  std::string name;                ///< non-empty, unique within its group
  std::int64_t count = 1;          ///< >= 1
  /// The managed settings: the participant's own values over its test's `participant_defaults`
  /// over the file's `defaults: participant_defaults:` (the loader merges them). Unset fields are
  /// not managed.
  ParticipantSettings settings;
  SourcePos source;  ///< where the participant's entry starts

  friend bool operator==(const DesiredParticipant&, const DesiredParticipant&) = default;
};

/// One group as a manifest declares it.
struct DesiredGroup {
  std::optional<std::int64_t> id;  ///< `id:` pins the group to this live id
  std::string name;                ///< exact group name (non-empty)
  std::int64_t count = 1;          ///< >= 1; meaningless when ensure == absent
  Ensure ensure = Ensure::present;
  std::optional<std::string> duplicate_from;  ///< name of a live or planned group of the same test
  std::vector<std::string> renamed_from;      ///< live names this group may adopt, in order
  SourcePos source;                           ///< where the group's entry starts
  /// `participants:`: empty (nullopt) when the key is absent, so the group's participants are not
  /// managed; an empty list when the group must have none. When given it is the whole truth: live
  /// participants of the group it does not declare are deleted.
  std::optional<std::vector<DesiredParticipant>> participants = std::nullopt;

  friend bool operator==(const DesiredGroup&, const DesiredGroup&) = default;
};

/// A test's compute-unit budget (manifest `budget:`, the test's keys over the file's
/// `defaults: budget:`). Each limit is unset (nullopt) when no file sets it; its source is where the
/// key that set it is (empty file when unset).
struct Budget {
  /// `max_compute_units`: the most compute units the test may use per run after a plan (> 0).
  std::optional<double> max_compute_units;
  SourcePos max_compute_units_source;
  /// `largest_compute_unit`: the largest compute unit ("g0.5" ... "g12") a participant of the test
  /// may use.
  std::optional<std::string> largest_compute_unit;
  SourcePos largest_compute_unit_source;

  /// True when neither limit is set.
  [[nodiscard]] bool empty() const { return !max_compute_units && !largest_compute_unit; }

  friend bool operator==(const Budget&, const Budget&) = default;
};

/// One test as a manifest declares it. Exactly one of test_id / test_name is set after loading;
/// the CLI resolves test_name into test_id before planning.
struct DesiredTest {
  std::optional<std::int64_t> test_id;
  std::optional<std::string> test_name;
  Prune prune = Prune::off;
  std::vector<std::string>
      keep;  ///< glob patterns (`*`, `?`, `[...]`) of live names prune never touches
  std::vector<DesiredGroup> groups;
  Budget budget;  ///< `budget:` merged over `defaults: budget:`
  SourcePos source;

  /// True when a group of the test declares `participants:`.
  [[nodiscard]] bool manages_participants() const;
  /// True when the test's live participants must be read to plan and check it: it manages
  /// participants, or its budget limits the largest compute unit (live participants are checked).
  [[nodiscard]] bool reads_participants() const;

  friend bool operator==(const DesiredTest&, const DesiredTest&) = default;
};

/// Every manifest file of a run, merged.
struct Manifest {
  std::optional<std::int64_t> project_id;  ///< from `project_id:`, if any file gives it
  std::vector<DesiredTest> tests;          ///< in file order, files sorted as loaded
  std::vector<std::string> files;          ///< the files that were read, in load order

  friend bool operator==(const Manifest&, const Manifest&) = default;
};

/// Why a declared test could not be planned.
enum class ProblemKind {
  /// The live state makes planning impossible: a test name that matches no test (or several), a
  /// test id that is gone, a group name two live groups share, a pinned id or a copy source
  /// deleted by hand. Drift reports it as the test being out of sync.
  conflict,
  /// The test could not be read (the API failed). Drift reports it as an error.
  unreadable,
  /// The plan would break a limit: the test's compute-unit budget, its largest compute unit, or
  /// its test mode's participant cap. The test is planned (its actions are in the plan) but the
  /// plan is refused. Only plan and apply check limits.
  limit,
};

/// "conflict", "unreadable", "limit".
std::string_view to_string(ProblemKind kind);

/// One group as the Loadero API reports it (only what planning needs).
struct LiveGroup {
  std::int64_t id = 0;
  std::string name;
  std::int64_t count = 0;
  std::int64_t participant_count = 0;
  /// The compute units of one copy of the group (`total_cu_count`) when the API reported it;
  /// nullopt when it did not (the API leaves zero values out: see group_compute_units()).
  std::optional<double> total_cu_count = std::nullopt;

  friend bool operator==(const LiveGroup&, const LiveGroup&) = default;
};

/// One participant as the Loadero API reports it.
struct LiveParticipant {
  std::int64_t id = 0;
  std::optional<std::int64_t> group_id;  ///< empty for a participant of no group
  std::string name;
  std::int64_t count = 0;
  ParticipantSettings settings;  ///< every setting the API reported

  /// Name, count and settings.
  [[nodiscard]] ParticipantState state() const { return {name, count, settings}; }

  friend bool operator==(const LiveParticipant&, const LiveParticipant&) = default;
};

/// The live groups of one test, in the order the API listed them.
struct LiveTest {
  std::int64_t test_id = 0;
  std::string name;
  std::vector<LiveGroup> groups;
  /// The test's participants (one test-scope list, in API order) when they were read: only for a
  /// test that reads them (DesiredTest::reads_participants), else empty (nullopt).
  std::optional<std::vector<LiveParticipant>> participants = std::nullopt;
  /// The test mode ("load", "performance", "session-record") when the API gave it.
  std::optional<std::string> mode = std::nullopt;

  friend bool operator==(const LiveTest&, const LiveTest&) = default;
};

}  // namespace loadero_sync
