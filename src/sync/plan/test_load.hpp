#pragma once
// What a test uses per run (compute units, participants) before and after its actions, and the
// limits a plan must keep (budget, largest compute unit, test-mode participant caps).
// Internal to the planner library: pure, no I/O.

#include <string>
#include <vector>

#include "loadero_sync/model.hpp"
#include "loadero_sync/plan.hpp"
#include "loadero_sync/planner.hpp"
#include "loadero_sync/source_text.hpp"

namespace loadero_sync::detail {

/// A test's load before and after its actions, and why a compute-unit figure is unknown.
struct LoadFigures {
  TestLoad before;
  TestLoad after;
  /// When before.compute_units is unknown: which group makes it so, e.g.
  /// `group 51 "Callers" has participants but the API gave no total_cu_count`.
  std::string unknown_before;
  /// The same for after.compute_units.
  std::string unknown_after;
};

/// Computes the load of `live` (before) and of what `plan`'s actions leave (after).
///
/// Per copy of a live group: compute units are its total_cu_count when the API gave it, else the
/// sum over its participants when they were read (count x the compute unit's value), else 0 when
/// its participant_count is 0 (the API leaves zero values out) and unknown otherwise;
/// participants are its participant_count. A group's share is its count times its per-copy
/// figures. Actions apply in order: a count change scales, a create starts at 0, a copy takes
/// its source's per-copy figures as they were before this run, a delete drops the group, and
/// participant writes add or take away their participant's count x compute unit (a created
/// participant without a compute unit gets the API's default, g2). A participant whose compute
/// unit is unset or not one the tool knows makes its group's compute units unknown.
LoadFigures compute_load(const TestPlan& plan, const LiveTest& live);

/// Checks the limits of one planned test when options.check_limits is set: the compute-unit
/// budget (options.max_compute_units over desired.budget.max_compute_units), the largest compute
/// unit of every declared participant, every participant a write creates or changes and every
/// live participant the plan keeps (when they were read), and the participant cap of the test's
/// mode (performance 50, session-record 10). A broken limit is an error (kind limit) in `errors`;
/// a budget the test already broke before the plan and the plan does not raise, or one that
/// cannot be checked because a figure is unknown, is a warning in `warnings`.
void check_test_limits(const DesiredTest& desired, const LiveTest& live, const TestPlan& plan,
                       const LoadFigures& load, const PlanOptions& options,
                       const SourceTexts& sources, std::vector<PlanError>& errors,
                       std::vector<PlanProblem>& warnings);

}  // namespace loadero_sync::detail
