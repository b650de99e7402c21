#pragma once
// Small builders for plans in the apply tests; actions come from action_builders.hpp.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "action_builders.hpp"
#include "loadero_sync/apply_result.hpp"
#include "loadero_sync/plan.hpp"

namespace loadero_test {

inline loadero_sync::TestPlan test_plan(std::int64_t test_id,
                                        std::vector<loadero_sync::Action> actions) {
  loadero_sync::TestPlan test;
  test.test_id = test_id;
  test.test_name = "test " + std::to_string(test_id);
  test.actions = std::move(actions);
  return test;
}

inline loadero_sync::Plan plan_of(std::vector<loadero_sync::TestPlan> tests) {
  loadero_sync::Plan plan;
  plan.project_id = 5040;
  plan.tests = std::move(tests);
  return plan;
}

/// The status of each action of `test`, in plan order.
inline std::vector<loadero_sync::ActionStatus> statuses(const loadero_sync::TestOutcome& test) {
  std::vector<loadero_sync::ActionStatus> result;
  for (const auto& action : test.actions) result.push_back(action.status);
  return result;
}

}  // namespace loadero_test
