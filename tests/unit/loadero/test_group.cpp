#include <doctest/doctest.h>

#include "client_fixture.hpp"
#include "group_answers.hpp"
#include "loadero/api_error.hpp"
#include "loadero/group.hpp"
#include "loadero/limits.hpp"

using loadero::ApiError;
using loadero::Group;
using loadero::GroupAPI;
using loadero::GroupFilterKey;
using loadero::GroupParams;
using loadero::QueryParams;
using loadero_test::CannedResponse;
using loadero_test::group_json;
using loadero_test::groups_route;
using loadero_test::json_response;
using loadero_test::jv_all_groups_json;
using loadero_test::make_client;
using loadero_test::RecordingServer;
using namespace std::chrono;

namespace {

// PY tests/unit/common.py GROUP_JSON.
constexpr const char* py_group_json =
    R"({"count": 8, "created": "2022-04-01T13:54:25.689Z", "id": 34421, "name": "pytest_group",
        "test_id": 12734, "updated": "2024-02-03T15:42:54.689Z", "total_cu_count": 1234, "participant_count": 331})";

loadero::Timestamp at(int y, unsigned mo, unsigned d, int h, int mi, int s, int ms = 0) {
  return loadero::Timestamp{sys_days{year{y} / month{mo} / day{d}} + hours{h} + minutes{mi} +
                            seconds{s} + milliseconds{ms}};
}

}  // namespace

TEST_CASE("a group answer with every field parses, timestamps to the millisecond") {
  const auto group = GroupParams::from_json(nlohmann::json::parse(py_group_json));
  CHECK(group.group_id() == 34421);
  CHECK(group.test_id() == 12734);
  CHECK(group.name() == "pytest_group");
  CHECK(group.count() == 8);
  CHECK(group.participant_count() == 331);
  CHECK(group.total_cu_count() == 1234);
  CHECK(group.created() == at(2022, 4, 1, 13, 54, 25, 689));
  CHECK(group.updated() == at(2024, 2, 3, 15, 42, 54, 689));
}

TEST_CASE("total_cu_count keeps half compute units and is written back as the API wrote it") {
  const auto half = GroupParams::from_json(
      nlohmann::json::parse(R"({"id": 1, "count": 1, "name": "g", "total_cu_count": 2.5})"));
  CHECK(half.total_cu_count() == 2.5);
  CHECK(half.to_json()["total_cu_count"].dump() == "2.5");
  const auto whole = GroupParams::from_json(
      nlohmann::json::parse(R"({"id": 1, "count": 1, "name": "g", "total_cu_count": 4})"));
  CHECK(whole.to_json()["total_cu_count"].dump() == "4");
  CHECK_THROWS_WITH_AS(GroupParams::from_json(nlohmann::json::parse(
                           R"({"id": 1, "count": 1, "name": "g", "total_cu_count": "4"})")),
                       "group field 'total_cu_count' is not a number", std::invalid_argument);
}

TEST_CASE("read-only counts left out of a group answer read as 0") {
  const auto group = GroupParams::from_json(nlohmann::json::parse(
      R"({"id": 50335, "test_id": 6866, "count": 1, "name": "New name from params"})"));
  CHECK(group.participant_count() == 0);
  CHECK_FALSE(group.total_cu_count().has_value());
  CHECK_FALSE(group.created().has_value());
}

TEST_CASE("a group field of the wrong type is rejected with its name") {
  CHECK_THROWS_WITH_AS(GroupParams::from_json(nlohmann::json::parse(R"({"id": 1, "count": "2"})")),
                       "group field 'count' is not an integer", std::invalid_argument);
  CHECK_THROWS_WITH_AS(
      GroupParams::from_json(nlohmann::json::parse(R"({"id": 1, "created": "yesterday"})")),
      "group field 'created' is not an RFC 3339 timestamp", std::invalid_argument);
  CHECK_THROWS_WITH_AS(GroupParams::from_json(nlohmann::json::array()),
                       "group is not a JSON object", std::invalid_argument);
}

