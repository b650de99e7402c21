#pragma once
// Small builders for plans in the apply tests.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "loadero_sync/plan.hpp"

namespace apply_test {

inline loadero_sync::Action create_action(const std::string& name, std::int64_t count) {
  loadero_sync::Action action;
  action.kind = loadero_sync::ActionKind::create;
  action.name = name;
  action.after = loadero_sync::GroupState{name, count};
  action.reason = "new group";
  return action;
}

inline loadero_sync::Action update_action(std::int64_t group_id, loadero_sync::GroupState before,
                                          loadero_sync::GroupState after) {
  loadero_sync::Action action;
  action.kind = loadero_sync::ActionKind::update;
  action.group_id = group_id;
  action.name = after.name;
  action.before = std::move(before);
  action.after = std::move(after);
  action.reason = "changed";
  return action;
}

inline loadero_sync::Action remove_action(std::int64_t group_id, const std::string& name,
                                          std::int64_t count) {
  loadero_sync::Action action;
  action.kind = loadero_sync::ActionKind::remove;
  action.group_id = group_id;
  action.name = name;
  action.before = loadero_sync::GroupState{name, count};
  action.reason = "pruned";
  return action;
}

/// A copy of `source_name` (live id `source_id`, or none for a group planned earlier in the test).
inline loadero_sync::Action duplicate_action(const std::string& source_name,
                                             std::optional<std::int64_t> source_id,
                                             std::int64_t source_count, const std::string& name,
                                             std::int64_t count) {
  loadero_sync::Action action;
  action.kind = loadero_sync::ActionKind::duplicate;
  action.name = name;
  action.after = loadero_sync::GroupState{name, count};
  action.copy_source = loadero_sync::Action::CopySource{source_id, source_name, source_count};
  action.reason = "copy of " + source_name;
  return action;
}

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

}  // namespace apply_test
