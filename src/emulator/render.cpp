#include "render.hpp"

#include <cmath>
#include <cstdint>

namespace loadero_emulator::detail {
namespace {

using nlohmann::ordered_json;

void put_nonzero(ordered_json& object, const char* key, std::int64_t value) {
  if (value != 0) object[key] = value;
}

}  // namespace

ordered_json render_project(const Project& project) {
  ordered_json out;
  out["id"] = project.id;
  out["name"] = project.name;
  out["created"] = format_timestamp(project.created);
  out["updated"] = format_timestamp(project.updated);
  return out;
}

ordered_json render_test(const State& state, const Test& test) {
  const auto totals = test_totals(state, test.id);
  ordered_json out;
  out["id"] = test.id;
  out["project_id"] = test.project_id;
  out["name"] = test.name;
  out["start_interval"] = test.start_interval;
  out["participant_timeout"] = test.participant_timeout;
  out["mode"] = test.mode;
  out["increment_strategy"] = test.increment_strategy;
  out["mos_test"] = test.mos_test;
  put_nonzero(out, "group_count", totals.group_count);
  put_nonzero(out, "participant_count", totals.participant_count);
  out["created"] = format_timestamp(test.created);
  out["updated"] = format_timestamp(test.updated);
  return out;
}

ordered_json render_group(const Group& group, const GroupTotals& totals) {
  ordered_json out;
  out["id"] = group.id;
  out["test_id"] = group.test_id;
  out["name"] = group.name;
  out["count"] = group.count;
  put_nonzero(out, "participant_count", totals.participant_count);
  // Whole numbers as integers; a group of g0.5 participants may use half a unit more.
  const double units = totals.total_cu_count;
  if (units != 0 && std::trunc(units) == units) {
    out["total_cu_count"] = static_cast<std::int64_t>(units);
  } else if (units != 0) {
    out["total_cu_count"] = units;
  }
  out["created"] = format_timestamp(group.created);
  out["updated"] = format_timestamp(group.updated);
  return out;
}

ordered_json render_participant(const Participant& p) {
  ordered_json out;
  out["id"] = p.id;
  out["test_id"] = p.test_id;
  if (p.group_id != 0) out["group_id"] = p.group_id;
  out["name"] = p.name;
  out["count"] = p.count;
  out["compute_unit"] = p.compute_unit;
  out["browser"] = p.browser;
  out["location"] = p.location;
  out["network"] = p.network;
  out["audio_feed"] = p.audio_feed;
  out["video_feed"] = p.video_feed;
  if (!p.media_type.empty()) out["media_type"] = p.media_type;
  out["record_audio"] = p.record_audio;
  out["created"] = format_timestamp(p.created);
  out["updated"] = format_timestamp(p.updated);
  return out;
}

}  // namespace loadero_emulator::detail
