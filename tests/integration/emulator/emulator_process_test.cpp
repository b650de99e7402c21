// The loadero-emulator process over raw HTTP: start-up, wire format details, stats,
// persistence, signals and each fault mode.

#include <arpa/inet.h>
#include <doctest/doctest.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cctype>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <stdexcept>
#include <thread>
#include <tuple>
#include <vector>

#include "emulator_support.hpp"
#include "support_paths.hpp"

using loadero_test::EmulatorOptions;
using loadero_test::EmulatorProcess;
using json = nlohmann::ordered_json;

namespace {

std::string read_text(const std::string& path) {
  std::ifstream in(path);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

void write_text(const std::string& path, const std::string& text) {
  std::ofstream out(path);
  out << text;
}

EmulatorOptions demo_options(std::vector<std::string> extra_args = {}) {
  EmulatorOptions options;
  options.project_id = 0;  // no --project-id: the built-in demo data
  options.token = "demo-token";
  options.extra_args = std::move(extra_args);
  return options;
}

const std::string k_groups = "/v2/projects/5040/tests/6866/groups/";

// The message EmulatorProcess throws when the emulator does not start (it holds its stderr).
std::string start_error(const EmulatorOptions& options) {
  try {
    EmulatorProcess emulator(options);
  } catch (const std::runtime_error& error) {
    return error.what();
  }
  return "(the emulator started)";
}

// One request over a fresh connection with the given extra header lines; returns the whole raw
// answer (status line, headers, body). EmulatorProcess sends no Accept-Encoding of its own.
std::string raw_exchange(int port, const std::string& method, const std::string& path,
                         const std::string& headers) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  REQUIRE(fd >= 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<std::uint16_t>(port));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  REQUIRE(::connect(fd, reinterpret_cast<const sockaddr*>(&address), sizeof address) == 0);
  const std::string request = method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + headers +
                              "Connection: close\r\n\r\n";
  REQUIRE(::send(fd, request.data(), request.size(), 0) == static_cast<ssize_t>(request.size()));
  std::string answer;
  char buffer[4096];
  ssize_t got = 0;
  while ((got = ::recv(fd, buffer, sizeof buffer, 0)) > 0) answer.append(buffer, got);
  ::close(fd);
  return answer;
}

}  // namespace

TEST_CASE("without --project-id the emulator serves the demo project with token demo-token") {
  EmulatorProcess emulator(demo_options());
  CHECK(emulator.base_url() == "http://127.0.0.1:" + std::to_string(emulator.port()) + "/v2/");
  const auto project = json::parse(emulator.http_request("GET", "/v2/projects/5040/"));
  CHECK(emulator.http_status_of_last() == 200);
  CHECK(project["name"] == "Demo project");
  const auto groups = json::parse(emulator.http_request("GET", k_groups));
  CHECK(groups["pagination"]["total_items"] == 4);
  CHECK(emulator.stderr_text().find("serving the demo data (project 5040, token demo-token)") !=
        std::string::npos);
}

TEST_CASE(
    "with --project-id and --token the project starts empty and only that token is accepted") {
  EmulatorOptions options;
  options.project_id = 77;
  options.token = "secret-77";
  EmulatorProcess emulator(options);
  const auto tests = json::parse(emulator.http_request("GET", "/v2/projects/77/tests/"));
  CHECK(tests["results"].empty());
  emulator.http_request("GET", "/v2/projects/5040/");
  CHECK(emulator.http_status_of_last() == 401);
  CHECK(
      emulator.http_request("GET", "/v2/projects/77/", "", false) ==
      R"({"code":401,"error":"authentication required: send the header Authorization: LoaderoAuth <token>"})");
  CHECK(emulator.http_status_of_last() == 401);
}

