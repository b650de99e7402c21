// ApiClient over the libcurl transport and a real server: what it sends, how it reads answers.

#include <doctest/doctest.h>

#include <mutex>
#include <set>

#include "client_fixture.hpp"
#include "loadero/api_client.hpp"
#include "loadero/api_error.hpp"

using loadero::ApiClient;
using loadero::ApiError;
using loadero::ClientConfig;
using loadero_test::CannedResponse;
using loadero_test::catch_api_error;
using loadero_test::config_for;
using loadero_test::json_response;
using loadero_test::make_client;
using loadero_test::RecordingServer;
using loadero_test::test_token;

TEST_CASE("a GET sends the LoaderoAuth header, Accept and User-Agent, and no Content-Type") {
  RecordingServer server;
  server.respond("GET", "projects/5040/", json_response(200, R"({"id": 5040, "name": "p"})"));
  auto client = make_client(server.base_url());
  const auto body = client->get("projects/5040/");
  CHECK(body == nlohmann::json{{"id", 5040}, {"name", "p"}});
  const auto requests = server.requests();
  REQUIRE(requests.size() == 1);
  CHECK(requests[0].method == "GET");
  CHECK(requests[0].route == "projects/5040/");
  CHECK(requests[0].query == "");
  CHECK(requests[0].header("Authorization") == "LoaderoAuth TOKEN-d1st1nct1ve-7f3a");
  CHECK(requests[0].header("Accept") == "application/json");
  CHECK(requests[0].header("User-Agent") == "loadero-sync/0.1.0");
  CHECK_FALSE(requests[0].has_header("Content-Type"));
  CHECK(requests[0].body == "");
}

TEST_CASE("a GET carries the URL-encoded query string") {
  RecordingServer server;
  server.respond("GET", "projects/5040/tests/", json_response(200, R"({"results": []})"));
  auto client = make_client(server.base_url());
  loadero::QueryParams query;
  query.limit(2).filter("filter_name", "Smoke test #1");
  client->get("projects/5040/tests/", query);
  CHECK(server.requests().at(0).query == "limit=2&filter_name=Smoke%20test%20%231");
}

TEST_CASE("a POST sends the JSON body with Content-Type application/json") {
  RecordingServer server;
  server.respond("POST", "projects/5040/tests/6866/groups/", json_response(201, R"({"id": 1})"));
  auto client = make_client(server.base_url());
  const auto answer =
      client->post("projects/5040/tests/6866/groups/", {{"name", "g"}, {"count", 2}});
  CHECK(answer == nlohmann::json{{"id", 1}});
  const auto request = server.requests().at(0);
  CHECK(request.method == "POST");
  CHECK(request.header("Content-Type") == "application/json");
  CHECK(request.header("Authorization") == "LoaderoAuth TOKEN-d1st1nct1ve-7f3a");
  CHECK(request.body == R"({"count":2,"name":"g"})");
}

TEST_CASE("a PUT sends the JSON body with Content-Type application/json") {
  RecordingServer server;
  server.respond("PUT", "projects/5040/tests/6866/groups/7/", json_response(200, R"({"id": 7})"));
  auto client = make_client(server.base_url());
  client->put("projects/5040/tests/6866/groups/7/", {{"name", "g"}, {"count", 3}});
  const auto request = server.requests().at(0);
  CHECK(request.method == "PUT");
  CHECK(request.header("Content-Type") == "application/json");
  CHECK(request.body == R"({"count":3,"name":"g"})");
}

TEST_CASE("a DELETE answered 204 with an empty body succeeds and sends no Content-Type") {
  RecordingServer server;
  CannedResponse no_content;
  no_content.status = 204;
  no_content.body = "";
  no_content.content_type = "";
  server.respond("DELETE", "projects/5040/tests/6866/groups/7/", no_content);
  auto client = make_client(server.base_url());
  CHECK_NOTHROW(client->del("projects/5040/tests/6866/groups/7/"));
  const auto request = server.requests().at(0);
  CHECK(request.method == "DELETE");
  CHECK_FALSE(request.has_header("Content-Type"));
  CHECK(request.header("Authorization") == "LoaderoAuth TOKEN-d1st1nct1ve-7f3a");
}

