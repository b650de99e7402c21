// The plan writers (text, Markdown) and the apply report with participant actions: exact text.

#include <doctest/doctest.h>

#include <sstream>
#include <string>

#include "action_builders.hpp"
#include "loadero_sync/report.hpp"
#include "participant_builders.hpp"
#include "plan_renders.hpp"

using namespace loadero_sync;
using namespace loadero_test;

namespace {

using F = ParticipantField;

// A test that creates a group with a participant, and changes the participants of a live group:
// one removed, one updated; a pruned group goes last.
Plan participant_plan() {
  Plan plan;
  plan.tool_version = "0.1.0";
  plan.api_base = "http://127.0.0.1:8080/v2/";
  plan.project_id = 5040;
  TestPlan test;
  test.test_id = 6866;
  test.test_name = "Checkout flow";
  test.live_participants = std::vector<LiveParticipant>{};
  test.actions = {
      create_action("Hosts", 1, manifest_line(20)),
      participant_remove(94640, 48795, "Callers", {"Bot", 1, settings({{F::compute_unit, "g1"}})}),
      participant_update(
          94633, 48795, "Callers", {"Caller", 1, settings({{F::browser, "chromeLatest"}})},
          {"Caller", 3, settings({{F::browser, "firefoxLatest"}})}, manifest_line(14, 11)),
      participant_create(std::nullopt, "Hosts",
                         {"Host", 2, settings({{F::browser, "chromeLatest"}})},
                         manifest_line(23, 11)),
      remove_action(50335, "Old", 1)};
  test.unchanged = 1;
  test.unchanged_participants = 2;
  test.load_before = TestLoad{6, 3};
  test.load_after = TestLoad{10, 5};
  plan.tests = {test};
  plan.summary = PlanSummary{1, 0, 0, 1, 1, {1, 1, 1, 2}, test.load_before, test.load_after};
  return plan;
}

}  // namespace

TEST_CASE("participant actions are listed under their test, aligned with the group actions") {
  CHECK(render_text(participant_plan()) ==
        "loadero-sync will perform the following actions in project 5040 "
        "(http://127.0.0.1:8080/v2/):\n"
        "\n"
        "  # test 6866 \"Checkout flow\"\n"
        "  + group \"Hosts\" (count 1)                                       new group\n"
        "  - participant 94640 \"Bot\" in group \"Callers\" (count 1)          not in manifest\n"
        "  ~ participant 94633 \"Caller\" in group \"Callers\" (count 1 -> 3)  count 1 -> 3, "
        "browser chromeLatest -> firefoxLatest\n"
        "  + participant \"Host\" in group \"Hosts\" (count 2)                 new participant\n"
        "  - group 50335 \"Old\" (count 1)                                   not in manifest "
        "(prune)\n"
        "  Compute units: 6 -> 10 (+4)\n"
        "\n"
        "Plan: 1 to create, 0 to duplicate, 0 to update, 1 to delete.\n"
        "Participants: 1 to create, 1 to update, 1 to delete.\n"
        "Compute units (all tests): 6 -> 10 (+4).\n");
}

TEST_CASE("a participant of a copy made in the same run has no id yet, and a rename is shown") {
  Plan plan;
  TestPlan test;
  test.test_id = 7;
  test.live_participants = std::vector<LiveParticipant>{};
  test.actions = {duplicate_action("Callers EU", 2, {48795, "Callers", 2}),
                  participant_remove(std::nullopt, std::nullopt, "Callers EU", {"Bot", 1, {}}),
                  participant_update(std::nullopt, std::nullopt, "Callers EU", {"Caller", 1, {}},
                                     {"Caller EU", 1, settings({{F::location, "eu-west-1"}})})};
  plan.tests = {test};
  plan.summary.duplicate = 1;
  plan.summary.participants = ParticipantSummary{0, 1, 1, 0};
  plan.summary.load_before = plan.summary.load_after = TestLoad{};  // as the test's: unknown
  CHECK(render_text(plan) ==
        "loadero-sync will perform the following actions:\n"
        "\n"
        "  # test 7\n"
        "  + group \"Callers EU\" (count 2)" +
            std::string(41, ' ') +
            "copy of \"Callers\"\n"
            "  - participant \"Bot\" in group \"Callers EU\" (count 1)" +
            std::string(20, ' ') +
            "not in manifest\n"
            "  ~ participant \"Caller\" -> \"Caller EU\" in group \"Callers EU\" (count 1)  name "
            "\"Caller\" -> \"Caller EU\", location (unset) -> eu-west-1\n"
            "  Compute units: unknown\n"
            "\n"
            "Plan: 0 to create, 1 to duplicate, 0 to update, 0 to delete.\n"
            "Participants: 0 to create, 1 to update, 1 to delete.\n"
            "Compute units (all tests): unknown.\n");
}

