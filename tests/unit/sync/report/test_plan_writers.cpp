#include <doctest/doctest.h>

#include <sstream>
#include <string>

#include "action_builders.hpp"
#include "loadero_sync/report.hpp"
#include "plan_renders.hpp"

using namespace loadero_sync;
using namespace loadero_test;

namespace {

Plan sample() {
  Plan plan;
  plan.tool_version = "0.1.0";
  plan.api_base = "http://127.0.0.1:8080/v2/";
  plan.project_id = 5040;
  TestPlan first;
  first.test_id = 6866;
  first.test_name = "Checkout flow";
  first.live_fingerprint = "sha256:" + std::string(64, 'a');
  first.actions = {create_action("Callers", 3, manifest_line(9, 7)),
                   duplicate_action("Callers EU", 2, {11, "Callers", 3}),
                   update_action(48797, {"Mods", 1}, {"Moderators", 1}),
                   update_action(48798, {"Hosts", 1}, {"Hosts", 2}),
                   remove_action(50335, "Old", 1)};
  first.unchanged = 2;
  first.load_before = TestLoad{42, 21};
  first.load_after = TestLoad{58, 29};
  TestPlan quiet;
  quiet.test_id = 6867;
  quiet.test_name = "Quiet";
  quiet.live_fingerprint = first.live_fingerprint;
  quiet.unchanged = 1;
  quiet.load_before = quiet.load_after = TestLoad{0.5, 1};
  TestPlan second;
  second.test_id = 6868;
  second.live_fingerprint = first.live_fingerprint;
  second.actions = {remove_action(7, "Legacy", 2, loadero_sync::ActionReason::ensure_absent)};
  second.load_before = TestLoad{4, 2};
  second.load_after = TestLoad{0, 0};
  plan.tests = {first, quiet, second};
  for (const auto& test : plan.tests) plan.summary.add(test);
  REQUIRE(plan.summary == PlanSummary{1, 1, 2, 2, 3, {}, TestLoad{46.5, 24}, TestLoad{58.5, 30}});
  return plan;
}

}  // namespace

TEST_CASE("the text plan lists each test's actions Terraform-style with a summary line") {
  CHECK(render_text(sample()) ==
        "loadero-sync will perform the following actions in project 5040 "
        "(http://127.0.0.1:8080/v2/):\n"
        "\n"
        "  # test 6866 \"Checkout flow\"\n"
        "  + group \"Callers\" (count 3)                     new group\n"
        "  + group \"Callers EU\" (count 2)                  copy of \"Callers\"\n"
        "  ~ group 48797 \"Mods\" -> \"Moderators\" (count 1)  renamed from \"Mods\"\n"
        "  ~ group 48798 \"Hosts\" (count 1 -> 2)            count 1 -> 2\n"
        "  - group 50335 \"Old\" (count 1)                   not in manifest (prune)\n"
        "  Compute units: 42 -> 58 (+16)\n"
        "\n"
        "  # test 6868\n"
        "  - group 7 \"Legacy\" (count 2)  ensure: absent\n"
        "  Compute units: 4 -> 0 (-4)\n"
        "\n"
        "Plan: 1 to create, 1 to duplicate, 2 to update, 2 to delete.\n"
        "Compute units (all tests): 46.5 -> 58.5 (+12).\n");
}

TEST_CASE("an empty plan says there is nothing to change") {
  Plan plan = sample();
  plan.summary = {};
  for (auto& test : plan.tests) {
    test.actions.clear();
    test.load_after = test.load_before;
    plan.summary.add(test);
  }
  CHECK(render_text(plan) ==
        "No changes. Live groups match the manifest.\n"
        "Compute units (all tests): 46.5 (no change).\n");
  CHECK(render_text(Plan{}) ==
        "No changes. Live groups match the manifest.\n"
        "Compute units (all tests): 0 (no change).\n");
}

TEST_CASE("the text plan is coloured only with Color::on") {
  CHECK(render_text(sample()).find('\x1b') == std::string::npos);
  const auto coloured = render_text(sample(), Color::on);
  CHECK(coloured.find("  \x1b[32m+\x1b[0m group \"Callers\" (count 3)") != std::string::npos);
  CHECK(coloured.find("  \x1b[33m~\x1b[0m group 48797") != std::string::npos);
  CHECK(coloured.find("  \x1b[31m-\x1b[0m group 50335") != std::string::npos);
}

