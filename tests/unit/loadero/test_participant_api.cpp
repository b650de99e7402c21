#include <doctest/doctest.h>

#include "client_fixture.hpp"
#include "loadero/api_error.hpp"
#include "loadero/limits.hpp"
#include "loadero/participant.hpp"
#include "participant_answers.hpp"

using loadero::ApiError;
using loadero::Browser;
using loadero::ComputeUnit;
using loadero::Participant;
using loadero::ParticipantAPI;
using loadero::ParticipantParams;
using loadero::ParticipantScope;
using loadero_test::group_participants_route;
using loadero_test::json_response;
using loadero_test::make_client;
using loadero_test::no_content_response;
using loadero_test::participant_answer;
using loadero_test::participant_object;
using loadero_test::participants_route;
using loadero_test::RecordingServer;

namespace {

// A participant to write: test 6866, "Caller", count 3, firefox in us-west-2.
ParticipantParams caller() {
  ParticipantParams params;
  params.in_test(6866)
      .with_name("Caller")
      .with_count(3)
      .with_compute_unit(ComputeUnit::g1)
      .with_browser(Browser::firefox_latest)
      .with_location("us-west-2");
  return params;
}

std::string request_line(const loadero_test::RecordedRequest& request) {
  return request.method + " " + request.route;
}

}  // namespace

TEST_CASE("create posts the body to the test's participants, group_id included, at test scope") {
  RecordingServer server;
  server.respond("POST", participants_route,
                 json_response(201, participant_answer(94700, "Caller", 3)));
  auto client = make_client(server.base_url());
  const auto created = ParticipantAPI(*client).create(
      caller().in_group(48797).with_media_type(loadero::MediaType("audio-video")));
  const auto requests = server.requests();
  REQUIRE(requests.size() == 1);
  CHECK(request_line(requests[0]) == "POST projects/5040/tests/6866/participants/");
  CHECK(requests[0].body ==
        R"({"browser":"firefoxLatest","compute_unit":"g1","count":3,"group_id":48797,)"
        R"("location":"us-west-2","media_type":"audio-video","name":"Caller"})");
  CHECK(requests[0].header("Content-Type") == "application/json");
  CHECK(created.participant_id() == 94700);
  CHECK(created.group_id() == 48797);
  CHECK(created.count() == 3);
}

TEST_CASE("create at group scope posts to the group's participants without group_id") {
  RecordingServer server;
  server.respond("POST", group_participants_route,
                 json_response(201, participant_answer(94701, "Caller", 3)));
  auto client = make_client(server.base_url());
  const auto created =
      ParticipantAPI(*client).create(caller().in_group(48797), ParticipantScope::group);
  const auto request = server.requests().at(0);
  CHECK(request_line(request) == "POST projects/5040/tests/6866/groups/48797/participants/");
  CHECK(request.body ==
        R"({"browser":"firefoxLatest","compute_unit":"g1","count":3,"location":"us-west-2",)"
        R"("name":"Caller"})");
  CHECK(created.participant_id() == 94701);
}

TEST_CASE("read gets one participant by test and participant id, in either scope") {
  RecordingServer server;
  server.respond("GET", participants_route + "94633/",
                 json_response(200, participant_answer(94633, "participant", 2)));
  server.respond("GET", group_participants_route + "94633/",
                 json_response(200, participant_answer(94633, "in group", 2)));
  auto client = make_client(server.base_url());
  ParticipantAPI api(*client);
  const auto params = ParticipantParams().with_id(94633).in_test(6866).in_group(48797);
  CHECK(api.read(params).name() == "participant");
  CHECK(api.read(params, ParticipantScope::group).name() == "in group");
  const auto requests = server.requests();
  REQUIRE(requests.size() == 2);
  CHECK(request_line(requests[0]) == "GET projects/5040/tests/6866/participants/94633/");
  CHECK(request_line(requests[1]) ==
        "GET projects/5040/tests/6866/groups/48797/participants/94633/");
  CHECK(requests[0].body.empty());
}

