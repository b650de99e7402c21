// ApiClient over a Transport of the test's own: the requests it builds, how it reads answers and
// transport errors, and that the token never leaks. No sockets.

#include <doctest/doctest.h>

#include <memory>
#include <stdexcept>
#include <thread>

#include "client_fixture.hpp"
#include "fake_transport.hpp"
#include "loadero/api_client.hpp"
#include "loadero/api_error.hpp"

using loadero::ApiClient;
using loadero::ApiError;
using loadero::HttpMethod;
using loadero::HttpRequest;
using loadero::HttpResponse;
using loadero_test::catch_api_error;
using loadero_test::config_for;
using loadero_test::FakeTransport;
using loadero_test::json_answer;
using loadero_test::test_token;

namespace {

const std::string base = "https://api.loadero.com/v2/";

std::string header(const HttpRequest& request, const std::string& name) {
  for (const auto& [key, value] : request.headers) {
    if (key == name) return value;
  }
  return "(none)";
}

}  // namespace

TEST_CASE("the client hands the transport the URL, route, headers and body it built") {
  auto transport = std::make_shared<FakeTransport>([](const HttpRequest& request) -> HttpResponse {
    return request.method == HttpMethod::del ? HttpResponse{204, "", "", ""}
                                             : json_answer(200, R"({"id": 1})");
  });
  ApiClient client(config_for(base), transport);
  client.get("projects/5040/tests/", loadero::QueryParams().limit(5));
  client.post("projects/5040/tests/6866/groups/", {{"name", "g"}, {"count", 2}});
  client.put("projects/5040/tests/6866/groups/1/", {{"name", "g"}, {"count", 3}});
  client.del("projects/5040/tests/6866/groups/1/");

  const auto requests = transport->requests();
  REQUIRE(requests.size() == 4);
  const auto& get = requests[0];
  CHECK(get.method == HttpMethod::get);
  CHECK(get.url == base + "projects/5040/tests/?limit=5");
  CHECK(get.route == "projects/5040/tests/?limit=5");
  CHECK(get.base() == base);
  CHECK(get.body.empty());
  CHECK(get.headers == std::vector<std::pair<std::string, std::string>>{
                           {"Authorization", std::string("LoaderoAuth ") + test_token},
                           {"Accept", "application/json"},
                           {"User-Agent", "loadero-sync/0.1.0"}});
  CHECK(header(requests[1], "Content-Type") == "application/json");
  CHECK(requests[1].body == R"({"count":2,"name":"g"})");
  CHECK(requests[2].method == HttpMethod::put);
  CHECK(header(requests[2], "Content-Type") == "application/json");
  CHECK(requests[3].method == HttpMethod::del);
  CHECK(header(requests[3], "Content-Type") == "(none)");
  CHECK(requests[3].body.empty());
}

TEST_CASE("an empty token or user agent sends no such header") {
  auto transport =
      std::make_shared<FakeTransport>([](const HttpRequest&) { return json_answer(200, "{}"); });
  auto config = config_for(base);
  config.access_token = "  ";
  config.user_agent.clear();
  ApiClient client(config, transport);
  client.get("projects/5040/");
  CHECK(transport->requests().at(0).headers ==
        std::vector<std::pair<std::string, std::string>>{{"Accept", "application/json"}});
}

TEST_CASE("a client with a transport of its own still checks its configuration") {
  auto transport = std::make_shared<FakeTransport>();
  CHECK_THROWS_AS(ApiClient(config_for("http://api.loadero.com/v2/"), transport),
                  std::invalid_argument);
  auto config = config_for(base);
  config.access_token = "a\nb";
  CHECK_THROWS_AS(ApiClient(config, transport), std::invalid_argument);
  CHECK_THROWS_WITH_AS(ApiClient(config_for(base), nullptr), "the transport must not be null",
                       std::invalid_argument);
  CHECK(ApiClient(config_for("http://127.0.0.1:9/v2"), transport).config().api_base ==
        "http://127.0.0.1:9/v2/");
  CHECK(transport->requests().empty());
}