TEST_CASE(
    "the builder sets identifiers and writable fields and the body holds only name and count") {
  GroupParams params;
  params.with_id(7).in_test(6866).with_name("Moderators").with_count(3);
  CHECK(params.group_id() == 7);
  CHECK(params.test_id() == 6866);
  CHECK(params == GroupParams({.group_id = 7, .test_id = 6866, .name = "Moderators", .count = 3}));
  CHECK(params.to_body().dump() == R"({"count":3,"name":"Moderators"})");
}

TEST_CASE("to_json writes every attribute that is set") {
  const auto group = GroupParams::from_json(nlohmann::json::parse(py_group_json));
  CHECK(group.to_json() == nlohmann::json::parse(py_group_json));
  CHECK(GroupParams::from_json(group.to_json()) == group);
}

TEST_CASE("group routes have trailing slashes") {
  RecordingServer server;
  auto client = make_client(server.base_url());
  GroupAPI api(*client);
  CHECK(api.route(6866) == "projects/5040/tests/6866/groups/");
  CHECK(api.route(6866, 48797) == "projects/5040/tests/6866/groups/48797/");
}

TEST_CASE("create posts name and count to the test's groups and returns the created group") {
  RecordingServer server;
  server.respond("POST", groups_route, json_response(201, group_json(90001, "Moderators", 2)));
  auto client = make_client(server.base_url());
  const auto created =
      GroupAPI(*client).create(GroupParams().in_test(6866).with_name("Moderators").with_count(2));
  const auto requests = server.requests();
  REQUIRE(requests.size() == 1);
  CHECK(requests[0].method == "POST");
  CHECK(requests[0].route == "projects/5040/tests/6866/groups/");
  CHECK(requests[0].body == R"({"count":2,"name":"Moderators"})");
  CHECK(requests[0].header("Content-Type") == "application/json");
  CHECK(requests[0].header("Authorization") == "LoaderoAuth TOKEN-d1st1nct1ve-7f3a");
  CHECK(created.group_id() == 90001);
  CHECK(created.name() == "Moderators");
  CHECK(created.count() == 2);
  CHECK(created.participant_count() == 0);
}

TEST_CASE("read gets one group by test and group id") {
  RecordingServer server;
  server.respond("GET", "projects/5040/tests/6866/groups/48797/",
                 json_response(200, group_json(48797, "new name")));
  auto client = make_client(server.base_url());
  const auto group = GroupAPI(*client).read(GroupParams().with_id(48797).in_test(6866));
  CHECK(server.requests().at(0).method == "GET");
  CHECK(server.requests().at(0).body.empty());
  CHECK(group.name() == "new name");
  CHECK(group.created() == at(2021, 2, 2, 12, 0, 25));
}

TEST_CASE("update puts name and count to the group's route") {
  RecordingServer server;
  server.respond("PUT", "projects/5040/tests/6866/groups/48797/",
                 json_response(200, group_json(48797, "Renamed", 4)));
  auto client = make_client(server.base_url());
  const auto group = GroupAPI(*client).update(
      GroupParams({.group_id = 48797, .test_id = 6866, .name = "Renamed", .count = 4}));
  const auto request = server.requests().at(0);
  CHECK(request.method == "PUT");
  CHECK(request.route == "projects/5040/tests/6866/groups/48797/");
  CHECK(request.body == R"({"count":4,"name":"Renamed"})");
  CHECK(group.count() == 4);
}

TEST_CASE("remove deletes the group and accepts 204 with an empty body") {
  RecordingServer server;
  CannedResponse no_content;
  no_content.status = 204;
  no_content.body = "";
  no_content.content_type = "";
  server.respond("DELETE", "projects/5040/tests/6866/groups/48797/", no_content);
  auto client = make_client(server.base_url());
  CHECK_NOTHROW(GroupAPI(*client).remove(GroupParams().with_id(48797).in_test(6866)));
  CHECK(server.requests().at(0).method == "DELETE");
  CHECK(server.requests().at(0).route == "projects/5040/tests/6866/groups/48797/");
}

