// Drift of participants: the mapping from participant actions and every writer's exact output;
// JSON checked against schemas/drift.schema.json.

#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "action_builders.hpp"
#include "drift_schema_check.hpp"
#include "loadero_sync/drift.hpp"
#include "participant_builders.hpp"

using namespace loadero_sync;
using namespace loadero_test;

namespace {

using F = ParticipantField;

// Test 6866 gets a new group with a participant, and one participant of a live group is changed
// and one is not declared; test 6867 manages participants and matches.
Plan participant_drift_plan() {
  Plan plan;
  plan.tool_version = "0.1.0";
  plan.api_base = "http://127.0.0.1:8080/v2/";
  plan.project_id = 5040;
  TestPlan checkout;
  checkout.test_id = 6866;
  checkout.test_name = "Checkout flow";
  checkout.live_participants = std::vector<LiveParticipant>{};
  checkout.actions = {
      create_action("Hosts", 1, manifest_line(20)),
      participant_remove(94640, 48795, "Callers", {"Bot", 1, settings({{F::compute_unit, "g1"}})}),
      participant_update(
          94633, 48795, "Callers",
          {"Caller", 1, settings({{F::browser, "chromeLatest"}, {F::record_audio, "false"}})},
          {"Caller", 3, settings({{F::browser, "firefoxLatest"}, {F::record_audio, "true"}})},
          manifest_line(14, 11)),
      participant_create(std::nullopt, "Hosts",
                         {"Host", 2, settings({{F::browser, "chromeLatest"}})},
                         manifest_line(23, 11))};
  checkout.unchanged = 1;
  checkout.unchanged_participants = 2;
  TestPlan video;
  video.test_id = 6867;
  video.test_name = "Video call";
  video.live_participants = std::vector<LiveParticipant>{};
  video.unchanged = 2;
  video.unchanged_participants = 4;
  plan.tests = {checkout, video};
  return plan;
}

std::string json_of(const DriftReport& report) {
  std::ostringstream out;
  write_drift_json(out, report);
  return out.str();
}

}  // namespace

TEST_CASE("participant creates are missing, updates changed and undeclared ones extraneous") {
  const DriftReport report = make_drift(participant_drift_plan());
  REQUIRE(report.tests.size() == 2);
  const TestDrift& checkout = report.tests[0];
  CHECK(checkout.manages_participants);
  CHECK(checkout.in_sync_participants == 2);
  REQUIRE(checkout.entries.size() == 4);
  CHECK(checkout.entries[0].target == ActionTarget::group);
  const DriftEntry& removed = checkout.entries[1];
  CHECK(removed.kind == DriftKind::extraneous);
  CHECK(removed.target == ActionTarget::participant);
  CHECK(removed.participant_id == 94640);
  CHECK(removed.group_id == 48795);
  CHECK(removed.group_name == "Callers");
  CHECK(removed.name == "Bot");
  CHECK_FALSE(removed.desired_participant.has_value());
  const DriftEntry& changed = checkout.entries[2];
  CHECK(changed.kind == DriftKind::changed);
  REQUIRE(changed.changes.size() == 3);
  CHECK(changed.changes[0] == FieldChange{"count", "1", "3"});
  CHECK(changed.changes[2] == FieldChange{"record_audio", "false", "true"});
  const DriftEntry& missing = checkout.entries[3];
  CHECK(missing.kind == DriftKind::missing);
  CHECK_FALSE(missing.group_id.has_value());
  CHECK(missing.desired_participant ==
        ParticipantState{"Host", 2, settings({{F::browser, "chromeLatest"}})});
  CHECK(report.summary.missing == 1);
  CHECK(report.summary.changed == 0);
  CHECK(report.summary.participants == ParticipantDriftSummary{1, 1, 1});
  CHECK_FALSE(checkout.in_sync());
  CHECK(report.tests[1].in_sync());
  CHECK(report.manages_participants());
}

TEST_CASE("the text drift report lists participant differences and counts them apart") {
  std::ostringstream out;
  write_drift_text(out, make_drift(participant_drift_plan()), Color::off);
  CHECK(out.str() ==
        "# test 6866 \"Checkout flow\": out of sync\n"
        "  missing     group \"Hosts\" (count 1): new group, loadero.yaml:20\n"
        "  extraneous  participant 94640 \"Bot\" in group \"Callers\" (count 1): not in manifest\n"
        "  changed     participant 94633 \"Caller\" in group \"Callers\": count: live 1, manifest 3; "
        "browser: live chromeLatest, manifest firefoxLatest; record_audio: live false, manifest true, "
        "loadero.yaml:14\n"
        "  missing     participant \"Host\" in group \"Hosts\" (count 2): new participant, "
        "loadero.yaml:23\n"
        "\n"
        "# test 6867 \"Video call\": in sync\n"
        "\n"
        "Drift: 1 of 2 tests out of sync: 1 missing, 0 changed, 0 extraneous, 0 unmanaged; "
        "participants: 1 missing, 1 changed, 1 extraneous.\n");
}