TEST_CASE("no Authorization header is sent when the token is empty") {
  RecordingServer server;
  server.respond("GET", "projects/5040/", json_response(200, "{}"));
  auto config = config_for(server.base_url());
  config.access_token.clear();
  config.max_requests_per_second = 0;
  ApiClient client(config);
  client.get("projects/5040/");
  CHECK_FALSE(server.requests().at(0).has_header("Authorization"));
}

TEST_CASE("the API base gets a trailing slash and project_route names the project") {
  RecordingServer server;
  server.respond("GET", "projects/5040/", json_response(200, "{}"));
  auto config = config_for("http://127.0.0.1:" + std::to_string(server.port()) + "/v2");
  config.max_requests_per_second = 0;
  ApiClient client(config);
  CHECK(client.config().api_base == "http://127.0.0.1:" + std::to_string(server.port()) + "/v2/");
  CHECK(client.project_route() == "projects/5040/");
  client.get(client.project_route());
  CHECK(server.requests().at(0).route == "projects/5040/");
}

TEST_CASE("project_route refuses a missing project id") {
  auto config = config_for("https://api.loadero.com/v2/");
  config.project_id = 0;
  ApiClient client(config);
  CHECK_THROWS_WITH_AS(client.project_route(), "the project id must be set (a positive number)",
                       std::invalid_argument);
}

TEST_CASE("a token with a line break is refused without echoing it") {
  auto config = config_for("https://api.loadero.com/v2/");
  config.access_token = "abc\r\nX-Injected: 1";
  CHECK_THROWS_WITH_AS(ApiClient{config}, "the access token contains control characters",
                       std::invalid_argument);
}

TEST_CASE("a non-positive timeout or negative rate is refused") {
  auto config = config_for("https://api.loadero.com/v2/");
  config.timeout = std::chrono::milliseconds{0};
  CHECK_THROWS_AS(ApiClient{config}, std::invalid_argument);
  config = config_for("https://api.loadero.com/v2/");
  config.max_requests_per_second = -1;
  CHECK_THROWS_AS(ApiClient{config}, std::invalid_argument);
}

TEST_CASE("a 404 with Loadero's error body becomes an ApiError with status, code and text") {
  RecordingServer server;
  server.respond("GET", "projects/5040/tests/6866/groups/48797/",
                 json_response(404, R"({"code": 404, "error": "group not found"})"));
  auto client = make_client(server.base_url());
  const auto error =
      catch_api_error([&] { client->get("projects/5040/tests/6866/groups/48797/"); });
  CHECK(error.kind() == ApiError::Kind::http);
  CHECK(error.status() == 404);
  CHECK(error.method() == "GET");
  CHECK(error.route() == "projects/5040/tests/6866/groups/48797/");
  CHECK(error.code() == 404);
  CHECK(error.error_text() == "group not found");
  CHECK(std::string(error.what()) ==
        "GET projects/5040/tests/6866/groups/48797/: 404 Not Found: group not found (code 404)");
}

TEST_CASE("a 422 validation body becomes per-field errors") {
  RecordingServer server;
  server.respond(
      "POST", "projects/5040/tests/6866/groups/",
      json_response(422, R"({"code": 422, "errors": {"name": ["this field is required"]}})"));
  auto client = make_client(server.base_url());
  const auto error = catch_api_error([&] {
    client->post("projects/5040/tests/6866/groups/", {{"count", 1}});
  });
  CHECK(error.status() == 422);
  CHECK(error.field_errors() ==
        std::map<std::string, std::vector<std::string>>{{"name", {"this field is required"}}});
  CHECK(std::string(error.what()) ==
        "POST projects/5040/tests/6866/groups/: 422 Unprocessable Entity: name: this field is "
        "required (code 422)");
}

TEST_CASE("a 429 carries the Retry-After seconds") {
  RecordingServer server;
  auto too_many = json_response(429, R"({"code": 429, "error": "rate limit exceeded"})");
  too_many.headers = {{"Retry-After", "2"}};
  server.respond("GET", "projects/5040/", too_many);
  auto client = make_client(server.base_url());
  const auto error = catch_api_error([&] { client->get("projects/5040/"); });
  CHECK(error.status() == 429);
  CHECK(error.retry_after_seconds() == 2.0);
  CHECK(error.retryable());
  CHECK_FALSE(error.outcome_unknown());
  CHECK(std::string(error.what()) ==
        "GET projects/5040/: 429 Too Many Requests: rate limit exceeded (code 429)");
}

