// Compute units in the plan writers: per-test lines and the total in text, the Markdown table,
// warnings, and a plan whose only problems are broken limits shown whole.

#include <doctest/doctest.h>

#include <sstream>
#include <string>
#include <utility>

#include "action_builders.hpp"
#include "loadero_sync/report.hpp"
#include "plan_renders.hpp"

using namespace loadero_sync;
using namespace loadero_test;

namespace {

TestLoad load(std::optional<double> units, std::optional<std::int64_t> participants) {
  return TestLoad{units, participants};
}

// Three tests: 42 -> 58, 0.5 -> 0.5 without actions, unknown -> 12.
Plan loaded_plan() {
  Plan plan;
  plan.tool_version = "0.1.0";
  plan.api_base = "http://127.0.0.1:8080/v2/";
  plan.project_id = 5040;
  TestPlan checkout;
  checkout.test_id = 6866;
  checkout.test_name = "Checkout flow";
  checkout.actions = {update_action(48798, {"Hosts", 1}, {"Hosts", 2}),
                      remove_action(50335, "Old", 1)};
  checkout.load_before = load(42, 21);
  checkout.load_after = load(58, 29);
  TestPlan quiet;
  quiet.test_id = 6867;
  quiet.test_name = "Quiet";
  quiet.unchanged = 1;
  quiet.load_before = load(0.5, 1);
  quiet.load_after = load(0.5, 1);
  TestPlan fresh;
  fresh.test_id = 6868;
  fresh.actions = {create_action("Viewers", 4, manifest_line(20, 7))};
  fresh.load_after = load(12, 4);
  plan.tests = {checkout, quiet, fresh};
  for (const auto& test : plan.tests) plan.summary.add(test);
  return plan;
}

// A limit problem (an error) or warning about a planned test.
PlanProblem limit_problem(std::int64_t test_id, Severity severity, std::string message) {
  PlanProblem problem;
  problem.test_id = test_id;
  problem.kind = ProblemKind::limit;
  problem.diagnostic.severity = severity;
  problem.diagnostic.pos = SourcePos{"loadero.yaml", 4, 5};
  problem.diagnostic.message = std::move(message);
  return problem;
}

}  // namespace

TEST_CASE("the text plan shows each changed test's compute units and the total") {
  CHECK(render_text(loaded_plan()) ==
        "loadero-sync will perform the following actions in project 5040 "
        "(http://127.0.0.1:8080/v2/):\n"
        "\n"
        "  # test 6866 \"Checkout flow\"\n"
        "  ~ group 48798 \"Hosts\" (count 1 -> 2)  count 1 -> 2\n"
        "  - group 50335 \"Old\" (count 1)         not in manifest (prune)\n"
        "  Compute units: 42 -> 58 (+16)\n"
        "\n"
        "  # test 6868\n"
        "  + group \"Viewers\" (count 4)  new group\n"
        "  Compute units: unknown -> 12 (unknown)\n"
        "\n"
        "Plan: 1 to create, 0 to duplicate, 1 to update, 1 to delete.\n"
        "Compute units (all tests): unknown -> 70.5 (unknown).\n");
}

TEST_CASE("the text plan's compute units: known totals, no change, a drop and unknown") {
  Plan plan = loaded_plan();
  plan.tests[2].load_before = load(0, 0);
  plan.summary = {};
  for (const auto& test : plan.tests) plan.summary.add(test);
  const auto out = render_text(plan);
  CHECK(out.find("  Compute units: 0 -> 12 (+12)\n") != std::string::npos);
  CHECK(out.find("Compute units (all tests): 42.5 -> 70.5 (+28).\n") != std::string::npos);

  plan.tests[0].load_after = load(37.5, 19);
  plan.tests[2].load_after = load(0, 0);
  CHECK(render_text(plan).find("  Compute units: 42 -> 37.5 (-4.5)\n") != std::string::npos);
  plan.tests[0].load_after = plan.tests[0].load_before;
  CHECK(render_text(plan).find("  Compute units: 42 (no change)\n") != std::string::npos);
  plan.tests[0].load_before = {};
  plan.tests[0].load_after = {};
  CHECK(render_text(plan).find("  Compute units: unknown\n") != std::string::npos);
  plan.tests[0].load_before = load(3.33, 2);
  plan.tests[0].load_after = {};
  CHECK(render_text(plan).find("  Compute units: 3.3 -> unknown (unknown)\n") != std::string::npos);
}

TEST_CASE("a text plan without changes still shows the live compute units") {
  Plan plan = loaded_plan();
  for (auto& test : plan.tests) {
    test.actions.clear();
    test.load_after = test.load_before;
  }
  plan.tests[2].load_before = plan.tests[2].load_after = load(12, 4);
  plan.summary = {};
  for (const auto& test : plan.tests) plan.summary.add(test);
  CHECK(render_text(plan) ==
        "No changes. Live groups match the manifest.\n"
        "Compute units (all tests): 54.5 (no change).\n");
  CHECK(render_text(Plan{}) ==
        "No changes. Live groups match the manifest.\n"
        "Compute units (all tests): 0 (no change).\n");
}

