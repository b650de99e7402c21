#pragma once
// Drift: how the live groups differ from the manifest, derived from a Plan.
// A drift report is data; the writers below render it as text, JSON (schemas/drift.schema.json),
// Markdown and JUnit XML to a std::ostream the caller owns.

#include <cstddef>
#include <cstdint>
#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "loadero_sync/color.hpp"
#include "loadero_sync/model.hpp"
#include "loadero_sync/plan.hpp"

namespace loadero_sync {

/// The closed set of differences.
///  - missing:    declared, not live (a planned create or duplicate; for a participant, a planned
///                participant create)
///  - changed:    live, but its name or count differs from the manifest (a planned update; for a
///                participant, its name, count or a managed setting differs)
///  - extraneous: live, and must go (a planned delete: `ensure: absent` or pruned; for a
///                participant, live in a group whose `participants:` does not declare it)
///  - unmanaged:  live group, undeclared, not pruned; reported, but does not put a test out of sync
///  - conflict:   the live state makes the test impossible to plan (a name two live groups share,
///                a pinned id or copy source deleted by hand, a test name that matches no test,
///                a participant name two live participants of a group share);
///                the entry says why and how to fix it, and the test is out of sync
enum class DriftKind { missing, changed, extraneous, unmanaged, conflict };

/// "missing", "changed", "extraneous", "unmanaged", "conflict" (the JSON and text spelling).
std::string_view to_string(DriftKind kind);

/// One difference in one test: about a group (target group), or about one participant of a group
/// (target participant; kinds missing, changed and extraneous only).
struct DriftEntry {
  DriftKind kind = DriftKind::missing;
  ActionTarget target = ActionTarget::group;
  /// The live group (for a participant: the live group it is in); empty for a missing group and
  /// for a participant of a group created or copied by the plan.
  std::optional<std::int64_t> group_id;
  /// The group's name in the manifest (live name for extraneous/unmanaged); for a participant,
  /// the participant's name in the manifest (live name for extraneous).
  std::string name;
  std::optional<GroupState> live;     ///< group entries: set for changed, extraneous, unmanaged
  std::optional<GroupState> desired;  ///< group entries: set for missing and changed
  /// Participant entries: the live participant (changed, extraneous); empty for missing and for
  /// a participant a copy made by the plan brings (it has no id yet).
  std::optional<std::int64_t> participant_id;
  std::string group_name;  ///< participant entries: the name of its group in the manifest
  /// Participant entries: the live state (changed, extraneous) and the state the plan writes
  /// (missing: the declared name, count and settings; changed: the live state with the managed
  /// settings put over it).
  std::optional<ParticipantState> live_participant;
  std::optional<ParticipantState> desired_participant;
  /// Participant entries of kind changed: what differs, in changed_fields() order (`before` is
  /// the live value, `after` the manifest's).
  std::vector<FieldChange> changes;
  /// The plan action's reason; for a conflict, why; for unmanaged, why it stays ("not in
  /// manifest, prune off" or `not in manifest, kept by keep: "manual-*"`).
  std::string reason;
  std::string hint;  ///< for a conflict, how to fix it (may be empty)
  SourcePos source;  ///< the manifest entry behind it (empty file when none)

  friend bool operator==(const DriftEntry&, const DriftEntry&) = default;
};

/// The drift of one Loadero test.
struct TestDrift {
  std::int64_t test_id = 0;
  std::string test_name;
  std::vector<DriftEntry>
      entries;  ///< plan order for missing/changed/extraneous, then unmanaged in live order
  std::int64_t in_sync_groups = 0;  ///< declared groups that match
  /// True when the test manages participants (some group declares `participants:`); only then
  /// are participant differences looked for and in_sync_participants counted.
  bool manages_participants = false;
  std::int64_t in_sync_participants = 0;  ///< declared participants that match
  /// Why the test could not be read (the API failed); empty when it was. Such a test has no
  /// entries and is reported as an error, not as drift.
  std::string error;
  /// The compute units one run of the test uses now (TestPlan::load_before); nullopt when unknown,
  /// and for a test that could not be planned.
  std::optional<double> compute_units;

  /// True when the test was read and no entry other than `unmanaged` exists.
  [[nodiscard]] bool in_sync() const;

