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
