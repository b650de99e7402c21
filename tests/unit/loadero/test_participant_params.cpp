#include <doctest/doctest.h>

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "loadero/participant.hpp"
#include "loadero/participant_enums.hpp"
#include "loadero/participant_values.hpp"
#include "participant_answers.hpp"

using loadero::AudioFeed;
using loadero::Browser;
using loadero::ComputeUnit;
using loadero::Location;
using loadero::MediaType;
using loadero::Network;
using loadero::ParticipantFilterKey;
using loadero::ParticipantParams;
using loadero::VideoFeed;
using loadero_test::participant_object;

namespace {

// Each enumerator of `table` spells its text both ways, and the table covers the API list in its
// order (so no listed value lacks an enumerator).
template <class E, std::size_t N>
void check_round_trips(const std::vector<std::pair<E, std::string_view>>& table,
                       const std::array<std::string_view, N>& listed,
                       std::optional<E> (*parse)(std::string_view) noexcept) {
  REQUIRE(table.size() == N);
  for (std::size_t i = 0; i < N; ++i) {
    const auto& [value, text] = table[i];
    CAPTURE(text);
    CHECK(listed[i] == text);
    CHECK(loadero::to_string(value) == text);
    CHECK(parse(text) == value);
  }
  CHECK(parse("") == std::nullopt);
  CHECK(parse("not-a-listed-value") == std::nullopt);
}

}  // namespace

TEST_CASE("every ComputeUnit value reads from and writes to its API spelling") {
  const std::vector<std::pair<ComputeUnit, std::string_view>> table = {
      {ComputeUnit::g0_5, "g0.5"}, {ComputeUnit::g1, "g1"}, {ComputeUnit::g2, "g2"},
      {ComputeUnit::g4, "g4"},     {ComputeUnit::g6, "g6"}, {ComputeUnit::g8, "g8"},
      {ComputeUnit::g12, "g12"},
  };
  check_round_trips(table, loadero::participant_values::compute_units, loadero::parse_compute_unit);
}

TEST_CASE("every Browser value reads from and writes to its API spelling") {
  const std::vector<std::pair<Browser, std::string_view>> table = {
      {Browser::chrome_latest, "chromeLatest"},
      {Browser::firefox_latest, "firefoxLatest"},
  };
  check_round_trips(table, loadero::participant_values::browsers, loadero::parse_browser);
}

TEST_CASE("every Location value reads from and writes to its API spelling") {
  const std::vector<std::pair<Location, std::string_view>> table = {
      {Location::ap_east_1, "ap-east-1"},           {Location::ap_northeast_1, "ap-northeast-1"},
      {Location::ap_northeast_2, "ap-northeast-2"}, {Location::ap_southeast_2, "ap-southeast-2"},
      {Location::ap_south_1, "ap-south-1"},         {Location::eu_central_1, "eu-central-1"},
      {Location::eu_west_1, "eu-west-1"},           {Location::eu_west_3, "eu-west-3"},
      {Location::sa_east_1, "sa-east-1"},           {Location::us_east_1, "us-east-1"},
      {Location::us_east_2, "us-east-2"},           {Location::us_west_2, "us-west-2"},
  };
  check_round_trips(table, loadero::participant_values::locations, loadero::parse_location);
}

TEST_CASE("every Network value reads from and writes to its API spelling") {
  const std::vector<std::pair<Network, std::string_view>> table = {
      {Network::n_100packet, "100packet"},
      {Network::n_10packet, "10packet"},
      {Network::n_20packet, "20packet"},
      {Network::n_3g, "3g"},
      {Network::n_4g, "4g"},
      {Network::n_50packet, "50packet"},
      {Network::n_5packet, "5packet"},
      {Network::asymmetric, "asymmetric"},
      {Network::n_default, "default"},
      {Network::edge, "edge"},
      {Network::gprs, "gprs"},
      {Network::hsdpa, "hsdpa"},
      {Network::jitter, "jitter"},
      {Network::latency, "latency"},
      {Network::satellite, "satellite"},
  };
  check_round_trips(table, loadero::participant_values::networks, loadero::parse_network);
}