TEST_CASE("every answer is application/json: success, 204, 400, 401, 404, 405 and 422") {
  EmulatorProcess emulator(demo_options());
  struct Case {
    std::string method;
    std::string path;
    std::string body;
    bool with_token;
    int status;
  };
  const std::vector<Case> cases{
      {"GET", k_groups, "", true, 200},
      {"POST", k_groups, R"({"name": "New", "count": 1})", true, 201},
      {"DELETE", k_groups + "50335/", "", true, 204},
      {"POST", k_groups, R"({"name": )", true, 400},
      {"GET", k_groups, "", false, 401},
      {"GET", "/v2/projects/5040/tests/6866/groups", "", true, 404},
      {"GET", "/nothing", "", true, 404},
      {"PATCH", k_groups, "{}", true, 405},
      {"POST", k_groups, R"({"name": "x"})", true, 422},
  };
  for (const auto& c : cases) {
    CAPTURE(c.method);
    CAPTURE(c.path);
    const auto body = emulator.http_request(c.method, c.path, c.body, c.with_token);
    CHECK(emulator.http_status_of_last() == c.status);
    CHECK(emulator.header_of_last("Content-Type") == "application/json");
    if (c.status == 204) {
      CHECK(body.empty());
    } else {
      const auto parsed = json::parse(body);
      if (c.status >= 400) CHECK(parsed["code"] == c.status);
    }
  }
  CHECK(emulator.http_request("POST", k_groups, R"({"name": "x"})") ==
        R"({"code":422,"errors":{"count":["This field is required."]}})");
  emulator.http_request("PATCH", k_groups, "{}");
  CHECK(emulator.header_of_last("Allow") == "GET, POST");
}

TEST_CASE("a client that accepts br, gzip and deflate gets every answer uncompressed") {
  EmulatorProcess emulator(demo_options());
  const std::string accept = "Accept-Encoding: br, gzip, deflate\r\n";
  const std::string token = "Authorization: LoaderoAuth demo-token\r\n";
  for (const auto& [method, path, headers] :
       std::vector<std::tuple<std::string, std::string, std::string>>{
           {"GET", k_groups, accept + token},
           {"GET", k_groups + "?limit=2", accept + token},
           {"GET", k_groups, accept},
           {"GET", "/v2/nowhere/", accept + token},
           {"GET", "/_emulator/stats", accept},
           {"FOO", k_groups, accept}}) {
    CAPTURE(method);
    CAPTURE(path);
    const std::string answer = raw_exchange(emulator.port(), method, path, headers);
    const auto end_of_headers = answer.find("\r\n\r\n");
    REQUIRE(end_of_headers != std::string::npos);
    std::string head = answer.substr(0, end_of_headers);
    for (auto& c : head) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    CHECK(head.find("content-encoding") == std::string::npos);
    CHECK(head.find("content-type: application/json") != std::string::npos);
    const std::string body = answer.substr(end_of_headers + 4);
    CHECK(head.find("content-length: " + std::to_string(body.size())) != std::string::npos);
    CHECK(json::accept(body));
  }
}

TEST_CASE(
    "stats count API requests by method and route, and reset zeroes them while the data stays") {
  EmulatorProcess emulator(demo_options());
  for (int i = 0; i < 3; ++i) emulator.http_request("GET", k_groups);
  emulator.http_request("POST", k_groups, R"({"name": "Extra", "count": 2})");
  emulator.http_request("GET", "/v2/nowhere/");
  CHECK(
      emulator.http_get("/_emulator/stats") ==
      R"j({"total":5,"by_method":{"GET":4,"POST":1},"by_route":{"GET (unmatched)":1,)j"
      R"("GET /v2/projects/{project_id}/tests/{test_id}/groups/":3,)"
      R"("POST /v2/projects/{project_id}/tests/{test_id}/groups/":1},"faults":{"429":0,"5xx":0,"ambiguous":0},"saves":0})");
  CHECK(emulator.header_of_last("Content-Type") == "application/json");
  CHECK(
      emulator.http_request("POST", "/_emulator/reset", "", false) ==
      R"({"total":0,"by_method":{},"by_route":{},"faults":{"429":0,"5xx":0,"ambiguous":0},"saves":0})");
  CHECK(emulator.http_status_of_last() == 200);
  CHECK(json::parse(emulator.http_request("GET", k_groups))["pagination"]["total_items"] == 5);
  CHECK(json::parse(emulator.http_get("/_emulator/stats"))["total"] == 1);
  emulator.http_request("GET", "/_emulator/reset", "", false);
  CHECK(emulator.http_status_of_last() == 405);
}

