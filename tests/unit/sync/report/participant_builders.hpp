#pragma once
// Participant plan actions as the planner makes them (same fields, same reasons), for the tests of
// the report writers. Header-only; the group actions are in action_builders.hpp.

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <utility>

#include "loadero_sync/plan.hpp"

namespace loadero_test {

/// Settings from (field, value) pairs, e.g. settings({{ParticipantField::browser,
/// "chromeLatest"}}).
inline loadero_sync::ParticipantSettings settings(
    std::initializer_list<std::pair<loadero_sync::ParticipantField, std::string>> values) {
  loadero_sync::ParticipantSettings out;
  for (const auto& [field, value] : values) out.set(field, value);
  return out;
}

/// `+ participant "name" in group "group_name"`, reason "new participant"; `group_id` empty for a
/// group the plan creates or copies.
inline loadero_sync::Action participant_create(std::optional<std::int64_t> group_id,
                                               std::string group_name,
                                               loadero_sync::ParticipantState after,
                                               loadero_sync::SourcePos source = {}) {
  loadero_sync::Action action;
  action.kind = loadero_sync::ActionKind::create;
  action.target = loadero_sync::ActionTarget::participant;
  action.group_id = group_id;
  action.group_name = std::move(group_name);
  action.name = after.name;
  action.participant_after = std::move(after);
  action.reason = loadero_sync::ActionReason::new_participant;
  action.source = std::move(source);
  return action;
}

/// `~ participant id`, reason participant_changed; `participant_id` empty for a participant a copy
/// made in the same run brings.
inline loadero_sync::Action participant_update(std::optional<std::int64_t> participant_id,
                                               std::optional<std::int64_t> group_id,
                                               std::string group_name,
                                               loadero_sync::ParticipantState before,
                                               loadero_sync::ParticipantState after,
                                               loadero_sync::SourcePos source = {}) {
  loadero_sync::Action action;
  action.kind = loadero_sync::ActionKind::update;
  action.target = loadero_sync::ActionTarget::participant;
  action.participant_id = participant_id;
  action.group_id = group_id;
  action.group_name = std::move(group_name);
  action.name = after.name;
  action.participant_before = std::move(before);
  action.participant_after = std::move(after);
  action.reason = loadero_sync::ActionReason::participant_changed;
  action.source = std::move(source);
  return action;
}

/// `- participant id`, reason participant_undeclared.
inline loadero_sync::Action participant_remove(std::optional<std::int64_t> participant_id,
                                               std::optional<std::int64_t> group_id,
                                               std::string group_name,
                                               loadero_sync::ParticipantState before,
                                               loadero_sync::SourcePos source = {}) {
  loadero_sync::Action action;
  action.kind = loadero_sync::ActionKind::remove;
  action.target = loadero_sync::ActionTarget::participant;
  action.participant_id = participant_id;
  action.group_id = group_id;
  action.group_name = std::move(group_name);
  action.name = before.name;
  action.participant_before = std::move(before);
  action.reason = loadero_sync::ActionReason::participant_undeclared;
  action.source = std::move(source);
  return action;
}

}  // namespace loadero_test