TEST_CASE(
    "a 502 from a proxy with an HTML body leaves the outcome unknown and quotes the first line") {
  RecordingServer server;
  CannedResponse bad_gateway;
  bad_gateway.status = 502;
  bad_gateway.content_type = "text/html";
  bad_gateway.body = "<html><body>Bad gateway</body></html>\n<p>more</p>";
  server.respond("POST", "projects/5040/tests/6866/groups/", bad_gateway);
  auto client = make_client(server.base_url());
  const auto error = catch_api_error([&] {
    client->post("projects/5040/tests/6866/groups/", {{"name", "a"}});
  });
  CHECK(error.kind() == ApiError::Kind::http);
  CHECK(error.outcome_unknown());
  CHECK_FALSE(error.retry_after_seconds().has_value());
  CHECK(std::string(error.what()) ==
        "POST projects/5040/tests/6866/groups/: 502 Bad Gateway: <html><body>Bad "
        "gateway</body></html>");
}

TEST_CASE("a 200 that is not JSON is an invalid response") {
  RecordingServer server;
  CannedResponse html;
  html.content_type = "text/html";
  html.body = "<html>login</html>";
  server.respond("GET", "projects/5040/", html);
  auto client = make_client(server.base_url());
  const auto error = catch_api_error([&] { client->get("projects/5040/"); });
  CHECK(error.kind() == ApiError::Kind::invalid_response);
  CHECK(error.status() == 200);
  CHECK(std::string(error.what()) ==
        "GET projects/5040/: invalid response: 200 OK with Content-Type 'text/html', expected "
        "application/json");
}

TEST_CASE("a 200 with a JSON content type but a malformed body is an invalid response") {
  RecordingServer server;
  server.respond("GET", "projects/5040/", json_response(200, R"({"id": 5040,)"));
  auto client = make_client(server.base_url());
  const auto error = catch_api_error([&] { client->get("projects/5040/"); });
  CHECK(error.kind() == ApiError::Kind::invalid_response);
  CHECK(std::string(error.what()) ==
        "GET projects/5040/: invalid response: 200 OK with a body that is not valid JSON");
}

TEST_CASE("a 201 with an empty body to a POST is an invalid response") {
  RecordingServer server;
  server.respond("POST", "projects/5040/tests/1/groups/", json_response(201, ""));
  auto client = make_client(server.base_url());
  const auto error = catch_api_error([&] {
    client->post("projects/5040/tests/1/groups/", {{"name", "a"}});
  });
  CHECK(error.kind() == ApiError::Kind::invalid_response);
  CHECK(std::string(error.what()) ==
        "POST projects/5040/tests/1/groups/: invalid response: 201 Created with an empty body, "
        "expected JSON");
}

TEST_CASE("no error message or accessor ever contains the access token") {
  RecordingServer server;
  // A hostile or buggy server echoing the token back must not leak it either.
  const std::string echoed = std::string("bad token ") + test_token;
  server.respond("GET", "projects/5040/a/",
                 json_response(401, R"({"code": 401, "error": ")" + echoed + R"("})"));
  server.respond(
      "GET", "projects/5040/b/",
      json_response(422, R"({"code": 422, "errors": {"token": [")" + echoed + R"("]}})"));
  CannedResponse text_echo;
  text_echo.status = 500;
  text_echo.content_type = "text/plain";
  text_echo.body = echoed;
  server.respond("GET", "projects/5040/c/", text_echo);
  CannedResponse wrong_type;
  wrong_type.content_type = "text/plain";
  wrong_type.body = echoed;
  server.respond("GET", "projects/5040/d/", wrong_type);
  auto slow = json_response(200, "{}");
  slow.delay = std::chrono::milliseconds{400};
  server.respond("GET", "projects/5040/e/", slow);

  std::vector<ApiError> errors;
  auto client = make_client(server.base_url(), std::chrono::milliseconds{150});
  std::vector<std::string> observed;
  std::mutex observed_mutex;
  client->set_observer([&](const loadero::RequestEvent& event) {
    std::lock_guard lock(observed_mutex);
    observed.push_back(event.route + " " + event.error);
  });
  for (const char* route : {"projects/5040/a/", "projects/5040/b/", "projects/5040/c/",
                            "projects/5040/d/", "projects/5040/e/"}) {
    errors.push_back(catch_api_error([&] { client->get(route); }));
  }
  auto refused =
      make_client("http://127.0.0.1:" + std::to_string(loadero_test::closed_port()) + "/v2/");
  errors.push_back(catch_api_error([&] { refused->get("projects/5040/"); }));
  loadero_test::RawServer dropper(loadero_test::RawBehaviour::close_after_request);
  auto dropped = make_client(dropper.base_url());
  errors.push_back(catch_api_error([&] { dropped->del("projects/5040/tests/1/groups/2/"); }));

  std::set<ApiError::Kind> kinds;
  for (const auto& error : errors) {
    kinds.insert(error.kind());
    INFO(error.what());
    CHECK(std::string(error.what()).find(test_token) == std::string::npos);
    CHECK(error.error_text().find(test_token) == std::string::npos);
    for (const auto& [field, messages] : error.field_errors()) {
      for (const auto& message : messages) CHECK(message.find(test_token) == std::string::npos);
    }
    CHECK(error.details().detail.find(test_token) == std::string::npos);
  }
  CHECK(kinds == std::set<ApiError::Kind>{ApiError::Kind::http, ApiError::Kind::connection,
                                          ApiError::Kind::timeout,
                                          ApiError::Kind::invalid_response});
  CHECK(errors[0].error_text() == "bad token ***");
  for (const auto& line : observed) CHECK(line.find(test_token) == std::string::npos);
  CHECK(observed.size() == 5);
}

