// RetryingGateway's participant operations: the same retries as for groups, and a participant
// create whose answer was lost settled by listing its group's participants.

#include <algorithm>

#include "loadero/api_error.hpp"
#include "loadero_sync/retry.hpp"
#include "loadero_sync/text.hpp"
#include "retry_detail.hpp"

namespace loadero_sync {

namespace {

std::string of_test(std::int64_t test_id) { return " of test " + std::to_string(test_id); }

// True when `participant` is what a write of `state` into `group_id` leaves: settings the write
// did not send may be anything.
bool written(const LiveParticipant& participant, std::int64_t group_id,
             const ParticipantState& state) {
  if (participant.group_id != group_id || participant.name != state.name ||
      participant.count != state.count)
    return false;
  return std::all_of(all_participant_fields.begin(), all_participant_fields.end(),
                     [&](ParticipantField field) {
                       const auto& wanted = state.settings.get(field);
                       return !wanted || participant.settings.get(field) == wanted;
                     });
}

}  // namespace

RetryingGateway::Known RetryingGateway::known_participants(std::int64_t test_id,
                                                           std::int64_t group_id) {
  const std::lock_guard lock(m_mutex);
  Known known;
  known.listed = m_participants_listed.contains(test_id) ||
                 m_group_participants_known.contains({test_id, group_id});
  if (const auto it = m_seen_participants.find(test_id); it != m_seen_participants.end())
    known.ids = it->second;
  return known;
}

void RetryingGateway::remember_participants(std::int64_t test_id,
                                            std::optional<std::int64_t> group_id,
                                            const std::vector<LiveParticipant>& participants) {
  const std::lock_guard lock(m_mutex);
  auto& seen = m_seen_participants[test_id];
  for (const auto& participant : participants) seen.insert(participant.id);
  if (group_id) {
    m_group_participants_known.insert({test_id, *group_id});
  } else {
    m_participants_listed.insert(test_id);
  }
}

void RetryingGateway::remember_participant(std::int64_t test_id, std::int64_t participant_id) {
  const std::lock_guard lock(m_mutex);
  m_seen_participants[test_id].insert(participant_id);
}

std::vector<LiveParticipant> RetryingGateway::list_participants(std::int64_t test_id) {
  auto participants = with_retries("list participants" + of_test(test_id),
                                   [&](int) { return m_inner.list_participants(test_id); });
  remember_participants(test_id, std::nullopt, participants);
  return participants;
}

std::vector<LiveParticipant> RetryingGateway::list_group_participants(std::int64_t test_id,
                                                                      std::int64_t group_id) {
  auto participants =
      with_retries("list participants of group " + std::to_string(group_id) + of_test(test_id),
                   [&](int) { return m_inner.list_group_participants(test_id, group_id); });
  remember_participants(test_id, group_id, participants);
  return participants;
}

std::vector<LiveParticipant> RetryingGateway::settle_participants(
    std::int64_t test_id, std::optional<std::int64_t> group_id, const loadero::ApiError& original) {
  try {
    return group_id ? list_group_participants(test_id, *group_id) : list_participants(test_id);
  } catch (const loadero::ApiError&) {
    // The write's own error says more than the failed read that tried to settle it.
    throw original;
  }
}

LiveParticipant RetryingGateway::create_participant(std::int64_t test_id, std::int64_t group_id,
                                                    const ParticipantState& state) {
  const auto what = "create participant " + quote_name(state.name) + " in group " +
                    std::to_string(group_id) + of_test(test_id);
  // Taken before the first send, as for groups: a read settling another create in this test at
  // the same time remembers every id it lists, this write's landed participant among them.
  const auto before = known_participants(test_id, group_id);
  for (int retry = 0;; ++retry) {
    try {
      auto participant = m_inner.create_participant(test_id, group_id, state);
      remember_participant(test_id, participant.id);
      return participant;
    } catch (const loadero::ApiError& error) {
      // Settle an unknown outcome before anything else, the last attempt included: sending the
      // POST again after it landed would make a second participant of that name.
      if (retry_detail::outcome_unknown(error)) {
        std::optional<LiveParticipant> landed;
        for (auto& participant : settle_participants(test_id, group_id, error)) {
          if (participant.name != state.name) continue;
          if (before.listed && before.ids.contains(participant.id)) continue;
          if (!landed || participant.id > landed->id) landed = std::move(participant);
        }
        if (landed) {
          if (m_on_retry)
            m_on_retry(what + ": the answer was lost (" + error.what() +
                       ") but the participant was made: id " + std::to_string(landed->id));
          return *landed;
        }
      }
      if (!is_retryable(error)) throw;
      if (retry >= m_policy.max_retries) throw retry_detail::given_up(error, retry + 1);
      wait_before_retry(what, retry, error);
    }
  }
}

LiveParticipant RetryingGateway::update_participant(std::int64_t test_id, std::int64_t group_id,
                                                    std::int64_t participant_id,
                                                    const ParticipantState& state) {
  const auto what = "update participant " + std::to_string(participant_id) + of_test(test_id);
  try {
    auto participant = with_retries(what, [&](int) {
      return m_inner.update_participant(test_id, group_id, participant_id, state);
    });
    remember_participant(test_id, participant.id);
    return participant;
  } catch (const loadero::ApiError& error) {
    // Out of retries with the last answer lost: the participant may well be as wanted already.
    if (!retry_detail::outcome_unknown(error)) throw;
    for (const auto& participant : settle_participants(test_id, group_id, error)) {
      if (participant.id == participant_id && written(participant, group_id, state)) {
        if (m_on_retry)
          m_on_retry(what + ": the answer was lost (" + error.what() + ") but the change was made");
        return participant;
      }
    }
    throw;
  }
}

Deletion RetryingGateway::delete_participant(std::int64_t test_id, std::int64_t participant_id) {
  const auto what = "delete participant " + std::to_string(participant_id) + of_test(test_id);
  try {
    return with_retries(what, [&](int retry) {
      try {
        return m_inner.delete_participant(test_id, participant_id);
      } catch (const loadero::ApiError& error) {
        if (!retry_detail::is_not_found(error)) throw;
        // As for groups: on a retry an earlier attempt deleted it, on the first try someone else.
        return retry > 0 ? Deletion::deleted : Deletion::already_gone;
      }
    });
  } catch (const loadero::ApiError& error) {
    if (!retry_detail::outcome_unknown(error)) throw;
    const auto participants = settle_participants(test_id, std::nullopt, error);
    if (std::none_of(participants.begin(), participants.end(),
                     [&](const LiveParticipant& p) { return p.id == participant_id; })) {
      if (m_on_retry)
        m_on_retry(what + ": the answer was lost (" + error.what() +
                   ") but the participant is gone");
      return Deletion::deleted;
    }
    throw;
  }
}

}  // namespace loadero_sync
