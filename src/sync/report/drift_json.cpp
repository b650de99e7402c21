#include <nlohmann/json.hpp>
#include <ostream>

#include "loadero_sync/drift.hpp"

namespace loadero_sync {
namespace {

using Json = nlohmann::ordered_json;

Json state_json(const GroupState& state) {
  return Json{{"name", state.name}, {"count", state.count}};
}

Json entry_json(const DriftEntry& entry) {
  Json out;
  out["kind"] = std::string(to_string(entry.kind));
  if (entry.group_id) out["group_id"] = *entry.group_id;
  out["name"] = entry.name;
  if (entry.live) out["live"] = state_json(*entry.live);
  if (entry.desired) out["desired"] = state_json(*entry.desired);
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
              {"in_sync_groups", test.in_sync_groups},
              {"entries", entries}};
    if (!test.error.empty()) item["error"] = test.error;
    tests.push_back(std::move(item));
  }
  doc["tests"] = tests;
  doc["summary"] =
      Json{{"missing", report.summary.missing},       {"changed", report.summary.changed},
           {"extraneous", report.summary.extraneous}, {"unmanaged", report.summary.unmanaged},
           {"conflict", report.summary.conflict},     {"unreadable", report.summary.unreadable}};
  out << doc.dump(2, ' ', false, Json::error_handler_t::replace) << '\n';
}

}  // namespace loadero_sync
