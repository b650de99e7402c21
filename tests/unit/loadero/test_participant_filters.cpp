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