TEST_CASE("--max-page-size caps every page, even without a limit") {
  EmulatorProcess emulator(demo_options({"--max-page-size", "3"}));
  const auto first = json::parse(emulator.http_request("GET", k_groups));
  CHECK(first["pagination"].dump() ==
        R"({"limit":3,"offset":0,"page":1,"total_pages":2,"total_items":4})");
  CHECK(first["results"].size() == 3);
  const auto second = json::parse(emulator.http_request("GET", k_groups + "?limit=50&offset=3"));
  CHECK(second["pagination"].dump() ==
        R"({"limit":3,"offset":3,"page":2,"total_pages":2,"total_items":4})");
  CHECK(second["results"].size() == 1);
}

TEST_CASE(
    "with --sync-save the state file is written at start and after each write, and a restart "
    "serves it") {
  const loadero_test::TempDir temp("emu-persist");
  const std::string& folder = temp.path();
  const std::string state = folder + "/state.json";
  EmulatorOptions options;
  options.state_file = state;
  options.project_id = 5040;
  options.token = "tok";
  options.extra_args = {"--sync-save"};
  std::int64_t id = 0;
  {
    EmulatorProcess emulator(options);
    CHECK(json::parse(read_text(state))["projects"][0]["token"] == "tok");
    emulator.http_request(
        "POST", "/v2/projects/5040/tests/",
        R"({"name": "Persisted", "start_interval": 1, "participant_timeout": 60, "mode": "load",
                              "increment_strategy": "linear"})");
    REQUIRE(emulator.http_status_of_last() == 201);
    const auto test_id =
        json::parse(read_text(state))["projects"][0]["tests"][0]["id"].get<std::int64_t>();
    const auto group = json::parse(emulator.http_request(
        "POST", "/v2/projects/5040/tests/" + std::to_string(test_id) + "/groups/",
        R"({"name": "G", "count": 4})"));
    id = group["id"].get<std::int64_t>();
    CHECK(json::parse(read_text(state))["projects"][0]["tests"][0]["groups"][0]["count"] == 4);
    emulator.stop();
    CHECK(WIFEXITED(emulator.exit_status()));
    CHECK(WEXITSTATUS(emulator.exit_status()) == 0);
  }
  EmulatorProcess restarted(options);
  const auto tests = json::parse(restarted.http_request("GET", "/v2/projects/5040/tests/"));
  REQUIRE(tests["results"].size() == 1);
  CHECK(tests["results"][0]["name"] == "Persisted");
  CHECK(tests["results"][0]["group_count"] == 4);
  const auto group = json::parse(restarted.http_request(
      "POST",
      "/v2/projects/5040/tests/" + std::to_string(tests["results"][0]["id"].get<std::int64_t>()) +
          "/groups/",
      R"({"name": "H", "count": 1})"));
  CHECK(group["id"] == id + 1);
}

TEST_CASE(
    "with --sync-save, kill -9 right after a committed write leaves a complete state file holding "
    "the write") {
  const loadero_test::TempDir temp("emu-kill");
  const std::string& folder = temp.path();
  const std::string state = folder + "/state.json";
  write_text(state, read_text(loadero_test::source_dir() + "/examples/demo-state.json"));
  EmulatorOptions options = demo_options({"--sync-save"});
  options.state_file = state;
  EmulatorProcess emulator(options);
  for (int i = 0; i < 20; ++i) {
    emulator.http_request("POST", k_groups,
                          R"({"name": "Burst )" + std::to_string(i) + R"(", "count": 1})");
    REQUIRE(emulator.http_status_of_last() == 201);
  }
  emulator.kill_hard();
  CHECK(WIFSIGNALED(emulator.exit_status()));
  const auto saved = json::parse(read_text(state));
  CHECK(saved["projects"][0]["tests"][0]["groups"].size() == 24);
  CHECK(saved["projects"][0]["tests"][0]["groups"][23]["name"] == "Burst 19");
  EmulatorProcess restarted(options);
  CHECK(json::parse(restarted.http_request("GET", k_groups))["pagination"]["total_items"] == 24);
}