TEST_CASE("every AudioFeed value reads from and writes to its API spelling") {
  const std::vector<std::pair<AudioFeed, std::string_view>> table = {
      {AudioFeed::af_128kbps, "128kbps"}, {AudioFeed::af_default, "default"},
      {AudioFeed::dtmf, "dtmf"},          {AudioFeed::af_neg_20db, "-20db"},
      {AudioFeed::af_neg_30db, "-30db"},  {AudioFeed::af_neg_50db, "-50db"},
      {AudioFeed::silence, "silence"},    {AudioFeed::visqol_speech, "visqol-speech"},
  };
  check_round_trips(table, loadero::participant_values::audio_feeds, loadero::parse_audio_feed);
}

TEST_CASE("every VideoFeed value reads from and writes to its API spelling") {
  const std::vector<std::pair<VideoFeed, std::string_view>> table = {
      {VideoFeed::vf_1080p, "1080p"},
      {VideoFeed::vf_1080p_15fps, "1080p-15fps"},
      {VideoFeed::vf_1080p_30fps, "1080p-30fps"},
      {VideoFeed::vf_1080p_5fps, "1080p-5fps"},
      {VideoFeed::vf_1080p_marked_center, "1080p-marked-center"},
      {VideoFeed::vf_1080p_marked_top_left, "1080p-marked-top-left"},
      {VideoFeed::vf_1080p_meeting, "1080p-meeting"},
      {VideoFeed::vf_1080p_meeting_clean, "1080p-meeting-clean"},
      {VideoFeed::vf_240p, "240p"},
      {VideoFeed::vf_240p_15fps, "240p-15fps"},
      {VideoFeed::vf_240p_30fps, "240p-30fps"},
      {VideoFeed::vf_240p_5fps, "240p-5fps"},
      {VideoFeed::vf_240p_marked_top_left, "240p-marked-top-left"},
      {VideoFeed::vf_240p_meeting, "240p-meeting"},
      {VideoFeed::vf_360p, "360p"},
      {VideoFeed::vf_360p_15fps, "360p-15fps"},
      {VideoFeed::vf_360p_30fps, "360p-30fps"},
      {VideoFeed::vf_360p_5fps, "360p-5fps"},
      {VideoFeed::vf_360p_marked_top_left, "360p-marked-top-left"},
      {VideoFeed::vf_360p_meeting, "360p-meeting"},
      {VideoFeed::vf_480p, "480p"},
      {VideoFeed::vf_480p_15fps, "480p-15fps"},
      {VideoFeed::vf_480p_30fps, "480p-30fps"},
      {VideoFeed::vf_480p_5fps, "480p-5fps"},
      {VideoFeed::vf_480p_marked_top_left, "480p-marked-top-left"},
      {VideoFeed::vf_480p_meeting, "480p-meeting"},
      {VideoFeed::vf_720p, "720p"},
      {VideoFeed::vf_720p_15fps, "720p-15fps"},
      {VideoFeed::vf_720p_30fps, "720p-30fps"},
      {VideoFeed::vf_720p_5fps, "720p-5fps"},
      {VideoFeed::vf_720p_marked, "720p-marked"},
      {VideoFeed::vf_720p_marked_top_left, "720p-marked-top-left"},
      {VideoFeed::vf_720p_meeting, "720p-meeting"},
      {VideoFeed::vf_default, "default"},
  };
  check_round_trips(table, loadero::participant_values::video_feeds, loadero::parse_video_feed);
}

TEST_CASE("settings are matched exactly: another case or spelling is not a listed value") {
  CHECK(loadero::parse_browser("ChromeLatest") == std::nullopt);
  CHECK(loadero::parse_compute_unit("G2") == std::nullopt);
  CHECK(loadero::parse_location("eu-central-1 ") == std::nullopt);
  CHECK(loadero::to_string(static_cast<Browser>(9)).empty());
}

