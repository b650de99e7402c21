#include "api.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

#include "loadero/limits.hpp"
#include "loadero/participant_values.hpp"
#include "state.hpp"

using namespace loadero_emulator;
using json = nlohmann::ordered_json;

namespace {

struct Fixture {
  Api api{demo_state(), ApiOptions{}};

  ApiResponse call(const std::string& method, const std::string& path, const std::string& body = "",
                   std::vector<std::pair<std::string, std::string>> query = {},
                   const std::string& authorization = "LoaderoAuth demo-token") {
    return api.handle(ApiRequest{method, path, std::move(query), authorization, body});
  }
};

}  // namespace

TEST_CASE("a missing or wrong token is answered 401 with the error shape") {
  Fixture f;
  auto missing = f.call("GET", "/v2/projects/5040/", "", {}, "");
  CHECK(missing.status == 401);
  CHECK(
      missing.body ==
      R"({"code":401,"error":"authentication required: send the header Authorization: LoaderoAuth <token>"})");
  auto wrong = f.call("GET", "/v2/projects/5040/", "", {}, "LoaderoAuth nope");
  CHECK(wrong.status == 401);
  CHECK(wrong.body == R"({"code":401,"error":"invalid access token for project 5040"})");
  auto other_project = f.call("GET", "/v2/projects/1/tests/");
  CHECK(other_project.status == 401);
  auto bearer = f.call("GET", "/v2/projects/5040/", "", {}, "Bearer demo-token");
  CHECK(bearer.status == 401);
}

TEST_CASE(
    "unknown routes are 404, routes without the trailing slash too, and a wrong method is 405") {
  Fixture f;
  auto unknown = f.call("GET", "/v2/projects/5040/widgets/");
  CHECK(unknown.status == 404);
  CHECK(unknown.body == R"({"code":404,"error":"no route for GET /v2/projects/5040/widgets/"})");
  CHECK(f.call("GET", "/v2/projects/5040/tests/6866/groups").status == 404);
  auto wrong_method = f.call("PATCH", "/v2/projects/5040/tests/6866/groups/");
  CHECK(wrong_method.status == 405);
  CHECK(
      wrong_method.body ==
      R"j({"code":405,"error":"method PATCH is not allowed on /v2/projects/{project_id}/tests/{test_id}/groups/ (allowed: GET, POST)"})j");
  REQUIRE(wrong_method.headers.size() == 1);
  CHECK(wrong_method.headers[0] == std::pair<std::string, std::string>{"Allow", "GET, POST"});
  CHECK(f.call("DELETE", "/v2/projects/5040/").status == 405);
}

TEST_CASE("reading a group leaves out zero-valued read-only fields") {
  Fixture f;
  auto empty_group = f.call("GET", "/v2/projects/5040/tests/6866/groups/50335/");
  CHECK(empty_group.status == 200);
  CHECK(
      empty_group.body ==
      R"({"id":50335,"test_id":6866,"name":"New name from params","count":1,"created":"2021-03-11T12:29:03.000Z","updated":"2021-04-01T05:31:51.000Z"})");
  auto full_group = json::parse(f.call("GET", "/v2/projects/5040/tests/6866/groups/48797/").body);
  CHECK(full_group["participant_count"] == 15);
  CHECK(full_group["total_cu_count"] == 15);
}

TEST_CASE("a group of another test is not found") {
  Fixture f;
  auto response = f.call("GET", "/v2/projects/5040/tests/6867/groups/48797/");
  CHECK(response.status == 404);
  CHECK(response.body == R"({"code":404,"error":"group 48797 not found in test 6867"})");
  CHECK(f.call("GET", "/v2/projects/5040/tests/999/groups/").body ==
        R"({"code":404,"error":"test 999 not found"})");
}

TEST_CASE("creating a group validates name and count with per-field errors") {
  Fixture f;
  auto missing = f.call("POST", "/v2/projects/5040/tests/6866/groups/", "{}");
  CHECK(missing.status == 422);
  CHECK(
      missing.body ==
      R"({"code":422,"errors":{"count":["This field is required."],"name":["This field is required."]}})");
  auto bad =
      f.call("POST", "/v2/projects/5040/tests/6866/groups/", R"({"name": "  ", "count": 0})");
  CHECK(
      bad.body ==
      R"({"code":422,"errors":{"count":["Ensure this value is greater than or equal to 1."],"name":["This field may not be blank."]}})");
  auto wrong_types =
      f.call("POST", "/v2/projects/5040/tests/6866/groups/", R"({"name": 5, "count": 1.5})");
  CHECK(
      wrong_types.body ==
      R"({"code":422,"errors":{"count":["A valid integer is required."],"name":["Not a valid string."]}})");
  CHECK_FALSE(wrong_types.committed_write);
}

