// What the real loadero-sync says about its requests, against the real loadero-emulator: a
// timeout names the request, the tries and --timeout (and an unknown outcome only for writes);
// -v logs one line per request, -vv adds headers and bodies with the token redacted.

#include <doctest/doctest.h>

#include <functional>
#include <string>

#include "cli_fixture.hpp"
#include "fake_gateway.hpp"
#include "loadero/api_client.hpp"
#include "loadero/api_error.hpp"
#include "loadero_sync/retry.hpp"

using namespace cli_test;

namespace {

std::string manifest(std::int64_t test_id, int count) {
  return "version: 1\nproject_id: 5040\ntests:\n  - test_id: " + std::to_string(test_id) +
         "\n    groups:\n      - name: Callers\n        count: " + std::to_string(count) + "\n";
}

std::string error_of(const std::function<void()>& call) {
  try {
    call();
  } catch (const loadero::ApiError& error) {
    return error.what();
  }
  return "(no error)";
}

std::size_t count_of(const std::string& text, const std::string& part) {
  std::size_t count = 0;
  for (auto at = text.find(part); at != std::string::npos; at = text.find(part, at + 1)) ++count;
  return count;
}

}  // namespace

TEST_CASE("a read that times out names the request, the tries and --timeout, not an unknown outcome") {
  Fixture fx({"--latency-ms", "1500"});
  const auto test_id = fx.create_test("Slow");
  const auto file = fx.write_file("loadero.yaml", manifest(test_id, 1));
  const auto run = fx.sync({"plan", "-f", file, "--timeout", "0.2", "--retries", "1"});
  INFO("stdout:\n" << run.out << "\nstderr:\n" << run.err);
  CHECK(run.exit_code == 1);
  CHECK(run.err.find("GET projects/5040/") != std::string::npos);
  CHECK(run.err.find("timed out after 200ms; tried 2 times (hint: raise --timeout") !=
        std::string::npos);
  CHECK(run.err.find("outcome is unknown") == std::string::npos);
}

TEST_CASE("-v logs one line per request and -vv adds headers and bodies with the token redacted") {
  Fixture fx;
  const auto test_id = fx.create_test("Logged");
  const auto callers = fx.create_group(test_id, "Callers", 1);
  const auto file = fx.write_file("loadero.yaml", manifest(test_id, 3));

  const auto quiet = fx.sync({"plan", "-f", file});
  CHECK(quiet.err.find("GET projects/5040/") == std::string::npos);

  const auto verbose = fx.sync({"plan", "-f", file, "-v"});
  INFO("-v stderr:\n" << verbose.err);
  REQUIRE(verbose.exit_code == 0);
  const std::string groups_route = "GET projects/5040/tests/" + std::to_string(test_id) +
                                   "/groups/";
  CHECK(verbose.err.find("loadero-sync: debug: " + groups_route) != std::string::npos);
  CHECK(verbose.err.find(" -> 200 in ") != std::string::npos);
  CHECK(verbose.err.find("Authorization") == std::string::npos);
  CHECK(verbose.err.find(" > ") == std::string::npos);

  const auto apply = fx.sync({"apply", "-f", file, "--auto-approve", "-vv"});
  INFO("-vv stderr:\n" << apply.err);
  REQUIRE(apply.exit_code == 0);
  // Everything -v says, and more.
  CHECK(apply.err.find("loadero-sync: debug: " + groups_route) != std::string::npos);
  CHECK(apply.err.find("> Authorization: LoaderoAuth <redacted>\n") != std::string::npos);
  // Every request's Authorization header is shown redacted, and only so.
  CHECK(count_of(apply.err, "> Authorization: ") ==
        count_of(apply.err, "> Authorization: LoaderoAuth <redacted>\n"));
  CHECK(apply.err.find("> PUT " + fx.emulator.base_url() + "projects/5040/tests/" +
                       std::to_string(test_id) + "/groups/" + std::to_string(callers) + "/\n") !=
        std::string::npos);
  CHECK(apply.err.find("> Content-Type: application/json\n") != std::string::npos);
  CHECK(apply.err.find("> {\"count\":3,\"name\":\"Callers\"}\n") != std::string::npos);
  CHECK(apply.err.find(" < 200 in ") != std::string::npos);
  CHECK(apply.err.find("< Content-Type: application/json") != std::string::npos);
  CHECK(apply.err.find("\"name\":\"Callers\"") != std::string::npos);
  // The token is never shown (the fixture checks stdout and stderr of every run too).
  CHECK(apply.err.find(token) == std::string::npos);
  CHECK(fx.groups(test_id) == "Callers=3");
}

TEST_CASE("a timed-out write says its outcome is unknown and a timed-out read does not") {
  Fixture fx({"--latency-ms", "1000"});
  loadero::ClientConfig config;
  config.api_base = fx.emulator.base_url();
  config.project_id = 5040;
  config.access_token = token;
  config.timeout = std::chrono::milliseconds(200);
  config.max_requests_per_second = 0;
  loadero::ApiClient client(config);
  CHECK(error_of([&] { client.get("projects/5040/tests/"); }) ==
        "GET projects/5040/tests/: timed out after 200ms");
  CHECK(error_of([&] { client.post("projects/5040/tests/", {{"name", "x"}}); }) ==
        "POST projects/5040/tests/: timed out after 200ms (the outcome is unknown)");
}

TEST_CASE("a write given up after its retries names the tries and --timeout") {
  loadero_test::FakeGateway fake;
  fake.add_test(1, "a", {{10, "Callers", 1, 0}});
  fake.fail("update", loadero_test::timeout_error("PUT", "projects/5040/tests/1/groups/10/"), -1);
  loadero_test::RecordingSleeper sleeper;
  loadero_sync::RetryPolicy policy;
  policy.max_retries = 1;
  loadero_sync::RetryingGateway gateway(fake, policy, sleeper, {}, 7);
  CHECK(error_of([&] { gateway.update_group(1, 10, "Callers", 2); }) ==
        "PUT projects/5040/tests/1/groups/10/: connection dropped after sending; tried 2 times "
        "(hint: raise --timeout if the API is just slow)");
}
