// The libcurl transport: connection reuse, fresh connections for writes, proxies, the rate cap,
// and transport failures, over real loopback sockets.

#include <doctest/doctest.h>
#include <stdlib.h>

#include <atomic>
#include <functional>
#include <limits>
#include <set>
#include <thread>

#include "client_fixture.hpp"
#include "loadero/api_client.hpp"
#include "loadero/api_error.hpp"
#include "loadero/curl_transport.hpp"

using loadero::ApiClient;
using loadero::ApiError;
using loadero::CurlTransportOptions;
using loadero::HttpMethod;
using loadero::HttpRequest;
using loadero::make_curl_transport;
using loadero_test::catch_api_error;
using loadero_test::config_for;
using loadero_test::json_response;
using loadero_test::make_client;
using loadero_test::RecordingServer;

namespace {

HttpRequest request_to(const std::string& base, HttpMethod method, const std::string& route) {
  HttpRequest request;
  request.method = method;
  request.url = base + route;
  request.route = route;
  return request;
}

// Points the environment's proxy variables at `proxy` for the lifetime of the object.
class EnvironmentProxy {
 public:
  explicit EnvironmentProxy(const std::string& proxy) {
    ::setenv("http_proxy", proxy.c_str(), 1);
    ::setenv("HTTP_PROXY", proxy.c_str(), 1);
    ::setenv("no_proxy", "", 1);
  }
  ~EnvironmentProxy() {
    ::unsetenv("http_proxy");
    ::unsetenv("HTTP_PROXY");
    ::unsetenv("no_proxy");
  }
  EnvironmentProxy(const EnvironmentProxy&) = delete;
  EnvironmentProxy& operator=(const EnvironmentProxy&) = delete;
};

}  // namespace

TEST_CASE("make_curl_transport refuses a non-positive timeout and a negative or infinite rate") {
  CurlTransportOptions options;
  options.timeout = std::chrono::milliseconds{0};
  CHECK_THROWS_WITH_AS(make_curl_transport(options), "the request timeout must be positive",
                       std::invalid_argument);
  options = {};
  options.max_requests_per_second = -1;
  CHECK_THROWS_AS(make_curl_transport(options), std::invalid_argument);
  options.max_requests_per_second = std::numeric_limits<double>::infinity();
  CHECK_THROWS_AS(make_curl_transport(options), std::invalid_argument);
  options.max_requests_per_second = 0;
  CHECK(make_curl_transport(options) != nullptr);
}

TEST_CASE("the curl transport sends the given headers and body and returns any status as is") {
  RecordingServer server;
  auto too_many = json_response(429, R"({"code": 429})");
  too_many.headers = {{"Retry-After", " 7 "}};
  server.respond("POST", "projects/5040/tests/", too_many);
  CurlTransportOptions options;
  options.max_requests_per_second = 0;
  auto transport = make_curl_transport(options);
  auto request = request_to(server.base_url(), HttpMethod::post, "projects/5040/tests/");
  request.headers = {{"X-Probe", "one"}, {"Content-Type", "application/json"}};
  request.body = R"({"name":"a"})";
  int started = 0;
  request.on_transfer_start = [&started] { ++started; };
  const auto response = transport->send(request);
  CHECK(response.status == 429);
  CHECK(response.content_type == "application/json");
  CHECK(response.body == R"({"code": 429})");
  CHECK(response.retry_after == "7");
  CHECK(started == 1);
  const auto seen = server.requests().at(0);
  CHECK(seen.method == "POST");
  CHECK(seen.header("X-Probe") == "one");
  CHECK(seen.body == R"({"name":"a"})");
  CHECK_FALSE(seen.has_header("Authorization"));
}