TEST_CASE("the Markdown plan has a compute units table between deletes and details") {
  CHECK(render_markdown(loaded_plan()) ==
        "### loadero-sync plan: 1 to create, 0 to duplicate, 1 to update, 1 to delete\n\nIn "
        "project 5040 at `http://127.0.0.1:8080/v2/`.\n"
        "\n"
        "**Destructive actions**\n"
        "\n"
        "| test | group | count | reason |\n"
        "|---|---|---|---|\n"
        "| test 6866 \"Checkout flow\" | 50335 \"Old\" | 1 | not in manifest (prune) |\n"
        "\n"
        "**Compute units** (per run)\n"
        "\n"
        "| test | before | after | change |\n"
        "|---|---:|---:|---:|\n"
        "| test 6866 \"Checkout flow\" | 42 | 58 | +16 |\n"
        "| test 6867 \"Quiet\" | 0.5 | 0.5 | 0 |\n"
        "| test 6868 | unknown | 12 | unknown |\n"
        "| **all tests** | **unknown** | **70.5** | **unknown** |\n"
        "\n"
        "<details><summary>test 6866 \"Checkout flow\": 1 to update, 1 to delete</summary>\n"
        "\n"
        "```diff\n"
        "! group 48798 \"Hosts\" (count 1 -> 2)  count 1 -> 2\n"
        "- group 50335 \"Old\" (count 1)         not in manifest (prune)\n"
        "```\n"
        "\n"
        "</details>\n"
        "\n"
        "<details><summary>test 6868: 1 to create</summary>\n"
        "\n"
        "```diff\n"
        "+ group \"Viewers\" (count 4)  new group\n"
        "```\n"
        "\n"
        "</details>\n");
}

TEST_CASE("a Markdown plan without changes shows the compute units table") {
  Plan plan = loaded_plan();
  for (auto& test : plan.tests) test.actions.clear();
  plan.tests.resize(1);
  plan.tests[0].load_after = plan.tests[0].load_before;
  plan.summary = {};
  for (const auto& test : plan.tests) plan.summary.add(test);
  CHECK(render_markdown(plan) ==
        "### loadero-sync plan: no changes\n\nIn project 5040 at `http://127.0.0.1:8080/v2/`.\n"
        "\n"
        "Live groups match the manifest.\n"
        "\n"
        "**Compute units** (per run)\n"
        "\n"
        "| test | before | after | change |\n"
        "|---|---:|---:|---:|\n"
        "| test 6866 \"Checkout flow\" | 42 | 42 | 0 |\n"
        "| **all tests** | **42** | **42** | **0** |\n");
}

TEST_CASE("Markdown lists the plan's warnings, with file and line when known") {
  Plan plan = loaded_plan();
  plan.warnings.push_back(limit_problem(
      6867, Severity::warning, "test 6867 already uses 0.5 compute units, over its budget of 0"));
  auto unchecked = limit_problem(6868, Severity::warning,
                                 "the budget of test 6868 could not be checked: unknown figures");
  unchecked.diagnostic.pos = {};
  unchecked.diagnostic.hint = "run it once";
  plan.warnings.push_back(unchecked);
  const auto out = render_markdown(plan);
  CHECK(out.rfind("### loadero-sync plan: 1 to create, 0 to duplicate, 1 to update, 1 to "
                  "delete\n\nIn project 5040 at `http://127.0.0.1:8080/v2/`.\n"
                  "\n"
                  "**Warnings**\n"
                  "\n"
                  "- `loadero.yaml:4` test 6867 already uses 0.5 compute units, over its budget of "
                  "0\n"
                  "- the budget of test 6868 could not be checked: unknown figures (hint: run it "
                  "once)\n"
                  "\n"
                  "**Destructive actions**\n",
                  0) == 0);
  CHECK(plan.applicable());
}

TEST_CASE("a plan that breaks a limit is not applicable but shown whole in Markdown") {
  Plan plan = loaded_plan();
  auto broken = limit_problem(6866, Severity::error,
                              "test 6866 would use 58 compute units, over its budget of 50");
  broken.test_name = "Checkout flow";
  broken.diagnostic.hint = "lower a count or raise budget: max_compute_units";
  plan.problems.push_back(broken);
  REQUIRE_FALSE(plan.applicable());
  REQUIRE(plan.complete());
  const auto out = render_markdown(plan);
  CHECK(out.rfind("### loadero-sync plan: not applicable, 1 test breaks a limit\n\nIn project 5040 "
                  "at `http://127.0.0.1:8080/v2/`.\n"
                  "\n"
                  "**Errors** (fix them and plan again; the tests below are planned but nothing "
                  "is applied)\n"
                  "\n"
                  "- `loadero.yaml:4` test 6866 would use 58 compute units, over its budget of 50 "
                  "(hint: lower a count or raise budget: max&#95;compute&#95;units)\n"
                  "\n"
                  "**The plan** (not applied while a limit is broken): 1 to create, 0 to "
                  "duplicate, 1 to update, 1 to delete\n"
                  "\n"
                  "**Destructive actions**\n",
                  0) == 0);
  CHECK(out.find("| **all tests** | **unknown** | **70.5** | **unknown** |\n") !=
        std::string::npos);
  CHECK(out.find("<details><summary>test 6866 \"Checkout flow\": 1 to update, 1 to delete") !=
        std::string::npos);
  CHECK(out.find("<details><summary>test 6868: 1 to create") != std::string::npos);

  // Beside a test that could not be planned, both are counted in the title.
  PlanProblem conflict;
  conflict.test_id = 6900;
  conflict.diagnostic.message = "test 6900 is gone";
  plan.problems.push_back(conflict);
  CHECK(render_markdown(plan).rfind(
            "### loadero-sync plan: not applicable, 1 test could not be planned, "
            "1 test breaks a limit\n",
            0) == 0);
}

TEST_CASE("the compute units table counts against the Markdown size budget") {
  const auto full = render_markdown(loaded_plan());
  const auto table_end = full.find("| **all tests** |");
  REQUIRE(table_end != std::string::npos);
  const auto cut = render_markdown(loaded_plan(), table_end + 200);
  CHECK(cut.size() <= table_end + 200);
  CHECK(cut.find("| test 6867 \"Quiet\" | 0.5 | 0.5 | 0 |\n") != std::string::npos);
  CHECK(cut.find("output cut at") != std::string::npos);
}