TEST_CASE("participant names and values cannot break lines or send escapes in the text plan") {
  Plan plan;
  TestPlan test;
  test.test_id = 1;
  test.actions = {participant_update(5, 6, "G\n", {"a\x1b[31m", 1, {}},
                                     {"a\x1b[31m", 1, settings({{F::media_type, "x\ny"}})})};
  plan.tests = {test};
  plan.summary.participants.update = 1;
  plan.summary.load_before = plan.summary.load_after = TestLoad{};
  CHECK(render_text(plan) ==
        "loadero-sync will perform the following actions:\n"
        "\n"
        "  # test 1\n"
        "  ~ participant 5 \"a\\x1b[31m\" in group \"G\\n\" (count 1)  media_type (unset) -> "
        "x\\ny\n"
        "  Compute units: unknown\n"
        "\n"
        "Plan: 0 to create, 0 to duplicate, 0 to update, 0 to delete.\n"
        "Participants: 0 to create, 1 to update, 0 to delete.\n"
        "Compute units (all tests): unknown.\n");
}

TEST_CASE("an empty plan that manages participants says groups and participants match") {
  Plan plan = participant_plan();
  plan.tests[0].actions.clear();
  plan.tests[0].load_after = plan.summary.load_after = plan.tests[0].load_before;
  CHECK(render_text(plan) ==
        "No changes. Live groups and participants match the manifest.\n"
        "Compute units (all tests): 6 (no change).\n");
  CHECK(render_markdown(plan) ==
        "### loadero-sync plan: no changes\n\nIn project 5040 at "
        "`http://127.0.0.1:8080/v2/`.\n\nLive groups and participants match the manifest.\n"
        "\n"
        "**Compute units** (per run)\n"
        "\n"
        "| test | before | after | change |\n"
        "|---|---:|---:|---:|\n"
        "| test 6866 \"Checkout flow\" | 6 | 6 | 0 |\n"
        "| **all tests** | **6** | **6** | **0** |\n");
  plan.tests[0].live_participants.reset();
  CHECK(render_text(plan) ==
        "No changes. Live groups match the manifest.\n"
        "Compute units (all tests): 6 (no change).\n");
}

TEST_CASE("the Markdown plan lists participant deletes with a participant column and counts them") {
  CHECK(
      render_markdown(participant_plan()) ==
      "### loadero-sync plan: 1 to create, 0 to duplicate, 0 to update, 1 to delete; "
      "participants: 1 to create, 1 to update, 1 to delete\n\nIn project 5040 at "
      "`http://127.0.0.1:8080/v2/`.\n"
      "\n"
      "**Destructive actions**\n"
      "\n"
      "| test | group | participant | count | reason |\n"
      "|---|---|---|---|---|\n"
      "| test 6866 \"Checkout flow\" | 48795 \"Callers\" | 94640 \"Bot\" | 1 | not in manifest |\n"
      "| test 6866 \"Checkout flow\" | 50335 \"Old\" | — | 1 | not in manifest (prune) |\n"
      "\n"
      "**Compute units** (per run)\n"
      "\n"
      "| test | before | after | change |\n"
      "|---|---:|---:|---:|\n"
      "| test 6866 \"Checkout flow\" | 6 | 10 | +4 |\n"
      "| **all tests** | **6** | **10** | **+4** |\n"
      "\n"
      "<details><summary>test 6866 \"Checkout flow\": 1 to create, 1 to delete; participants: 1 "
      "to create, 1 to update, 1 to delete</summary>\n"
      "\n"
      "```diff\n"
      "+ group \"Hosts\" (count 1)                                       new group\n"
      "- participant 94640 \"Bot\" in group \"Callers\" (count 1)          not in manifest\n"
      "! participant 94633 \"Caller\" in group \"Callers\" (count 1 -> 3)  count 1 -> 3, "
      "browser chromeLatest -> firefoxLatest\n"
      "+ participant \"Host\" in group \"Hosts\" (count 2)                 new participant\n"
      "- group 50335 \"Old\" (count 1)                                   not in manifest "
      "(prune)\n"
      "```\n"
      "\n"
      "</details>\n");
}

