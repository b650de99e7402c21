#pragma once
// The executor's participant actions: which group and participant each one writes, and the write.
// Private to loadero_sync_apply.

#include <cstdint>
#include <exception>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "loadero_sync/apply_result.hpp"
#include "loadero_sync/gateway.hpp"
#include "loadero_sync/plan.hpp"

namespace loadero_sync::apply_detail {

/// The participants of the copies this apply made, each copy listed once (list_group_participants)
/// the first time an update or remove there needs a participant id, then looked up by name.
/// Thread-safe: actions of several tests and groups call it at once; calls for one copy wait
/// for its one list.
class CopiedParticipants {
 public:
  /// The id of the participant named `name` in group `group_id` of test `test_id` (the copy
  /// called `group_name`). Throws what the list read threw (to every caller for that copy), or
  /// std::runtime_error when no participant or several have that name.
  std::int64_t find(LoaderoGateway& gateway, std::int64_t test_id, std::int64_t group_id,
                    const std::string& group_name, const std::string& name);

 private:
  struct Listing {
    std::mutex mutex;
    bool read = false;
    std::vector<LiveParticipant> participants;
    std::exception_ptr error;
  };
  std::mutex m_mutex;
  std::map<std::pair<std::int64_t, std::int64_t>, std::unique_ptr<Listing>> m_listings;
};

/// Runs one participant action of `test` (action.target == participant). `made_group` is the
/// outcome of the earlier action that made the participant's group (the latest create or
/// duplicate of action.group_name, ended applied), or null when action.group_id is set. Sets
/// outcome.group_id to the participant's group and, for a delete of a participant that is already
/// gone, outcome.note to "already gone". Throws std::invalid_argument for a malformed action (no
/// group, no target state) and what the gateway or `copied` throws.
void run_participant_action(const TestPlan& test, const Action& action,
                            const ActionOutcome* made_group, LoaderoGateway& gateway,
                            CopiedParticipants& copied, ActionOutcome& outcome);

}  // namespace loadero_sync::apply_detail
