// Drift: the mapping from a plan and every writer's exact output; JSON checked against
// schemas/drift.schema.json.

#include "loadero_sync/drift.hpp"

#include <doctest/doctest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "action_builders.hpp"
#include "drift_schema_check.hpp"

using namespace loadero_sync;
using namespace loadero_test;

namespace {

Plan drifted_plan() {
  Plan plan;
  plan.tool_version = "0.1.0";
  plan.api_base = "http://127.0.0.1:8080/v2/";
  plan.project_id = 5040;
  TestPlan checkout;
  checkout.test_id = 6866;
  checkout.test_name = "Checkout flow";
  checkout.live_fingerprint = "sha256:00";
  checkout.actions = {create_action("Callers", 3, manifest_line(8)),
                      duplicate_action("Callers EU", 2, {48798, "Hosts", 3}, manifest_line(10)),
                      update_action(48797, {"Mods", 1}, {"Moderators", 2}, manifest_line(14)),
                      remove_action(50335, "Old", 1)};
  checkout.unmanaged = {LiveGroup{50336, "manual-debug", 1, 2}};
  checkout.unchanged = 1;
  TestPlan video;
  video.test_id = 6867;
  video.test_name = "Video call";
  video.live_fingerprint = "sha256:01";
  video.unmanaged = {LiveGroup{60001, "Viewers", 4, 1}};
  video.unchanged = 2;
  plan.tests = {checkout, video};
  return plan;
}

Plan in_sync_plan() {
  Plan plan = drifted_plan();
  plan.tests.erase(plan.tests.begin());
  return plan;
}

std::string text_of(const DriftReport& report) {
  std::ostringstream out;
  write_drift_text(out, report, Color::off);
  return out.str();
}

}  // namespace

TEST_CASE(
    "planned creates and copies are missing, updates changed, deletes extraneous, unmanaged listed "
    "last") {
  const DriftReport report = make_drift(drifted_plan());
  REQUIRE(report.tests.size() == 2);
  const auto& entries = report.tests[0].entries;
  REQUIRE(entries.size() == 5);
  CHECK(entries[0].kind == DriftKind::missing);
  CHECK(entries[0].desired == GroupState{"Callers", 3});
  CHECK_FALSE(entries[0].group_id.has_value());
  CHECK(entries[1].kind == DriftKind::missing);
  CHECK(entries[2].kind == DriftKind::changed);
  CHECK(entries[2].group_id == 48797);
  CHECK(entries[2].live == GroupState{"Mods", 1});
  CHECK(entries[2].desired == GroupState{"Moderators", 2});
  CHECK(entries[3].kind == DriftKind::extraneous);
  CHECK(entries[3].live == GroupState{"Old", 1});
  CHECK(entries[4].kind == DriftKind::unmanaged);
  CHECK(entries[4].group_id == 50336);
  CHECK(report.summary == DriftSummary{2, 1, 1, 2, 0, 0, {}});
}

TEST_CASE("unmanaged groups alone do not put a test out of sync") {
  const DriftReport report = make_drift(in_sync_plan());
  REQUIRE(report.tests.size() == 1);
  CHECK(report.tests[0].entries.size() == 1);
  CHECK(report.tests[0].in_sync());
  CHECK(report.in_sync());
  CHECK_FALSE(make_drift(drifted_plan()).in_sync());
}

TEST_CASE("the text report lists each difference under its test and ends with a summary") {
  CHECK(text_of(make_drift(drifted_plan())) ==
        "# test 6866 \"Checkout flow\": out of sync\n"
        "  missing     group \"Callers\" (count 3): new group, loadero.yaml:8\n"
        "  missing     group \"Callers EU\" (count 2): copy of \"Hosts\", loadero.yaml:10\n"
        "  changed     group 48797 \"Mods\": name: live \"Mods\", manifest \"Moderators\"; count: "
      "live 1, manifest 2, loadero.yaml:14\n"
        "  extraneous  group 50335 \"Old\" (count 1): not in manifest (prune)\n"
        "  unmanaged   group 50336 \"manual-debug\" (count 1): not in manifest, prune off\n"
        "\n"
        "# test 6867 \"Video call\": in sync\n"
        "  unmanaged   group 60001 \"Viewers\" (count 4): not in manifest, prune off\n"
        "\n"
        "Drift: 1 of 2 tests out of sync: 2 missing, 1 changed, 1 extraneous, 2 unmanaged.\n");
}

TEST_CASE("the text report of an in-sync project says so and counts unmanaged groups") {
  CHECK(text_of(make_drift(in_sync_plan())) ==
        "# test 6867 \"Video call\": in sync\n"
        "  unmanaged   group 60001 \"Viewers\" (count 4): not in manifest, prune off\n"
        "\n"
        "No drift: 1 test in sync (1 unmanaged group).\n");
}

