// Progress and the retry summary, end to end: the real loadero-sync against an emulator that
// answers some requests with 5xx.

#include <doctest/doctest.h>

#include <string>

#include "cli_fixture.hpp"

using namespace cli_test;

TEST_CASE("retried requests are summed up at the end of the run, and -q keeps it quiet") {
  // Set up on a healthy emulator's state, then read it through a flaky one.
  Fixture fx({"--fail-rate", "0.5", "--seed", "7"});
  std::string manifest = "version: 1\nproject_id: 5040\ntests:\n";
  for (int i = 0; i < 8; ++i) {
    std::int64_t id = 0;
    for (int attempt = 0; attempt < 20 && id == 0; ++attempt) {
      const std::string text = fx.emulator.http_request(
          "POST", "/v2/projects/5040/tests/",
          R"({"name": "T)" + std::to_string(i) +
              R"(", "start_interval": 1, "participant_timeout": 600, "mode": "load", )"
              R"("increment_strategy": "linear"})");
      if (fx.emulator.http_status_of_last() == 201)
        id = json::parse(text)["id"].get<std::int64_t>();
    }
    REQUIRE(id != 0);
    manifest += "  - test_id: " + std::to_string(id) + "\n    groups: []\n";
  }
  const auto file = fx.write_file("loadero.yaml", manifest);

  const auto plan = fx.sync({"plan", "-f", file, "--retries", "10"});
  CHECK(plan.exit_code == 0);
  const auto note = plan.err.find("loadero-sync: note: ");
  REQUIRE(note != std::string::npos);
  CHECK(plan.err.find(" retried", note) != std::string::npos);
  // Without a terminal no status line is drawn.
  CHECK(plan.err.find("\x1b[K") == std::string::npos);

  const auto quiet = fx.sync({"plan", "-f", file, "--retries", "10", "-q"});
  CHECK(quiet.exit_code == 0);
  CHECK(quiet.err.find("retried") == std::string::npos);
}
