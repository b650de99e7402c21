#pragma once
// A plan is data: what should change, test by test, in the order it must be applied.
// Rendering lives in report.hpp; applying lives in executor.hpp.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "loadero_sync/diagnostics.hpp"
#include "loadero_sync/model.hpp"

namespace loadero_sync {

/// The closed set of action kinds.
enum class ActionKind { create, duplicate, update, remove };

/// "create", "duplicate", "update", "delete" (the JSON and text spelling).
std::string_view to_string(ActionKind kind);

/// '+', '+', '~', '-'.
char symbol(ActionKind kind);

/// What an action changes: a group, or one participant (participant entry) of a group.
/// Participant actions are create, update and remove only.
enum class ActionTarget { group, participant };

/// "group", "participant" (the JSON spelling).
std::string_view to_string(ActionTarget target);

/// Why an action exists: a closed set, so code can branch on it and reports can word it their way.
/// The executor never branches on it.
enum class ActionReason {
  new_group,                  ///< create: a declared group with no live match
  copy,                       ///< duplicate: a declared group made by copying `duplicate_from`
  renamed,                    ///< update: a matched live group gets its declared name
  count_changed,              ///< update: a matched live group gets its declared count
  renamed_and_count_changed,  ///< update: both
  ensure_absent,              ///< remove: declared with `ensure: absent`
  pruned,                     ///< remove: live, undeclared, prune on, no keep glob matches
  new_participant,            ///< participant create: a declared participant with no live match
  participant_changed,        ///< participant update: name, count or a managed setting differs
  participant_undeclared,  ///< participant remove: live in a group whose `participants:` omits it
};

/// The stable code of a reason, as plan JSON's `reason_code` spells it: "new_group", "copy",
/// "renamed", "count_changed", "renamed_and_count_changed", "ensure_absent", "pruned",
/// "new_participant", "participant_changed", "participant_undeclared".
std::string_view to_string(ActionReason reason);

/// The reason whose code is `code`, or nullopt for an unknown code.
std::optional<ActionReason> reason_from_code(std::string_view code);

/// The name and count of a group before or after an action.
struct GroupState {
  std::string name;
  std::int64_t count = 0;

  friend bool operator==(const GroupState&, const GroupState&) = default;
};

/// One changed field of a participant update: "name", "count" or a ParticipantField key; the
/// values as the API spells them, an unset value as the empty string.
struct FieldChange {
  std::string field;
  std::string before;
  std::string after;

  friend bool operator==(const FieldChange&, const FieldChange&) = default;
};

/// One change to one group (target group), or to one participant (target participant).
/// Group actions:
///  - create:    after set; group_id empty.
///  - duplicate: after set; copy_source set; group_id empty. The executor copies the source under
///               after.name, then sets after.count when it differs from the copy's count.
///  - update:    group_id, before and after set.
///  - remove:    group_id and before set.
/// Participant actions (kind create, update or remove; `name` is the participant's name after the
/// action, before it for remove; `group_name` the name of its group after this run):
///  - group_id is the group's live id, or empty when the group is created or copied earlier in
///    the same test's actions: `group_name` then names that group (the latest create or duplicate
///    of that name).
///  - create:    participant_after set; participant_id empty.
///  - update:    participant_before and participant_after set (after = the live state with the
///               managed settings put over it, so a write sends every known field).
///               participant_id set, or empty when the participant is one a copy made in this run
///               brings: it is then found by participant_before.name in the copy.
///  - remove:    participant_before set; participant_id set or, in a copy, empty as for update.
struct Action {
  ActionKind kind = ActionKind::create;
  ActionTarget target = ActionTarget::group;
  std::optional<std::int64_t> group_id;
  std::string name;  ///< the group's name after the action (before it, for remove)
  std::optional<GroupState> before;
  std::optional<GroupState> after;

  std::optional<std::int64_t> participant_id;  ///< participant actions only
  std::string group_name;                      ///< participant actions only
  std::optional<ParticipantState> participant_before;
  std::optional<ParticipantState> participant_after;

  /// The group a duplicate copies: its live id when it exists now, else empty and `name` refers to
  /// a group created earlier in the same test's actions.
  struct CopySource {
    std::optional<std::int64_t> group_id;
    std::string name;        ///< the source as the manifest's duplicate_from names it
    std::int64_t count = 0;  ///< the source's count (live, or as planned)
    friend bool operator==(const CopySource&, const CopySource&) = default;
  };
  std::optional<CopySource> copy_source;

  /// Why the action exists (reason_text() words it). The executor never branches on it.
  ActionReason reason = ActionReason::new_group;
  SourcePos source;  ///< the manifest entry behind the action (empty file for pruned groups)

  friend bool operator==(const Action&, const Action&) = default;
};

/// The fields a participant update changes, in order: "name", "count", then the settings in
/// ParticipantField order; empty for other actions.
std::vector<FieldChange> changed_fields(const Action& action);

/// What one run of a test uses: compute units (Σ over groups of group count × Σ over its
/// participants of participant count × the compute unit's value; g0.5 counts 0.5) and participants
/// (Σ over groups of group count × Σ participant counts). Each is nullopt when it is not knowable
/// from what was read (never a guess): see README.md "Compute units and budgets".
struct TestLoad {
  std::optional<double> compute_units;
  std::optional<std::int64_t> participants;

