// DryRunTransport: reads go through, writes are recorded and answered by the local simulation.

#include <doctest/doctest.h>

#include <memory>
#include <set>
#include <thread>

#include "client_fixture.hpp"
#include "fake_transport.hpp"
#include "group_answers.hpp"
#include "loadero/api_client.hpp"
#include "loadero/curl_transport.hpp"
#include "loadero/dry_run_transport.hpp"
#include "loadero/group.hpp"

using loadero::DryRunTransport;
using loadero::GroupAPI;
using loadero::GroupParams;
using loadero::HttpMethod;
using loadero::HttpRequest;
using loadero::HttpResponse;
using loadero_test::FakeTransport;
using loadero_test::json_answer;

namespace {

const std::string base = "https://api.loadero.com/v2/";
const std::string groups = "projects/5040/tests/6866/groups/";
const std::string live_group = R"({"id": 48797, "test_id": 6866, "name": "Callers", "count": 3,
  "participant_count": 7, "total_cu_count": 14, "created": "2021-02-02T12:00:25Z"})";

HttpRequest write(HttpMethod method, const std::string& route, std::string body = {}) {
  HttpRequest request;
  request.method = method;
  request.url = base + route;
  request.route = route;
  request.headers = {{"Authorization", "LoaderoAuth secret-token"},
                     {"Accept", "application/json"},
                     {"Content-Type", "application/json"}};
  request.body = std::move(body);
  return request;
}

nlohmann::json json_of(const HttpResponse& response) {
  return nlohmann::json::parse(response.body);
}

// An inner transport that knows live group 48797 and nothing else.
std::shared_ptr<FakeTransport> live_api() {
  return std::make_shared<FakeTransport>([](const HttpRequest& request) {
    if (request.route == groups + "48797/") return json_answer(200, live_group);
    return json_answer(404, R"({"code": 404, "error": "group not found"})");
  });
}

}  // namespace

TEST_CASE("a dry run needs a transport for its reads") {
  CHECK_THROWS_AS(DryRunTransport(nullptr), std::invalid_argument);
}

TEST_CASE("a dry run sends GETs to the inner transport unchanged and records none") {
  auto inner = live_api();
  DryRunTransport dry_run(inner);
  auto request = write(HttpMethod::get, groups + "48797/");
  const auto answer = dry_run.send(request);
  CHECK(answer.status == 200);
  CHECK(answer.body == live_group);
  REQUIRE(inner->requests().size() == 1);
  CHECK(inner->requests()[0].url == request.url);
  CHECK(inner->requests()[0].route == request.route);
  CHECK(inner->requests()[0].headers == request.headers);
  CHECK(dry_run.requests().empty());
}

TEST_CASE("a POST to a collection answers 201 with the body, a simulated id and the parent ids") {
  auto inner = live_api();
  DryRunTransport dry_run(inner);
  const auto first = dry_run.send(write(HttpMethod::post, groups, R"({"count":2,"name":"A"})"));
  CHECK(first.status == 201);
  CHECK(first.content_type == "application/json");
  CHECK(json_of(first) ==
        nlohmann::json{
            {"id", -1}, {"name", "A"}, {"count", 2}, {"test_id", 6866}, {"project_id", 5040}});
  const auto second = dry_run.send(write(HttpMethod::post, groups, R"({"count":1,"name":"B"})"));
  CHECK(json_of(second)["id"] == -2);
  // Parent ids come from any <plural>/<number>/ pair, simulated ids included.
  const auto child = dry_run.send(
      write(HttpMethod::post, groups + "-1/participants/", R"({"name":"p","count":1})"));
  CHECK(json_of(child)["group_id"] == -1);
  CHECK(json_of(child)["test_id"] == 6866);
  CHECK(json_of(dry_run.send(
            write(HttpMethod::post, "categories/3/entries/", "{}")))["category_id"] == 3);
  CHECK(inner->requests().empty());
}

