// Compute units and budgets, end to end: the real loadero-sync against the real loadero-emulator.
// Plans show each test's compute units before and after; a budget, a largest compute unit or a
// test mode's participant cap that the plan would break stops plan and apply before any write.

#include <doctest/doctest.h>

#include <string>

#include "cli_fixture.hpp"

using namespace cli_test;

namespace {

// A test "Conference" with group "Callers" (count 2): one g2 and one g0.5 participant, so 2.5
// compute units a copy and 5 per run.
struct Conference {
  Fixture& fx;
  std::int64_t test_id = 0;
  std::int64_t callers = 0;

  explicit Conference(Fixture& fixture, const std::string& mode = "load") : fx(fixture) {
    test_id = fx.api("POST", "tests/",
                     {{"name", "Conference"},
                      {"start_interval", 1},
                      {"participant_timeout", 600},
                      {"mode", mode},
                      {"increment_strategy", "linear"}})["id"]
                  .get<std::int64_t>();
    callers = fx.create_group(test_id, "Callers", 2);
    const std::string route = "tests/" + std::to_string(test_id) + "/participants/";
    fx.api("POST", route,
           {{"name", "Caller"}, {"count", 1}, {"compute_unit", "g2"}, {"group_id", callers}});
    fx.api("POST", route,
           {{"name", "Lurker"}, {"count", 1}, {"compute_unit", "g0.5"}, {"group_id", callers}});
    fx.reset_stats();
  }

  // The manifest with Callers at `count`, and `extra` lines at the end of the test's entry.
  std::string manifest(int count, const std::string& extra = "") const {
    return "version: 1\n"
           "project_id: 5040\n"
           "tests:\n"
           "  - test_id: " +
           std::to_string(test_id) + "\n" + extra +
           "    groups:\n"
           "      - name: Callers\n"
           "        count: " +
           std::to_string(count) + "\n";
  }
};

}  // namespace

TEST_CASE("a plan that doubles a group's count shows its compute units doubled") {
  Fixture fx;
  Conference conference(fx);
  const auto file = fx.write_file("loadero.yaml", conference.manifest(4));

  const auto text = fx.sync({"plan", "-f", file});
  CHECK(text.exit_code == 0);
  CHECK(text.out.find("  Compute units: 5 -> 10 (+5)\n") != std::string::npos);
  CHECK(text.out.find("Compute units (all tests): 5 -> 10 (+5).\n") != std::string::npos);

  const auto json_run = fx.sync({"plan", "-f", file, "--format", "json"});
  REQUIRE(json_run.exit_code == 0);
  const auto plan = json::parse(json_run.out);
  CHECK(plan["tests"][0]["compute_units"] == json({{"before", 5}, {"after", 10}}));
  CHECK(plan["tests"][0]["participants_per_run"] == json({{"before", 4}, {"after", 8}}));
  CHECK(plan["tests"][0]["mode"] == "load");
  CHECK(plan["summary"]["compute_units"] == json({{"before", 5}, {"after", 10}}));

  const auto markdown = fx.sync({"plan", "-f", file, "--format", "markdown"});
  CHECK(markdown.out.find("| test " + std::to_string(conference.test_id) +
                          " \"Conference\" | 5 | 10 | +5 |") != std::string::npos);

  // Once applied, the live figure is the planned one: drift shows it.
  REQUIRE(fx.sync({"apply", "-f", file, "--auto-approve"}).exit_code == 0);
  const auto drift = fx.sync({"drift", "-f", file, "--format", "json"});
  CHECK(drift.exit_code == 0);
  CHECK(json::parse(drift.out)["tests"][0]["compute_units"] == 10);
}