TEST_CASE("the text report is coloured only when asked") {
  std::ostringstream out;
  write_drift_text(out, make_drift(drifted_plan()), Color::on);
  CHECK(out.str().find("\x1b[31mextraneous") != std::string::npos);
  CHECK(text_of(make_drift(drifted_plan())).find('\x1b') == std::string::npos);
}

TEST_CASE("group names with quotes and control characters are escaped in the text report") {
  Plan plan = in_sync_plan();
  plan.tests[0].unmanaged = {LiveGroup{7, "say \"hi\"\n", 1, 0}};
  CHECK(text_of(make_drift(plan)).find("group 7 \"say \\\"hi\\\"\\n\" (count 1)") !=
        std::string::npos);
}

TEST_CASE(
    "the JSON report has in_sync at the top, entries per test, and follows the drift schema") {
  std::ostringstream out;
  write_drift_json(out, make_drift(drifted_plan()));
  const auto document = nlohmann::json::parse(out.str());
  CHECK(document["in_sync"] == false);
  CHECK(document["project_id"] == 5040);
  CHECK(document["tests"][0]["in_sync"] == false);
  CHECK(document["tests"][1]["in_sync"] == true);
  CHECK(document["tests"][0]["entries"][2] ==
        nlohmann::json::parse(
            R"({"kind": "changed", "target": "group", "group_id": 48797, "name": "Moderators",
          "live": {"name": "Mods", "count": 1}, "desired": {"name": "Moderators", "count": 2},
          "reason": "renamed from \"Mods\", count 1 -> 2", "source": {"file": "loadero.yaml", "line": 14}})"));
  CHECK(document["summary"] ==
        nlohmann::json::parse(R"({"missing": 2, "changed": 1, "extraneous": 1, "unmanaged": 2,
                                     "conflict": 0, "unreadable": 0})"));
  CHECK(out.str().rfind("{\n  \"format_version\": \"1\",\n  \"tool_version\": \"0.1.0\",", 0) == 0);
  check_against_schema(out.str());

  std::ostringstream in_sync;
  write_drift_json(in_sync, make_drift(in_sync_plan()));
  CHECK(nlohmann::json::parse(in_sync.str())["in_sync"] == true);
  check_against_schema(in_sync.str());
}

TEST_CASE("the drift schema rejects a document that breaks it") {
  // Guards the schema test above against a schema that accepts anything.
  std::ifstream schema_file(std::string(LOADERO_SOURCE_DIR) + "/schemas/drift.schema.json");
  const nlohmann::json schema_json = nlohmann::json::parse(schema_file);
  valijson::Schema schema;
  valijson::SchemaParser parser(valijson::SchemaParser::kDraft7);
  valijson::adapters::NlohmannJsonAdapter schema_adapter(schema_json);
  parser.populateSchema(schema_adapter, schema);
  std::ostringstream out;
  write_drift_json(out, make_drift(drifted_plan()));
  nlohmann::json document = nlohmann::json::parse(out.str());
  document["tests"][0]["entries"][2].erase("live");  // a changed entry without its live state
  valijson::Validator validator;
  valijson::adapters::NlohmannJsonAdapter document_adapter(document);
  CHECK_FALSE(validator.validate(schema, document_adapter, nullptr));
  document = nlohmann::json::parse(out.str());
  document["tests"][0]["entries"][0]["kind"] = "gone";
  valijson::adapters::NlohmannJsonAdapter second_adapter(document);
  CHECK_FALSE(validator.validate(schema, second_adapter, nullptr));
}

TEST_CASE("the Markdown report puts out-of-sync tests first, open, with extraneous groups first") {
  Plan plan = drifted_plan();
  std::swap(plan.tests[0], plan.tests[1]);  // the in-sync test comes first in the manifest
  std::ostringstream out;
  write_drift_markdown(out, make_drift(plan));
  CHECK(out.str() ==
        "### loadero-sync drift: 1 of 2 tests out of sync\n"
        "\n"
        "Project 5040: **2** missing, **1** changed, **1** extraneous, **2** unmanaged.\n"
        "\n"
        "<details open><summary>test 6866 \"Checkout flow\": out of sync (2 missing, 1 changed, 1 "
        "extraneous, 1 "
        "unmanaged)</summary>\n"
        "\n"
        "| drift | group id | live | manifest | note |\n"
        "|---|---|---|---|---|\n"
        "| extraneous | 50335 | Old ×1 | — | not in manifest (prune) |\n"
        "| changed | 48797 | Mods ×1 | Moderators ×2 | name: live \"Mods\", manifest \"Moderators\"; "
        "count: live 1, manifest 2, loadero.yaml:14 |\n"
        "| missing | — | — | Callers ×3 | new group, loadero.yaml:8 |\n"
        "| missing | — | — | Callers EU ×2 | copy of \"Hosts\", loadero.yaml:10 |\n"
        "| unmanaged | 50336 | manual-debug ×1 | — | not in manifest, prune off |\n"
        "\n"
        "</details>\n"
        "\n"
        "<details><summary>test 6867 \"Video call\": in sync (1 unmanaged)</summary>\n"
        "\n"
        "| drift | group id | live | manifest | note |\n"
        "|---|---|---|---|---|\n"
        "| unmanaged | 60001 | Viewers ×4 | — | not in manifest, prune off |\n"
        "\n"
        "</details>\n"
        "\n");
}

