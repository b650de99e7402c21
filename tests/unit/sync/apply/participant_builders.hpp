#pragma once
// Participant actions as the planner makes them (target participant, same fields, same reasons),
// for the executor's tests.

#include <cstdint>
#include <optional>
#include <string>
#include <utility>

#include "loadero_sync/plan.hpp"

namespace loadero_test {

/// The group a participant action writes in: its live id, or none when an earlier action of the
/// test makes the group `name`.
struct InGroup {
  std::optional<std::int64_t> id;
  std::string name;
};

inline loadero_sync::Action participant_action(loadero_sync::ActionKind kind, InGroup group) {
  loadero_sync::Action action;
  action.kind = kind;
  action.target = loadero_sync::ActionTarget::participant;
  action.group_id = group.id;
  action.group_name = std::move(group.name);
  return action;
}

/// `+ participant "after.name"` in the group, reason "new participant".
inline loadero_sync::Action participant_create(InGroup group,
                                               loadero_sync::ParticipantState after) {
  auto action = participant_action(loadero_sync::ActionKind::create, std::move(group));
  action.name = after.name;
  action.participant_after = std::move(after);
  action.reason = loadero_sync::ActionReason::new_participant;
  return action;
}

/// `~ participant` (its live id, or none for one a copy made in this run brings), reason
/// "participant_changed".
inline loadero_sync::Action participant_update(InGroup group,
                                               std::optional<std::int64_t> participant_id,
                                               loadero_sync::ParticipantState before,
                                               loadero_sync::ParticipantState after) {
  auto action = participant_action(loadero_sync::ActionKind::update, std::move(group));
  action.name = after.name;
  action.participant_id = participant_id;
  action.participant_before = std::move(before);
  action.participant_after = std::move(after);
  action.reason = loadero_sync::ActionReason::participant_changed;
  return action;
}

/// `- participant` (its live id, or none as for participant_update), reason
/// "participant_undeclared".
inline loadero_sync::Action participant_remove(InGroup group,
                                               std::optional<std::int64_t> participant_id,
                                               loadero_sync::ParticipantState before) {
  auto action = participant_action(loadero_sync::ActionKind::remove, std::move(group));
  action.name = before.name;
  action.participant_id = participant_id;
  action.participant_before = std::move(before);
  action.reason = loadero_sync::ActionReason::participant_undeclared;
  return action;
}

}  // namespace loadero_test
