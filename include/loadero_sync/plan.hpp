#pragma once
// A plan is data: what should change, test by test, in the order it must be applied.
// Rendering lives in report.hpp; applying lives in executor.hpp.

#include <cstdint>
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
};

/// The stable code of a reason, as plan JSON's `reason_code` spells it: "new_group", "copy",
/// "renamed", "count_changed", "renamed_and_count_changed", "ensure_absent", "pruned".
std::string_view to_string(ActionReason reason);

/// The reason whose code is `code`, or nullopt for an unknown code.
std::optional<ActionReason> reason_from_code(std::string_view code);

/// The name and count of a group before or after an action.
struct GroupState {
  std::string name;
  std::int64_t count = 0;

  friend bool operator==(const GroupState&, const GroupState&) = default;
};

/// One change to one group.
///  - create:    after set; group_id empty.
///  - duplicate: after set; copy_source set; group_id empty. The executor copies the source under
///               after.name, then sets after.count when it differs from the copy's count.
///  - update:    group_id, before and after set.
///  - remove:    group_id and before set.
struct Action {
  ActionKind kind = ActionKind::create;
  std::optional<std::int64_t> group_id;
  std::string name;  ///< the group's name after the action (before it, for remove)
  std::optional<GroupState> before;
  std::optional<GroupState> after;

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

/// Everything planned for one test.
struct TestPlan {
  std::int64_t test_id = 0;
  std::string test_name;         ///< live name when known
  std::string live_fingerprint;  ///< "sha256:<hex>" over the canonical live groups
  /// The live groups the plan was made against, sorted by id (id, name and count only), so that a
  /// stale saved plan can say exactly what changed since.
  std::vector<LiveGroup> live_groups;
  std::vector<Action> actions;       ///< in apply order
  std::vector<LiveGroup> unmanaged;  ///< live, undeclared, prune off (or kept by a glob)
  std::int64_t unchanged = 0;        ///< declared groups that already match

  friend bool operator==(const TestPlan&, const TestPlan&) = default;
};

/// The reason of `action` in words, as plans and drift reports show it: "new group",
/// `copy of "Callers"`, `renamed from "Mods"`, "count 2 -> 3", `renamed from "Mods", count 2 -> 3`,
/// "ensure: absent", "not in manifest (prune)". Names are put in double quotes as they are;
/// writers escape control bytes for their format.
std::string reason_text(const Action& action);

struct PlanSummary {
  std::int64_t create = 0;
  std::int64_t duplicate = 0;
  std::int64_t update = 0;
  std::int64_t remove = 0;
  std::int64_t unchanged = 0;

  /// Counts `test`'s actions by kind and its unchanged groups into this summary.
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
  /// Tests that could not be planned, in manifest order. A plan with problems is shown, saved and
  /// reported on, but never applied.
  std::vector<PlanProblem> problems;
  PlanSummary summary;

  /// True when no test has an action.
  [[nodiscard]] bool empty() const;
  /// True when every declared test was planned (no problems).
  [[nodiscard]] bool applicable() const { return problems.empty(); }
  /// How many tests the problems are about (a test may have several).
  [[nodiscard]] std::size_t unplanned_tests() const;

  friend bool operator==(const Plan&, const Plan&) = default;
};

}  // namespace loadero_sync
