#pragma once
// The planner: a pure function from the desired tests, their live groups and options to a Plan.
// No I/O, no logging, no clock. See README.md "How planning works" for the rules.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "loadero_sync/diagnostics.hpp"
#include "loadero_sync/model.hpp"
#include "loadero_sync/plan.hpp"
#include "loadero_sync/source_text.hpp"

namespace loadero_sync {

/// Values copied into the Plan's header (they do not influence the actions) and how limits are
/// checked.
struct PlanOptions {
  std::string api_base;
  std::int64_t project_id = 0;
  std::string tool_version;
  /// Whether limits (budgets, largest compute unit, test-mode participant caps) are checked:
  /// plan and apply check them, drift does not.
  bool check_limits = false;
  /// `--max-compute-units N`: every test's max_compute_units, over its manifest budget.
  std::optional<double> max_compute_units = std::nullopt;
};

/// A reason the plan could not be made for one test: an error diagnostic at the manifest entry at
/// fault (the test's entry when no group is), with its source line when the manifest text was
/// given, e.g. `group name "Callers" is shared by live groups 11, 12: pin one with id:`. Without a
/// manifest position the message starts with the test ("test 6866: ...").
struct PlanError {
  std::int64_t test_id = 0;
  Diagnostic diagnostic;
  /// conflict: the test could not be planned (it is not in the plan); limit: the test is planned
  /// but breaks a limit (it is in the plan, which must not be applied).
  ProblemKind kind = ProblemKind::conflict;

  friend bool operator==(const PlanError&, const PlanError&) = default;
};

/// The outcome of make_plan. When errors is non-empty, `plan` holds only the tests without errors
/// other than broken limits, and must not be applied. Warnings (a budget a test already broke,
/// a limit that cannot be checked) are in plan.warnings.
struct PlanResult {
  Plan plan;
  std::vector<PlanError> errors;

  /// True when no error was found.
  [[nodiscard]] bool ok() const { return errors.empty(); }
};

/// Plans every desired test against its live groups.
///
/// Rules (README.md "How planning works" has the full text):
///  - Matching, per test: (1) `id:` pins claim their live group (an unknown id is an error, except
///    for `ensure: absent`); (2) every unpinned present group claims the one unclaimed live group
///    with its exact name (two or more: an ambiguity error listing their ids); (3) groups still
///    unmatched try their `renamed_from` names in order among unclaimed live groups.
///  - Actions: create (no match, no duplicate_from) with reason "new group"; duplicate (no match,
///    duplicate_from names a declared group of the test -- its matched live group, or the group it
///    will become -- else a live group by current name) with "copy of \"<source>\""; update
///    (matched, name or count differs) with "renamed from \"<old>\"", "count <a> -> <b>" or
///    "renamed from \"<old>\", count <a> -> <b>"; delete for `ensure: absent` ("ensure: absent")
///    and, with prune on, for unclaimed live groups no keep glob matches ("not in manifest
///    (prune)", empty source). Other unclaimed live groups go to TestPlan::unmanaged, sorted by id.
///  - Order within a test: creates, duplicates (sources first), updates, deletes (absent in
///    manifest order, then pruned by id). Stopping after any prefix and re-planning gives exactly
///    the remaining actions.
///
/// `desired`: tests with test_id set (test names already resolved by the caller); a test without
/// test_id gives a PlanError. `live`: one LiveTest per desired test, found by test_id; a desired
/// test without one gives a PlanError.
///  - Load: every planned test gets its compute units and participants per run before and after
///    its actions (TestPlan::load_before / load_after; unknown where the live data cannot tell)
///    and its live mode. With options.check_limits, the budget, the largest compute unit and the
///    test mode's participant cap are checked: a broken limit is an error of kind limit (the test
///    stays in the plan), a budget already broken and not raised is a warning in plan.warnings.
///
/// Returns the Plan (tests in manifest order, actions in safe apply order, summary filled) and the
/// errors, all of them, in manifest order. Deterministic: the same input gives the same Plan, so
/// its JSON is byte-identical. Never throws except std::bad_alloc.
/// `sources` (the manifest text, optional) gives errors their quoted source line.
PlanResult make_plan(const std::vector<DesiredTest>& desired, const std::vector<LiveTest>& live,
                     const PlanOptions& options, const SourceTexts& sources = {});

/// "sha256:<64 lowercase hex>" over the canonical form of `groups`: sorted by id, one line
/// "<id>\t<name>\t<count>\n" per group; then, when `participants` is given (a test that manages
/// participants, even with none), a line "participants\n" and one line per participant sorted by
/// id: "<id>\t<group id or ->\t<name>\t<count>" and a tab-separated field per ParticipantField
/// ("-" when unset, else "=" and the value), with names and values length-prefixed
/// ("<bytes>:<text>") so no text can forge a line. Independent of the input order. Without
/// participants the result is the same as for the group lines alone (plans saved before
/// participants existed stay valid). Never throws except std::bad_alloc.
std::string live_fingerprint(
    const std::vector<LiveGroup>& groups,
    const std::optional<std::vector<LiveParticipant>>& participants = std::nullopt);

}  // namespace loadero_sync