TEST_CASE("duplicate posts the new name to copy/ and returns the copy") {
  RecordingServer server;
  server.respond(
      "POST", "projects/5040/tests/6866/groups/48797/copy/",
      json_response(200, R"({"id": 50400, "test_id": 6866, "name": "new nameCopy", "count": 1,
                                        "participant_count": 7, "created": "2021-04-08T12:05:12Z",
                                        "updated": "2021-04-08T12:05:12Z"})"));
  auto client = make_client(server.base_url());
  const auto copy =
      GroupAPI(*client).duplicate(GroupParams().with_id(48797).in_test(6866), "new nameCopy");
  const auto request = server.requests().at(0);
  CHECK(request.method == "POST");
  CHECK(request.route == "projects/5040/tests/6866/groups/48797/copy/");
  CHECK(request.body == R"({"name":"new nameCopy"})");
  CHECK(copy.group_id() == 50400);
  CHECK(copy.participant_count() == 7);
}

TEST_CASE("read_all makes one GET with the query and parses the Java fixture page") {
  RecordingServer server;
  server.respond("GET", groups_route, json_response(200, jv_all_groups_json));
  auto client = make_client(server.base_url());
  const auto page =
      GroupAPI(*client).read_all(6866, QueryParams().filter(GroupFilterKey::NAME, "new name"));
  CHECK(server.request_count() == 1);
  CHECK(server.requests().at(0).query == "filter_name=new%20name");
  REQUIRE(page.results.size() == 2);
  CHECK(page.results[0].group_id() == 48797);
  CHECK(page.results[0].participant_count() == 15);
  CHECK(page.results[1].name() == "New name from params");
  CHECK(page.results[1].participant_count() == 0);
  CHECK(page.pagination == loadero::PaginationParams{0, 0, 1, 1, std::nullopt});
  CHECK(page.filter == nlohmann::json::object());
}

// The Python fixture's values, but for total_items: its 9283411 is beyond the cap of 100000.
TEST_CASE("pagination parses total_items when present and the Python fixture values") {
  const auto pagination = loadero::PaginationParams::from_json(nlohmann::json::parse(
      R"({"limit": 332, "offset": 931, "page": 991201, "total_pages": 9231, "total_items": 92834})"));
  CHECK(pagination == loadero::PaginationParams{332, 931, 991201, 9231, 92834});
  CHECK(
      pagination.to_json() ==
      nlohmann::json::parse(
          R"({"limit": 332, "offset": 931, "page": 991201, "total_pages": 9231, "total_items": 92834})"));
}

TEST_CASE("read_all fills in the test id when the answer leaves it out") {
  RecordingServer server;
  server.respond("GET", groups_route,
                 json_response(200, R"({"results": [{"id": 1, "name": "a", "count": 2}]})"));
  auto client = make_client(server.base_url());
  const auto page = GroupAPI(*client).read_all(6866);
  REQUIRE(page.results.size() == 1);
  CHECK(page.results[0].test_id() == 6866);
}

TEST_CASE("a list answer without results is an invalid response naming the route") {
  RecordingServer server;
  server.respond("GET", groups_route, json_response(200, R"({"pagination": {}})"));
  auto client = make_client(server.base_url());
  CHECK_THROWS_WITH_AS(GroupAPI(*client).read_all(6866),
                       "GET projects/5040/tests/6866/groups/: invalid response: list answer has no "
                       "\"results\" array",
                       ApiError);
}

TEST_CASE("a group answer with a bad field is an invalid response naming the request") {
  RecordingServer server;
  server.respond("GET", "projects/5040/tests/6866/groups/1/",
                 json_response(200, R"({"id": 1, "count": "many"})"));
  auto client = make_client(server.base_url());
  try {
    GroupAPI(*client).read(GroupParams().with_id(1).in_test(6866));
    FAIL("no error");
  } catch (const ApiError& error) {
    CHECK(error.kind() == ApiError::Kind::invalid_response);
    CHECK(std::string(error.what()) ==
          "GET projects/5040/tests/6866/groups/1/: invalid response: group field 'count' is not an "
          "integer");
  }
}

