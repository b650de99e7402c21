#include "participant_actions.hpp"

#include <stdexcept>

#include "loadero_sync/text.hpp"

namespace loadero_sync::apply_detail {

namespace {

std::string what_participant(const Action& action) {
  return std::string(to_string(action.kind)) + " of participant " + quote_name(action.name) +
         " in group " + quote_name(action.group_name);
}

// The group the participant is in: its live id, or the id of the group an earlier create or
// duplicate of this test made.
std::int64_t group_of(const Action& action, const ActionOutcome* made_group) {
  if (action.group_id) return *action.group_id;
  if (made_group == nullptr || !made_group->group_id) {
    throw std::invalid_argument("malformed plan: the " + what_participant(action) +
                                " has no group id, and no group of that name was created earlier "
                                "in this test");
  }
  return *made_group->group_id;
}

const ParticipantState& require_state(const Action& action,
                                      const std::optional<ParticipantState>& state) {
  if (!state) {
    throw std::invalid_argument("malformed plan: the " + what_participant(action) +
                                " has no participant state");
  }
  return *state;
}

// The participant an update or remove writes: its live id, or, in a copy this apply made, the
// one of the copy's participants that has participant_before's name.
std::int64_t participant_of(const TestPlan& test, const Action& action, std::int64_t group_id,
                            LoaderoGateway& gateway, CopiedParticipants& copied) {
  if (action.participant_id) return *action.participant_id;
  const auto& before = require_state(action, action.participant_before);
  return copied.find(gateway, test.test_id, group_id, action.group_name, before.name);
}

}  // namespace

std::int64_t CopiedParticipants::find(LoaderoGateway& gateway, std::int64_t test_id,
                                      std::int64_t group_id, const std::string& group_name,
                                      const std::string& name) {
  Listing* listing = nullptr;
  {
    const std::lock_guard lock(m_mutex);
    auto& slot = m_listings[{test_id, group_id}];
    if (!slot) slot = std::make_unique<Listing>();
    listing = slot.get();
  }
  const std::lock_guard lock(listing->mutex);
  if (!listing->read) {
    listing->read = true;
    try {
      listing->participants = gateway.list_group_participants(test_id, group_id);
    } catch (...) {
      listing->error = std::current_exception();
    }
  }
  if (listing->error) std::rethrow_exception(listing->error);
  std::vector<std::int64_t> ids;
  for (const auto& participant : listing->participants) {
    if (participant.name == name) ids.push_back(participant.id);
  }
  const auto where = " in group " + quote_name(group_name) + " (id " + std::to_string(group_id) +
                     "), the copy this apply made; run plan again";
  if (ids.empty()) throw std::runtime_error("no participant named " + quote_name(name) + where);
  if (ids.size() > 1) {
    throw std::runtime_error("participant name " + quote_name(name) +
                             " is shared by participants " + join_ids(std::move(ids)) + where);
  }
  return ids.front();
}

void run_participant_action(const TestPlan& test, const Action& action,
                            const ActionOutcome* made_group, LoaderoGateway& gateway,
                            CopiedParticipants& copied, ActionOutcome& outcome) {
  const auto group_id = group_of(action, made_group);
  outcome.group_id = group_id;
  switch (action.kind) {
    case ActionKind::create:
      outcome.created_participant_id =
          gateway
              .create_participant(test.test_id, group_id,
                                  require_state(action, action.participant_after))
              .id;
      return;
    case ActionKind::update: {
      const auto& after = require_state(action, action.participant_after);
      const auto participant_id = participant_of(test, action, group_id, gateway, copied);
      gateway.update_participant(test.test_id, group_id, participant_id, after);
      return;
    }
    case ActionKind::remove: {
      const auto participant_id = participant_of(test, action, group_id, gateway, copied);
      if (gateway.delete_participant(test.test_id, participant_id) == Deletion::already_gone)
        outcome.note = "already gone";
      return;
    }
    case ActionKind::duplicate:
      break;
  }
  throw std::invalid_argument("malformed plan: a participant action cannot be a duplicate (" +
                              quote_name(action.name) + " in group " +
                              quote_name(action.group_name) + ")");
}

}  // namespace loadero_sync::apply_detail