TEST_CASE("the observer's duration leaves out the rate-limit wait") {
  RecordingServer server;
  server.respond("GET", "projects/5040/", json_response(200, "{}"));
  auto config = config_for(server.base_url());
  config.max_requests_per_second = 2;  // 500 ms apart
  ApiClient client(config);
  std::vector<std::chrono::milliseconds> durations;
  client.set_observer(
      [&](const loadero::RequestEvent& event) { durations.push_back(event.duration); });
  const auto started = std::chrono::steady_clock::now();
  client.get("projects/5040/");
  client.get("projects/5040/");
  CHECK(std::chrono::steady_clock::now() - started >= std::chrono::milliseconds{450});
  REQUIRE(durations.size() == 2);
  CHECK(durations[1] < std::chrono::milliseconds{400});
}

TEST_CASE("environment proxies are used for a remote host unless the options say none") {
  // The recording server stands in for the proxy: a request for a host that does not exist
  // reaches it only through the proxy.
  RecordingServer proxy;
  proxy.set_fallback([](const loadero_test::RecordedRequest&) { return json_response(200, "{}"); });
  const EnvironmentProxy environment("http://127.0.0.1:" + std::to_string(proxy.port()));
  const std::string remote = "http://api.loadero-sync-test.invalid/v2/";
  CurlTransportOptions options;
  options.max_requests_per_second = 0;
  options.timeout = std::chrono::milliseconds{3000};
  const auto proxied =
      make_curl_transport(options)->send(request_to(remote, HttpMethod::get, "projects/5040/"));
  CHECK(proxied.status != 0);
  const auto reached = proxy.request_count();
  CHECK(reached >= 1);

  options.proxy = CurlTransportOptions::Proxy::none;
  const auto error = catch_api_error([&] {
    make_curl_transport(options)->send(request_to(remote, HttpMethod::get, "projects/5040/"));
  });
  CHECK(error.kind() == ApiError::Kind::connection);
  CHECK(proxy.request_count() == reached);
}

TEST_CASE("a refused connection is a connection error naming the base URL") {
  const int port = loadero_test::closed_port();
  const std::string base = "http://127.0.0.1:" + std::to_string(port) + "/v2/";
  auto client = make_client(base);
  const auto error = catch_api_error([&] {
    client->post("projects/5040/tests/1/groups/", {{"name", "a"}});
  });
  CHECK(error.kind() == ApiError::Kind::connection);
  CHECK(error.status() == 0);
  CHECK_FALSE(error.outcome_unknown());
  CHECK(std::string(error.what()) == "POST projects/5040/tests/1/groups/: could not connect to " +
                                         base + ": Connection refused");
}

TEST_CASE("a request that outlasts the timeout is a timeout with an unknown outcome") {
  RecordingServer server;
  auto slow = json_response(201, R"({"id": 1})");
  slow.delay = std::chrono::milliseconds{600};
  server.respond("POST", "projects/5040/tests/1/groups/", slow);
  auto client = make_client(server.base_url(), std::chrono::milliseconds{150});
  const auto started = std::chrono::steady_clock::now();
  const auto error = catch_api_error([&] {
    client->post("projects/5040/tests/1/groups/", {{"name", "a"}});
  });
  CHECK(std::chrono::steady_clock::now() - started < std::chrono::milliseconds{550});
  CHECK(error.kind() == ApiError::Kind::timeout);
  CHECK(error.outcome_unknown());
  CHECK(std::string(error.what()) ==
        "POST projects/5040/tests/1/groups/: timed out after 150ms (the outcome is unknown)");
}

TEST_CASE(
    "a connection dropped after the request was sent is a timeout-kind error with an unknown "
    "outcome") {
  loadero_test::RawServer server(loadero_test::RawBehaviour::close_after_request);
  auto client = make_client(server.base_url());
  const auto error = catch_api_error([&] {
    client->post("projects/5040/tests/1/groups/", {{"name", "a"}});
  });
  CHECK(server.requests_seen() >= 1);
  CHECK(error.kind() == ApiError::Kind::timeout);
  CHECK(error.outcome_unknown());
  CHECK(std::string(error.what()) ==
        "POST projects/5040/tests/1/groups/: connection lost after the request was sent (Empty "
        "reply from server); "
        "the outcome is unknown");
}

