#include "loadero/test.hpp"

#include <doctest/doctest.h>

#include "client_fixture.hpp"
#include "loadero/api_error.hpp"
#include "loadero/participant.hpp"
#include "loadero/project.hpp"

using loadero::ApiError;
using loadero::ParticipantAPI;
using loadero::ParticipantParams;
using loadero::QueryParams;
using loadero::TestAPI;
using loadero::TestFilterKey;
using loadero::TestParams;
using loadero_test::json_response;
using loadero_test::make_client;
using loadero_test::RecordingServer;

namespace {

constexpr const char* participant_json =
    R"({"id": 94633, "test_id": 6866, "group_id": 48797, "name": "participant",
    "count": 2, "compute_unit": "g1", "record_audio": true, "audio_feed": "default", "browser": "chromeLatest",
    "location": "eu-central-1", "network": "4g", "video_feed": "720p", "profile_id": 31,
    "created": "2021-02-02T12:00:25Z", "updated": "2021-04-08T12:05:12.5Z"})";

// Shape of JV body-all-tests.json entries; zero-valued fields left out.
constexpr const char* test_json =
    R"({"id": 6866, "project_id": 5040, "name": "Smoke", "start_interval": 5,
    "participant_timeout": 600, "mode": "load", "increment_strategy": "linear", "script_file_id": 9001,
    "group_count": 6, "participant_count": 31, "created": "2021-02-02T12:00:25Z", "updated": "2021-04-08T12:05:12Z"})";

}  // namespace

TEST_CASE("a participant answer parses every field of the reference") {
  const auto participant = ParticipantParams::from_json(nlohmann::json::parse(participant_json));
  CHECK(participant.participant_id() == 94633);
  CHECK(participant.test_id() == 6866);
  CHECK(participant.group_id() == 48797);
  CHECK(participant.name() == "participant");
  CHECK(participant.count() == 2);
  CHECK(participant.compute_unit() == "g1");
  CHECK(participant.record_audio() == true);
  CHECK(participant.audio_feed() == "default");
  CHECK(participant.browser() == "chromeLatest");
  CHECK(participant.location() == "eu-central-1");
  CHECK(participant.network() == "4g");
  CHECK(participant.video_feed() == "720p");
  CHECK(participant.profile_id() == 31);
  CHECK(participant.updated() == loadero::parse_timestamp("2021-04-08T12:05:12.500Z"));
  auto expected = nlohmann::json::parse(participant_json);
  expected["updated"] = "2021-04-08T12:05:12.500Z";
  CHECK(participant.to_json() == expected);
}

TEST_CASE("the participant body holds the writable fields only") {
  ParticipantParams params;
  params.with_id(1)
      .in_test(2)
      .in_group(3)
      .with_name("p")
      .with_count(4)
      .with_compute_unit("g2")
      .with_record_audio(false)
      .with_audio_feed("silence")
      .with_browser("firefoxLatest")
      .with_location("us-west-2")
      .with_network("default")
      .with_video_feed("default");
  CHECK(params.to_body() ==
        nlohmann::json::parse(R"({"name": "p", "count": 4, "compute_unit": "g2", "group_id": 3,
      "record_audio": false, "audio_feed": "silence", "browser": "firefoxLatest", "location": "us-west-2",
      "network": "default", "video_feed": "default"})"));
}

TEST_CASE("participant routes cover test and group scope") {
  RecordingServer server;
  auto client = make_client(server.base_url());
  ParticipantAPI api(*client);
  CHECK(api.route(6866) == "projects/5040/tests/6866/participants/");
  CHECK(api.route(6866, 48797) == "projects/5040/tests/6866/groups/48797/participants/");
  CHECK(api.route(6866, std::nullopt, 94633) == "projects/5040/tests/6866/participants/94633/");
  CHECK(api.route(6866, 48797, 94633) ==
        "projects/5040/tests/6866/groups/48797/participants/94633/");
}