TEST_CASE("malformed JSON and a non-object body are 400") {
  Fixture f;
  auto malformed = f.call("POST", "/v2/projects/5040/tests/6866/groups/", R"({"name": )");
  CHECK(malformed.status == 400);
  CHECK(json::parse(malformed.body)["error"].get<std::string>().rfind("malformed JSON body: ", 0) ==
        0);
  auto array = f.call("PUT", "/v2/projects/5040/tests/6866/groups/48797/", "[1]");
  CHECK(array.status == 400);
  CHECK(array.body == R"({"code":400,"error":"the request body must be a JSON object"})");
}

TEST_CASE("creating a group answers 201 and updates the test's derived counts") {
  Fixture f;
  auto created = f.call("POST", "/v2/projects/5040/tests/6866/groups/",
                        R"({"name": "Callers EU", "count": 2})");
  CHECK(created.status == 201);
  CHECK(created.committed_write);
  const auto group = json::parse(created.body);
  CHECK(group["id"] == 50403);
  CHECK(group["name"] == "Callers EU");
  CHECK(group["count"] == 2);
  CHECK_FALSE(group.contains("participant_count"));
  CHECK(group["created"] == group["updated"]);
  auto test = json::parse(f.call("GET", "/v2/projects/5040/tests/6866/").body);
  CHECK(test["group_count"] == 8);
  CHECK(test["participant_count"] == 31);
}

TEST_CASE("duplicate group names are allowed") {
  Fixture f;
  CHECK(f.call("POST", "/v2/projects/5040/tests/6866/groups/", R"({"name": "Callers", "count": 1})")
            .status == 201);
  auto list = json::parse(
      f.call("GET", "/v2/projects/5040/tests/6866/groups/", "", {{"filter_name", "Callers"}}).body);
  CHECK(list["pagination"]["total_items"] == 2);
}

TEST_CASE("updating a group replaces name and count and moves updated forward") {
  Fixture f;
  const auto before = json::parse(f.call("GET", "/v2/projects/5040/tests/6866/groups/50336/").body);
  auto updated = f.call("PUT", "/v2/projects/5040/tests/6866/groups/50336/",
                        R"({"name": "Callers", "count": 5})");
  CHECK(updated.status == 200);
  const auto after = json::parse(updated.body);
  CHECK(after["count"] == 5);
  CHECK(after["participant_count"] == 3);
  CHECK(after["created"] == before["created"]);
  CHECK(after["updated"] != before["updated"]);
  auto test = json::parse(f.call("GET", "/v2/projects/5040/tests/6866/").body);
  CHECK(test["group_count"] == 8);
  CHECK(test["participant_count"] == 15 + 15 + 7);
}

TEST_CASE("deleting a group answers 204 with an empty body and deletes its participants") {
  Fixture f;
  auto deleted = f.call("DELETE", "/v2/projects/5040/tests/6866/groups/48797/");
  CHECK(deleted.status == 204);
  CHECK(deleted.body.empty());
  CHECK(f.call("GET", "/v2/projects/5040/tests/6866/groups/48797/").status == 404);
  CHECK(f.call("GET", "/v2/projects/5040/tests/6866/participants/94633/").status == 404);
  auto test = json::parse(f.call("GET", "/v2/projects/5040/tests/6866/").body);
  CHECK(test["group_count"] == 5);
  CHECK(test["participant_count"] == 16);
}