TEST_CASE("a garbled HTTP answer is not mistaken for success") {
  loadero_test::RawServer server(loadero_test::RawBehaviour::reply_raw, "this is not HTTP\r\n\r\n");
  auto client = make_client(server.base_url());
  const auto error = catch_api_error([&] { client->get("projects/5040/"); });
  CHECK(error.kind() != ApiError::Kind::http);
  CHECK(error.status() == 0);
}

TEST_CASE("sequential requests reuse one kept-alive connection") {
  RecordingServer server;
  server.respond("GET", "projects/5040/", json_response(200, "{}"));
  auto client = make_client(server.base_url());
  for (int i = 0; i < 4; ++i) client->get("projects/5040/");
  std::set<int> ports;
  for (const auto& request : server.requests()) ports.insert(request.remote_port);
  CHECK(server.request_count() == 4);
  CHECK(ports.size() == 1);
}

TEST_CASE("many threads can share one client") {
  RecordingServer server;
  server.set_fallback([](const loadero_test::RecordedRequest& request) {
    return json_response(200, nlohmann::json{{"route", request.route}}.dump());
  });
  auto client = make_client(server.base_url());
  constexpr int threads = 6;
  constexpr int per_thread = 15;
  std::atomic<int> correct{0};
  std::vector<std::thread> workers;
  for (int t = 0; t < threads; ++t) {
    workers.emplace_back([&, t] {
      for (int i = 0; i < per_thread; ++i) {
        const std::string route =
            "projects/5040/tests/" + std::to_string(t) + "/groups/" + std::to_string(i) + "/";
        if (client->get(route) == nlohmann::json{{"route", route}}) ++correct;
      }
    });
  }
  for (auto& worker : workers) worker.join();
  CHECK(correct.load() == threads * per_thread);
  CHECK(server.request_count() == static_cast<std::size_t>(threads * per_thread));
  std::set<int> ports;
  for (const auto& request : server.requests()) ports.insert(request.remote_port);
  CHECK(ports.size() <= static_cast<std::size_t>(threads));
}

TEST_CASE("the rate cap spaces requests from all threads") {
  RecordingServer server;
  server.respond("GET", "projects/5040/", json_response(200, "{}"));
  auto config = config_for(server.base_url());
  config.max_requests_per_second = 20;  // 50 ms apart
  ApiClient client(config);
  const auto started = std::chrono::steady_clock::now();
  std::thread other([&] {
    for (int i = 0; i < 3; ++i) client.get("projects/5040/");
  });
  for (int i = 0; i < 3; ++i) client.get("projects/5040/");
  other.join();
  // Six requests: the first goes at once, the other five wait 50 ms each.
  CHECK(std::chrono::steady_clock::now() - started >= std::chrono::milliseconds{245});
  CHECK(server.request_count() == 6);
}

TEST_CASE("a proxy from the environment is not used for a loopback API") {
  RecordingServer server;
  server.respond("GET", "projects/5040/", json_response(200, "{}"));
  const std::string dead_proxy = "http://127.0.0.1:" + std::to_string(loadero_test::closed_port());
  {
    const EnvironmentProxy environment(dead_proxy);
    auto client = make_client(server.base_url());
    CHECK_NOTHROW(client->get("projects/5040/"));
  }
  CHECK(server.request_count() == 1);
}

