#include <doctest/doctest.h>

#include <string>

#include "client_fixture.hpp"
#include "loadero/api_error.hpp"
#include "loadero/participant.hpp"
#include "loadero/participant_filters.hpp"
#include "participant_answers.hpp"

using loadero::Browser;
using loadero::ParticipantAPI;
using loadero::ParticipantFilterKey;
using loadero::ParticipantFilters;
using loadero::QueryParams;
using loadero_test::group_participants_route;
using loadero_test::json_response;
using loadero_test::make_client;
using loadero_test::participant_object;
using loadero_test::participants_route;
using loadero_test::RecordingServer;

namespace {

// A one-item list answer with the given filter echo.
std::string list_answer(const nlohmann::json& filter) {
  return nlohmann::json{
      {"filter", filter},
      {"pagination",
       {{"limit", 0}, {"offset", 0}, {"page", 1}, {"total_pages", 1}, {"total_items", 1}}},
      {"results", {participant_object(94633, "participant")}}}
      .dump();
}

QueryParams browsers_query() {
  QueryParams query;
  query.filter(ParticipantFilterKey::BROWSER, loadero::to_string(Browser::chrome_latest))
      .filter(ParticipantFilterKey::BROWSER, loadero::to_string(Browser::firefox_latest));
  return query;
}

}  // namespace

TEST_CASE("the real API's filter echo under profile reads as setting -> values") {
  RecordingServer server;
  server.respond("GET", participants_route,
                 json_response(200, list_answer(nlohmann::json::parse(
                                        R"({"profile": {"browser": ["chromeLatest",
                                        "firefoxLatest"]}})"))));
  auto client = make_client(server.base_url());
  const auto page = ParticipantAPI(*client).read_all(6866, std::nullopt, browsers_query());
  CHECK(server.requests().at(0).query ==
        "filter_browser=chromeLatest&filter_browser=firefoxLatest");
  CHECK(loadero::participant_filters(page) ==
        ParticipantFilters{{"browser", {"chromeLatest", "firefoxLatest"}}});
}

TEST_CASE("the emulator's flat filter echo reads the same as the real API's") {
  RecordingServer server;
  server.respond("GET", group_participants_route,
                 json_response(200, list_answer(nlohmann::json::parse(
                                        R"({"browser": ["chromeLatest", "firefoxLatest"]})"))));
  auto client = make_client(server.base_url());
  const auto page = ParticipantAPI(*client).read_all(6866, 48797, browsers_query());
  CHECK(server.requests().at(0).route == group_participants_route);
  CHECK(loadero::participant_filters(page) ==
        ParticipantFilters{{"browser", {"chromeLatest", "firefoxLatest"}}});
}

TEST_CASE("an empty filter echo reads as no filters") {
  CHECK(loadero::participant_filters(nlohmann::json::object()).empty());
  CHECK(loadero::participant_filters(nlohmann::json::parse(R"({"profile": {}})")).empty());
}

TEST_CASE("single values, numbers, booleans and query-style keys are normalised") {
  const auto filters = loadero::participant_filters(nlohmann::json::parse(
      R"({"profile": {"media_type": "audio-video", "record_audio": [true]},
          "filter_count_from": 2, "name": "caller", "location": null})"));
  CHECK(filters == ParticipantFilters{{"count_from", {"2"}},
                                      {"location", {}},
                                      {"media_type", {"audio-video"}},
                                      {"name", {"caller"}},
                                      {"record_audio", {"true"}}});
}

TEST_CASE("a filter echo with the same setting in both shapes joins the values") {
  CHECK(loadero::participant_filters(nlohmann::json::parse(
            R"({"profile": {"browser": ["chromeLatest"]}, "browser": ["firefoxLatest"]})")) ==
        ParticipantFilters{{"browser", {"chromeLatest", "firefoxLatest"}}});
}

TEST_CASE("a filter echo of an unexpected shape is refused with the key") {
  CHECK_THROWS_WITH_AS(loadero::participant_filters(nlohmann::json::array()),
                       "participant filter echo is not a JSON object", std::invalid_argument);
  CHECK_THROWS_WITH_AS(loadero::participant_filters(nlohmann::json::parse(R"({"profile": [1]})")),
                       "participant filter echo 'profile' is not a JSON object",
                       std::invalid_argument);
  CHECK_THROWS_WITH_AS(
      loadero::participant_filters(nlohmann::json::parse(R"({"browser": {"x": 1}})")),
      "participant filter echo 'browser' is not a value or a list of values",
      std::invalid_argument);
  CHECK_THROWS_WITH_AS(
      loadero::participant_filters(nlohmann::json::parse(R"({"profile": {"network": [["3g"]]}})")),
      "participant filter echo 'network' is not a value or a list of values",
      std::invalid_argument);
}

TEST_CASE("every participant filter key reaches the list request, in every page read") {
  RecordingServer server;
  server.respond("GET", participants_route,
                 json_response(200, list_answer(nlohmann::json::object())));
  auto client = make_client(server.base_url());
  QueryParams query;
  query.filter(ParticipantFilterKey::NAME, "caller")
      .filter(ParticipantFilterKey::COUNT_FROM, 1)
      .filter(ParticipantFilterKey::COUNT_TO, 5)
      .filter(ParticipantFilterKey::COMPUTE_UNIT, loadero::to_string(loadero::ComputeUnit::g2))
      .filter(ParticipantFilterKey::HAS_GROUP, true)
      .filter(ParticipantFilterKey::RECORD_AUDIO, false)
      .filter(ParticipantFilterKey::BROWSER, loadero::to_string(Browser::chrome_latest))
      .filter(ParticipantFilterKey::NETWORK, loadero::to_string(loadero::Network::n_4g))
      .filter(ParticipantFilterKey::LOCATION, loadero::to_string(loadero::Location::us_west_2))
      .filter(ParticipantFilterKey::VIDEO_FEED, loadero::to_string(loadero::VideoFeed::vf_720p))
      .filter(ParticipantFilterKey::AUDIO_FEED, loadero::to_string(loadero::AudioFeed::dtmf))
      .filter(ParticipantFilterKey::MEDIA_TYPE, "audio-video");
  const std::string expected =
      "filter_name=caller&filter_count_from=1&filter_count_to=5&filter_compute_unit=g2&"
      "filter_has_group=true&filter_record_audio=false&filter_browser=chromeLatest&"
      "filter_network=4g&filter_location=us-west-2&filter_video_feed=720p&filter_audio_feed=dtmf&"
      "filter_media_type=audio-video";
  ParticipantAPI api(*client);
  CHECK(api.read_all(6866, std::nullopt, query).results.size() == 1);
  CHECK(api.read_all_pages(6866, std::nullopt, query).size() == 1);
  const auto requests = server.requests();
  REQUIRE(requests.size() == 2);
  CHECK(requests[0].query == expected);
  CHECK(requests[1].query == expected);
}