TEST_CASE("copying a group answers 200 and copies its participants with new ids") {
  Fixture f;
  auto copied =
      f.call("POST", "/v2/projects/5040/tests/6866/groups/48797/copy/", R"({"name": "Buyers EU"})");
  CHECK(copied.status == 200);
  const auto group = json::parse(copied.body);
  CHECK(group["name"] == "Buyers EU");
  CHECK(group["count"] == 1);
  CHECK(group["participant_count"] == 15);
  const auto id = group["id"].get<std::int64_t>();
  auto participants = json::parse(
      f.call("GET", "/v2/projects/5040/tests/6866/groups/" + std::to_string(id) + "/participants/")
          .body);
  REQUIRE(participants["results"].size() == 2);
  CHECK(participants["results"][0]["name"] == "Buyer Chrome");
  CHECK(participants["results"][0]["id"] == 94704);
  CHECK(participants["results"][0]["group_id"] == id);
  auto unnamed =
      json::parse(f.call("POST", "/v2/projects/5040/tests/6866/groups/50336/copy/").body);
  CHECK(unnamed["name"] == "Copy of Callers");
}

TEST_CASE("group lists filter by name and count range and echo the filters") {
  Fixture f;
  auto response =
      f.call("GET", "/v2/projects/5040/tests/6866/groups/", "",
             {{"filter_name", "NAME"}, {"filter_count_from", "1"}, {"filter_count_to", "2"}});
  CHECK(response.status == 200);
  const auto body = json::parse(response.body);
  CHECK(body["filter"].dump() == R"({"name":["NAME"],"count_from":1,"count_to":2})");
  REQUIRE(body["results"].size() == 2);
  CHECK(body["results"][0]["id"] == 48797);
  CHECK(body["results"][1]["id"] == 50335);
  auto callers = json::parse(
      f.call("GET", "/v2/projects/5040/tests/6866/groups/", "", {{"filter_count_from", "3"}}).body);
  REQUIRE(callers["results"].size() == 1);
  CHECK(callers["results"][0]["name"] == "Callers");
  auto bad =
      f.call("GET", "/v2/projects/5040/tests/6866/groups/", "", {{"filter_count_to", "many"}});
  CHECK(bad.status == 400);
  CHECK(bad.body == R"({"code":400,"error":"filter_count_to must be an integer, got \"many\""})");
}

TEST_CASE("lists page with limit and offset, and an omitted limit returns everything") {
  Fixture f;
  const auto all = json::parse(f.call("GET", "/v2/projects/5040/tests/6866/groups/").body);
  CHECK(all["filter"].dump() == "{}");
  CHECK(all["pagination"].dump() ==
        R"({"limit":0,"offset":0,"page":1,"total_pages":1,"total_items":4})");
  CHECK(all["results"].size() == 4);
  const auto page = json::parse(
      f.call("GET", "/v2/projects/5040/tests/6866/groups/", "", {{"limit", "3"}, {"offset", "3"}})
          .body);
  CHECK(page["pagination"].dump() ==
        R"({"limit":3,"offset":3,"page":2,"total_pages":2,"total_items":4})");
  REQUIRE(page["results"].size() == 1);
  CHECK(page["results"][0]["id"] == 50337);
  auto bad = f.call("GET", "/v2/projects/5040/tests/6866/groups/", "", {{"limit", "-1"}});
  CHECK(bad.status == 400);
  CHECK(bad.body == R"({"code":400,"error":"limit must be a non-negative integer, got \"-1\""})");
}

TEST_CASE("max page size caps pages even without a limit") {
  Api api{demo_state(), ApiOptions{2, ""}};
  const auto page = json::parse(
      api
          .handle(ApiRequest{
              "GET", "/v2/projects/5040/tests/6866/groups/", {}, "LoaderoAuth demo-token", ""})
          .body);
  CHECK(page["pagination"].dump() ==
        R"({"limit":2,"offset":0,"page":1,"total_pages":2,"total_items":4})");
  CHECK(page["results"].size() == 2);
}

