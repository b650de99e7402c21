#pragma once
// How an apply ended, action by action: data the executor fills and the reporters render.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace loadero_sync {

/// How one action ended.
enum class ActionStatus {
  applied,
  failed,
  not_attempted,  ///< skipped: another action of its test failed before it started
  interrupted,    ///< not started: the apply was interrupted (its CancelToken was cancelled)
};

/// "applied", "failed", "not attempted", "not attempted (interrupted)".
std::string_view to_string(ActionStatus status);

struct ActionOutcome {
  ActionStatus status = ActionStatus::not_attempted;
  /// Why it failed (the error's message); for not_attempted, why it was skipped; else empty (an
  /// interrupted action's status says why).
  std::string error;
  /// The group the action made or changed: the new id for create and duplicate (also when a
  /// duplicate's copy was made but setting its count failed), the planned id for update/delete.
  std::optional<std::int64_t> group_id;
  /// Something worth saying about an applied action: "already gone" for a delete whose group
  /// someone else had deleted. Empty otherwise.
  std::string note;
  /// The id of the participant a participant create made, once it is made; empty otherwise.
  std::optional<std::int64_t> created_participant_id;

  friend bool operator==(const ActionOutcome&, const ActionOutcome&) = default;
};

struct TestOutcome {
  std::int64_t test_id = 0;
  std::vector<ActionOutcome> actions;  ///< parallel to TestPlan::actions
  /// Found by the read that checks a test after it created or copied groups: a group name that
  /// now has more live groups than the plan made, because another writer made some at the same
  /// time. Each names the name, every id and the fix.
  std::vector<std::string> conflicts;
  /// Why that check could not be made (its read failed); empty when it was made or not needed.
  std::string verify_error;

  friend bool operator==(const TestOutcome&, const TestOutcome&) = default;
};

struct ApplyResult {
  std::vector<TestOutcome> tests;  ///< parallel to Plan::tests

  [[nodiscard]] std::size_t applied() const;
  [[nodiscard]] std::size_t failed() const;
  /// Actions not started: not_attempted and interrupted ones.
  [[nodiscard]] std::size_t not_attempted() const;
  /// Actions not started because the apply was interrupted (counted in not_attempted() too).
  [[nodiscard]] std::size_t interrupted() const;
  /// Conflicts found after the writes, over all tests.
  [[nodiscard]] std::size_t conflicts() const;
  /// True when every action was applied (or there was none) and no conflict was found.
  [[nodiscard]] bool complete() const {
    return failed() + not_attempted() == 0 && conflicts() == 0;
  }
};

}  // namespace loadero_sync