TEST_CASE("the JSON drift report describes participant entries and follows the drift schema") {
  const std::string text = json_of(make_drift(participant_drift_plan()));
  const auto document = nlohmann::json::parse(text);
  const auto& checkout = document["tests"][0];
  CHECK(checkout["in_sync_participants"] == 2);
  CHECK(checkout["entries"][0]["target"] == "group");
  CHECK(checkout["entries"][1] == nlohmann::json::parse(R"({
    "kind": "extraneous", "target": "participant", "participant_id": 94640, "group_id": 48795,
    "group_name": "Callers", "name": "Bot",
    "live": {"name": "Bot", "count": 1, "settings": {"compute_unit": "g1"}},
    "reason": "not in manifest"})"));
  CHECK(checkout["entries"][2] == nlohmann::json::parse(R"({
    "kind": "changed", "target": "participant", "participant_id": 94633, "group_id": 48795,
    "group_name": "Callers", "name": "Caller",
    "live": {"name": "Caller", "count": 1,
             "settings": {"browser": "chromeLatest", "record_audio": false}},
    "desired": {"name": "Caller", "count": 3,
                "settings": {"browser": "firefoxLatest", "record_audio": true}},
    "changes": [{"field": "count", "live": 1, "desired": 3},
                {"field": "browser", "live": "chromeLatest", "desired": "firefoxLatest"},
                {"field": "record_audio", "live": false, "desired": true}],
    "reason": "count 1 -> 3, browser chromeLatest -> firefoxLatest, record_audio false -> true",
    "source": {"file": "loadero.yaml", "line": 14}})"));
  CHECK(checkout["entries"][3] == nlohmann::json::parse(R"({
    "kind": "missing", "target": "participant", "group_name": "Hosts", "name": "Host",
    "desired": {"name": "Host", "count": 2, "settings": {"browser": "chromeLatest"}},
    "reason": "new participant", "source": {"file": "loadero.yaml", "line": 23}})"));
  CHECK(document["summary"]["participants"] ==
        nlohmann::json::parse(R"({"missing": 1, "changed": 1, "extraneous": 1})"));
  // in_sync_participants sits next to in_sync_groups, before compute_units and the entries.
  CHECK(text.find("\"in_sync_groups\": 1,\n      \"in_sync_participants\": 2,\n      "
                  "\"compute_units\": null,\n      \"entries\": [") != std::string::npos);
  check_against_schema(text);
}

TEST_CASE("the drift schema rejects participant entries that break it") {
  const auto document = nlohmann::json::parse(json_of(make_drift(participant_drift_plan())));
  const auto rejects = [&](const auto& edit) {
    nlohmann::json broken = document;
    edit(broken["tests"][0]["entries"]);
    return !schema_accepts(broken.dump());
  };
  CHECK(schema_accepts(document.dump()));
  CHECK(rejects([](nlohmann::json& entries) { entries[2].erase("changes"); }));
  CHECK(rejects([](nlohmann::json& entries) { entries[1]["kind"] = "unmanaged"; }));
  CHECK(rejects([](nlohmann::json& entries) { entries[1].erase("group_name"); }));
  CHECK(rejects([](nlohmann::json& entries) { entries[3]["participant_id"] = 5; }));
  CHECK(rejects(
      [](nlohmann::json& entries) { entries[2]["live"]["settings"]["record_audio"] = "false"; }));
  CHECK(rejects([](nlohmann::json& entries) { entries[0]["live_participant"] = 1; }));
}

TEST_CASE("a drift report without participants has no participant keys") {
  Plan plan = participant_drift_plan();
  for (auto& test : plan.tests) test.live_participants.reset();
  plan.tests[0].actions.resize(1);  // the group create only
  const std::string text = json_of(make_drift(plan));
  CHECK(text.find("participant") == std::string::npos);
  check_against_schema(text);
}

