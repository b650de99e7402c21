#pragma once
// The emulator's data: projects -> tests -> groups -> participants, kept as flat maps by id,
// plus per-test indexes of the groups and participants and the id counters. Plain values; the
// Api class owns the one live State and its lock.

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>

#include "loadero/participant_values.hpp"

namespace loadero_emulator {

/// Milliseconds since the Unix epoch (UTC).
using Millis = std::int64_t;

struct Project {
  std::int64_t id = 0;
  std::string name;
  std::string token;  ///< the project's access token (test data, stored in the state file)
  Millis created = 0;
  Millis updated = 0;
};

struct Test {
  std::int64_t id = 0;
  std::int64_t project_id = 0;
  std::string name;
  std::int64_t start_interval = 0;       ///< seconds
  std::int64_t participant_timeout = 0;  ///< seconds
  std::string mode;                      ///< load | performance | session-record
  std::string increment_strategy;        ///< linear | linear_group | random | random_group
  bool mos_test = false;
  std::string script;  ///< write-only in the API
  Millis created = 0;
  Millis updated = 0;
};

struct Group {
  std::int64_t id = 0;
  std::int64_t test_id = 0;
  std::string name;
  std::int64_t count = 1;
  Millis created = 0;
  Millis updated = 0;
};

/// A participant. The defaults are what the API gives a participant created without the field.
/// compute_unit is always one of loadero::participant_values::compute_units (the API and the state
/// loader refuse others); the other settings are free text.
struct Participant {
  std::int64_t id = 0;
  std::int64_t test_id = 0;
  std::int64_t group_id = 0;  ///< 0: not in a group
  std::string name;
  std::int64_t count = 1;
  std::string compute_unit{loadero::participant_values::default_compute_unit};
  std::string browser = "chromeLatest";
  std::string location = "us-west-2";
  std::string network = "default";
  std::string audio_feed = "default";
  std::string video_feed = "default";
  std::string media_type;  ///< free text; empty: none (left out of answers and the state file)
  bool record_audio = false;
  Millis created = 0;
  Millis updated = 0;
};

/// Everything the emulator serves. Ids are global per kind (like the real API).
///
/// `groups` and `participants` are read freely and their records changed in place, but a record
/// is added or removed only through add_* and erase_*, and its test_id never changes: that keeps
/// the per-test indexes right, so a request reads only the records of its own test.
struct State {
  std::map<std::int64_t, Project> projects;
  std::map<std::int64_t, Test> tests;
  std::map<std::int64_t, Group> groups;
  std::map<std::int64_t, Participant> participants;
  std::int64_t next_test_id = 1;
  std::int64_t next_group_id = 1;
  std::int64_t next_participant_id = 1;

  /// Stores `group` under its id and indexes it under its test. Returns the stored group, or
  /// nullptr (and changes nothing) when its id is taken.
  Group* add_group(Group group);
  /// Stores `participant` under its id and indexes it under its test. Returns the stored
  /// participant, or nullptr (and changes nothing) when its id is taken.
  Participant* add_participant(Participant participant);
  /// Removes group `id` and its participants; nothing when there is no such group.
  void erase_group(std::int64_t id);
  /// Removes participant `id`; nothing when there is no such participant.
  void erase_participant(std::int64_t id);
  /// Removes test `id` with its groups and participants; nothing when there is no such test.
  void erase_test(std::int64_t id);
  /// Returns the ids of the groups of test `test_id`, in id order (empty for an unknown test).
  const std::set<std::int64_t>& group_ids_of(std::int64_t test_id) const;
  /// Returns the ids of the participants of test `test_id` (in a group or not), in id order.
  const std::set<std::int64_t>& participant_ids_of(std::int64_t test_id) const;

 private:
  std::unordered_map<std::int64_t, std::set<std::int64_t>> m_group_ids_by_test;
  std::unordered_map<std::int64_t, std::set<std::int64_t>> m_participant_ids_by_test;
};

/// Derived numbers of a group, computed from its participants.
struct GroupTotals {
  std::int64_t participant_count = 0;  ///< sum of its participants' counts (one copy of the group)
  /// Compute units of one copy: the sum of count x the value of its compute_unit (g0.5 is 0.5,
  /// g1 1 ... g12 12), exact (a multiple of 0.5).
  double total_cu_count = 0;
};

/// Derived numbers of a test.
struct TestTotals {
  std::int64_t group_count = 0;        ///< sum of its groups' counts
  std::int64_t participant_count = 0;  ///< sum of count x participant_count over its groups,
                                       ///< plus the counts of participants in no group
};

/// Returns the totals of every group of test `test_id`, by group id (zeros for a group without
/// participants). The one place that derives group totals.
std::map<std::int64_t, GroupTotals> group_totals_in_test(const State& state, std::int64_t test_id);
/// Returns the totals of group `group_id` (zeros when it has no participants or does not exist).
GroupTotals group_totals(const State& state, std::int64_t group_id);
/// Returns the totals of test `test_id`.
TestTotals test_totals(const State& state, std::int64_t test_id);

/// The current time, in Millis.
Millis now_millis();
/// RFC 3339 UTC with milliseconds: "2024-01-02T03:04:05.678Z".
std::string format_timestamp(Millis value);
/// Parses RFC 3339 ("2021-02-02T12:00:25Z", with optional fraction and Z or +hh:mm offset).
/// Returns false (and leaves `out` alone) when the text is not such a timestamp.
bool parse_timestamp(std::string_view text, Millis& out);

/// Reads the state-file format (see examples/demo-state.json). Fills missing timestamps with
/// `now`, id counters below the largest id with the largest id + 1, and a participant's missing
/// settings with the defaults of Participant (compute_unit "g2").
/// Throws std::runtime_error naming the problem when the text is not a valid state, including a
/// compute_unit that is not one of loadero::participant_values::compute_units.
State state_from_json_text(const std::string& text, Millis now);
/// Writes the state-file format, tokens included, pretty-printed, deterministic order; a
/// participant's media_type only when it has one.
std::string state_to_json_text(const State& state);

/// Loads a state file. Throws std::runtime_error (with the path) when it cannot be read or parsed.
State load_state_file(const std::string& path);
/// Saves atomically: writes `path`.tmp, fsyncs it, renames it over `path`, fsyncs the folder.
/// Throws std::runtime_error (with the path and errno text) on failure; `path` is then untouched.
void save_state_file(const std::string& path, const State& state);

/// The built-in demo data (examples/demo-state.json, embedded at build time).
State demo_state();

}  // namespace loadero_emulator