TEST_CASE("a PUT merges the body over the object the simulation knows") {
  auto inner = live_api();
  DryRunTransport dry_run(inner);
  dry_run.send(write(HttpMethod::post, groups, R"({"count":2,"name":"A"})"));
  const auto updated =
      dry_run.send(write(HttpMethod::put, groups + "-1/", R"({"count":5,"name":"A2","id":99})"));
  CHECK(updated.status == 200);
  CHECK(json_of(updated) ==
        nlohmann::json{
            {"id", -1}, {"name", "A2"}, {"count", 5}, {"test_id", 6866}, {"project_id", 5040}});
  CHECK(inner->requests().empty());
}

TEST_CASE("a PUT of a live object reads it once through the inner transport") {
  auto inner = live_api();
  DryRunTransport dry_run(inner);
  const auto first =
      dry_run.send(write(HttpMethod::put, groups + "48797/", R"({"count":4,"name":"Callers"})"));
  CHECK(first.status == 200);
  const auto object = json_of(first);
  CHECK(object["id"] == 48797);
  CHECK(object["count"] == 4);
  CHECK(object["participant_count"] == 7);
  CHECK(object["created"] == "2021-02-02T12:00:25Z");
  dry_run.send(write(HttpMethod::put, groups + "48797/", R"({"count":6})"));
  const auto reads = inner->requests();
  REQUIRE(reads.size() == 1);
  CHECK(reads[0].method == HttpMethod::get);
  CHECK(reads[0].url == base + groups + "48797/");
  CHECK(reads[0].route == groups + "48797/");
  CHECK(reads[0].body.empty());
  // The read carries the credentials but is no write: no Content-Type.
  CHECK(reads[0].headers ==
        std::vector<std::pair<std::string, std::string>>{
            {"Authorization", "LoaderoAuth secret-token"}, {"Accept", "application/json"}});
}

TEST_CASE("a copy of a live group is read through the inner transport and gets a new id") {
  auto inner = live_api();
  DryRunTransport dry_run(inner);
  const auto copy =
      dry_run.send(write(HttpMethod::post, groups + "48797/copy/", R"({"name":"Callers EU"})"));
  CHECK(copy.status == 201);
  const auto object = json_of(copy);
  CHECK(object["id"] == -1);
  CHECK(object["name"] == "Callers EU");
  CHECK(object["count"] == 3);
  CHECK(object["participant_count"] == 7);
  CHECK(object["test_id"] == 6866);
  CHECK(inner->lines() == std::vector<std::string>{"GET " + groups + "48797/"});
  // A copy of the copy is known from the simulation: no further read.
  const auto again =
      dry_run.send(write(HttpMethod::post, groups + "-1/copy/", R"({"name":"Callers US"})"));
  CHECK(json_of(again)["id"] == -2);
  CHECK(json_of(again)["participant_count"] == 7);
  CHECK(inner->requests().size() == 1);
}

TEST_CASE("a DELETE answers 204 and forgets the object, and writes to it then answer 404") {
  auto inner = live_api();
  DryRunTransport dry_run(inner);
  const auto deleted = dry_run.send(write(HttpMethod::del, groups + "48797/"));
  CHECK(deleted.status == 204);
  CHECK(deleted.body.empty());
  CHECK(dry_run.send(write(HttpMethod::put, groups + "48797/", R"({"count":1})")).status == 404);
  CHECK(dry_run.send(write(HttpMethod::post, groups + "48797/copy/", R"({"name":"x"})")).status ==
        404);
  CHECK(dry_run.send(write(HttpMethod::del, groups + "48797/")).status == 404);
  CHECK(inner->requests().empty());
}

TEST_CASE("a failed read of the object is the write's answer, and a bad body answers 400") {
  auto inner = live_api();
  DryRunTransport dry_run(inner);
  const auto missing = dry_run.send(write(HttpMethod::put, groups + "1/", R"({"count":1})"));
  CHECK(missing.status == 404);
  CHECK(json_of(missing)["error"] == "group not found");
  CHECK(dry_run.send(write(HttpMethod::post, groups, "[1, 2]")).status == 400);
  CHECK(dry_run.requests().size() == 2);
}