TEST_CASE("group names cannot break lines or send terminal escapes in the text plan") {
  Plan plan;
  TestPlan test;
  test.test_id = 1;
  test.actions = {create_action("a\"b\\c\nd\x1b[31m", 1, manifest_line(9, 7))};
  plan.tests = {test};
  plan.summary.create = 1;
  plan.summary.load_before = plan.summary.load_after = TestLoad{};  // as the test's: unknown
  CHECK(render_text(plan) ==
        "loadero-sync will perform the following actions:\n"
        "\n"
        "  # test 1\n"
        "  + group \"a\\\"b\\\\c\\nd\\x1b[31m\" (count 1)  new group\n"
        "  Compute units: unknown\n"
        "\n"
        "Plan: 1 to create, 0 to duplicate, 0 to update, 0 to delete.\n"
        "Compute units (all tests): unknown.\n");
}

TEST_CASE("the JSON plan is pretty-printed with two spaces and ends with a newline") {
  Plan plan;
  plan.tool_version = "0.1.0";
  plan.api_base = "x";
  std::ostringstream out;
  write_plan_json(out, plan);
  CHECK(out.str() ==
        "{\n"
        "  \"format_version\": \"1\",\n"
        "  \"tool_version\": \"0.1.0\",\n"
        "  \"api_base\": \"x\",\n"
        "  \"project_id\": 0,\n"
        "  \"applicable\": true,\n"
        "  \"tests\": [],\n"
        "  \"errors\": [],\n"
        "  \"warnings\": [],\n"
        "  \"summary\": {\n"
        "    \"create\": 0,\n"
        "    \"duplicate\": 0,\n"
        "    \"update\": 0,\n"
        "    \"delete\": 0,\n"
        "    \"unchanged\": 0,\n"
        "    \"compute_units\": {\n"
        "      \"before\": 0,\n"
        "      \"after\": 0\n"
        "    },\n"
        "    \"participants_per_run\": {\n"
        "      \"before\": 0,\n"
        "      \"after\": 0\n"
        "    }\n"
        "  }\n"
        "}\n");
}

TEST_CASE("the Markdown plan puts destructive actions first and one collapsible section per test") {
  CHECK(render_markdown(sample()) ==
        "### loadero-sync plan: 1 to create, 1 to duplicate, 2 to update, 2 to delete\n\nIn "
        "project 5040 at `http://127.0.0.1:8080/v2/`.\n"
        "\n"
        "**Destructive actions**\n"
        "\n"
        "| test | group | count | reason |\n"
        "|---|---|---|---|\n"
        "| test 6866 \"Checkout flow\" | 50335 \"Old\" | 1 | not in manifest (prune) |\n"
        "| test 6868 | 7 \"Legacy\" | 2 | ensure: absent |\n"
        "\n"
        "**Compute units** (per run)\n"
        "\n"
        "| test | before | after | change |\n"
        "|---|---:|---:|---:|\n"
        "| test 6866 \"Checkout flow\" | 42 | 58 | +16 |\n"
        "| test 6867 \"Quiet\" | 0.5 | 0.5 | 0 |\n"
        "| test 6868 | 4 | 0 | -4 |\n"
        "| **all tests** | **46.5** | **58.5** | **+12** |\n"
        "\n"
        "<details><summary>test 6866 \"Checkout flow\": 1 to create, 1 to duplicate, 2 to update, "
        "1 to delete</summary>\n"
        "\n"
        "```diff\n"
        "+ group \"Callers\" (count 3)                     new group\n"
        "+ group \"Callers EU\" (count 2)                  copy of \"Callers\"\n"
        "! group 48797 \"Mods\" -> \"Moderators\" (count 1)  renamed from \"Mods\"\n"
        "! group 48798 \"Hosts\" (count 1 -> 2)            count 1 -> 2\n"
        "- group 50335 \"Old\" (count 1)                   not in manifest (prune)\n"
        "```\n"
        "\n"
        "</details>\n"
        "\n"
        "<details><summary>test 6868: 1 to delete</summary>\n"
        "\n"
        "```diff\n"
        "- group 7 \"Legacy\" (count 2)  ensure: absent\n"
        "```\n"
        "\n"
        "</details>\n");
}

