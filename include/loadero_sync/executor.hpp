#pragma once
// Runs a Plan through a LoaderoGateway: tests in parallel, the actions of one test in plan order.

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "loadero_sync/apply_result.hpp"
#include "loadero_sync/cancel.hpp"
#include "loadero_sync/plan.hpp"

namespace loadero_sync {

class LoaderoGateway;  // gateway.hpp

/// One action has ended. Pointers refer into the Plan given to execute_plan and the executor's
/// own outcome; they are valid during the callback only.
struct ProgressEvent {
  std::size_t done = 0;   ///< actions ended so far, this one included (1-based)
  std::size_t total = 0;  ///< actions in the plan
  const TestPlan* test = nullptr;
  const Action* action = nullptr;
  ActionStatus status = ActionStatus::not_attempted;
  const ActionOutcome* outcome = nullptr;
};

struct ExecutorOptions {
  int parallelism = 4;  ///< tests worked on at once; values below 1 count as 1
  /// Called once per action (not attempted ones included), from worker threads, never twice at
  /// the same time (the executor serializes the calls).
  std::function<void(const ProgressEvent&)> on_progress;
  /// Called from a worker thread right before an action starts (after the cancel check); calls
  /// for different tests may run at the same time. The action's on_progress call (applied or
  /// failed) follows once it ends. May be empty.
  std::function<void(const TestPlan&, const Action&)> on_start;
  /// When set and cancelled, no further action is started: the actions in flight finish, the
  /// others end ActionStatus::interrupted. Not owned; must outlive execute_plan.
  const CancelToken* cancel = nullptr;
};

/// Runs every test's actions in plan order, tests in parallel (at most options.parallelism at
/// once).
///  - create: create_group(after.name, after.count).
///  - update: update_group(group_id, after.name, after.count).
///  - delete: delete_group(group_id).
///  - duplicate: copy_group(source, after.name), the source being copy_source.group_id or else the
///    group created earlier in this test under copy_source.name; then update_group to after.count
///    when the copy's count differs.
/// After the first failure in a test, the rest of that test is not attempted (later actions may
/// depend on it); other tests go on. Once options.cancel is cancelled, every action not yet started
/// ends ActionStatus::interrupted (no error text) while those in flight run to their end (a
/// duplicate's copy and its count alike). Every std::exception an action throws
/// (loadero::ApiError, std::invalid_argument for a malformed plan, anything else) becomes that
/// action's failed outcome; only what is not a std::exception escapes. `gateway` is used from
/// several threads at once.
ApplyResult execute_plan(const Plan& plan, LoaderoGateway& gateway, const ExecutorOptions& options);

}  // namespace loadero_sync