TEST_CASE("writes are recorded in order, the listener hears each, and headers are not kept") {
  auto inner = live_api();
  std::vector<loadero::RecordedRequest> heard;
  DryRunTransport dry_run(
      inner, [&](const loadero::RecordedRequest& request) { heard.push_back(request); });
  dry_run.send(write(HttpMethod::post, groups, R"({"count":2,"name":"A"})"));
  dry_run.send(write(HttpMethod::get, groups));
  dry_run.send(write(HttpMethod::put, groups + "-1/", R"({"count":3,"name":"A"})"));
  dry_run.send(write(HttpMethod::del, groups + "-1/"));
  const std::vector<loadero::RecordedRequest> expected{
      {HttpMethod::post, groups, R"({"count":2,"name":"A"})"},
      {HttpMethod::put, groups + "-1/", R"({"count":3,"name":"A"})"},
      {HttpMethod::del, groups + "-1/", ""},
  };
  CHECK(dry_run.requests() == expected);
  CHECK(heard == expected);
  CHECK(inner->lines() == std::vector<std::string>{"GET " + groups});
}

TEST_CASE("concurrent writes get distinct simulated ids") {
  auto inner = live_api();
  DryRunTransport dry_run(inner);
  constexpr int threads = 4;
  constexpr int per_thread = 25;
  std::vector<std::vector<std::int64_t>> ids(threads);
  std::vector<std::thread> workers;
  for (int t = 0; t < threads; ++t) {
    workers.emplace_back([&, t] {
      for (int i = 0; i < per_thread; ++i) {
        const auto answer = dry_run.send(write(HttpMethod::post, groups, R"({"name":"x"})"));
        ids[t].push_back(json_of(answer)["id"].get<std::int64_t>());
      }
    });
  }
  for (auto& worker : workers) worker.join();
  std::set<std::int64_t> distinct;
  for (const auto& list : ids) distinct.insert(list.begin(), list.end());
  CHECK(distinct.size() == threads * per_thread);
  CHECK(*distinct.begin() == -threads * per_thread);
  CHECK(*distinct.rbegin() == -1);
  CHECK(dry_run.requests().size() == threads * per_thread);
}

TEST_CASE("GroupAPI over a dry run returns simulated groups and only its reads reach the server") {
  loadero_test::RecordingServer server;
  server.respond("GET", groups + "48797/", loadero_test::json_response(200, live_group));
  server.respond(
      "GET", groups,
      loadero_test::json_response(200, loadero_test::page_json({live_group}, 100, 0, 1, 1, 1)));
  loadero::CurlTransportOptions options;
  options.max_requests_per_second = 0;
  auto dry_run = std::make_shared<DryRunTransport>(loadero::make_curl_transport(options));
  loadero::ApiClient client(loadero_test::config_for(server.base_url()), dry_run);
  GroupAPI api(client);

  const auto created = api.create(GroupParams().in_test(6866).with_name("Viewers").with_count(4));
  CHECK(created == GroupParams({.group_id = -1, .test_id = 6866, .name = "Viewers", .count = 4}));
  const auto updated =
      api.update(GroupParams({.group_id = 48797, .test_id = 6866, .name = "Callers", .count = 5}));
  CHECK(updated.count() == 5);
  CHECK(updated.participant_count() == 7);
  const auto copy = api.duplicate(GroupParams({.group_id = 48797, .test_id = 6866}), "Callers EU");
  CHECK(copy.group_id() == -2);
  CHECK(copy.name() == "Callers EU");
  CHECK(copy.count() == 5);  // copied from the updated group the simulation knows
  CHECK(copy.test_id() == 6866);
  api.remove(GroupParams({.group_id = 48797, .test_id = 6866}));
  CHECK(api.read_all_pages(6866).size() == 1);  // reads see the real API, not the simulation
  // The same client-side checks as a real apply, before anything is recorded.
  CHECK_THROWS_AS(api.create(GroupParams().in_test(6866).with_name("").with_count(1)),
                  std::invalid_argument);

  const std::vector<loadero::RecordedRequest> expected{
      {HttpMethod::post, groups, R"({"count":4,"name":"Viewers"})"},
      {HttpMethod::put, groups + "48797/", R"({"count":5,"name":"Callers"})"},
      {HttpMethod::post, groups + "48797/copy/", R"({"name":"Callers EU"})"},
      {HttpMethod::del, groups + "48797/", ""},
  };
  CHECK(dry_run->requests() == expected);
  std::vector<std::string> seen;
  for (const auto& request : server.requests()) {
    seen.push_back(request.method + " " + request.route);
    CHECK(request.header("Authorization") ==
          std::string("LoaderoAuth ") + loadero_test::test_token);
  }
  CHECK(seen == std::vector<std::string>{"GET " + groups + "48797/", "GET " + groups});
}