TEST_CASE("update puts the body to the participant's route, in either scope") {
  RecordingServer server;
  server.respond("PUT", participants_route + "94633/",
                 json_response(200, participant_answer(94633, "Caller", 3)));
  server.respond("PUT", group_participants_route + "94633/",
                 json_response(200, participant_answer(94633, "Caller", 3)));
  auto client = make_client(server.base_url());
  ParticipantAPI api(*client);
  const auto updated = api.update(caller().with_id(94633).in_group(48797));
  api.update(caller().with_id(94633).in_group(48797), ParticipantScope::group);
  const auto requests = server.requests();
  REQUIRE(requests.size() == 2);
  CHECK(request_line(requests[0]) == "PUT projects/5040/tests/6866/participants/94633/");
  CHECK(requests[0].body ==
        R"({"browser":"firefoxLatest","compute_unit":"g1","count":3,"group_id":48797,)"
        R"("location":"us-west-2","name":"Caller"})");
  CHECK(request_line(requests[1]) ==
        "PUT projects/5040/tests/6866/groups/48797/participants/94633/");
  CHECK(requests[1].body ==
        R"({"browser":"firefoxLatest","compute_unit":"g1","count":3,"location":"us-west-2",)"
        R"("name":"Caller"})");
  CHECK(updated.count() == 3);
}

TEST_CASE("remove deletes the participant and accepts 204 with an empty body, in either scope") {
  RecordingServer server;
  server.respond("DELETE", participants_route + "94633/", no_content_response());
  server.respond("DELETE", group_participants_route + "94633/", no_content_response());
  auto client = make_client(server.base_url());
  ParticipantAPI api(*client);
  const auto params = ParticipantParams().with_id(94633).in_test(6866).in_group(48797);
  CHECK_NOTHROW(api.remove(params));
  CHECK_NOTHROW(api.remove(params, ParticipantScope::group));
  const auto requests = server.requests();
  REQUIRE(requests.size() == 2);
  CHECK(request_line(requests[0]) == "DELETE projects/5040/tests/6866/participants/94633/");
  CHECK(request_line(requests[1]) ==
        "DELETE projects/5040/tests/6866/groups/48797/participants/94633/");
  CHECK(requests[0].body.empty());
}

TEST_CASE("duplicate posts the new name to copy/ and returns the copy, in either scope") {
  RecordingServer server;
  server.respond("POST", participants_route + "94633/copy/",
                 json_response(200, participant_answer(94800, "participant copy", 2)));
  server.respond("POST", group_participants_route + "94633/copy/",
                 json_response(200, participant_answer(94801, "participant copy", 2)));
  auto client = make_client(server.base_url());
  ParticipantAPI api(*client);
  const auto params = ParticipantParams().with_id(94633).in_test(6866).in_group(48797);
  const auto copy = api.duplicate(params, "participant copy");
  const auto group_copy = api.duplicate(params, "participant copy", ParticipantScope::group);
  const auto requests = server.requests();
  REQUIRE(requests.size() == 2);
  CHECK(request_line(requests[0]) == "POST projects/5040/tests/6866/participants/94633/copy/");
  CHECK(requests[0].body == R"({"name":"participant copy"})");
  CHECK(request_line(requests[1]) ==
        "POST projects/5040/tests/6866/groups/48797/participants/94633/copy/");
  CHECK(requests[1].body == R"({"name":"participant copy"})");
  CHECK(copy.participant_id() == 94800);
  CHECK(group_copy.participant_id() == 94801);
}

