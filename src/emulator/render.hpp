#pragma once
// The JSON of each resource, as the real API answers it. Zero-valued read-only fields (derived
// counts) are left out, like the real API does.

#include <nlohmann/json.hpp>

#include "state.hpp"

namespace loadero_emulator::detail {

/// Returns a project: id, name, created, updated. The token is never rendered.
nlohmann::ordered_json render_project(const Project& project);

/// Returns a test with its derived group_count and participant_count (test_totals over `state`);
/// the script is write-only and never rendered.
nlohmann::ordered_json render_test(const State& state, const Test& test);

/// Returns a group with the derived participant_count and total_cu_count of `totals`.
nlohmann::ordered_json render_group(const Group& group, const GroupTotals& totals);

/// Returns a participant: id, test_id, group_id (only when it is in a group), name, count,
/// compute_unit, browser, location, network, audio_feed, video_feed, media_type (only when it has
/// one), record_audio, created, updated.
nlohmann::ordered_json render_participant(const Participant& participant);

}  // namespace loadero_emulator::detail