TEST_CASE("answers are classified the same whatever transport carried them") {
  auto transport = std::make_shared<FakeTransport>([](const HttpRequest& request) {
    if (request.route == "a/") return json_answer(404, R"({"code": 404, "error": "no such"})");
    if (request.route == "b/") {
      auto answer = json_answer(503, R"({"code": 503, "error": "later"})");
      answer.retry_after = "3";
      return answer;
    }
    if (request.route == "c/") return HttpResponse{201, "text/html", "<html/>", ""};
    if (request.route == "d/") return json_answer(200, "");
    if (request.route == "e/") return json_answer(200, "{nope");
    return HttpResponse{204, "", "", ""};
  });
  ApiClient client(config_for(base), transport);

  const auto not_found = catch_api_error([&] { client.get("a/"); });
  CHECK(not_found.kind() == ApiError::Kind::http);
  CHECK(std::string(not_found.what()) == "GET a/: 404 Not Found: no such (code 404)");
  const auto later = catch_api_error([&] { client.post("b/", {{"name", "x"}}); });
  CHECK(later.outcome_unknown());
  CHECK(later.retry_after_seconds() == 3.0);
  CHECK(std::string(catch_api_error([&] { client.post("c/", {}); }).what()) ==
        "POST c/: invalid response: 201 Created with Content-Type 'text/html', expected "
        "application/json");
  CHECK(catch_api_error([&] { client.get("d/"); }).kind() == ApiError::Kind::invalid_response);
  CHECK(catch_api_error([&] { client.get("e/"); }).kind() == ApiError::Kind::invalid_response);
  CHECK_NOTHROW(client.del("f/"));
}

TEST_CASE("a transport's ApiError gets the request's method and route and loses the token") {
  auto transport = std::make_shared<FakeTransport>([](const HttpRequest&) -> HttpResponse {
    ApiError::Details details;
    details.kind = ApiError::Kind::timeout;
    details.method = "PATCH";
    details.route = "somewhere/else/";
    details.detail = std::string("lost the answer to LoaderoAuth ") + test_token;
    throw ApiError(details);
  });
  ApiClient client(config_for(base), transport);
  std::vector<loadero::RequestEvent> events;
  client.set_observer([&](const loadero::RequestEvent& event) { events.push_back(event); });
  const auto error =
      catch_api_error([&] { client.get("projects/5040/tests/", loadero::QueryParams().limit(2)); });
  CHECK(error.kind() == ApiError::Kind::timeout);
  CHECK(error.outcome_unknown());
  CHECK(std::string(error.what()) ==
        "GET projects/5040/tests/: lost the answer to LoaderoAuth ***");
  REQUIRE(events.size() == 1);
  CHECK(events[0].route == "projects/5040/tests/?limit=2");
  CHECK(events[0].status == 0);
  CHECK(events[0].error == error.what());
}

TEST_CASE("an error body echoing the token is scrubbed in every field") {
  auto transport = std::make_shared<FakeTransport>([](const HttpRequest&) {
    const std::string echoed = std::string("bad ") + test_token;
    return json_answer(422,
                       nlohmann::json{{"error", echoed}, {"errors", {{"token", {echoed}}}}}.dump());
  });
  ApiClient client(config_for(base), transport);
  const auto error = catch_api_error([&] { client.post("x/", {}); });
  CHECK(error.error_text() == "bad ***");
  CHECK(error.field_errors().at("token") == std::vector<std::string>{"bad ***"});
  CHECK(std::string(error.what()).find(test_token) == std::string::npos);
}

TEST_CASE("another exception from a transport passes through, and the observer hears it") {
  auto transport = std::make_shared<FakeTransport>([](const HttpRequest&) -> HttpResponse {
    throw std::runtime_error(std::string("broken with ") + test_token);
  });
  ApiClient client(config_for(base), transport);
  std::vector<loadero::RequestEvent> events;
  client.set_observer([&](const loadero::RequestEvent& event) { events.push_back(event); });
  CHECK_THROWS_AS(client.get("x/"), std::runtime_error);
  REQUIRE(events.size() == 1);
  CHECK(events[0].error == "broken with ***");
}

TEST_CASE("the request is timed from the transport's on_transfer_start") {
  auto transport = std::make_shared<FakeTransport>([](const HttpRequest& request) {
    std::this_thread::sleep_for(std::chrono::milliseconds{300});  // "waiting for a rate slot"
    if (request.on_transfer_start) request.on_transfer_start();
    return json_answer(200, "{}");
  });
  ApiClient client(config_for(base), transport);
  std::vector<loadero::RequestEvent> events;
  client.set_observer([&](const loadero::RequestEvent& event) { events.push_back(event); });
  client.get("x/");
  REQUIRE(events.size() == 1);
  CHECK(events[0].duration < std::chrono::milliseconds{250});
  CHECK(events[0].status == 200);
}

TEST_CASE("HttpRequest::base is the URL without its route") {
  HttpRequest request;
  request.url = "https://api.loadero.com/v2/projects/5040/?limit=1";
  request.route = "projects/5040/?limit=1";
  CHECK(request.base() == "https://api.loadero.com/v2/");
  request.route = "other/";
  CHECK(request.base() == request.url);
  CHECK(loadero::to_string(HttpMethod::del) == "DELETE");
}
