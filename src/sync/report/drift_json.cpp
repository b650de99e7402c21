#include <nlohmann/json.hpp>
#include <ostream>

#include "loadero_sync/drift.hpp"
#include "loadero_sync/plan_json.hpp"

namespace loadero_sync {
namespace {

using Json = nlohmann::ordered_json;

Json state_json(const GroupState& state) {
  return Json{{"name", state.name}, {"count", state.count}};
}

// Only the settings that are set; record_audio as a JSON boolean, as a manifest writes it.
Json participant_json(const ParticipantState& state) {
  Json settings = Json::object();
  for (const auto field : all_participant_fields) {
    const auto& value = state.settings.get(field);
    if (!value) continue;
    if (field == ParticipantField::record_audio && (*value == "true" || *value == "false")) {
      settings[std::string(to_string(field))] = *value == "true";
    } else {
      settings[std::string(to_string(field))] = *value;
    }
  }
  return Json{{"name", state.name}, {"count", state.count}, {"settings", settings}};
}

Json entry_json(const DriftEntry& entry) {
  Json out;
  out["kind"] = std::string(to_string(entry.kind));
  // A conflict is about the test as a whole.
  if (entry.kind != DriftKind::conflict) out["target"] = std::string(to_string(entry.target));
  if (entry.target == ActionTarget::participant) {
    if (entry.participant_id) out["participant_id"] = *entry.participant_id;
    if (entry.group_id) out["group_id"] = *entry.group_id;
    out["group_name"] = entry.group_name;
  } else if (entry.group_id) {
    out["group_id"] = *entry.group_id;
  }
  out["name"] = entry.name;
  if (entry.live) out["live"] = state_json(*entry.live);
  if (entry.desired) out["desired"] = state_json(*entry.desired);
  if (entry.live_participant) out["live"] = participant_json(*entry.live_participant);
  if (entry.desired_participant) out["desired"] = participant_json(*entry.desired_participant);
  if (!entry.changes.empty()) {
    Json changes = Json::array();
    for (const auto& change : entry.changes) {
      changes.push_back(Json{{"field", change.field},
                             {"live", field_change_value(change.field, change.before)},
                             {"desired", field_change_value(change.field, change.after)}});
    }
    out["changes"] = changes;
  }
  if (!entry.reason.empty()) out["reason"] = entry.reason;
  if (!entry.hint.empty()) out["hint"] = entry.hint;
  if (!entry.source.file.empty()) {
    Json source{{"file", entry.source.file}};
    if (entry.source.line > 0) source["line"] = entry.source.line;
    out["source"] = source;
  }
  return out;
}

}  // namespace

void write_drift_json(std::ostream& out, const DriftReport& report) {
  Json doc;
  doc["format_version"] = "1";
  doc["tool_version"] = report.tool_version;
  doc["api_base"] = report.api_base;
  doc["project_id"] = report.project_id;
  doc["in_sync"] = report.in_sync();
  Json tests = Json::array();
  for (const auto& test : report.tests) {
    Json entries = Json::array();
    for (const auto& entry : test.entries) entries.push_back(entry_json(entry));
    Json item{{"test_id", test.test_id},
              {"test_name", test.test_name},
              {"in_sync", test.in_sync()},
              {"in_sync_groups", test.in_sync_groups}};
    if (test.manages_participants) item["in_sync_participants"] = test.in_sync_participants;
    item["compute_units"] = compute_units_value(test.compute_units);
    item["entries"] = std::move(entries);
    if (!test.error.empty()) item["error"] = test.error;
    tests.push_back(std::move(item));
  }
  doc["tests"] = tests;
  doc["summary"] =
      Json{{"missing", report.summary.missing},       {"changed", report.summary.changed},
           {"extraneous", report.summary.extraneous}, {"unmanaged", report.summary.unmanaged},
           {"conflict", report.summary.conflict},     {"unreadable", report.summary.unreadable}};
  if (report.manages_participants()) {
    const ParticipantDriftSummary& p = report.summary.participants;
    doc["summary"]["participants"] =
        Json{{"missing", p.missing}, {"changed", p.changed}, {"extraneous", p.extraneous}};
  }
  out << doc.dump(2, ' ', false, Json::error_handler_t::replace) << '\n';
}

}  // namespace loadero_sync
