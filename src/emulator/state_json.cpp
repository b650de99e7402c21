// The state-file format (examples/demo-state.json): reading it into a State and writing one out.

#include <algorithm>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <utility>

#include "loadero/participant_values.hpp"
#include "state.hpp"

namespace loadero_emulator {
namespace {

using nlohmann::json;

std::int64_t required_int(const json& object, const char* key, const std::string& where) {
  const auto it = object.find(key);
  if (it == object.end() || !it->is_number_integer()) {
    throw std::runtime_error(where + ": \"" + key + "\" must be an integer");
  }
  return it->get<std::int64_t>();
}

std::string required_string(const json& object, const char* key, const std::string& where) {
  const auto it = object.find(key);
  if (it == object.end() || !it->is_string()) {
    throw std::runtime_error(where + ": \"" + key + "\" must be a string");
  }
  return it->get<std::string>();
}

template <typename T>
T optional_value(const json& object, const char* key, T fallback, const std::string& where) {
  const auto it = object.find(key);
  if (it == object.end() || it->is_null()) return fallback;
  try {
    return it->get<T>();
  } catch (const json::exception&) {
    throw std::runtime_error(where + ": \"" + key + "\" has the wrong type");
  }
}

Millis optional_time(const json& object, const char* key, Millis fallback,
                     const std::string& where) {
  const auto it = object.find(key);
  if (it == object.end() || it->is_null()) return fallback;
  Millis value = 0;
  if (!it->is_string() || !parse_timestamp(it->get<std::string>(), value)) {
    throw std::runtime_error(where + ": \"" + key + "\" must be an RFC 3339 timestamp");
  }
  return value;
}

// Missing settings take the defaults of Participant, the ones the API gives (compute_unit "g2").
Participant read_participant(const json& object, std::int64_t test_id, Millis now,
                             const std::string& test_where) {
  const Participant defaults;
  Participant participant;
  participant.id = required_int(object, "id", test_where);
  const std::string where = "participant " + std::to_string(participant.id);
  participant.test_id = test_id;
  participant.group_id = optional_value<std::int64_t>(object, "group_id", 0, where);
  participant.name = required_string(object, "name", where);
  participant.count = required_int(object, "count", where);
  auto text = [&](const char* key, const std::string& fallback) {
    return optional_value<std::string>(object, key, fallback, where);
  };
  participant.compute_unit = text("compute_unit", defaults.compute_unit);
  const auto& known = loadero::participant_values::compute_units;
  if (std::find(known.begin(), known.end(), participant.compute_unit) == known.end()) {
    std::string allowed;
    for (const auto unit : known) allowed += (allowed.empty() ? "" : ", ") + std::string(unit);
    throw std::runtime_error(where + ": \"compute_unit\" must be one of " + allowed + ", not \"" +
                             participant.compute_unit + "\"");
  }
  participant.browser = text("browser", defaults.browser);
  participant.location = text("location", defaults.location);
  participant.network = text("network", defaults.network);
  participant.audio_feed = text("audio_feed", defaults.audio_feed);
  participant.video_feed = text("video_feed", defaults.video_feed);
  participant.media_type = text("media_type", defaults.media_type);
  participant.record_audio =
      optional_value<bool>(object, "record_audio", defaults.record_audio, where);
  participant.created = optional_time(object, "created", now, where);
  participant.updated = optional_time(object, "updated", participant.created, where);
  return participant;
}

json participant_record(const Participant& p) {
  json item = {{"id", p.id},
               {"name", p.name},
               {"count", p.count},
               {"compute_unit", p.compute_unit},
               {"browser", p.browser},
               {"location", p.location},
               {"network", p.network},
               {"audio_feed", p.audio_feed},
               {"video_feed", p.video_feed},
               {"record_audio", p.record_audio},
               {"created", format_timestamp(p.created)},
               {"updated", format_timestamp(p.updated)}};
  if (!p.media_type.empty()) item["media_type"] = p.media_type;
  if (p.group_id != 0) item["group_id"] = p.group_id;
  return item;
}

}  // namespace

State state_from_json_text(const std::string& text, Millis now) {
  json document;
  try {
    document = json::parse(text);
  } catch (const json::parse_error& error) {
    throw std::runtime_error(std::string("not valid JSON: ") + error.what());
  }
  if (!document.is_object()) throw std::runtime_error("the state must be a JSON object");
  const auto version = optional_value<std::int64_t>(document, "format_version", 1, "state");
  if (version != 1) {
    throw std::runtime_error("unsupported format_version " + std::to_string(version) +
                             " (expected 1)");
  }
  State state;
  const json projects = document.value("projects", json::array());
  if (!projects.is_array()) throw std::runtime_error("state: \"projects\" must be an array");
  for (const auto& project_json : projects) {
    if (!project_json.is_object())
      throw std::runtime_error("state: each project must be an object");
    Project project;
    project.id = required_int(project_json, "id", "project");
    const std::string where = "project " + std::to_string(project.id);
    project.name = optional_value<std::string>(project_json, "name",
                                               "Project " + std::to_string(project.id), where);
    project.token = required_string(project_json, "token", where);
    project.created = optional_time(project_json, "created", now, where);
    project.updated = optional_time(project_json, "updated", project.created, where);
    if (!state.projects.emplace(project.id, project).second)
      throw std::runtime_error(where + " appears twice");

    const json tests = project_json.value("tests", json::array());
    if (!tests.is_array()) throw std::runtime_error(where + ": \"tests\" must be an array");
    for (const auto& test_json : tests) {
      if (!test_json.is_object()) throw std::runtime_error(where + ": each test must be an object");
      Test test;
      test.id = required_int(test_json, "id", where + " test");
      const std::string test_where = "test " + std::to_string(test.id);
      test.project_id = project.id;
      test.name = required_string(test_json, "name", test_where);
      test.start_interval =
          optional_value<std::int64_t>(test_json, "start_interval", 0, test_where);
      test.participant_timeout =
          optional_value<std::int64_t>(test_json, "participant_timeout", 600, test_where);
      test.mode = optional_value<std::string>(test_json, "mode", "load", test_where);
      test.increment_strategy =
          optional_value<std::string>(test_json, "increment_strategy", "linear", test_where);
      test.mos_test = optional_value<bool>(test_json, "mos_test", false, test_where);
      test.script = optional_value<std::string>(test_json, "script", "", test_where);
      test.created = optional_time(test_json, "created", now, test_where);
      test.updated = optional_time(test_json, "updated", test.created, test_where);
      if (!state.tests.emplace(test.id, test).second)
        throw std::runtime_error(test_where + " appears twice");

      const json groups = test_json.value("groups", json::array());
      if (!groups.is_array())
        throw std::runtime_error(test_where + ": \"groups\" must be an array");
      for (const auto& group_json : groups) {
        if (!group_json.is_object())
          throw std::runtime_error(test_where + ": each group must be an object");
        Group group;
        group.id = required_int(group_json, "id", test_where + " group");
        const std::string group_where = "group " + std::to_string(group.id);
        group.test_id = test.id;
        group.name = required_string(group_json, "name", group_where);
        group.count = required_int(group_json, "count", group_where);
        group.created = optional_time(group_json, "created", now, group_where);
        group.updated = optional_time(group_json, "updated", group.created, group_where);
        if (!state.add_group(std::move(group)))
          throw std::runtime_error(group_where + " appears twice");
      }

      const json participants = test_json.value("participants", json::array());
      if (!participants.is_array())
        throw std::runtime_error(test_where + ": \"participants\" must be an array");
      for (const auto& participant_json : participants) {
        if (!participant_json.is_object()) {
          throw std::runtime_error(test_where + ": each participant must be an object");
        }
        Participant participant =
            read_participant(participant_json, test.id, now, test_where + " participant");
        const auto id = participant.id;
        if (!state.add_participant(std::move(participant))) {
          throw std::runtime_error("participant " + std::to_string(id) + " appears twice");
        }
      }
    }
  }
  for (const auto& [id, participant] : state.participants) {
    if (participant.group_id == 0) continue;
    const auto group = state.groups.find(participant.group_id);
    if (group == state.groups.end() || group->second.test_id != participant.test_id) {
      throw std::runtime_error("participant " + std::to_string(id) + ": group " +
                               std::to_string(participant.group_id) +
                               " is not a group of its test");
    }
  }

  const json next_ids = document.value("next_ids", json::object());
  if (!next_ids.is_object()) throw std::runtime_error("state: \"next_ids\" must be an object");
  auto counter = [&](const char* key, auto& records) {
    const std::int64_t largest = records.empty() ? 0 : records.rbegin()->first;
    return std::max(optional_value<std::int64_t>(next_ids, key, 1, "next_ids"), largest + 1);
  };
  state.next_test_id = counter("test", state.tests);
  state.next_group_id = counter("group", state.groups);
  state.next_participant_id = counter("participant", state.participants);
  return state;
}

std::string state_to_json_text(const State& state) {
  json projects = json::array();
  for (const auto& [project_id, project] : state.projects) {
    json tests = json::array();
    for (const auto& [test_id, test] : state.tests) {
      if (test.project_id != project_id) continue;
      json groups = json::array();
      for (const auto group_id : state.group_ids_of(test_id)) {
        const Group& group = state.groups.at(group_id);
        groups.push_back({{"id", group.id},
                          {"name", group.name},
                          {"count", group.count},
                          {"created", format_timestamp(group.created)},
                          {"updated", format_timestamp(group.updated)}});
      }
      json participants = json::array();
      for (const auto participant_id : state.participant_ids_of(test_id)) {
        participants.push_back(participant_record(state.participants.at(participant_id)));
      }
      json test_json = {{"id", test.id},
                        {"name", test.name},
                        {"start_interval", test.start_interval},
                        {"participant_timeout", test.participant_timeout},
                        {"mode", test.mode},
                        {"increment_strategy", test.increment_strategy},
                        {"mos_test", test.mos_test},
                        {"created", format_timestamp(test.created)},
                        {"updated", format_timestamp(test.updated)},
                        {"groups", std::move(groups)},
                        {"participants", std::move(participants)}};
      if (!test.script.empty()) test_json["script"] = test.script;
      tests.push_back(std::move(test_json));
    }
    projects.push_back({{"id", project.id},
                        {"name", project.name},
                        {"token", project.token},
                        {"created", format_timestamp(project.created)},
                        {"updated", format_timestamp(project.updated)},
                        {"tests", std::move(tests)}});
  }
  const json document = {{"format_version", 1},
                         {"next_ids",
                          {{"test", state.next_test_id},
                           {"group", state.next_group_id},
                           {"participant", state.next_participant_id}}},
                         {"projects", std::move(projects)}};
  return document.dump(2) + "\n";
}

}  // namespace loadero_emulator