namespace {

const std::string participants = "projects/5040/tests/6866/participants/";
const std::string caller = R"({"id": 94633, "group_id": 48797, "test_id": 6866, "name": "Caller",
  "count": 2, "browser": "chromeLatest", "compute_unit": "g2"})";
const std::string lurker = R"({"id": 94634, "group_id": 48797, "test_id": 6866, "name": "Lurker",
  "count": 1, "browser": "firefoxLatest", "compute_unit": "g1"})";

// live_api() plus the participants of group 48797 (one page of two) and a failing listing of
// group 48798's participants while `fail_listing` is set.
std::shared_ptr<FakeTransport> live_api_with_participants(const bool* fail_listing = nullptr) {
  return std::make_shared<FakeTransport>([fail_listing](const HttpRequest& request) {
    if (request.route == groups + "48797/") return json_answer(200, live_group);
    if (request.route == groups + "48797/participants/") {
      return json_answer(200, R"({"filter": {}, "pagination": {"limit": 0, "offset": 0,
        "page": 1, "total_pages": 1, "total_items": 2}, "results": [)" +
                                  caller + ", " + lurker + "]}");
    }
    if (request.route == groups + "48798/") {
      return json_answer(200, R"({"id": 48798, "test_id": 6866, "name": "Hosts", "count": 1})");
    }
    if (request.route == groups + "48798/participants/" && fail_listing && *fail_listing) {
      return json_answer(503, R"({"code": 503, "error": "try again"})");
    }
    if (request.route == groups + "48798/participants/") {
      return json_answer(200, R"({"filter": {}, "pagination": {"limit": 0, "offset": 0,
        "page": 1, "total_pages": 1, "total_items": 0}, "results": []})");
    }
    return json_answer(404, R"({"code": 404, "error": "not found"})");
  });
}

std::vector<std::string> names_in(const HttpResponse& page) {
  std::vector<std::string> names;
  const auto json = json_of(page);
  for (const auto& item : json.at("results")) names.push_back(item.at("name").get<std::string>());
  return names;
}

}  // namespace

TEST_CASE("a GET of a simulated object answers it as the simulation keeps it, by any route") {
  auto inner = live_api();
  DryRunTransport dry_run(inner);
  dry_run.send(write(HttpMethod::post, groups, R"({"count":2,"name":"A"})"));
  dry_run.send(write(HttpMethod::post, groups + "-1/participants/", R"({"count":1,"name":"p"})"));
  dry_run.send(write(HttpMethod::put, groups + "-1/", R"({"count":3})"));

  const auto group = dry_run.send(write(HttpMethod::get, groups + "-1/"));
  CHECK(group.status == 200);
  CHECK(group.content_type == "application/json");
  CHECK(json_of(group) ==
        nlohmann::json{
            {"id", -1}, {"name", "A"}, {"count", 3}, {"test_id", 6866}, {"project_id", 5040}});
  // The participant made under the group is found at test scope too, and a query is no part of
  // the route.
  const auto participant = dry_run.send(write(HttpMethod::get, participants + "-2/?fields=all"));
  CHECK(participant.status == 200);
  CHECK(json_of(participant) == nlohmann::json{{"id", -2},
                                               {"name", "p"},
                                               {"count", 1},
                                               {"group_id", -1},
                                               {"test_id", 6866},
                                               {"project_id", 5040}});
  CHECK(json_of(dry_run.send(write(HttpMethod::get, groups + "-1/participants/-2/"))) ==
        json_of(participant));

  const auto unknown = dry_run.send(write(HttpMethod::get, groups + "-7/"));
  CHECK(unknown.status == 404);
  CHECK(json_of(unknown)["error"] == "not found (no such object in this dry run)");
  // Nothing under a simulated object is deeper than one collection.
  const auto deeper = dry_run.send(write(HttpMethod::get, groups + "-1/participants/-2/runs/5/"));
  CHECK(deeper.status == 404);
  CHECK(json_of(deeper)["error"] == "not found (no such route in this dry run)");
  CHECK(inner->requests().empty());
  CHECK(dry_run.requests().size() == 3);  // reads are not recorded
}