TEST_CASE("an empty Markdown plan says there is nothing to change") {
  CHECK(render_markdown(Plan{}) ==
        "### loadero-sync plan: no changes\n\nLive groups match the manifest.\n");
}

TEST_CASE("Markdown escapes names in tables and summaries and outruns backticks in code fences") {
  Plan plan;
  TestPlan test;
  test.test_id = 1;
  test.test_name = "a|b<c>";
  test.actions = {remove_action(5, "x`` ``|*_", 1, loadero_sync::ActionReason::ensure_absent)};
  plan.tests = {test};
  plan.summary.remove = 1;
  const auto out = render_markdown(plan);
  CHECK(out.find("| test 1 \"a&#124;b&lt;c&gt;\" | 5 \"x&#96;&#96; &#96;&#96;&#124;&#42;&#95;\" | "
                 "1 | ensure: absent |\n") != std::string::npos);
  CHECK(out.find("<summary>test 1 \"a&#124;b&lt;c&gt;\": 1 to delete</summary>") !=
        std::string::npos);
  CHECK(out.find("```diff\n- group 5 \"x`` ``|*_\" (count 1)  ensure: absent\n```\n") !=
        std::string::npos);
}

TEST_CASE("a Markdown plan over the size budget is cut at a line with a closing note") {
  Plan plan;
  TestPlan test;
  test.test_id = 1;
  for (int i = 0; i < 3000; ++i)
    test.actions.push_back(
        create_action("group number " + std::to_string(i), 1, manifest_line(9, 7)));
  plan.tests = {test};
  plan.summary.create = 3000;
  const auto out = render_markdown(plan);
  CHECK(out.size() <= 60 * 1024);
  CHECK(out.size() > 59 * 1024);
  const std::string note =
      "```\n\n</details>\n\n\xe2\x80\xa6 output cut at 60 KB: run `loadero-sync plan` locally for "
      "the full plan.\n";
  REQUIRE(out.size() > note.size());
  CHECK(out.substr(out.size() - note.size()) == note);
  // The line before the closing fence is a whole action line.
  const auto before_fence = out.rfind("\n```\n\n</details>");
  const auto line_start = out.rfind('\n', before_fence - 1) + 1;
  CHECK(out.substr(line_start, 8) == "+ group ");
  CHECK(out.substr(before_fence - 9, 9) == "new group");
}

TEST_CASE("a small Markdown budget names its size in bytes and is never exceeded") {
  const auto out = render_markdown(sample(), 300);
  CHECK(out.size() <= 300);
  CHECK(
      out ==
      "### loadero-sync plan: 1 to create, 1 to duplicate, 2 to update, 2 to delete\n\nIn project "
      "5040 at `http://127.0.0.1:8080/v2/`.\n"
      "\n"
      "**Destructive actions**\n"
      "\n"
      "| test | group | count | reason |\n"
      "|---|---|---|---|\n"
      "\n"
      "\xe2\x80\xa6 output cut at 300 bytes: run `loadero-sync plan` locally for the full plan.\n");
}

TEST_CASE(
    "a plan with errors renders an errors section in Markdown and says it is not applicable") {
  Plan plan;
  plan.project_id = 5040;
  PlanProblem problem;
  problem.test_id = 6866;
  problem.diagnostic.pos = SourcePos{"loadero.yaml", 6, 9};
  problem.diagnostic.message = "group name \"B\" is shared by live groups 1, 2: pin one with id:";
  plan.problems.push_back(problem);
  TestPlan healthy;
  healthy.test_id = 6867;
  healthy.actions = {create_action("Viewers", 4)};
  plan.tests.push_back(healthy);
  plan.summary.create = 1;
  std::ostringstream out;
  write_plan_markdown(out, plan);
  const std::string text = out.str();
  CHECK(
      text.rfind("### loadero-sync plan: not applicable, 1 test could not be planned\n\nIn project "
                 "5040.\n\n"
                 "**Errors** (fix them and plan again; the tests below are planned but nothing is "
                 "applied)\n\n"
                 "- `loadero.yaml:6` group name \"B\" is shared by live groups 1, 2: pin one with "
                 "id:\n\n"
                 "**The other tests** (not applied while any test has an error): 1 to create, 0 "
                 "to duplicate, 0 to update, 0 to delete\n",
                 0) == 0);
  CHECK(text.find("<summary>test 6867: 1 to create</summary>") != std::string::npos);
}