TEST_CASE("a write whose kept-alive connection drops is not silently re-sent") {
  loadero_test::RawServer server(loadero_test::RawBehaviour::answer_first_then_drop,
                                 "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                                 "Content-Length: 2\r\nConnection: keep-alive\r\n\r\n{}");
  {
    auto client = make_client(server.base_url());
    CHECK(client->get("projects/5040/") == nlohmann::json::object());
    const auto error = catch_api_error([&] {
      client->post("projects/5040/tests/1/groups/", {{"name", "a"}, {"count", 1}});
    });
    CHECK(error.kind() == ApiError::Kind::timeout);
    CHECK(error.outcome_unknown());
  }
  // The GET and exactly one copy of the POST: the caller decides whether to send it again.
  CHECK(server.requests_seen() == 2);
}

TEST_CASE("reads reuse the connection and writes open a fresh one") {
  RecordingServer server;
  server.respond("GET", "projects/5040/", json_response(200, "{}"));
  server.respond("POST", "projects/5040/tests/1/groups/", json_response(201, R"({"id": 1})"));
  auto client = make_client(server.base_url());
  client->get("projects/5040/");
  client->get("projects/5040/");
  client->post("projects/5040/tests/1/groups/", {{"name", "a"}, {"count", 1}});
  client->post("projects/5040/tests/1/groups/", {{"name", "b"}, {"count", 1}});
  const auto requests = server.requests();
  REQUIRE(requests.size() == 4);
  CHECK(requests[0].remote_port == requests[1].remote_port);
  CHECK(requests[2].remote_port != requests[1].remote_port);
  CHECK(requests[3].remote_port != requests[2].remote_port);
}

namespace {

// Waits up to two seconds for `condition`: the server notices a closed connection by polling.
bool eventually(const std::function<bool()>& condition) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds{2};
  while (!condition()) {
    if (std::chrono::steady_clock::now() > deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds{5});
  }
  return true;
}

}  // namespace

TEST_CASE("each write closes its fresh connection and reads keep reusing one") {
  loadero_test::RawServer server(loadero_test::RawBehaviour::keep_alive,
                                 "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                                 "Content-Length: 2\r\nConnection: keep-alive\r\n\r\n{}");
  auto client = make_client(server.base_url());
  for (int i = 0; i < 3; ++i) client->get("projects/5040/");
  CHECK(server.connections_accepted() == 1);
  constexpr std::size_t writes = 10;
  for (std::size_t i = 0; i < writes; ++i) {
    if (i % 2 == 0)
      client->post("projects/5040/tests/1/groups/", {{"name", "a"}, {"count", 1}});
    else
      client->put("projects/5040/tests/1/groups/2/", {{"name", "a"}, {"count", 1}});
  }
  for (int i = 0; i < 3; ++i) client->get("projects/5040/");
  // One connection for every read, one of its own for each write, and every write's connection
  // closed by the client, so no idle connection holds a server worker.
  CHECK(server.requests_seen() == 6 + writes);
  CHECK(server.connections_accepted() == 1 + writes);
  CHECK(eventually([&] { return server.connections_closed_by_client() == writes; }));
  std::this_thread::sleep_for(std::chrono::milliseconds{100});
  CHECK(server.connections_closed_by_client() == writes);
}

TEST_CASE("answers are asked for as gzip from a remote host and uncompressed from loopback") {
  // A loopback API (the emulator) answers uncompressed; the remote host is reached through the
  // recording server standing in for a proxy, which sees what the real API would.
  RecordingServer server;
  server.set_fallback(
      [](const loadero_test::RecordedRequest&) { return json_response(200, "{}"); });
  auto client = make_client(server.base_url());
  client->get("projects/5040/");
  client->post("projects/5040/tests/1/groups/", {{"name", "a"}, {"count", 1}});
  {
    const EnvironmentProxy environment("http://127.0.0.1:" + std::to_string(server.port()));
    CurlTransportOptions options;
    options.max_requests_per_second = 0;
    make_curl_transport(options)->send(
        request_to("http://api.loadero-sync-test.invalid/v2/", HttpMethod::get, "projects/5040/"));
  }
  const auto requests = server.requests();
  REQUIRE(requests.size() == 3);
  CHECK(requests[0].header("Accept-Encoding") == "identity");
  CHECK(requests[1].header("Accept-Encoding") == "identity");
  CHECK(requests[2].header("Accept-Encoding") == "gzip");
}