TEST_CASE("a GET of a collection under a simulated object answers its items in one page") {
  auto inner = live_api();
  DryRunTransport dry_run(inner);
  dry_run.send(write(HttpMethod::post, groups, R"({"count":2,"name":"A"})"));
  dry_run.send(write(HttpMethod::post, groups, R"({"count":1,"name":"B"})"));
  dry_run.send(write(HttpMethod::post, groups + "-1/participants/", R"({"count":1,"name":"p1"})"));
  dry_run.send(write(HttpMethod::post, groups + "-2/participants/", R"({"count":1,"name":"q"})"));
  dry_run.send(write(HttpMethod::post, groups + "-1/participants/", R"({"count":4,"name":"p2"})"));

  const auto page = dry_run.send(write(HttpMethod::get, groups + "-1/participants/?limit=1"));
  CHECK(page.status == 200);
  const auto json = json_of(page);
  CHECK(json["pagination"]["total_items"] == 2);
  CHECK(json["pagination"]["total_pages"] == 1);
  CHECK(json["pagination"]["page"] == 1);
  CHECK(names_in(page) == std::vector<std::string>{"p1", "p2"});  // in the order they were made
  CHECK(json["results"][1]["id"] == -5);
  CHECK(json["results"][1]["group_id"] == -1);

  // An update shows in the listing; a delete (here at test scope) leaves it.
  dry_run.send(write(HttpMethod::put, participants + "-5/", R"({"count":6})"));
  dry_run.send(write(HttpMethod::del, participants + "-3/"));
  const auto after = json_of(dry_run.send(write(HttpMethod::get, groups + "-1/participants/")));
  REQUIRE(after["results"].size() == 1);
  CHECK(after["results"][0]["count"] == 6);
  CHECK(after["pagination"]["total_items"] == 1);

  // A collection under a simulated object that has no items is an empty page, not a 404.
  dry_run.send(write(HttpMethod::post, groups, R"({"count":1,"name":"C"})"));
  const auto empty = dry_run.send(write(HttpMethod::get, groups + "-6/participants/"));
  CHECK(empty.status == 200);
  CHECK(json_of(empty)["results"] == nlohmann::json::array());
  CHECK(json_of(empty)["pagination"]["total_items"] == 0);
  CHECK(inner->requests().empty());
}