TEST_CASE("the observer hears every request with method, route, status and error") {
  RecordingServer server;
  server.respond("GET", "projects/5040/tests/", json_response(200, R"({"results": []})"));
  auto client = make_client(server.base_url());
  std::vector<loadero::RequestEvent> events;
  client->set_observer([&](const loadero::RequestEvent& event) { events.push_back(event); });
  client->get("projects/5040/tests/", loadero::QueryParams().limit(5));
  CHECK_THROWS_AS(client->get("projects/5040/tests/1/"), ApiError);
  client->set_observer({});
  client->get("projects/5040/tests/");
  REQUIRE(events.size() == 2);
  CHECK(events[0].method == loadero::HttpMethod::get);
  CHECK(events[0].route == "projects/5040/tests/?limit=5");
  CHECK(events[0].status == 200);
  CHECK(events[0].error.empty());
  CHECK(events[1].route == "projects/5040/tests/1/");
  CHECK(events[1].status == 404);
  CHECK(events[1].error == "GET projects/5040/tests/1/: 404 Not Found: not found (code 404)");
}

TEST_CASE("a Retry-After given as an HTTP-date becomes seconds from now") {
  RecordingServer server;
  auto unavailable = json_response(503, R"({"code": 503, "error": "maintenance"})");
  unavailable.headers = {{"Retry-After", "Wed, 21 Oct 2015 07:28:00 GMT"}};
  server.respond("GET", "projects/5040/", unavailable);
  auto client = make_client(server.base_url());
  const auto error = catch_api_error([&] { client->get("projects/5040/"); });
  CHECK(error.retry_after_seconds() == 0.0);  // a date in the past means "now"
}

TEST_CASE("a Retry-After that is neither seconds nor a date is ignored") {
  RecordingServer server;
  auto too_many = json_response(429, R"({"code": 429, "error": "slow down"})");
  too_many.headers = {{"Retry-After", "soon"}};
  server.respond("GET", "projects/5040/", too_many);
  auto client = make_client(server.base_url());
  CHECK_FALSE(catch_api_error([&] { client->get("projects/5040/"); }).retry_after_seconds());
}

TEST_CASE("a route that would leave the API base is refused before anything is sent") {
  RecordingServer server;
  auto client = make_client(server.base_url());
  CHECK_THROWS_WITH_AS(
      client->get("/projects/5040/"),
      "route '/projects/5040/' must be relative to the API base (no leading '/' or scheme)",
      std::invalid_argument);
  CHECK_THROWS_AS(client->get("http://evil.example/"), std::invalid_argument);
  CHECK_THROWS_WITH_AS(client->del("projects/5040/tests/1/groups/2/?x=1"),
                       "route 'projects/5040/tests/1/groups/2/?x=1' contains a space, control "
                       "character, '?' or '#'",
                       std::invalid_argument);
  CHECK_THROWS_AS(client->post("projects/5040/tests/ 1/", {}), std::invalid_argument);
  CHECK(server.request_count() == 0);
}
