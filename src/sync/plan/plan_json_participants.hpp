#pragma once
// The participant parts of a plan's JSON form (schemas/plan.schema.json). Internal to plan_json.

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "loadero_sync/model.hpp"
#include "loadero_sync/plan.hpp"

namespace loadero_sync::detail {

/// A participant action: "action", "target", "participant_id"?, "group_id"?, "group_name", "name",
/// "before"?, "after"? ({"name", "count", "settings": the set fields, record_audio a boolean}),
/// "changes" (updates: changed_fields), "reason", "reason_code", "source"?.
nlohmann::ordered_json participant_action_json(const Action& action);

/// Adds an action's "reason", "reason_code" and (when it has one) "source" to `out`: the keys
/// group and participant actions end with alike.
void put_reason_and_source(nlohmann::ordered_json& out, const Action& action);

/// Reads what participant_action_json writes (the "target" already checked); throws
/// std::invalid_argument naming the JSON path when it is malformed or misses a field its kind
/// needs.
Action participant_action_from(const nlohmann::json& object, const std::string& path);

/// [{"id", "group_id"?, "name", "count", "settings"}...] in the given order.
nlohmann::ordered_json live_participants_json(const std::vector<LiveParticipant>& participants);

/// Reads what live_participants_json writes at `object[key]`; throws std::invalid_argument naming
/// the JSON path when it is malformed.
std::vector<LiveParticipant> live_participants_from(const nlohmann::json& object,
                                                    const std::string& path, const char* key);

/// {"create", "update", "delete", "unchanged"}.
nlohmann::ordered_json participant_summary_json(const ParticipantSummary& summary);

/// Reads what participant_summary_json writes; throws std::invalid_argument naming the JSON path
/// when it is malformed.
ParticipantSummary participant_summary_from(const nlohmann::json& value, const std::string& path);

}  // namespace loadero_sync::detail
