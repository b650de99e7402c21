#include "plan_json_participants.hpp"

#include <charconv>
#include <cstdint>
#include <string>
#include <utility>

#include "loadero_sync/plan_json.hpp"
#include "plan_json_read.hpp"

namespace loadero_sync::detail {
namespace {

using ordered_json = nlohmann::ordered_json;
using json = nlohmann::json;

ordered_json settings_json(const ParticipantSettings& settings) {
  ordered_json out = ordered_json::object();
  for (const auto field : all_participant_fields) {
    const auto& value = settings.get(field);
    if (!value) continue;
    const std::string key(to_string(field));
    if (field == ParticipantField::record_audio && (*value == "true" || *value == "false")) {
      out[key] = *value == "true";
    } else {
      out[key] = *value;
    }
  }
  return out;
}

ParticipantSettings settings_from(const json& object, const std::string& path) {
  const std::string settings_path = path + ".settings";
  const auto& settings = object_at(member(object, path, "settings"), settings_path);
  ParticipantSettings out;
  for (const auto& [key, value] : settings.items()) {
    const auto field = participant_field_from_key(key);
    if (!field) fail(settings_path, "unknown participant field '" + key + "'");
    if (*field == ParticipantField::record_audio) {
      if (!value.is_boolean()) fail(settings_path + "." + key, "expected a boolean");
      out.set(*field, value.get<bool>() ? "true" : "false");
    } else {
      if (!value.is_string()) fail(settings_path + "." + key, "expected a string");
      out.set(*field, value.get<std::string>());
    }
  }
  return out;
}

ordered_json state_json(const ParticipantState& state) {
  ordered_json out;
  out["name"] = state.name;
  out["count"] = state.count;
  out["settings"] = settings_json(state.settings);
  return out;
}

ParticipantState state_from(const json& value, const std::string& path) {
  const auto& object = object_at(value, path);
  return ParticipantState{string_at(object, path, "name"), integer_at(object, path, "count"),
                          settings_from(object, path)};
}

}  // namespace

void put_reason_and_source(ordered_json& out, const Action& action) {
  out["reason"] = reason_text(action);
  out["reason_code"] = std::string(to_string(action.reason));
  if (!action.source.file.empty()) {
    ordered_json source;
    source["file"] = action.source.file;
    source["line"] = action.source.line;
    source["column"] = action.source.column;
    out["source"] = std::move(source);
  }
}

ordered_json participant_action_json(const Action& action) {
  ordered_json out;
  out["action"] = std::string(to_string(action.kind));
  out["target"] = std::string(to_string(action.target));
  if (action.participant_id) out["participant_id"] = *action.participant_id;
  if (action.group_id) out["group_id"] = *action.group_id;
  out["group_name"] = action.group_name;
  out["name"] = action.name;
  if (action.participant_before) out["before"] = state_json(*action.participant_before);
  if (action.participant_after) out["after"] = state_json(*action.participant_after);
  if (action.kind == ActionKind::update) {
    ordered_json changes = ordered_json::array();
    for (const auto& change : changed_fields(action)) {
      ordered_json entry;
      entry["field"] = change.field;
      entry["before"] = field_change_value(change.field, change.before);
      entry["after"] = field_change_value(change.field, change.after);
      changes.push_back(std::move(entry));
    }
    out["changes"] = std::move(changes);
  }
  put_reason_and_source(out, action);
  return out;
}

Action participant_action_from(const json& object, const std::string& path) {
  Action action;
  action.target = ActionTarget::participant;
  const std::string kind = string_at(object, path, "action");
  if (kind == "create") {
    action.kind = ActionKind::create;
  } else if (kind == "update") {
    action.kind = ActionKind::update;
  } else if (kind == "delete") {
    action.kind = ActionKind::remove;
  } else {
    fail(path + ".action", "unknown participant action '" + kind + "'");
  }
  if (object.contains("participant_id"))
    action.participant_id = integer_at(object, path, "participant_id");
  if (object.contains("group_id")) action.group_id = integer_at(object, path, "group_id");
  action.group_name = string_at(object, path, "group_name");
  action.name = string_at(object, path, "name");
  if (object.contains("before"))
    action.participant_before = state_from(object["before"], path + ".before");
  if (object.contains("after"))
    action.participant_after = state_from(object["after"], path + ".after");
  if (object.contains("source")) action.source = source_from(object, path);
  string_at(object, path, "reason");  // required, but only reason_code is read back
  const std::string code = string_at(object, path, "reason_code");
  const auto reason = reason_from_code(code);
  if (!reason) fail(path + ".reason_code", "unknown reason code '" + code + "'");
  action.reason = *reason;

  // The executor relies on the fields plan.hpp documents for each kind. A participant of a group
  // that exists now is always named by its id; only one a copy of this run brings is not.
  const bool by_id_when_live = !action.group_id || action.participant_id;
  switch (action.kind) {
    case ActionKind::create:
      if (!action.participant_after || action.participant_before || action.participant_id)
        fail(path, "a participant create needs \"after\" and no \"before\" or \"participant_id\"");
      break;
    case ActionKind::update:
      if (!action.participant_before || !action.participant_after || !by_id_when_live)
        fail(path,
             "a participant update needs \"before\", \"after\" and, with \"group_id\", "
             "\"participant_id\"");
      break;
    case ActionKind::remove:
      if (!action.participant_before || action.participant_after || !by_id_when_live)
        fail(path,
             "a participant delete needs \"before\", no \"after\" and, with \"group_id\", "
             "\"participant_id\"");
      break;
    case ActionKind::duplicate:
      break;
  }
  return action;
}

ordered_json live_participants_json(const std::vector<LiveParticipant>& participants) {
  ordered_json out = ordered_json::array();
  for (const auto& participant : participants) {
    ordered_json entry;
    entry["id"] = participant.id;
    if (participant.group_id) entry["group_id"] = *participant.group_id;
    entry["name"] = participant.name;
    entry["count"] = participant.count;
    entry["settings"] = settings_json(participant.settings);
    out.push_back(std::move(entry));
  }
  return out;
}

std::vector<LiveParticipant> live_participants_from(const json& object, const std::string& path,
                                                    const char* key) {
  const auto& entries = array_at(object, path, key);
  std::vector<LiveParticipant> participants;
  participants.reserve(entries.size());
  for (std::size_t i = 0; i < entries.size(); ++i) {
    const std::string entry_path = path + "." + key + "[" + std::to_string(i) + "]";
    const auto& entry = object_at(entries[i], entry_path);
    LiveParticipant participant;
    participant.id = integer_at(entry, entry_path, "id");
    if (entry.contains("group_id"))
      participant.group_id = integer_at(entry, entry_path, "group_id");
    participant.name = string_at(entry, entry_path, "name");
    participant.count = integer_at(entry, entry_path, "count");
    participant.settings = settings_from(entry, entry_path);
    participants.push_back(std::move(participant));
  }
  return participants;
}

ordered_json participant_summary_json(const ParticipantSummary& summary) {
  ordered_json out;
  out["create"] = summary.create;
  out["update"] = summary.update;
  out["delete"] = summary.remove;
  out["unchanged"] = summary.unchanged;
  return out;
}

ParticipantSummary participant_summary_from(const json& value, const std::string& path) {
  const auto& object = object_at(value, path);
  return ParticipantSummary{integer_at(object, path, "create"), integer_at(object, path, "update"),
                            integer_at(object, path, "delete"),
                            integer_at(object, path, "unchanged")};
}

}  // namespace loadero_sync::detail