TEST_CASE("a Markdown plan of participant actions only names participants in its summaries") {
  Plan plan;
  TestPlan test;
  test.test_id = 9;
  test.actions = {
      participant_remove(7, std::nullopt, "A|B", {"x_y", 2, {}}),
  };
  plan.tests = {test};
  plan.summary.participants.remove = 1;
  const std::string out = render_markdown(plan);
  CHECK(out.rfind("### loadero-sync plan: 0 to create, 0 to duplicate, 0 to update, 0 to delete; "
                  "participants: 0 to create, 0 to update, 1 to delete\n",
                  0) == 0);
  CHECK(out.find("| test 9 | \"A&#124;B\" | 7 \"x&#95;y\" | 2 | not in manifest |\n") !=
        std::string::npos);
  CHECK(out.find("<summary>test 9: participants: 1 to delete</summary>") != std::string::npos);
}

TEST_CASE("a Markdown plan of many participant actions is cut at a whole line under the budget") {
  Plan plan;
  TestPlan test;
  test.test_id = 1;
  for (int i = 0; i < 2000; ++i) {
    test.actions.push_back(participant_create(
        48795, "Callers", {"participant number " + std::to_string(i), 1, {}}, manifest_line(9)));
  }
  plan.tests = {test};
  plan.summary.participants.create = 2000;
  const auto out = render_markdown(plan);
  CHECK(out.size() <= 60 * 1024);
  CHECK(out.size() > 59 * 1024);
  const std::string note =
      "```\n\n</details>\n\n\xe2\x80\xa6 output cut at 60 KB: run `loadero-sync plan` locally for "
      "the full plan.\n";
  REQUIRE(out.size() > note.size());
  CHECK(out.substr(out.size() - note.size()) == note);
  const auto before_fence = out.rfind("\n```\n\n</details>");
  const auto line_start = out.rfind('\n', before_fence - 1) + 1;
  CHECK(out.substr(line_start, 14) == "+ participant ");
  CHECK(out.substr(before_fence - 15, 15) == "new participant");
}

TEST_CASE("the apply report shows participant actions with their status and a created id") {
  Plan plan = participant_plan();
  ApplyResult result;
  TestOutcome outcome;
  outcome.test_id = 6866;
  outcome.actions.resize(5);
  outcome.actions[0].status = ActionStatus::applied;
  outcome.actions[0].group_id = 50412;
  outcome.actions[1].status = ActionStatus::applied;
  outcome.actions[1].note = "already gone";
  outcome.actions[2].status = ActionStatus::failed;
  outcome.actions[2].error = "PUT projects/5040/tests/6866/participants/94633/: 422 browser: bad";
  outcome.actions[3].status = ActionStatus::applied;
  outcome.actions[3].group_id = 50412;
  outcome.actions[3].created_participant_id = 94700;
  outcome.actions[4].status = ActionStatus::not_attempted;
  result.tests = {outcome};
  std::ostringstream out;
  write_apply_text(out, plan, result);
  CHECK(out.str() ==
        "\nApply results:\n"
        "\n"
        "  # test 6866 \"Checkout flow\"\n"
        "  applied        + group \"Hosts\" (count 1), id 50412\n"
        "  applied        - participant 94640 \"Bot\" in group \"Callers\" (count 1) (already "
        "gone)\n"
        "  failed         ~ participant 94633 \"Caller\" in group \"Callers\" (count 1 -> 3): PUT "
        "projects/5040/tests/6866/participants/94633/: 422 browser: bad\n"
        "  applied        + participant \"Host\" in group \"Hosts\" (count 2), id 94700\n"
        "  not attempted  - group 50335 \"Old\" (count 1)\n"
        "\n"
        "Apply incomplete: 3 applied, 1 failed, 1 not attempted.\n"
        "Fix the cause and run apply again: it plans from the live state and finishes the job.\n");
}
