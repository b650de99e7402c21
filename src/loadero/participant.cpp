#include "loadero/participant.hpp"

#include <utility>

#include "json_fields.hpp"

namespace loadero {

namespace {

constexpr std::string_view what_participant = "participant";

// The enumerator a stored setting spells, if it is set and listed.
template <class E>
std::optional<E> known(const std::optional<std::string>& text,
                       std::optional<E> (*parse)(std::string_view) noexcept) noexcept {
  if (!text) return std::nullopt;
  return parse(*text);
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
    case ParticipantFilterKey::MEDIA_TYPE:
      return "filter_media_type";
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
ParticipantParams& ParticipantParams::with_media_type(std::string media_type) {
  m_media_type = std::move(media_type);
  return *this;
}
ParticipantParams& ParticipantParams::with_compute_unit(ComputeUnit compute_unit) {
  return with_compute_unit(std::string(to_string(compute_unit)));
}
ParticipantParams& ParticipantParams::with_audio_feed(AudioFeed audio_feed) {
  return with_audio_feed(std::string(to_string(audio_feed)));
}
ParticipantParams& ParticipantParams::with_browser(Browser browser) {
  return with_browser(std::string(to_string(browser)));
}
ParticipantParams& ParticipantParams::with_location(Location location) {
  return with_location(std::string(to_string(location)));
}
ParticipantParams& ParticipantParams::with_network(Network network) {
  return with_network(std::string(to_string(network)));
}
ParticipantParams& ParticipantParams::with_video_feed(VideoFeed video_feed) {
  return with_video_feed(std::string(to_string(video_feed)));
}
ParticipantParams& ParticipantParams::with_media_type(const MediaType& media_type) {
  return with_media_type(media_type.value());
}

std::optional<ComputeUnit> ParticipantParams::known_compute_unit() const noexcept {
  return known(m_compute_unit, parse_compute_unit);
}
std::optional<AudioFeed> ParticipantParams::known_audio_feed() const noexcept {
  return known(m_audio_feed, parse_audio_feed);
}
std::optional<Browser> ParticipantParams::known_browser() const noexcept {
  return known(m_browser, parse_browser);
}
std::optional<Location> ParticipantParams::known_location() const noexcept {
  return known(m_location, parse_location);
}
std::optional<Network> ParticipantParams::known_network() const noexcept {
  return known(m_network, parse_network);
}
std::optional<VideoFeed> ParticipantParams::known_video_feed() const noexcept {
  return known(m_video_feed, parse_video_feed);
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
  params.m_media_type = detail::read_string(json, "media_type", what_participant);
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
  put_if_set(body, "media_type", m_media_type);
  return body;
}

}  // namespace loadero