TEST_CASE("a collection under a copy takes the source's items once, with simulated ids") {
  auto inner = live_api_with_participants();
  DryRunTransport dry_run(inner);
  dry_run.send(write(HttpMethod::post, groups + "48797/copy/", R"({"name":"Callers EU"})"));
  const auto page =
      dry_run.send(write(HttpMethod::get, groups + "-1/participants/?limit=100&offset=0"));
  CHECK(page.status == 200);
  const auto results = json_of(page)["results"];
  REQUIRE(results.size() == 2);
  CHECK(results[0] == nlohmann::json{{"id", -2},
                                     {"group_id", -1},
                                     {"test_id", 6866},
                                     {"project_id", 5040},
                                     {"name", "Caller"},
                                     {"count", 2},
                                     {"browser", "chromeLatest"},
                                     {"compute_unit", "g2"}});
  CHECK(results[1]["id"] == -3);
  CHECK(results[1]["group_id"] == -1);
  CHECK(results[1]["name"] == "Lurker");
  // The source's collection was read once, without the query (every item at once), with the
  // request's credentials.
  CHECK(inner->lines() == std::vector<std::string>{"GET " + groups + "48797/",
                                                   "GET " + groups + "48797/participants/"});
  CHECK(inner->requests()[1].url == base + groups + "48797/participants/");
  CHECK(inner->requests()[1].headers == write(HttpMethod::get, "").headers);

  // Writes on top of the copy reach the copied items by their simulated ids, at test scope.
  const auto updated = dry_run.send(
      write(HttpMethod::put, participants + "-2/", R"({"count":4,"group_id":-1,"name":"Caller"})"));
  CHECK(updated.status == 200);
  CHECK(json_of(updated)["browser"] == "chromeLatest");
  CHECK(json_of(updated)["count"] == 4);
  CHECK(dry_run.send(write(HttpMethod::del, participants + "-3/")).status == 204);
  dry_run.send(
      write(HttpMethod::post, groups + "-1/participants/", R"({"count":1,"name":"Late"})"));

  const auto again = dry_run.send(write(HttpMethod::get, groups + "-1/participants/"));
  // Not read again; the copy holds the copied items as changed, and what was made under it.
  CHECK(inner->requests().size() == 2);
  CHECK(names_in(again) == std::vector<std::string>{"Caller", "Late"});
  CHECK(json_of(again)["results"][0]["count"] == 4);
  // The source itself still reads from the API unchanged.
  dry_run.send(write(HttpMethod::get, groups + "48797/participants/"));
  CHECK(inner->requests().size() == 3);
}

TEST_CASE("a failed read of a copy's source items is the answer, and the next read tries again") {
  bool fail_listing = true;
  auto inner = live_api_with_participants(&fail_listing);
  DryRunTransport dry_run(inner);
  dry_run.send(write(HttpMethod::post, groups + "48798/copy/", R"({"name":"Hosts EU"})"));
  const auto failed = dry_run.send(write(HttpMethod::get, groups + "-1/participants/"));
  CHECK(failed.status == 503);
  CHECK(json_of(failed)["error"] == "try again");
  fail_listing = false;
  const auto page = dry_run.send(write(HttpMethod::get, groups + "-1/participants/"));
  CHECK(page.status == 200);
  CHECK(json_of(page)["results"] == nlohmann::json::array());
  dry_run.send(write(HttpMethod::get, groups + "-1/participants/"));
  CHECK(inner->lines() == std::vector<std::string>{"GET " + groups + "48798/",
                                                   "GET " + groups + "48798/participants/",
                                                   "GET " + groups + "48798/participants/"});
}

TEST_CASE("a copy of a copy brings what the first copy holds, and a copy of a new group none") {
  auto inner = live_api_with_participants();
  DryRunTransport dry_run(inner);
  dry_run.send(write(HttpMethod::post, groups + "48797/copy/", R"({"name":"Callers EU"})"));
  dry_run.send(write(HttpMethod::post, groups + "-1/copy/", R"({"name":"Callers US"})"));
  // Read the second copy first: the first copy's items are taken from the API on the way.
  const auto second = dry_run.send(write(HttpMethod::get, groups + "-2/participants/"));
  REQUIRE(second.status == 200);
  const auto results = json_of(second)["results"];
  REQUIRE(results.size() == 2);
  CHECK(results[0]["name"] == "Caller");
  CHECK(results[0]["group_id"] == -2);
  CHECK(results[1]["group_id"] == -2);
  std::set<std::int64_t> ids{results[0]["id"].get<std::int64_t>(),
                             results[1]["id"].get<std::int64_t>()};
  const auto first = json_of(dry_run.send(write(HttpMethod::get, groups + "-1/participants/")));
  REQUIRE(first["results"].size() == 2);
  CHECK(first["results"][0]["group_id"] == -1);
  ids.insert(first["results"][0]["id"].get<std::int64_t>());
  ids.insert(first["results"][1]["id"].get<std::int64_t>());
  CHECK(ids.size() == 4);  // every copied item has an id of its own
  CHECK(*ids.rbegin() < -2);

  dry_run.send(write(HttpMethod::post, groups, R"({"count":1,"name":"New"})"));
  const auto made = json_of(dry_run.send(write(HttpMethod::post, groups + "-7/copy/", "{}")));
  const auto brought = dry_run.send(write(
      HttpMethod::get, groups + std::to_string(made["id"].get<std::int64_t>()) + "/participants/"));
  CHECK(brought.status == 200);
  CHECK(json_of(brought)["results"] == nlohmann::json::array());
  // The API was never asked about an id it does not have.
  CHECK(inner->lines() == std::vector<std::string>{"GET " + groups + "48797/",
                                                   "GET " + groups + "48797/participants/"});
}