TEST_CASE("tests are created, validated, copied with groups and participants, and deleted") {
  Fixture f;
  auto invalid = f.call("POST", "/v2/projects/5040/tests/", R"({"name": "T", "mode": "fast"})");
  CHECK(invalid.status == 422);
  CHECK(
      invalid.body ==
      R"({"code":422,"errors":{"increment_strategy":["This field is required."],"mode":["\"fast\" is not a valid choice. Choose one of: load, performance, session-record."],)"
      R"("participant_timeout":["This field is required."],"start_interval":["This field is required."]}})");
  auto created =
      f.call("POST", "/v2/projects/5040/tests/",
             R"({"name": "Smoke", "start_interval": 1, "participant_timeout": 300, "mode": "load",
                            "increment_strategy": "random", "script": "client => {}"})");
  CHECK(created.status == 201);
  const auto test = json::parse(created.body);
  CHECK(test["id"] == 6868);
  CHECK(test["project_id"] == 5040);
  CHECK_FALSE(test.contains("script"));
  CHECK_FALSE(test.contains("group_count"));

  auto copied =
      f.call("POST", "/v2/projects/5040/tests/6866/copy/", R"({"name": "Checkout flow 2"})");
  CHECK(copied.status == 200);
  const auto copy = json::parse(copied.body);
  CHECK(copy["group_count"] == 6);
  CHECK(copy["participant_count"] == 31);
  const auto copy_id = std::to_string(copy["id"].get<std::int64_t>());
  const auto groups =
      json::parse(f.call("GET", "/v2/projects/5040/tests/" + copy_id + "/groups/").body);
  CHECK(groups["results"].size() == 4);
  CHECK(groups["results"][0]["participant_count"] == 15);

  auto listed = json::parse(
      f.call("GET", "/v2/projects/5040/tests/", "", {{"filter_name", "checkout"}}).body);
  CHECK(listed["results"].size() == 2);
  CHECK(f.call("DELETE", "/v2/projects/5040/tests/" + copy_id + "/").status == 204);
  CHECK(f.call("GET", "/v2/projects/5040/tests/" + copy_id + "/groups/").status == 404);
  CHECK(f.api.snapshot().groups.size() == 7);
}

TEST_CASE("participants live at test scope and group scope and keep group counts right") {
  Fixture f;
  auto created = f.call("POST", "/v2/projects/5040/tests/6866/groups/50335/participants/",
                        R"({"name": "Late joiner", "count": 4, "browser": "firefoxLatest"})");
  CHECK(created.status == 201);
  const auto participant = json::parse(created.body);
  CHECK(participant["group_id"] == 50335);
  CHECK(participant["compute_unit"] == "g2");
  const auto id = std::to_string(participant["id"].get<std::int64_t>());
  CHECK(json::parse(f.call("GET", "/v2/projects/5040/tests/6866/groups/50335/")
                        .body)["participant_count"] == 4);

  // The same participant through the test-scope route, moved to another group.
  CHECK(f.call("GET", "/v2/projects/5040/tests/6866/participants/" + id + "/").status == 200);
  auto moved = f.call("PUT", "/v2/projects/5040/tests/6866/participants/" + id + "/",
                      R"({"name": "Late joiner", "count": 2, "group_id": 50337})");
  CHECK(moved.status == 200);
  CHECK(json::parse(moved.body)["group_id"] == 50337);
  CHECK(
      f.call("GET", "/v2/projects/5040/tests/6866/groups/50335/participants/" + id + "/").status ==
      404);
  CHECK(json::parse(f.call("GET", "/v2/projects/5040/tests/6866/groups/50337/")
                        .body)["participant_count"] == 9);

  auto bad_group = f.call("POST", "/v2/projects/5040/tests/6866/participants/",
                          R"({"name": "X", "count": 1, "group_id": 50400, "compute_unit": "g3"})");
  CHECK(bad_group.status == 422);
  CHECK(
      bad_group.body ==
      R"({"code":422,"errors":{"compute_unit":["\"g3\" is not a valid choice. Choose one of: g0.5, g1, g2, g4, g6, g8, g12."],"group_id":["Group 50400 does not exist in this test."]}})");

  auto copy =
      f.call("POST", "/v2/projects/5040/tests/6866/groups/50337/participants/" + id + "/copy/", "");
  CHECK(copy.status == 200);
  CHECK(json::parse(copy.body)["name"] == "Copy of Late joiner");
  CHECK(json::parse(f.call("GET", "/v2/projects/5040/tests/6866/groups/50337/")
                        .body)["participant_count"] == 11);

  CHECK(f.call("DELETE", "/v2/projects/5040/tests/6866/participants/" + id + "/").status == 204);
  CHECK(json::parse(f.call("GET", "/v2/projects/5040/tests/6866/groups/50337/")
                        .body)["participant_count"] == 9);

  const auto in_group =
      json::parse(f.call("GET", "/v2/projects/5040/tests/6866/participants/", "",
                         {{"filter_browser", "firefoxLatest"}, {"filter_has_group", "true"}})
                      .body);
  CHECK(in_group["filter"].dump() ==
        R"({"has_group":true,"profile":{"browser":["firefoxLatest"]}})");
  REQUIRE(in_group["results"].size() == 1);
  CHECK(in_group["results"][0]["name"] == "Buyer Firefox");
}