TEST_CASE(
    "by default writes are saved in few background saves: kill -9 after the save interval and "
    "SIGTERM at once both leave every write") {
  const loadero_test::TempDir temp("emu-coalesce");
  const std::string& folder = temp.path();
  const std::string state = folder + "/state.json";
  write_text(state, read_text(loadero_test::source_dir() + "/examples/demo-state.json"));
  EmulatorOptions options = demo_options({"--save-interval-ms", "50"});
  options.state_file = state;
  {
    EmulatorProcess emulator(options);
    emulator.http_request("POST", "/_emulator/reset", "", false);
    for (int i = 0; i < 200; ++i) {
      emulator.http_request("POST", k_groups,
                            R"({"name": "Burst )" + std::to_string(i) + R"(", "count": 1})");
      REQUIRE(emulator.http_status_of_last() == 201);
    }
    // Every write of the last interval is saved once the interval has passed.
    std::this_thread::sleep_for(std::chrono::milliseconds(1000));
    const auto saves = json::parse(emulator.http_get("/_emulator/stats"))["saves"].get<int>();
    MESSAGE("200 writes: " << saves << " saves");
    CHECK(saves >= 1);
    CHECK(saves < 100);
    emulator.kill_hard();
    CHECK(WIFSIGNALED(emulator.exit_status()));
    const auto saved = json::parse(read_text(state));
    CHECK(saved["projects"][0]["tests"][0]["groups"].size() == 204);
  }
  EmulatorProcess again(options);
  for (int i = 0; i < 20; ++i) {
    again.http_request("POST", k_groups, R"({"name": "Late", "count": 1})");
    REQUIRE(again.http_status_of_last() == 201);
  }
  again.stop();
  CHECK(WIFEXITED(again.exit_status()));
  CHECK(WEXITSTATUS(again.exit_status()) == 0);
  const auto saved = json::parse(read_text(state));
  CHECK(saved["projects"][0]["tests"][0]["groups"].size() == 224);
}

TEST_CASE("SIGINT stops the emulator cleanly with exit code 0") {
  EmulatorProcess emulator(demo_options());
  REQUIRE(kill(emulator.pid(), SIGINT) == 0);
  int status = 0;
  REQUIRE(waitpid(emulator.pid(), &status, 0) == emulator.pid());
  CHECK(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 0);
  CHECK(emulator.stderr_text().find("SIGINT, stopping") != std::string::npos);
  emulator.stop();  // already reaped; stop() must not hang or throw
}

TEST_CASE("bad flags and a broken state file stop start-up with a clear message") {
  CHECK(start_error(demo_options({"--fail-rate", "2"})).find("--fail-rate: Value 2 not in range") !=
        std::string::npos);
  CHECK(start_error(demo_options({"--project-id", "1"}))
            .find("every --project-id needs one --token (got 1 project ids and 0 tokens)") !=
        std::string::npos);
  const loadero_test::TempDir temp("emu-broken");
  const std::string& folder = temp.path();
  write_text(folder + "/state.json", R"({"projects": [{"id": 5}]})");
  EmulatorOptions broken = demo_options();
  broken.state_file = folder + "/state.json";
  CHECK(start_error(broken).find("error: state file " + folder +
                                 "/state.json: project 5: \"token\" must be a string") !=
        std::string::npos);
}

TEST_CASE("--fail-rate 1 answers every API request with 500, 502 or 503 and changes nothing") {
  EmulatorProcess emulator(demo_options({"--fail-rate", "1", "--seed", "5"}));
  for (int i = 0; i < 6; ++i) {
    const auto body =
        json::parse(emulator.http_request("POST", k_groups, R"({"name": "Never", "count": 1})"));
    const int status = emulator.http_status_of_last();
    CHECK((status == 500 || status == 502 || status == 503));
    CHECK(body["code"] == status);
    CHECK(emulator.header_of_last("Content-Type") == "application/json");
  }
  const auto stats = json::parse(emulator.http_get("/_emulator/stats"));
  CHECK(stats["faults"]["5xx"] == 6);
  CHECK(stats["total"] == 6);
}

