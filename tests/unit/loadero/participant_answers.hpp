#pragma once
// Participant answers shaped like the API's, for the participant tests.

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "recording_server.hpp"

namespace loadero_test {

/// The participants of test 6866 in project 5040, and those of its group 48797.
inline const std::string participants_route = "projects/5040/tests/6866/participants/";
inline const std::string group_participants_route =
    "projects/5040/tests/6866/groups/48797/participants/";

/// One participant of test 6866 as the API answers it (the shape of the Java client's
/// body-projects-5040-tests-6866-participants-94633 fixture), in group `group_id` when given.
inline nlohmann::json participant_object(std::int64_t id, const std::string& name,
                                         std::int64_t count = 1,
                                         std::optional<std::int64_t> group_id = 48797) {
  nlohmann::json participant = {{"id", id},
                                {"test_id", 6866},
                                {"name", name},
                                {"count", count},
                                {"compute_unit", "g2"},
                                {"record_audio", false},
                                {"audio_feed", "default"},
                                {"browser", "chromeLatest"},
                                {"location", "eu-central-1"},
                                {"network", "default"},
                                {"video_feed", "default"},
                                {"profile_id", 31},
                                {"created", "2021-02-02T12:00:25Z"},
                                {"updated", "2021-04-08T12:05:12Z"}};
  if (group_id) participant["group_id"] = *group_id;
  return participant;
}

/// participant_object as answer text.
inline std::string participant_answer(std::int64_t id, const std::string& name,
                                      std::int64_t count = 1,
                                      std::optional<std::int64_t> group_id = 48797) {
  return participant_object(id, name, count, group_id).dump();
}

/// A 204 with no body, as the API answers a DELETE.
inline CannedResponse no_content_response() {
  CannedResponse no_content;
  no_content.status = 204;
  no_content.body = "";
  no_content.content_type = "";
  return no_content;
}

}  // namespace loadero_test