TEST_CASE("a participant without a group counts once towards its test") {
  Fixture f;
  CHECK(f.call("POST", "/v2/projects/5040/tests/6867/participants/",
               R"({"name": "Observer", "count": 2})")
            .status == 201);
  CHECK(json::parse(f.call("GET", "/v2/projects/5040/tests/6867/").body)["participant_count"] ==
        12);
}

TEST_CASE("the project is readable with its token") {
  Fixture f;
  auto project = f.call("GET", "/v2/projects/5040/");
  CHECK(project.status == 200);
  CHECK(
      project.body ==
      R"({"id":5040,"name":"Demo project","created":"2021-01-15T09:00:00.000Z","updated":"2021-01-15T09:00:00.000Z"})");
}

TEST_CASE("groups, participants and tests are held to the limits of loadero/limits.hpp") {
  Fixture f;
  const std::string groups = "/v2/projects/5040/tests/6866/groups/";
  const auto group_body = [](const std::string& name, std::int64_t count) {
    return json{{"name", name}, {"count", count}}.dump();
  };
  std::string longest;
  for (std::size_t i = 0; i < loadero::max_group_name_length; ++i) longest += "\u00e9";
  CHECK(f.call("POST", groups, group_body(longest, loadero::max_group_count)).status == 201);
  auto too_much = f.call("POST", groups, group_body(longest + "x", loadero::max_group_count + 1));
  CHECK(too_much.status == 422);
  CHECK(too_much.body ==
        R"({"code":422,"errors":{"count":["Ensure this value is less than or equal to 1000000."],)"
        R"("name":["Ensure this field has no more than 255 characters."]}})");
  CHECK(f.call("POST", groups + "48797/copy/", json{{"name", longest + "x"}}.dump()).status == 422);

  const std::string participants = groups + "50335/participants/";
  CHECK(f.call("POST", participants, group_body("P", loadero::max_participant_count)).status ==
        201);
  CHECK(f.call("POST", participants, group_body("P", loadero::max_participant_count + 1)).status ==
        422);
  CHECK(f.call("POST", participants,
               group_body(std::string(loadero::max_participant_name_length + 1, 'p'), 1))
            .status == 422);

  const auto test_body = [](const std::string& name, std::int64_t start, std::int64_t timeout) {
    return json{{"name", name},
                {"start_interval", start},
                {"participant_timeout", timeout},
                {"mode", "load"},
                {"increment_strategy", "linear"}}
        .dump();
  };
  const std::string tests = "/v2/projects/5040/tests/";
  CHECK(f.call("POST", tests,
               test_body(std::string(loadero::max_test_name_length, 't'),
                         loadero::max_test_start_interval, loadero::max_test_participant_timeout))
            .status == 201);
  auto bad_test = f.call(
      "POST", tests,
      test_body(std::string(loadero::max_test_name_length + 1, 't'),
                loadero::max_test_start_interval + 1, loadero::max_test_participant_timeout + 1));
  CHECK(bad_test.status == 422);
  CHECK(bad_test.body ==
        R"({"code":422,"errors":{"name":["Ensure this field has no more than 255 characters."],)"
        R"("participant_timeout":["Ensure this value is less than or equal to 28800."],)"
        R"("start_interval":["Ensure this value is less than or equal to 86400."]}})");
}