TEST_CASE("identifiers are checked before attributes, in the Python client's order") {
  RecordingServer server;
  auto client = make_client(server.base_url());
  ParticipantAPI api(*client);
  const auto group = ParticipantScope::group;
  // Nothing set: the test id is named first, then the participant id, then the group id.
  CHECK_THROWS_WITH_AS(api.create(ParticipantParams()), "ParticipantParams.test_id must be set",
                       std::invalid_argument);
  CHECK_THROWS_WITH_AS(api.update(ParticipantParams()), "ParticipantParams.test_id must be set",
                       std::invalid_argument);
  CHECK_THROWS_WITH_AS(api.update(ParticipantParams().in_test(6866)),
                       "ParticipantParams.participant_id must be set", std::invalid_argument);
  CHECK_THROWS_WITH_AS(api.update(ParticipantParams().in_test(6866), group),
                       "ParticipantParams.participant_id must be set", std::invalid_argument);
  CHECK_THROWS_WITH_AS(api.update(ParticipantParams().in_test(6866).with_id(1), group),
                       "ParticipantParams.group_id must be set", std::invalid_argument);
  CHECK_THROWS_WITH_AS(api.create(ParticipantParams().in_test(6866), group),
                       "ParticipantParams.group_id must be set", std::invalid_argument);
  // Then the required attributes, name before count.
  CHECK_THROWS_WITH_AS(api.create(ParticipantParams().in_test(6866)),
                       "missing required attribute 'name'", std::invalid_argument);
  CHECK_THROWS_WITH_AS(api.create(ParticipantParams().in_test(6866).with_name("a")),
                       "missing required attribute 'count'", std::invalid_argument);
  CHECK_THROWS_WITH_AS(api.update(ParticipantParams().in_test(6866).with_id(1).with_count(1)),
                       "missing required attribute 'name'", std::invalid_argument);
  CHECK_THROWS_WITH_AS(api.update(ParticipantParams().in_test(6866).with_id(1).with_name("a")),
                       "missing required attribute 'count'", std::invalid_argument);
  CHECK_THROWS_WITH_AS(api.create(ParticipantParams().in_test(1).with_name("").with_count(1)),
                       "participant name must not be empty", std::invalid_argument);
  // Reads, removes and copies need the identifiers only.
  CHECK_THROWS_WITH_AS(api.read(ParticipantParams().with_id(1)),
                       "ParticipantParams.test_id must be set", std::invalid_argument);
  CHECK_THROWS_WITH_AS(api.read(ParticipantParams().in_test(1)),
                       "ParticipantParams.participant_id must be set", std::invalid_argument);
  CHECK_THROWS_WITH_AS(api.read(ParticipantParams().in_test(1).with_id(1), group),
                       "ParticipantParams.group_id must be set", std::invalid_argument);
  CHECK_THROWS_WITH_AS(api.remove(ParticipantParams().with_id(1)),
                       "ParticipantParams.test_id must be set", std::invalid_argument);
  CHECK_THROWS_WITH_AS(api.remove(ParticipantParams().in_test(1)),
                       "ParticipantParams.participant_id must be set", std::invalid_argument);
  CHECK_THROWS_WITH_AS(api.remove(ParticipantParams().in_test(1).with_id(1), group),
                       "ParticipantParams.group_id must be set", std::invalid_argument);
  CHECK_THROWS_WITH_AS(api.duplicate(ParticipantParams().in_test(1), "copy"),
                       "ParticipantParams.participant_id must be set", std::invalid_argument);
  CHECK_THROWS_WITH_AS(api.duplicate(ParticipantParams().in_test(1).with_id(1), ""),
                       "duplicate name must not be empty", std::invalid_argument);
  CHECK_THROWS_WITH_AS(Participant(*client).create(), "ParticipantParams.test_id must be set",
                       std::invalid_argument);
  CHECK(server.request_count() == 0);
}

TEST_CASE("participant names and counts outside the API's limits are refused before sending") {
  RecordingServer server;
  server.respond("POST", participants_route, json_response(201, participant_answer(1, "a")));
  auto client = make_client(server.base_url());
  ParticipantAPI api(*client);
  const auto participant = [](std::string name, std::int64_t count) {
    return ParticipantParams()
        .with_id(1)
        .in_test(6866)
        .with_name(std::move(name))
        .with_count(count);
  };
  CHECK_THROWS_WITH_AS(api.create(participant(std::string(300, 'x'), 1)),
                       "participant name is 300 characters long; the API accepts at most 255",
                       std::invalid_argument);
  CHECK_THROWS_WITH_AS(api.update(participant("a", 0)),
                       "participant count must be between 1 and 1000000, not 0",
                       std::invalid_argument);
  CHECK_THROWS_WITH_AS(api.create(participant("a", 1000001)),
                       "participant count must be between 1 and 1000000, not 1000001",
                       std::invalid_argument);
  CHECK_THROWS_WITH_AS(api.duplicate(participant("a", 1), std::string(256, 'x')),
                       "duplicate name is 256 characters long; the API accepts at most 255",
                       std::invalid_argument);
  CHECK(server.request_count() == 0);

  // The limits themselves pass; names count characters, not bytes.
  std::string longest;
  for (std::size_t i = 0; i < loadero::max_participant_name_length; ++i) longest += "\u00e9";
  CHECK_NOTHROW(api.create(participant(longest, loadero::max_participant_count)));
  CHECK_NOTHROW(api.create(participant("a", loadero::min_participant_count)));
  CHECK(server.request_count() == 2);
}