TEST_CASE("the Markdown drift report has a participant table after the group table") {
  std::ostringstream out;
  write_drift_markdown(out, make_drift(participant_drift_plan()));
  CHECK(out.str() ==
        "### loadero-sync drift: 1 of 2 tests out of sync\n"
        "\n"
        "Project 5040: **1** missing, **0** changed, **0** extraneous, **0** unmanaged; "
        "participants: **1** missing, **1** changed, **1** extraneous.\n"
        "\n"
        "<details open><summary>test 6866 \"Checkout flow\": out of sync (1 missing; "
        "participants: 1 missing, 1 changed, 1 extraneous)</summary>\n"
        "\n"
        "| drift | group id | live | manifest | note |\n"
        "|---|---|---|---|---|\n"
        "| missing | — | — | Hosts ×1 | new group, loadero.yaml:20 |\n"
        "\n"
        "| drift | participant id | group | live | manifest | note |\n"
        "|---|---|---|---|---|---|\n"
        "| extraneous | 94640 | Callers | Bot ×1 | — | not in manifest |\n"
        "| changed | 94633 | Callers | Caller ×1 | Caller ×3 | count: live 1, manifest 3; browser: "
        "live chromeLatest, manifest firefoxLatest; record&#95;audio: live false, manifest true, "
        "loadero.yaml:14 |\n"
        "| missing | — | Hosts | — | Host ×2 | new participant, loadero.yaml:23 |\n"
        "\n"
        "</details>\n"
        "\n"
        "<details><summary>test 6867 \"Video call\": in sync (no differences)</summary>\n"
        "\n"
        "All 2 declared groups and 4 declared participants match.\n"
        "\n"
        "</details>\n"
        "\n");
}

TEST_CASE("the JUnit drift report lists participant differences in the test's failure") {
  std::ostringstream out;
  write_drift_junit(out, make_drift(participant_drift_plan()));
  CHECK(out.str() ==
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        "<testsuites name=\"loadero-sync drift\" tests=\"2\" failures=\"1\" errors=\"0\">\n"
        "  <testsuite name=\"project 5040\" tests=\"2\" failures=\"1\" errors=\"0\" "
        "skipped=\"0\">\n"
        "    <testcase classname=\"loadero-sync.drift.project-5040\" name=\"test 6866 "
        "&quot;Checkout flow&quot;\">\n"
        "      <failure type=\"drift\" message=\"1 missing; participants: 1 missing, 1 changed, 1 "
        "extraneous\">missing group &quot;Hosts&quot; (count 1): new group, loadero.yaml:20\n"
        "extraneous participant 94640 &quot;Bot&quot; in group &quot;Callers&quot; (count 1): "
        "not in manifest\n"
        "changed participant 94633 &quot;Caller&quot; in group &quot;Callers&quot;: count: live 1, "
        "manifest 3; browser: live chromeLatest, manifest firefoxLatest; record_audio: live false, "
        "manifest true, loadero.yaml:14\n"
        "missing participant &quot;Host&quot; in group &quot;Hosts&quot; (count 2): new "
        "participant, loadero.yaml:23\n"
        "</failure>\n"
        "    </testcase>\n"
        "    <testcase classname=\"loadero-sync.drift.project-5040\" name=\"test 6867 &quot;Video "
        "call&quot;\">\n"
        "    </testcase>\n"
        "  </testsuite>\n"
        "</testsuites>\n");
}

TEST_CASE("the Markdown drift report with many participant differences stays under its limit") {
  Plan plan = participant_drift_plan();
  for (int i = 0; i < 300; ++i) {
    plan.tests[0].actions.push_back(participant_create(
        48795, "Callers", {"participant number " + std::to_string(i), 1, {}}, manifest_line(30)));
  }
  for (int i = 0; i < 20; ++i) {
    TestPlan test = plan.tests[0];
    test.test_id = 7000 + i;
    plan.tests.push_back(test);
  }
  std::ostringstream out;
  write_drift_markdown(out, make_drift(plan));
  const std::string text = out.str();
  CHECK(text.size() <= 60 * 1024);
  CHECK(text.find(
            "\n… 20 more tests not shown (comment size limit): run `loadero-sync drift` for the "
            "full report.\n") != std::string::npos);
  std::size_t opened = 0;
  std::size_t closed = 0;
  for (auto pos = text.find("<details"); pos != std::string::npos;
       pos = text.find("<details", pos + 1))
    ++opened;
  for (auto pos = text.find("</details>"); pos != std::string::npos;
       pos = text.find("</details>", pos + 1))
    ++closed;
  CHECK(opened == 2);
  CHECK(closed == 2);
}