  friend bool operator==(const TestDrift&, const TestDrift&) = default;
};

/// Participant differences over every test, by kind.
struct ParticipantDriftSummary {
  std::int64_t missing = 0;
  std::int64_t changed = 0;
  std::int64_t extraneous = 0;

  friend bool operator==(const ParticipantDriftSummary&, const ParticipantDriftSummary&) = default;
};

/// Group differences by kind (missing, changed, extraneous, unmanaged), tests in conflict or
/// unreadable, and participant differences apart.
struct DriftSummary {
  std::int64_t missing = 0;
  std::int64_t changed = 0;
  std::int64_t extraneous = 0;
  std::int64_t unmanaged = 0;
  std::int64_t conflict = 0;    ///< tests that could not be planned because of the live state
  std::int64_t unreadable = 0;  ///< tests that could not be read
  ParticipantDriftSummary participants;

  friend bool operator==(const DriftSummary&, const DriftSummary&) = default;
};

struct DriftReport {
  std::string tool_version;
  std::string api_base;
  std::int64_t project_id = 0;
  /// The plan's tests in manifest order, then the tests it could not plan, in manifest order.
  std::vector<TestDrift> tests;
  DriftSummary summary;

  /// True when every test is in sync (unmanaged groups alone do not count as drift).
  [[nodiscard]] bool in_sync() const;
  /// True when some test manages participants.
  [[nodiscard]] bool manages_participants() const;

  friend bool operator==(const DriftReport&, const DriftReport&) = default;
};

/// Builds the drift report of a plan: create/duplicate -> missing, update -> changed,
/// delete -> extraneous (participant actions alike, as participant entries),
/// TestPlan::unmanaged -> unmanaged; TestDrift::manages_participants follows
/// TestPlan::live_participants, TestDrift::compute_units TestPlan::load_before. Each of
/// Plan::problems becomes a test with one conflict entry, or, when it could not be read, a test
/// with `error` set; limit problems (only plan and apply check limits) are left out, their test
/// being one of the plan's tests. Pure; never throws except std::bad_alloc.
DriftReport make_drift(const Plan& plan);

/// Human-readable report, one block per test (a header `# test 6866 "Checkout flow": out of sync
/// (compute units: 42)`, the live compute units shown when known; a line per entry: `missing group
/// "Callers" (count 3): new group, loadero.yaml:8`, `changed     participant 94633 "Caller" in
/// group "Callers": count 1 -> 3, loadero.yaml:12`), ending with a summary line; when there is
/// drift and some test manages participants it adds
/// "; participants: N missing, N changed, N extraneous". ANSI colours only when `color` is on.
void write_drift_text(std::ostream& out, const DriftReport& report, Color color);

/// JSON following schemas/drift.schema.json: pretty (2 spaces), trailing newline, fixed key order.
/// Every entry but a conflict has a "target" ("group" or "participant"); a participant entry has
/// "participant_id" (when known), "group_id" (when known), "group_name", "name", "live" and
/// "desired" participant states ({"name", "count", "settings"}, settings holding the set fields,
/// record_audio as a JSON boolean) and, when changed, "changes" ({"field", "live", "desired"}).
/// A test that manages participants has "in_sync_participants"; every test has "compute_units"
/// (its live compute units per run: a whole number as an integer, null when unknown or not
/// planned). The summary has "participants" (missing, changed, extraneous) when some test does.
void write_drift_json(std::ostream& out, const DriftReport& report);

/// Markdown for a pull-request or issue comment: a title with the verdict, out-of-sync tests first,
/// one collapsible section per test (its summary line ends with the live compute units when they
/// are known, ", compute units: 42"; a table of group differences, extraneous groups first, then a
/// table of participant differences, extraneous first). Never longer than
/// `max_bytes` (comment size limits): sections that do not fit are left out, whole, and a last line
/// says how many and to run `loadero-sync drift` for the full report.
void write_drift_markdown(std::ostream& out, const DriftReport& report,
                          std::size_t max_bytes = 60 * 1024);

/// JUnit XML: one <testcase> per Loadero test, with <properties> holding
/// `<property name="compute_units" value="42"/>` when its live compute units are known, a
/// <failure> when the test is out of sync (a conflict included) listing every group and
/// participant difference, an <error> when it could not be read, and unmanaged groups listed in
/// <system-out>.
void write_drift_junit(std::ostream& out, const DriftReport& report);

}  // namespace loadero_sync