  friend bool operator==(const TestLoad&, const TestLoad&) = default;
};

/// A compute-unit figure as reports show it: whole numbers as integers ("42"), others rounded to
/// one decimal ("0.5", "3.3"); "unknown" for nullopt.
std::string format_compute_units(const std::optional<double>& units);

/// The change from `before` to `after` as reports show it: "+16", "-4.5", "0"; "unknown" when
/// either is unknown.
std::string format_compute_unit_change(const std::optional<double>& before,
                                       const std::optional<double>& after);

/// Everything planned for one test.
struct TestPlan {
  std::int64_t test_id = 0;
  std::string test_name;         ///< live name when known
  std::string live_fingerprint;  ///< "sha256:<hex>" over the canonical live groups
  /// The live groups the plan was made against, sorted by id (id, name and count only), so that a
  /// stale saved plan can say exactly what changed since.
  std::vector<LiveGroup> live_groups;
  /// The live participants the plan was made against, sorted by id, when the test manages
  /// participants (part of live_fingerprint then); else empty (nullopt).
  std::optional<std::vector<LiveParticipant>> live_participants;
  std::vector<Action> actions;       ///< in apply order
  std::vector<LiveGroup> unmanaged;  ///< live, undeclared, prune off (or kept by a glob)
  /// The unmanaged groups that `prune: true` would delete but for a `keep` glob: group id -> the
  /// first glob that matches its name.
  std::map<std::int64_t, std::string> kept_by;
  std::int64_t unchanged = 0;               ///< declared groups that already match
  std::int64_t unchanged_participants = 0;  ///< declared participants that already match
  std::optional<std::string> mode;          ///< the live test mode when the API gave it
  TestLoad load_before;                     ///< per run, live
  TestLoad load_after;                      ///< per run, once every action is applied

  friend bool operator==(const TestPlan&, const TestPlan&) = default;
};

/// The reason of `action` in words, as plans and drift reports show it: "new group",
/// `copy of "Callers"`, `renamed from "Mods"`, "count 2 -> 3", `renamed from "Mods", count 2 -> 3`,
/// "ensure: absent", "not in manifest (prune)"; for participants "new participant", the changed
/// fields ("count 1 -> 3, browser chromeLatest -> firefoxLatest", an unset value shown as
/// "(unset)"), "not in manifest". Names are put in double quotes as they are;
/// writers escape control bytes for their format.
std::string reason_text(const Action& action);

/// Participant actions by kind, and declared participants that already match.
struct ParticipantSummary {
  std::int64_t create = 0;
  std::int64_t update = 0;
  std::int64_t remove = 0;
  std::int64_t unchanged = 0;

  friend bool operator==(const ParticipantSummary&, const ParticipantSummary&) = default;
};

/// Group actions by kind and unchanged groups; participants apart.
struct PlanSummary {
  std::int64_t create = 0;
  std::int64_t duplicate = 0;
  std::int64_t update = 0;
  std::int64_t remove = 0;
  std::int64_t unchanged = 0;
  ParticipantSummary participants;
  /// Every planned test's load added up; a figure is unknown when it is unknown for any test.
  /// Zero (known) for a plan without tests.
  TestLoad load_before{0.0, 0};
  TestLoad load_after{0.0, 0};

  /// Counts `test`'s actions by target and kind and its unchanged groups and participants into
  /// this summary, and adds its load.
  void add(const TestPlan& test);

  friend bool operator==(const PlanSummary&, const PlanSummary&) = default;
};

/// A declared test that could not be planned; the plan holds no actions for it.
struct PlanProblem {
  std::int64_t test_id = 0;  ///< 0 when a test_name could not be resolved to an id
  std::string test_name;     ///< the live name, else the manifest's test_name, when known
  ProblemKind kind = ProblemKind::conflict;
  /// Why, and how to fix it: an error at the manifest entry at fault, with its source line.
  Diagnostic diagnostic;

  friend bool operator==(const PlanProblem&, const PlanProblem&) = default;
};

/// True when `problem` is about the same test as `previous` (a test's problems are next to each
/// other in Plan::problems).
bool same_test(const PlanProblem& previous, const PlanProblem& problem);

struct Plan {
  std::string format_version = "1";
  std::string tool_version;
  std::string api_base;
  std::int64_t project_id = 0;
  std::vector<TestPlan> tests;  ///< in manifest order
  /// Tests that could not be planned, and planned tests that break a limit (kind limit: the test
  /// is in `tests` too), in manifest order. A plan with problems is shown, saved and reported on,
  /// but never applied.
  std::vector<PlanProblem> problems;
  /// Limits a test already broke before the plan, which the plan does not make worse, and limits
  /// that could not be checked (an unknown figure): kind limit, diagnostic a warning. They do not
  /// stop the plan.
  std::vector<PlanProblem> warnings;
  PlanSummary summary;

  /// True when no test has an action.
  [[nodiscard]] bool empty() const;
  /// True when every declared test was planned and no limit is broken (no problems).
  [[nodiscard]] bool applicable() const { return problems.empty(); }
  /// True when every problem is a broken limit (or there is none): every declared test was
  /// planned, so the plan can be shown whole.
  [[nodiscard]] bool complete() const;
  /// How many tests the problems are about (a test may have several).
  [[nodiscard]] std::size_t unplanned_tests() const;

  friend bool operator==(const Plan&, const Plan&) = default;
};

}  // namespace loadero_sync