TEST_CASE("deleting a simulated group forgets the items under it") {
  auto inner = live_api_with_participants();
  DryRunTransport dry_run(inner);
  dry_run.send(write(HttpMethod::post, groups + "48797/copy/", R"({"name":"Callers EU"})"));
  REQUIRE(dry_run.send(write(HttpMethod::get, groups + "-1/participants/")).status == 200);
  CHECK(dry_run.send(write(HttpMethod::del, groups + "-1/")).status == 204);
  CHECK(dry_run.send(write(HttpMethod::get, groups + "-1/")).status == 404);
  CHECK(dry_run.send(write(HttpMethod::get, groups + "-1/participants/")).status == 404);
  CHECK(dry_run.send(write(HttpMethod::get, participants + "-2/")).status == 404);
  // Writes to them answer 404 too, without asking the API about an id it cannot have.
  CHECK(dry_run.send(write(HttpMethod::put, participants + "-2/", R"({"count":1})")).status == 404);
  CHECK(dry_run.send(write(HttpMethod::del, participants + "-3/")).status == 404);
  CHECK(dry_run.send(write(HttpMethod::post, groups + "-1/copy/", "{}")).status == 404);
  CHECK(inner->requests().size() == 2);
}

TEST_CASE("a copy's source items are read page by page when the server caps its pages") {
  // A server that answers one item a page, whatever the query asks.
  auto inner = std::make_shared<FakeTransport>([](const HttpRequest& request) {
    if (request.route == groups + "48797/") return json_answer(200, live_group);
    const std::string listing = groups + "48797/participants/";
    if (request.route.starts_with(listing)) {
      const auto at = request.route.find("offset=");
      const std::size_t offset =
          at == std::string::npos ? 0 : std::stoul(request.route.substr(at + 7));
      const std::string items[] = {caller, lurker};
      const std::string results = offset < 2 ? items[offset] : "";
      return json_answer(
          200, R"({"filter": {}, "pagination": {"limit": 1, "offset": )" + std::to_string(offset) +
                   R"(, "page": )" + std::to_string(offset + 1) +
                   R"(, "total_pages": 2, "total_items": 2}, "results": [)" + results + "]}");
    }
    return json_answer(404, R"({"code": 404, "error": "not found"})");
  });
  DryRunTransport dry_run(inner);
  dry_run.send(write(HttpMethod::post, groups + "48797/copy/", R"({"name":"Callers EU"})"));
  const auto page = dry_run.send(write(HttpMethod::get, groups + "-1/participants/"));
  CHECK(names_in(page) == std::vector<std::string>{"Caller", "Lurker"});
  CHECK(json_of(page)["pagination"]["total_items"] == 2);
  CHECK(inner->lines() == std::vector<std::string>{
                              "GET " + groups + "48797/", "GET " + groups + "48797/participants/",
                              "GET " + groups + "48797/participants/?limit=1&offset=1"});
  CHECK(inner->requests()[2].url == base + groups + "48797/participants/?limit=1&offset=1");
}