TEST_CASE("missing identifiers and attributes are refused before any request is sent") {
  RecordingServer server;
  auto client = make_client(server.base_url());
  GroupAPI api(*client);
  CHECK_THROWS_WITH_AS(api.create(GroupParams().with_name("a").with_count(1)),
                       "GroupParams.test_id must be set", std::invalid_argument);
  CHECK_THROWS_WITH_AS(api.create(GroupParams().in_test(1).with_count(1)),
                       "missing required attribute 'name'", std::invalid_argument);
  CHECK_THROWS_WITH_AS(api.create(GroupParams().in_test(1).with_name("a")),
                       "missing required attribute 'count'", std::invalid_argument);
  CHECK_THROWS_WITH_AS(api.create(GroupParams().in_test(1).with_name("").with_count(1)),
                       "group name must not be empty", std::invalid_argument);
  CHECK_THROWS_WITH_AS(api.read(GroupParams().in_test(1)), "GroupParams.group_id must be set",
                       std::invalid_argument);
  CHECK_THROWS_WITH_AS(api.read(GroupParams().with_id(1)), "GroupParams.test_id must be set",
                       std::invalid_argument);
  CHECK_THROWS_WITH_AS(api.update(GroupParams().with_id(1).in_test(1).with_count(1)),
                       "missing required attribute 'name'", std::invalid_argument);
  CHECK_THROWS_WITH_AS(api.update(GroupParams().with_id(1).in_test(1).with_name("a")),
                       "missing required attribute 'count'", std::invalid_argument);
  CHECK_THROWS_WITH_AS(api.update(GroupParams().in_test(1).with_name("a").with_count(1)),
                       "GroupParams.group_id must be set", std::invalid_argument);
  CHECK_THROWS_WITH_AS(
      api.update(GroupParams({.group_id = 1, .test_id = 1, .name = "", .count = 1})),
      "group name must not be empty", std::invalid_argument);
  CHECK_THROWS_WITH_AS(api.remove(GroupParams().in_test(1)), "GroupParams.group_id must be set",
                       std::invalid_argument);
  CHECK_THROWS_WITH_AS(api.remove(GroupParams().with_id(1)), "GroupParams.test_id must be set",
                       std::invalid_argument);
  CHECK_THROWS_WITH_AS(api.duplicate(GroupParams().in_test(1), "copy"),
                       "GroupParams.group_id must be set", std::invalid_argument);
  CHECK_THROWS_WITH_AS(api.duplicate(GroupParams().with_id(1).in_test(1), ""),
                       "duplicate name must not be empty", std::invalid_argument);
  Group no_ids(*client);
  CHECK_THROWS_WITH_AS(no_ids.participants(), "GroupParams.test_id must be set",
                       std::invalid_argument);
  CHECK_THROWS_WITH_AS(Group(*client, GroupParams().in_test(1)).participants(),
                       "GroupParams.group_id must be set", std::invalid_argument);
  CHECK(server.request_count() == 0);
}

TEST_CASE("names and counts outside the API's limits are refused before any request is sent") {
  RecordingServer server;
  server.respond("POST", groups_route, json_response(201, group_json(90001, "a", 1)));
  auto client = make_client(server.base_url());
  GroupAPI api(*client);
  const auto group = [](std::string name, std::int64_t count) {
    return GroupParams({.group_id = 1, .test_id = 6866, .name = std::move(name), .count = count});
  };
  CHECK_THROWS_WITH_AS(api.create(group(std::string(300, 'x'), 1)),
                       "group name is 300 characters long; the API accepts at most 255",
                       std::invalid_argument);
  CHECK_THROWS_WITH_AS(api.update(group("a", 2000000)),
                       "group count must be between 1 and 1000000, not 2000000",
                       std::invalid_argument);
  CHECK_THROWS_WITH_AS(api.update(group("a", 0)),
                       "group count must be between 1 and 1000000, not 0", std::invalid_argument);
  CHECK_THROWS_WITH_AS(api.create(group("a", -3)),
                       "group count must be between 1 and 1000000, not -3", std::invalid_argument);
  CHECK_THROWS_WITH_AS(api.duplicate(group("a", 1), std::string(256, 'x')),
                       "duplicate name is 256 characters long; the API accepts at most 255",
                       std::invalid_argument);
  CHECK(server.request_count() == 0);

  // The limits themselves pass; names count characters, not bytes.
  std::string longest;
  for (std::size_t i = 0; i < loadero::max_group_name_length; ++i) longest += "\u00e9";
  CHECK_NOTHROW(api.create(group(longest, loadero::max_group_count)));
  CHECK_NOTHROW(api.create(group("a", loadero::min_group_count)));
  CHECK(server.request_count() == 2);
}