TEST_CASE("typed setters store the API spelling and known_* getters read it back") {
  ParticipantParams params;
  params.with_compute_unit(ComputeUnit::g0_5)
      .with_browser(Browser::chrome_latest)
      .with_location(Location::ap_northeast_2)
      .with_network(Network::n_3g)
      .with_audio_feed(AudioFeed::af_neg_20db)
      .with_video_feed(VideoFeed::vf_720p_marked_top_left)
      .with_media_type(MediaType("audio-video"));
  CHECK(params.compute_unit() == "g0.5");
  CHECK(params.browser() == "chromeLatest");
  CHECK(params.location() == "ap-northeast-2");
  CHECK(params.network() == "3g");
  CHECK(params.audio_feed() == "-20db");
  CHECK(params.video_feed() == "720p-marked-top-left");
  CHECK(params.media_type() == "audio-video");
  CHECK(params.known_compute_unit() == ComputeUnit::g0_5);
  CHECK(params.known_browser() == Browser::chrome_latest);
  CHECK(params.known_location() == Location::ap_northeast_2);
  CHECK(params.known_network() == Network::n_3g);
  CHECK(params.known_audio_feed() == AudioFeed::af_neg_20db);
  CHECK(params.known_video_feed() == VideoFeed::vf_720p_marked_top_left);
  CHECK(params.to_body().dump() ==
        R"({"audio_feed":"-20db","browser":"chromeLatest","compute_unit":"g0.5",)"
        R"("location":"ap-northeast-2","media_type":"audio-video","network":"3g",)"
        R"("video_feed":"720p-marked-top-left"})");
  // The text setters and the typed ones build the same params.
  ParticipantParams by_text;
  by_text.with_compute_unit("g0.5")
      .with_browser("chromeLatest")
      .with_location("ap-northeast-2")
      .with_network("3g")
      .with_audio_feed("-20db")
      .with_video_feed("720p-marked-top-left")
      .with_media_type("audio-video");
  CHECK(by_text == params);
}

TEST_CASE("unset settings read as no known value") {
  const ParticipantParams params;
  CHECK(params.known_compute_unit() == std::nullopt);
  CHECK(params.known_browser() == std::nullopt);
  CHECK(params.known_location() == std::nullopt);
  CHECK(params.known_network() == std::nullopt);
  CHECK(params.known_audio_feed() == std::nullopt);
  CHECK(params.known_video_feed() == std::nullopt);
  CHECK(params.media_type() == std::nullopt);
  CHECK(params.to_body() == nlohmann::json::object());
}

TEST_CASE("a setting the lists do not know is kept from the answer and written back unchanged") {
  auto answer = participant_object(94633, "versioned");
  answer["browser"] = "chrome120";
  answer["location"] = "me-central-1";
  answer["compute_unit"] = "g16";
  answer["network"] = "5g";
  answer["audio_feed"] = "podcast";
  answer["video_feed"] = "4k";
  const auto params = ParticipantParams::from_json(answer);
  CHECK(params.browser() == "chrome120");
  CHECK(params.known_browser() == std::nullopt);
  CHECK(params.location() == "me-central-1");
  CHECK(params.known_location() == std::nullopt);
  CHECK(params.known_compute_unit() == std::nullopt);
  CHECK(params.known_network() == std::nullopt);
  CHECK(params.known_audio_feed() == std::nullopt);
  CHECK(params.known_video_feed() == std::nullopt);
  CHECK(params.to_body() == nlohmann::json::parse(R"({"name": "versioned", "count": 1,
      "compute_unit": "g16", "group_id": 48797, "record_audio": false, "audio_feed": "podcast",
      "browser": "chrome120", "location": "me-central-1", "network": "5g", "video_feed": "4k"})"));
}

TEST_CASE("media_type is read from an answer, kept as any text and written to the body") {
  auto answer = participant_object(94633, "with media");
  answer["media_type"] = "custom";
  const auto params = ParticipantParams::from_json(answer);
  CHECK(params.media_type() == "custom");
  CHECK(params.to_body()["media_type"] == "custom");
  CHECK(params.to_json()["media_type"] == "custom");
  CHECK(ParticipantParams::from_json(params.to_json()) == params);
  CHECK_FALSE(ParticipantParams::from_json(participant_object(1, "none")).media_type().has_value());
  CHECK_THROWS_WITH_AS(
      ParticipantParams::from_json(nlohmann::json::parse(R"({"id": 1, "media_type": 3})")),
      "participant field 'media_type' is not a string", std::invalid_argument);
  const MediaType media_type("audio-only");
  CHECK(media_type.value() == "audio-only");
  CHECK(loadero::to_string(media_type) == "audio-only");
  CHECK(media_type == MediaType("audio-only"));
}

TEST_CASE("participants can be filtered by media type") {
  CHECK(loadero::to_string(ParticipantFilterKey::MEDIA_TYPE) == "filter_media_type");
  loadero::QueryParams query;
  query.filter(ParticipantFilterKey::MEDIA_TYPE, "audio-video");
  CHECK(query.to_query_string() == "filter_media_type=audio-video");
}