namespace {

// The ids of the results of the list at `path`, in answer order.
std::vector<std::int64_t> listed_ids(Fixture& f, const std::string& path) {
  const auto answer = json::parse(f.call("GET", path).body);
  std::vector<std::int64_t> ids;
  for (const auto& item : answer["results"]) ids.push_back(item["id"].get<std::int64_t>());
  return ids;
}

// What the lists and derived counts must say, found by scanning every group and participant of
// the state (the per-test indexes are not used).
void check_against_full_scan(Fixture& f) {
  const State state = f.api.snapshot();
  const auto tests = json::parse(f.call("GET", "/v2/projects/5040/tests/").body)["results"];
  for (const auto& test : tests) {
    const auto test_id = test["id"].get<std::int64_t>();
    const auto prefix = "/v2/projects/5040/tests/" + std::to_string(test_id) + "/";
    CAPTURE(test_id);
    std::vector<std::int64_t> group_ids;
    std::map<std::int64_t, std::pair<std::int64_t, double>> per_group;  // participants, units
    std::int64_t group_count = 0;
    for (const auto& [id, group] : state.groups) {
      if (group.test_id != test_id) continue;
      group_ids.push_back(id);
      per_group[id];
      group_count += group.count;
    }
    std::vector<std::int64_t> participant_ids;
    std::int64_t participant_count = 0;
    for (const auto& [id, participant] : state.participants) {
      if (participant.test_id != test_id) continue;
      participant_ids.push_back(id);
      if (participant.group_id == 0) {
        participant_count += participant.count;
        continue;
      }
      per_group.at(participant.group_id).first += participant.count;
      per_group.at(participant.group_id).second +=
          loadero::participant_values::compute_units_of(participant.compute_unit) *
          static_cast<double>(participant.count);
    }
    for (const auto& [id, totals] : per_group) {
      participant_count += state.groups.at(id).count * totals.first;
    }
    CHECK(test.value("group_count", 0) == group_count);
    CHECK(test.value("participant_count", 0) == participant_count);

    const auto groups = json::parse(f.call("GET", prefix + "groups/").body)["results"];
    std::vector<std::int64_t> listed_groups;
    for (const auto& group : groups) {
      const auto id = group["id"].get<std::int64_t>();
      listed_groups.push_back(id);
      CHECK(group.value("participant_count", 0) == per_group.at(id).first);
      CHECK(group.value("total_cu_count", 0) ==
            static_cast<std::int64_t>(std::ceil(per_group.at(id).second)));
      std::vector<std::int64_t> in_group;
      for (const auto& [participant_id, participant] : state.participants) {
        if (participant.group_id == id) in_group.push_back(participant_id);
      }
      CHECK(listed_ids(f, prefix + "groups/" + std::to_string(id) + "/participants/") == in_group);
    }
    CHECK(listed_groups == group_ids);
    CHECK(listed_ids(f, prefix + "participants/") == participant_ids);
  }
  // The state file is written from the indexes too: reading it back gives the same state.
  CHECK(state_to_json_text(state_from_json_text(state_to_json_text(state), 0)) ==
        state_to_json_text(state));
}

std::string created_id(const ApiResponse& response) {
  REQUIRE(response.status / 100 == 2);
  return std::to_string(json::parse(response.body)["id"].get<std::int64_t>());
}

}  // namespace

TEST_CASE("lists and derived counts stay those of a full scan across creates, copies, deletes") {
  Fixture f;
  check_against_full_scan(f);
  const std::string tests = "/v2/projects/5040/tests/";
  const auto test = created_id(f.call("POST", tests,
                                      R"({"name": "Index", "start_interval": 1,
                                          "participant_timeout": 300, "mode": "load",
                                          "increment_strategy": "linear"})"));
  const auto group =
      created_id(f.call("POST", tests + test + "/groups/", R"({"name": "A", "count": 3})"));
  created_id(f.call("POST", tests + test + "/groups/" + group + "/participants/",
                    R"({"name": "P", "count": 2, "compute_unit": "g0.5"})"));
  const auto loose = created_id(
      f.call("POST", tests + test + "/participants/", R"({"name": "Loose", "count": 5})"));
  check_against_full_scan(f);

  const auto group_copy = created_id(f.call("POST", tests + test + "/groups/" + group + "/copy/"));
  created_id(f.call("POST", tests + test + "/participants/" + loose + "/copy/"));
  const auto test_copy = created_id(f.call("POST", tests + test + "/copy/"));
  const auto demo_copy = created_id(f.call("POST", tests + "6866/copy/"));
  check_against_full_scan(f);

  CHECK(f.call("DELETE", tests + test + "/participants/" + loose + "/").status == 204);
  CHECK(f.call("DELETE", tests + test + "/groups/" + group + "/").status == 204);
  CHECK(f.call("DELETE", tests + "6866/groups/48797/").status == 204);
  check_against_full_scan(f);

  CHECK(f.call("DELETE", tests + test + "/").status == 204);
  CHECK(f.call("DELETE", tests + demo_copy + "/").status == 204);
  check_against_full_scan(f);
  created_id(f.call("POST", tests + test_copy + "/groups/", R"({"name": "B", "count": 1})"));
  CHECK(f.call("GET", tests + test + "/groups/" + group_copy + "/").status == 404);
  check_against_full_scan(f);
}
