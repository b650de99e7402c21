#include "loadero/participant.hpp"

#include <utility>

#include "json_fields.hpp"
#include "pagination_detail.hpp"

namespace loadero {

namespace {

constexpr std::string_view what_participant = "participant";

ParticipantParams parse_participant(const nlohmann::json& json) {
  return ParticipantParams::from_json(json);
}

// A participant of this test (and group, at group scope); `participant_id` when one was asked for.
detail::Identity participant_in(std::int64_t test_id, std::optional<std::int64_t> group_id,
                                std::optional<std::int64_t> participant_id = {}) {
  detail::Identity identity{what_participant, participant_id, {{"test_id", test_id}}};
  if (group_id) identity.parents.emplace_back("group_id", *group_id);
  return identity;
}

template <class T>
void put_if_set(nlohmann::json& json, const char* key, const std::optional<T>& value) {
  if (value) json[key] = *value;
}

}  // namespace

std::string_view to_string(ParticipantFilterKey key) noexcept {
  switch (key) {
    case ParticipantFilterKey::NAME:
      return "filter_name";
    case ParticipantFilterKey::COUNT_FROM:
      return "filter_count_from";
    case ParticipantFilterKey::COUNT_TO:
      return "filter_count_to";
    case ParticipantFilterKey::COMPUTE_UNIT:
      return "filter_compute_unit";
    case ParticipantFilterKey::HAS_GROUP:
      return "filter_has_group";
    case ParticipantFilterKey::RECORD_AUDIO:
      return "filter_record_audio";
    case ParticipantFilterKey::BROWSER:
      return "filter_browser";
    case ParticipantFilterKey::NETWORK:
      return "filter_network";
    case ParticipantFilterKey::LOCATION:
      return "filter_location";
    case ParticipantFilterKey::VIDEO_FEED:
      return "filter_video_feed";
    case ParticipantFilterKey::AUDIO_FEED:
      return "filter_audio_feed";
  }
  return "filter_name";
}

ParticipantParams& ParticipantParams::with_id(std::int64_t participant_id) {
  m_participant_id = participant_id;
  return *this;
}
ParticipantParams& ParticipantParams::in_test(std::int64_t test_id) {
  m_test_id = test_id;
  return *this;
}
ParticipantParams& ParticipantParams::in_group(std::int64_t group_id) {
  m_group_id = group_id;
  return *this;
}
ParticipantParams& ParticipantParams::with_name(std::string name) {
  m_name = std::move(name);
  return *this;
}
ParticipantParams& ParticipantParams::with_count(std::int64_t count) {
  m_count = count;
  return *this;
}
ParticipantParams& ParticipantParams::with_compute_unit(std::string compute_unit) {
  m_compute_unit = std::move(compute_unit);
  return *this;
}
ParticipantParams& ParticipantParams::with_record_audio(bool record_audio) {
  m_record_audio = record_audio;
  return *this;
}
ParticipantParams& ParticipantParams::with_audio_feed(std::string audio_feed) {
  m_audio_feed = std::move(audio_feed);
  return *this;
}
ParticipantParams& ParticipantParams::with_browser(std::string browser) {
  m_browser = std::move(browser);
  return *this;
}
ParticipantParams& ParticipantParams::with_location(std::string location) {
  m_location = std::move(location);
  return *this;
}
ParticipantParams& ParticipantParams::with_network(std::string network) {
  m_network = std::move(network);
  return *this;
}
ParticipantParams& ParticipantParams::with_video_feed(std::string video_feed) {
  m_video_feed = std::move(video_feed);
  return *this;
}

ParticipantParams ParticipantParams::from_json(const nlohmann::json& json) {
  detail::require_object(json, what_participant);
  ParticipantParams params;
  params.m_participant_id = detail::read_int(json, "id", what_participant);
  params.m_test_id = detail::read_int(json, "test_id", what_participant);
  params.m_group_id = detail::read_int(json, "group_id", what_participant);
  params.m_name = detail::read_string(json, "name", what_participant);
  params.m_count = detail::read_int(json, "count", what_participant);
  params.m_compute_unit = detail::read_string(json, "compute_unit", what_participant);
  params.m_record_audio = detail::read_bool(json, "record_audio", what_participant);
  params.m_audio_feed = detail::read_string(json, "audio_feed", what_participant);
  params.m_browser = detail::read_string(json, "browser", what_participant);
  params.m_location = detail::read_string(json, "location", what_participant);
  params.m_network = detail::read_string(json, "network", what_participant);
  params.m_video_feed = detail::read_string(json, "video_feed", what_participant);
  params.m_profile_id = detail::read_int(json, "profile_id", what_participant);
  params.m_created = detail::read_timestamp(json, "created", what_participant);
  params.m_updated = detail::read_timestamp(json, "updated", what_participant);
  return params;
}

nlohmann::json ParticipantParams::to_json() const {
  nlohmann::json json = nlohmann::json::object();
  put_if_set(json, "id", m_participant_id);
  put_if_set(json, "test_id", m_test_id);
  put_if_set(json, "profile_id", m_profile_id);
  json.update(to_body());
  if (m_created) json["created"] = format_timestamp(*m_created);
  if (m_updated) json["updated"] = format_timestamp(*m_updated);
  return json;
}

nlohmann::json ParticipantParams::to_body() const {
  nlohmann::json body = nlohmann::json::object();
  put_if_set(body, "name", m_name);
  put_if_set(body, "count", m_count);
  put_if_set(body, "compute_unit", m_compute_unit);
  put_if_set(body, "group_id", m_group_id);
  put_if_set(body, "record_audio", m_record_audio);
  put_if_set(body, "audio_feed", m_audio_feed);
  put_if_set(body, "browser", m_browser);
  put_if_set(body, "location", m_location);
  put_if_set(body, "network", m_network);
  put_if_set(body, "video_feed", m_video_feed);
  return body;
}

std::string ParticipantAPI::route(std::int64_t test_id, std::optional<std::int64_t> group_id,
                                  std::optional<std::int64_t> participant_id) const {
  std::string route = m_client->project_route() + "tests/" + std::to_string(test_id) + "/";
  if (group_id) route += "groups/" + std::to_string(*group_id) + "/";
  route += "participants/";
  if (participant_id) route += std::to_string(*participant_id) + "/";
  return route;
}

PagedResponse<ParticipantParams> ParticipantAPI::read_all(std::int64_t test_id,
                                                          std::optional<std::int64_t> group_id,
                                                          const QueryParams& query) {
  const std::string target = route(test_id, group_id);
  return detail::parse_paged<ParticipantParams>(m_client->get(target, query), parse_participant,
                                                participant_in(test_id, group_id), target);
}

std::vector<ParticipantParams> ParticipantAPI::read_all_pages(
    std::int64_t test_id, std::optional<std::int64_t> group_id, QueryParams query,
    std::optional<std::int64_t> page_size) {
  return detail::read_all_pages_as<ParticipantParams>(
      *m_client, route(test_id, group_id), std::move(query), page_size, parse_participant,
      participant_in(test_id, group_id));
}

ParticipantParams ParticipantAPI::read(std::int64_t test_id, std::int64_t participant_id,
                                       std::optional<std::int64_t> group_id) {
  const std::string target = route(test_id, group_id, participant_id);
  return detail::parse_resource<ParticipantParams>(
      m_client->get(target), parse_participant, participant_in(test_id, group_id, participant_id),
      "GET", target);
}

}  // namespace loadero