TEST_CASE("the same --seed gives the same fault sequence") {
  auto statuses = [](const std::string& seed) {
    EmulatorProcess emulator(demo_options({"--fail-rate", "0.5", "--seed", seed}));
    std::vector<int> seen;
    for (int i = 0; i < 16; ++i) {
      emulator.http_request("GET", k_groups);
      seen.push_back(emulator.http_status_of_last());
    }
    return seen;
  };
  const auto first = statuses("11");
  CHECK(first == statuses("11"));
  CHECK(std::count(first.begin(), first.end(), 200) > 0);
  CHECK(std::count(first.begin(), first.end(), 200) < 16);
}

TEST_CASE("--ambiguous-rate 1 commits each write but drops the connection or answers 502") {
  EmulatorProcess emulator(demo_options({"--ambiguous-rate", "1", "--seed", "1"}));
  int dropped = 0;
  int bad_gateway = 0;
  for (int i = 0; i < 8; ++i) {
    try {
      emulator.http_request("POST", k_groups, R"({"name": "Ambiguous", "count": 1})");
      CHECK(emulator.http_status_of_last() == 502);
      ++bad_gateway;
    } catch (const std::runtime_error& error) {
      CHECK(std::string(error.what()).find("no HTTP answer") != std::string::npos);
      ++dropped;
    }
  }
  CHECK(dropped > 0);
  CHECK(bad_gateway > 0);
  const auto groups =
      json::parse(emulator.http_request("GET", k_groups + "?filter_name=Ambiguous"));
  CHECK(emulator.http_status_of_last() == 200);
  CHECK(groups["pagination"]["total_items"] == 8);
  CHECK(json::parse(emulator.http_get("/_emulator/stats"))["faults"]["ambiguous"] == 8);
  // A failed write is not committed, so it is never made ambiguous.
  emulator.http_request("POST", k_groups, R"({"count": 1})");
  CHECK(emulator.http_status_of_last() == 422);
}

TEST_CASE("--rate-limit answers 429 with Retry-After: 1 above that many requests a second") {
  EmulatorProcess emulator(demo_options({"--rate-limit", "5"}));
  int ok = 0;
  int limited = 0;
  const auto start = std::chrono::steady_clock::now();
  for (int i = 0; i < 8; ++i) {
    const auto body = emulator.http_request("GET", k_groups);
    if (emulator.http_status_of_last() == 200) {
      ++ok;
    } else {
      CHECK(emulator.http_status_of_last() == 429);
      CHECK(emulator.header_of_last("Retry-After") == "1");
      CHECK(body ==
            R"({"code":429,"error":"Too Many Requests: more than 5 requests in one second"})");
      ++limited;
    }
  }
  if (std::chrono::steady_clock::now() - start < std::chrono::milliseconds(950)) {
    CHECK(ok == 5);
    CHECK(limited == 3);
  } else {
    // On a machine so loaded that 8 requests spanned a second the window moved on meanwhile.
    MESSAGE("8 requests took over a second; only checking that at least 5 were admitted");
    CHECK(ok >= 5);
  }
  CHECK(json::parse(emulator.http_get("/_emulator/stats"))["faults"]["429"] == limited);
}

TEST_CASE("--latency-ms delays every API answer") {
  EmulatorProcess emulator(demo_options({"--latency-ms", "300"}));
  const auto start = std::chrono::steady_clock::now();
  emulator.http_request("GET", k_groups);
  const auto elapsed = std::chrono::steady_clock::now() - start;
  CHECK(emulator.http_status_of_last() == 200);
  CHECK(elapsed >= std::chrono::milliseconds(300));
  const auto control_start = std::chrono::steady_clock::now();
  emulator.http_get("/_emulator/stats");
  CHECK(std::chrono::steady_clock::now() - control_start < std::chrono::milliseconds(300));
}
