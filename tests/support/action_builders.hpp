#pragma once
// Plan actions as the planner makes them (same fields, same reasons), for the tests of what
// consumes plans: the executor, the reporters, drift. Header-only: link `loadero_test_builders`.

#include <cstdint>
#include <string>
#include <utility>

#include "loadero_sync/plan.hpp"

namespace loadero_test {

/// A manifest position in "loadero.yaml".
inline loadero_sync::SourcePos manifest_line(int line, int column = 9) {
  return loadero_sync::SourcePos{"loadero.yaml", line, column};
}

/// `+ group "name" (count N)`, reason "new group".
inline loadero_sync::Action create_action(std::string name, std::int64_t count,
                                          loadero_sync::SourcePos source = {}) {
  loadero_sync::Action action;
  action.kind = loadero_sync::ActionKind::create;
  action.name = name;
  action.after = loadero_sync::GroupState{std::move(name), count};
  action.reason = loadero_sync::ActionReason::new_group;
  action.source = std::move(source);
  return action;
}

/// A copy of `from` (its live id, or none for a group planned earlier in the test) named `name`,
/// reason `copy of "<from.name>"`.
inline loadero_sync::Action duplicate_action(std::string name, std::int64_t count,
                                             loadero_sync::Action::CopySource from,
                                             loadero_sync::SourcePos source = {}) {
  loadero_sync::Action action;
  action.kind = loadero_sync::ActionKind::duplicate;
  action.name = name;
  action.after = loadero_sync::GroupState{std::move(name), count};
  action.reason = loadero_sync::ActionReason::copy;
  action.copy_source = std::move(from);
  action.source = std::move(source);
  return action;
}

/// `~ group id`, with the planner's reason: `renamed from "<old>"`, `count a -> b`, or both.
inline loadero_sync::Action update_action(std::int64_t group_id, loadero_sync::GroupState before,
                                          loadero_sync::GroupState after,
                                          loadero_sync::SourcePos source = {}) {
  loadero_sync::Action action;
  action.kind = loadero_sync::ActionKind::update;
  action.group_id = group_id;
  action.name = after.name;
  if (before.name != after.name) {
    action.reason = before.count != after.count
                        ? loadero_sync::ActionReason::renamed_and_count_changed
                        : loadero_sync::ActionReason::renamed;
  } else {
    action.reason = loadero_sync::ActionReason::count_changed;
  }
  action.before = std::move(before);
  action.after = std::move(after);
  action.source = std::move(source);
  return action;
}

/// `- group id`, reason pruned unless given (ensure_absent).
inline loadero_sync::Action remove_action(
    std::int64_t group_id, std::string name, std::int64_t count,
    loadero_sync::ActionReason reason = loadero_sync::ActionReason::pruned,
    loadero_sync::SourcePos source = {}) {
  loadero_sync::Action action;
  action.kind = loadero_sync::ActionKind::remove;
  action.group_id = group_id;
  action.name = name;
  action.before = loadero_sync::GroupState{std::move(name), count};
  action.reason = reason;
  action.source = std::move(source);
  return action;
}

}  // namespace loadero_test