TEST_CASE("participants of a test are listed with repeated filter values") {
  RecordingServer server;
  server.respond(
      "GET", "projects/5040/tests/6866/participants/",
      json_response(
          200,
          std::string(R"({"filter": {"profile": {"browser": ["chromeLatest", "firefoxLatest"]}},
                   "pagination": {"limit": 0, "offset": 0, "page": 1, "total_pages": 1, "total_items": 1},
                   "results": [)") +
              participant_json + "]}"));
  auto client = make_client(server.base_url());
  QueryParams query;
  query.filter(loadero::ParticipantFilterKey::BROWSER, "chromeLatest")
      .filter(loadero::ParticipantFilterKey::BROWSER, "firefoxLatest");
  const auto page = ParticipantAPI(*client).read_all(6866, std::nullopt, query);
  CHECK(server.requests().at(0).query ==
        "filter_browser=chromeLatest&filter_browser=firefoxLatest");
  REQUIRE(page.results.size() == 1);
  CHECK(page.pagination.total_items == 1);
  CHECK(page.filter["profile"]["browser"].size() == 2);
}

TEST_CASE("a participant is read by id, in test or group scope") {
  RecordingServer server;
  server.respond("GET", "projects/5040/tests/6866/participants/94633/",
                 json_response(200, participant_json));
  server.respond("GET", "projects/5040/tests/6866/groups/48797/participants/94633/",
                 json_response(200, participant_json));
  auto client = make_client(server.base_url());
  ParticipantAPI api(*client);
  CHECK(api.read(6866, 94633).name() == "participant");
  CHECK(api.read(6866, 94633, 48797).browser() == "chromeLatest");
  CHECK(server.request_count() == 2);
}

TEST_CASE("every participant page of a group is read") {
  RecordingServer server;
  server.set_fallback([](const loadero_test::RecordedRequest& request) {
    auto item = nlohmann::json::parse(participant_json);
    if (request.query == "limit=1&offset=0") {
      item["id"] = 1;
      return json_response(
          200,
          nlohmann::json{
              {"results", {item}},
              {"pagination",
               {{"limit", 1}, {"offset", 0}, {"page", 1}, {"total_pages", 2}, {"total_items", 2}}}}
              .dump());
    }
    item["id"] = 2;
    return json_response(
        200,
        nlohmann::json{
            {"results", {item}},
            {"pagination",
             {{"limit", 1}, {"offset", 1}, {"page", 2}, {"total_pages", 2}, {"total_items", 2}}}}
            .dump());
  });
  auto client = make_client(server.base_url());
  const auto participants = ParticipantAPI(*client).read_all_pages(6866, 48797, {}, 1);
  REQUIRE(participants.size() == 2);
  CHECK(participants[1].participant_id() == 2);
  CHECK(server.requests().at(0).route == "projects/5040/tests/6866/groups/48797/participants/");
}

TEST_CASE("a test answer parses every field of the reference and missing counts read as 0") {
  const auto test = TestParams::from_json(nlohmann::json::parse(test_json));
  CHECK(test.test_id() == 6866);
  CHECK(test.project_id() == 5040);
  CHECK(test.name() == "Smoke");
  CHECK(test.start_interval() == 5);
  CHECK(test.participant_timeout() == 600);
  CHECK(test.mode() == "load");
  CHECK(test.increment_strategy() == "linear");
  CHECK_FALSE(test.mos_test().has_value());
  CHECK(test.script_file_id() == 9001);
  CHECK(test.group_count() == 6);
  CHECK(test.participant_count() == 31);
  CHECK_FALSE(test.deleted());
  const auto empty = TestParams::from_json(nlohmann::json::parse(R"({"id": 1, "name": "x"})"));
  CHECK(empty.group_count() == 0);
  CHECK(empty.participant_count() == 0);
}

TEST_CASE("the test body holds the writable fields only") {
  TestParams params;
  params.with_id(1)
      .with_name("t")
      .with_start_interval(1)
      .with_participant_timeout(60)
      .with_mode("performance")
      .with_increment_strategy("random")
      .with_mos_test(true)
      .with_script("client => {}");
  CHECK(params.to_body() ==
        nlohmann::json::parse(R"({"name": "t", "start_interval": 1, "participant_timeout": 60,
      "mode": "performance", "increment_strategy": "random", "mos_test": true, "script": "client => {}"})"));
}

TEST_CASE("tests are found by name with filter_name") {
  RecordingServer server;
  server.respond(
      "GET", "projects/5040/tests/",
      json_response(
          200, std::string(R"({"filter": {"name": "Smoke"}, "pagination": {"limit": 0, "offset": 0,
                   "page": 1, "total_pages": 1}, "results": [)") +
                   test_json + "]}"));
  auto client = make_client(server.base_url());
  const auto page = TestAPI(*client).read_all(QueryParams().filter(TestFilterKey::NAME, "Smoke"));
  CHECK(server.requests().at(0).route == "projects/5040/tests/");
  CHECK(server.requests().at(0).query == "filter_name=Smoke");
  REQUIRE(page.results.size() == 1);
  CHECK(page.results[0].test_id() == 6866);
  const auto all =
      TestAPI(*client).read_all_pages(QueryParams().filter(TestFilterKey::NAME, "Smoke"));
  CHECK(all.size() == 1);
  CHECK(server.requests().at(1).query == "filter_name=Smoke");
}

TEST_CASE("a test is read by id") {
  RecordingServer server;
  server.respond("GET", "projects/5040/tests/6866/", json_response(200, test_json));
  auto client = make_client(server.base_url());
  TestAPI api(*client);
  CHECK(api.route() == "projects/5040/tests/");
  CHECK(api.route(6866) == "projects/5040/tests/6866/");
  CHECK(api.read(6866).name() == "Smoke");
  CHECK_THROWS_WITH_AS(api.read(1),
                       "GET projects/5040/tests/1/: 404 Not Found: not found (code 404)", ApiError);
}

TEST_CASE("the project is read from its route") {
  RecordingServer server;
  server.respond("GET", "projects/5040/", json_response(200, R"({"id": 5040, "name": "Project"})"));
  auto client = make_client(server.base_url());
  CHECK(loadero::ProjectAPI(*client).read()["name"] == "Project");
  server.respond("GET", "projects/5040/", json_response(200, "[1]"));
  CHECK_THROWS_WITH_AS(loadero::ProjectAPI(*client).read(),
                       "GET projects/5040/: invalid response: project is not a JSON object",
                       ApiError);
}