TEST_CASE("a budget breach exits 1 at the budget's line before any write") {
  Fixture fx;
  Conference conference(fx);
  const auto file = fx.write_file(
      "loadero.yaml", conference.manifest(4, "    budget:\n      max_compute_units: 8\n"));

  const auto plan = fx.sync({"plan", "-f", file});
  CHECK(plan.exit_code == 1);
  CHECK(plan.out.find("Compute units: 5 -> 10 (+5)") != std::string::npos);
  CHECK(plan.err.find("loadero.yaml:6:26: error: test " + std::to_string(conference.test_id) +
                      " \"Conference\" would use 10 compute units per run after this plan (5 "
                      "now), over its budget (max_compute_units: 8)") != std::string::npos);

  const auto apply = fx.sync({"apply", "-f", file, "--auto-approve"});
  CHECK(apply.exit_code == 1);
  CHECK(apply.err.find("nothing was applied") != std::string::npos);
  CHECK(fx.writes() == 0);
  CHECK(fx.groups(conference.test_id) == "Callers=2");

  // A saved plan that breaks a limit is refused too.
  CHECK(fx.sync({"plan", "-f", file, "--out", fx.path("plan.json")}).exit_code == 1);
  const auto saved = fx.sync({"apply", "--plan", fx.path("plan.json"), "--auto-approve"});
  CHECK(saved.exit_code == 1);
  CHECK(saved.err.find("it breaks 1 limit") != std::string::npos);
  CHECK(fx.writes() == 0);
}

TEST_CASE("--max-compute-units overrides every test's budget") {
  Fixture fx;
  Conference conference(fx);
  const auto file = fx.write_file(
      "loadero.yaml", conference.manifest(4, "    budget:\n      max_compute_units: 100\n"));
  const auto tight = fx.sync({"plan", "-f", file, "--max-compute-units", "9.5"});
  CHECK(tight.exit_code == 1);
  CHECK(tight.err.find("over its budget (--max-compute-units 9.5)") != std::string::npos);

  const auto strict = fx.write_file(
      "strict.yaml", conference.manifest(4, "    budget:\n      max_compute_units: 6\n"));
  CHECK(fx.sync({"plan", "-f", strict, "--max-compute-units", "10"}).exit_code == 0);
}

TEST_CASE("a test already over its budget is a warning while the plan does not raise it") {
  Fixture fx;
  Conference conference(fx);
  const auto file = fx.write_file(
      "loadero.yaml", conference.manifest(2, "    budget:\n      max_compute_units: 3\n"));
  const auto plan = fx.sync({"plan", "-f", file});
  CHECK(plan.exit_code == 0);
  CHECK(plan.err.find("warning: test " + std::to_string(conference.test_id) +
                      " \"Conference\" already uses 5 compute units per run, over its budget") !=
        std::string::npos);
}

TEST_CASE("largest_compute_unit refuses a live participant above it, read with one list") {
  Fixture fx;
  Conference conference(fx);
  const auto file = fx.write_file(
      "loadero.yaml", conference.manifest(2, "    budget:\n      largest_compute_unit: g1\n"));
  const auto plan = fx.sync({"plan", "-f", file});
  CHECK(plan.exit_code == 1);
  CHECK(plan.err.find("loadero.yaml:6:29: error: live participant ") != std::string::npos);
  CHECK(plan.err.find("\"Caller\" in group \"Callers\" of test " +
                      std::to_string(conference.test_id) +
                      " \"Conference\" uses g2, larger than the budget's largest compute unit g1") !=
        std::string::npos);
  CHECK(fx.stats()["by_route"]["GET /v2/projects/{project_id}/tests/{test_id}/participants/"] ==
        1);

  const auto allowed = fx.write_file(
      "allowed.yaml", conference.manifest(2, "    budget:\n      largest_compute_unit: g2\n"));
  CHECK(fx.sync({"plan", "-f", allowed}).exit_code == 0);
}

TEST_CASE("a performance test over 50 participants per run is refused with the numbers") {
  Fixture fx;
  Conference conference(fx, "performance");
  // 2 participants a copy: 25 copies make 50 (allowed), 26 make 52.
  CHECK(fx.sync({"plan", "-f", fx.write_file("ok.yaml", conference.manifest(25))}).exit_code == 0);
  const auto over = fx.sync({"plan", "-f", fx.write_file("over.yaml", conference.manifest(26))});
  CHECK(over.exit_code == 1);
  CHECK(over.err.find("over.yaml:4:5: error: test " + std::to_string(conference.test_id) +
                      " \"Conference\" is a performance test, which runs at most 50 "
                      "participants, and this plan leaves it 52 per run (4 now)") !=
        std::string::npos);
  CHECK(fx.writes() == 0);
}
