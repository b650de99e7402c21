// apply --plan FILE judges staleness only by the tests the saved plan changes: a hand edit in a
// test with no planned action does not refuse the plan; one in a test it changes does.

#include <doctest/doctest.h>

#include <string>

#include "cli_fixture.hpp"

using namespace cli_test;

TEST_CASE("a saved plan is refused only for changes in the tests it changes") {
  Fixture fx;
  const auto changing = fx.create_test("Changing");
  fx.create_group(changing, "Callers", 1);
  const auto quiet = fx.create_test("Quiet");
  const auto listeners = fx.create_group(quiet, "Listeners", 2);
  const auto file = fx.write_file(
      "loadero.yaml",
      "version: 1\nproject_id: 5040\ntests:\n  - test_id: " + std::to_string(changing) +
          "\n    groups:\n      - name: Callers\n        count: 3\n"
          "  - test_id: " +
          std::to_string(quiet) + "\n    groups:\n      - name: Listeners\n        count: 2\n");
  const auto plan_file = fx.path("plan.json");
  REQUIRE(fx.sync({"plan", "-f", file, "--out", plan_file}).exit_code == 0);

  // Someone edits the test the plan leaves alone: the plan still applies.
  fx.api("PUT", "tests/" + std::to_string(quiet) + "/groups/" + std::to_string(listeners) + "/",
         {{"name", "Listeners"}, {"count", 5}});
  const auto applied = fx.sync({"apply", "--plan", plan_file, "--auto-approve"});
  CHECK(applied.exit_code == 0);
  CHECK(fx.groups(changing) == "Callers=3");
  CHECK(fx.groups(quiet) == "Listeners=5");

  // A new plan, then an edit in the test it changes: refused, nothing written.
  fx.write_file("loadero.yaml",
                "version: 1\nproject_id: 5040\ntests:\n  - test_id: " + std::to_string(changing) +
                    "\n    groups:\n      - name: Callers\n        count: 4\n");
  REQUIRE(fx.sync({"plan", "-f", file, "--out", plan_file}).exit_code == 0);
  fx.create_group(changing, "Hand made", 1);
  fx.reset_stats();
  const auto refused = fx.sync({"apply", "--plan", plan_file, "--auto-approve"});
  CHECK(refused.exit_code == 1);
  CHECK(refused.err.find("the saved plan is stale") != std::string::npos);
  CHECK(fx.writes() == 0);
}
