#pragma once
// Runs a Plan through a LoaderoGateway: tests in parallel, the actions of one test in plan order.

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "loadero_sync/plan.hpp"

namespace loadero_sync {

class LoaderoGateway;  // gateway.hpp; reporters that only read ApplyResult need not see it

/// How one action ended.
enum class ActionStatus { applied, failed, not_attempted };

/// "applied", "failed", "not attempted".
std::string_view to_string(ActionStatus status);

struct ActionOutcome {
  ActionStatus status = ActionStatus::not_attempted;
  /// Why it failed (the API error's message); for not_attempted, why it was skipped; else empty.
  std::string error;
  /// The group the action made or changed: the new id for create and duplicate (also when a
  /// duplicate's copy was made but setting its count failed), the planned id for update/delete.
  std::optional<std::int64_t> group_id;

  friend bool operator==(const ActionOutcome&, const ActionOutcome&) = default;
};

struct TestOutcome {
  std::int64_t test_id = 0;
  std::vector<ActionOutcome> actions;  ///< parallel to TestPlan::actions

  friend bool operator==(const TestOutcome&, const TestOutcome&) = default;
};

struct ApplyResult {
  std::vector<TestOutcome> tests;  ///< parallel to Plan::tests

  [[nodiscard]] std::size_t applied() const;
  [[nodiscard]] std::size_t failed() const;
  [[nodiscard]] std::size_t not_attempted() const;
  /// 0 when every action was applied (or there was none), 1 when none was applied and some failed
  /// or were not attempted, 3 when some were applied and others not.
  [[nodiscard]] int exit_code() const;
};

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
/// depend on it); other tests go on. Never throws for loadero::ApiError or std::invalid_argument:
/// they become failed outcomes. `gateway` is used from several threads at once.
ApplyResult execute_plan(const Plan& plan, LoaderoGateway& gateway, const ExecutorOptions& options);

}  // namespace loadero_sync