TEST_CASE("a participant answer that is not the one asked for is an invalid response") {
  RecordingServer server;
  const std::string route = participants_route + "94633/";
  server.respond("GET", route, json_response(200, participant_answer(5, "other")));
  server.respond("PUT", route, json_response(200, R"({"name": "no id"})"));
  server.respond("POST", participants_route, json_response(201, [] {
                   auto answer = participant_object(94700, "Caller", 3);
                   answer["test_id"] = 7;
                   return answer.dump();
                 }()));
  server.respond("GET", group_participants_route + "94633/",
                 json_response(200, participant_answer(94633, "elsewhere", 1, 50335)));
  server.respond("GET", participants_route + "1/",
                 json_response(200, R"({"id": 1, "count": "many"})"));
  auto client = make_client(server.base_url());
  ParticipantAPI api(*client);
  const auto ids = ParticipantParams().with_id(94633).in_test(6866).in_group(48797);
  CHECK_THROWS_WITH_AS(api.read(ids),
                       "GET projects/5040/tests/6866/participants/94633/: invalid response: "
                       "participant has id 5 instead of 94633",
                       ApiError);
  CHECK_THROWS_WITH_AS(api.update(caller().with_id(94633)),
                       "PUT projects/5040/tests/6866/participants/94633/: invalid response: "
                       "participant has no \"id\"",
                       ApiError);
  CHECK_THROWS_WITH_AS(api.create(caller()),
                       "POST projects/5040/tests/6866/participants/: invalid response: "
                       "participant 94700 has test_id 7 instead of 6866",
                       ApiError);
  CHECK_THROWS_WITH_AS(api.read(ids, ParticipantScope::group),
                       "GET projects/5040/tests/6866/groups/48797/participants/94633/: invalid "
                       "response: participant 94633 has group_id 50335 instead of 48797",
                       ApiError);
  const auto error = loadero_test::catch_api_error(
      [&] { api.read(ParticipantParams().with_id(1).in_test(6866)); });
  CHECK(error.kind() == ApiError::Kind::invalid_response);
  CHECK(std::string(error.what()) ==
        "GET projects/5040/tests/6866/participants/1/: invalid response: participant field "
        "'count' is not an integer");
}

TEST_CASE("an answer that leaves the parent ids out is given the route's") {
  RecordingServer server;
  server.respond("GET", group_participants_route + "94633/",
                 json_response(200, R"({"id": 94633, "name": "bare", "count": 1})"));
  server.respond("GET", group_participants_route,
                 json_response(200, R"({"results": [{"id": 94633, "name": "bare", "count": 1}]})"));
  auto client = make_client(server.base_url());
  ParticipantAPI api(*client);
  const auto read = api.read(6866, 94633, 48797);
  CHECK(read.test_id() == 6866);
  CHECK(read.group_id() == 48797);
  const auto page = api.read_all(6866, 48797);
  REQUIRE(page.results.size() == 1);
  CHECK(page.results[0].test_id() == 6866);
  CHECK(page.results[0].group_id() == 48797);
}

TEST_CASE("an API error from a participant operation propagates as ApiError with the route") {
  RecordingServer server;
  auto client = make_client(server.base_url());
  CHECK_THROWS_WITH_AS(
      ParticipantAPI(*client).remove(ParticipantParams().with_id(1).in_test(2)),
      "DELETE projects/5040/tests/2/participants/1/: 404 Not Found: not found (code 404)",
      ApiError);
}

TEST_CASE("Participant runs each operation in its scope and keeps the answers") {
  RecordingServer server;
  const std::string route = group_participants_route + "94700/";
  server.respond("POST", group_participants_route,
                 json_response(201, participant_answer(94700, "Caller", 3)));
  server.respond("GET", route, json_response(200, participant_answer(94700, "Caller", 3)));
  server.respond("PUT", route, json_response(200, participant_answer(94700, "Caller", 5)));
  server.respond("POST", route + "copy/",
                 json_response(200, participant_answer(94800, "clone", 5)));
  server.respond("DELETE", route, no_content_response());
  auto client = make_client(server.base_url());
  Participant participant(*client, caller().in_group(48797), ParticipantScope::group);
  CHECK(&participant.create() == &participant);
  CHECK(participant.params().participant_id() == 94700);
  participant.read();
  CHECK(participant.params().browser() == "chromeLatest");
  participant.params().with_count(5);
  participant.update();
  CHECK(participant.params().count() == 5);
  const Participant copy = participant.duplicate("clone");
  CHECK(copy.params().participant_id() == 94800);
  CHECK(copy.scope() == ParticipantScope::group);
  participant.remove();
  const auto requests = server.requests();
  REQUIRE(requests.size() == 5);
  CHECK(request_line(requests[0]) == "POST " + group_participants_route);
  CHECK(request_line(requests[1]) == "GET " + route);
  CHECK(request_line(requests[2]) == "PUT " + route);
  CHECK(requests[2].body ==
        R"({"audio_feed":"default","browser":"chromeLatest","compute_unit":"g2","count":5,)"
        R"("location":"eu-central-1","name":"Caller","network":"default","record_audio":false,)"
        R"("video_feed":"default"})");
  CHECK(request_line(requests[3]) == "POST " + route + "copy/");
  CHECK(requests[3].body == R"({"name":"clone"})");
  CHECK(request_line(requests[4]) == "DELETE " + route);
}