TEST_CASE(
    "the JUnit report has one test case per Loadero test and a failure for each one out of sync") {
  std::ostringstream out;
  write_drift_junit(out, make_drift(drifted_plan()));
  CHECK(
      out.str() ==
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<testsuites name=\"loadero-sync drift\" tests=\"2\" failures=\"1\" errors=\"0\">\n"
      "  <testsuite name=\"project 5040\" tests=\"2\" failures=\"1\" errors=\"0\" skipped=\"0\">\n"
      "    <testcase classname=\"loadero-sync.drift.project-5040\" name=\"test 6866 &quot;Checkout "
      "flow&quot;\">\n"
      "      <failure type=\"drift\" message=\"2 missing, 1 changed, 1 extraneous, 1 unmanaged\">"
      "missing group &quot;Callers&quot; (count 3): new group, loadero.yaml:8\n"
      "missing group &quot;Callers EU&quot; (count 2): copy of &quot;Hosts&quot;, loadero.yaml:10\n"
      "changed group 48797 &quot;Mods&quot;: name: live &quot;Mods&quot;, manifest "
      "&quot;Moderators&quot;; count: live 1, manifest 2, loadero.yaml:14\n"
      "extraneous group 50335 &quot;Old&quot; (count 1): not in manifest (prune)\n"
      "</failure>\n"
      "      <system-out>unmanaged group 50336 &quot;manual-debug&quot; (count 1): not in "
      "manifest, prune off\n"
      "</system-out>\n"
      "    </testcase>\n"
      "    <testcase classname=\"loadero-sync.drift.project-5040\" name=\"test 6867 &quot;Video "
      "call&quot;\">\n"
      "      <system-out>unmanaged group 60001 &quot;Viewers&quot; (count 4): not in manifest, "
      "prune off\n"
      "</system-out>\n"
      "    </testcase>\n"
      "  </testsuite>\n"
      "</testsuites>\n");
}

TEST_CASE(
    "the Markdown report stays under its size limit, leaving whole test sections out with a note") {
  Plan plan = drifted_plan();
  for (int i = 0; i < 200; ++i) {
    TestPlan test = plan.tests[0];
    test.test_id = 7000 + i;
    plan.tests.push_back(test);
  }
  std::ostringstream out;
  write_drift_markdown(out, make_drift(plan), 8 * 1024);
  const std::string text = out.str();
  CHECK(text.size() <= 8 * 1024);
  CHECK(text.rfind("### loadero-sync drift: 201 of 202 tests out of sync\n", 0) == 0);
  const auto note = text.rfind("\n… ");
  REQUIRE(note != std::string::npos);
  CHECK(text.substr(note).find(" more tests not shown (comment size limit): run `loadero-sync "
                               "drift` for the full report.\n") != std::string::npos);
  // Every section that is shown is complete.
  std::size_t opened = 0;
  std::size_t closed = 0;
  for (auto pos = text.find("<details"); pos != std::string::npos;
       pos = text.find("<details", pos + 1))
    ++opened;
  for (auto pos = text.find("</details>"); pos != std::string::npos;
       pos = text.find("</details>", pos + 1))
    ++closed;
  CHECK(opened == closed);
  CHECK(opened > 5);
}

TEST_CASE("an unmanaged group that a keep glob kept from prune says which glob") {
  Plan plan = in_sync_plan();
  plan.tests[0].kept_by[60001] = "View*";
  const DriftReport report = make_drift(plan);
  REQUIRE(report.tests[0].entries.size() == 1);
  CHECK(report.tests[0].entries[0].reason == "not in manifest, kept by keep: \"View*\"");
  CHECK(text_of(report) ==
        "# test 6867 \"Video call\": in sync\n"
        "  unmanaged   group 60001 \"Viewers\" (count 4): not in manifest, kept by keep: "
        "\"View*\"\n"
        "\n"
        "No drift: 1 test in sync (1 unmanaged group).\n");
}