TEST_CASE("Group::create replaces its params with the created group") {
  RecordingServer server;
  server.respond("POST", groups_route, json_response(201, group_json(90001, "Moderators", 2)));
  auto client = make_client(server.base_url());
  Group group(*client, GroupParams().in_test(6866).with_name("Moderators").with_count(2));
  CHECK(&group.create() == &group);
  CHECK(group.params().group_id() == 90001);
  CHECK(server.requests().at(0).body == R"({"count":2,"name":"Moderators"})");
}

TEST_CASE("Group::read, update, duplicate and remove use the group's ids") {
  RecordingServer server;
  const std::string route = "projects/5040/tests/6866/groups/48797/";
  server.respond("GET", route, json_response(200, group_json(48797, "new name", 1)));
  server.respond("PUT", route, json_response(200, group_json(48797, "new name", 5)));
  server.respond("POST", route + "copy/", json_response(200, group_json(50400, "clone", 5)));
  CannedResponse no_content;
  no_content.status = 204;
  no_content.body = "";
  no_content.content_type = "";
  server.respond("DELETE", route, no_content);
  auto client = make_client(server.base_url());
  Group group(*client, GroupParams({.group_id = 48797, .test_id = 6866}));
  group.read();
  CHECK(group.params().name() == "new name");
  group.params().with_count(5);
  group.update();
  CHECK(group.params().count() == 5);
  const Group copy = group.duplicate("clone");
  CHECK(copy.params().group_id() == 50400);
  CHECK(copy.params().test_id() == 6866);
  group.remove();
  const auto requests = server.requests();
  REQUIRE(requests.size() == 4);
  CHECK(requests[0].method + " " + requests[0].route == "GET " + route);
  CHECK(requests[1].method + " " + requests[1].route == "PUT " + route);
  CHECK(requests[1].body == R"({"count":5,"name":"new name"})");
  CHECK(requests[2].method + " " + requests[2].route == "POST " + route + "copy/");
  CHECK(requests[2].body == R"({"name":"clone"})");
  CHECK(requests[3].method + " " + requests[3].route == "DELETE " + route);
}

TEST_CASE("Group::participants lists the group's participants") {
  RecordingServer server;
  server.respond(
      "GET", "projects/5040/tests/6866/groups/48797/participants/",
      json_response(
          200,
          R"({"filter": {}, "pagination": {"limit": 0, "offset": 0, "page": 1, "total_pages": 1},
                   "results": [{"id": 94633, "test_id": 6866, "group_id": 48797, "name": "participant", "count": 15,
                                "compute_unit": "g2", "browser": "chromeLatest", "location": "eu-central-1",
                                "network": "default", "audio_feed": "default", "video_feed": "default",
                                "created": "2021-02-02T12:00:25Z", "updated": "2021-04-08T12:05:12Z"}]})"));
  auto client = make_client(server.base_url());
  Group group(*client, GroupParams({.group_id = 48797, .test_id = 6866}));
  const auto page = group.participants(QueryParams().limit(10));
  CHECK(server.requests().at(0).query == "limit=10");
  REQUIRE(page.results.size() == 1);
  CHECK(page.results[0].count() == 15);
  CHECK(page.results[0].group_id() == 48797);
}

TEST_CASE("an API error from a group operation propagates as ApiError with the route") {
  RecordingServer server;
  auto client = make_client(server.base_url());
  CHECK_THROWS_WITH_AS(GroupAPI(*client).read(GroupParams().with_id(1).in_test(2)),
                       "GET projects/5040/tests/2/groups/1/: 404 Not Found: not found (code 404)",
                       ApiError);
}
