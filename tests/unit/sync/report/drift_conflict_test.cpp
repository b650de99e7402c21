// Drift of a messy live project: tests the live state makes impossible to plan (conflicts) and
// tests that could not be read are reported beside the healthy ones, in every format.

#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "action_builders.hpp"
#include "drift_schema_check.hpp"
#include "loadero_sync/drift.hpp"

using namespace loadero_sync;
using namespace loadero_test;

namespace {

// One healthy test in sync, one whose group name two live groups share, one that could not be
// read.
Plan messy_plan() {
  Plan plan;
  plan.tool_version = "0.1.0";
  plan.api_base = "http://127.0.0.1:8080/v2/";
  plan.project_id = 5040;
  TestPlan healthy;
  healthy.test_id = 6867;
  healthy.test_name = "Video call";
  healthy.unchanged = 2;
  plan.tests = {healthy};
  PlanProblem conflict;
  conflict.test_id = 6866;
  conflict.test_name = "Checkout flow";
  conflict.kind = ProblemKind::conflict;
  conflict.diagnostic.pos = SourcePos{"loadero.yaml", 6, 9};
  conflict.diagnostic.message =
      "group name \"Callers\" is shared by live groups 11, 12: pin one with id:";
  PlanProblem unreadable;
  unreadable.test_id = 6868;
  unreadable.kind = ProblemKind::unreadable;
  unreadable.diagnostic.pos = SourcePos{"loadero.yaml", 12, 5};
  unreadable.diagnostic.message = "test 6868: GET projects/5040/tests/6868/: 500 Server Error";
  plan.problems = {conflict, unreadable};
  return plan;
}

}  // namespace

TEST_CASE("a conflict puts its test out of sync and a test that could not be read is an error") {
  const DriftReport report = make_drift(messy_plan());
  REQUIRE(report.tests.size() == 3);
  CHECK(report.tests[0].in_sync());
  CHECK_FALSE(report.tests[1].in_sync());
  REQUIRE(report.tests[1].entries.size() == 1);
  CHECK(report.tests[1].entries[0].kind == DriftKind::conflict);
  CHECK(report.tests[1].entries[0].source == SourcePos{"loadero.yaml", 6, 9});
  CHECK(report.tests[2].error == "test 6868: GET projects/5040/tests/6868/: 500 Server Error");
  CHECK_FALSE(report.in_sync());
  CHECK(report.summary.conflict == 1);
  CHECK(report.summary.unreadable == 1);
}

TEST_CASE("the text drift report shows conflicts and unreadable tests with every other test") {
  std::ostringstream out;
  write_drift_text(out, make_drift(messy_plan()), Color::off);
  CHECK(out.str() ==
        "# test 6867 \"Video call\": in sync\n"
        "\n"
        "# test 6866 \"Checkout flow\": out of sync\n"
        "  conflict    group name \"Callers\" is shared by live groups 11, 12: pin one with id:, "
        "loadero.yaml:6\n"
        "\n"
        "# test 6868: could not be read\n"
        "  error       test 6868: GET projects/5040/tests/6868/: 500 Server Error\n"
        "\n"
        "Drift: 2 of 3 tests out of sync: 0 missing, 0 changed, 0 extraneous, 0 unmanaged, 1 in "
        "conflict, 1 could not be read.\n");
}

TEST_CASE("the JSON drift report carries conflicts and errors and follows the drift schema") {
  std::ostringstream out;
  write_drift_json(out, make_drift(messy_plan()));
  const auto document = nlohmann::json::parse(out.str());
  CHECK(document["in_sync"] == false);
  CHECK(document["tests"].size() == 3);
  CHECK(document["tests"][1]["entries"][0] ==
        nlohmann::json::parse(R"({"kind": "conflict", "name": "",
          "reason": "group name \"Callers\" is shared by live groups 11, 12: pin one with id:",
          "source": {"file": "loadero.yaml", "line": 6}})"));
  CHECK(document["tests"][2]["error"] ==
        "test 6868: GET projects/5040/tests/6868/: 500 Server Error");
  CHECK(document["summary"]["conflict"] == 1);
  CHECK(document["summary"]["unreadable"] == 1);
  check_against_schema(out.str());
}

TEST_CASE("the JUnit drift report has a failure for a conflict and an error for an unread test") {
  std::ostringstream out;
  write_drift_junit(out, make_drift(messy_plan()));
  const std::string xml = out.str();
  CHECK(xml.find("tests=\"3\" failures=\"1\" errors=\"1\"") != std::string::npos);
  CHECK(xml.find("<failure type=\"drift\" message=\"1 conflict\">conflict group name "
                 "&quot;Callers&quot; is shared by live groups 11, 12: pin one with id:, "
                 "loadero.yaml:6\n</failure>") != std::string::npos);
  CHECK(xml.find("<testcase classname=\"loadero-sync.drift.project-5040\" name=\"test 6868\">\n"
                 "      <error type=\"unreadable\" message=\"could not be read\">test 6868: GET "
                 "projects/5040/tests/6868/: 500 Server Error</error>") != std::string::npos);
  CHECK(xml.rfind("</testsuites>\n") == xml.size() - std::string("</testsuites>\n").size());
}

TEST_CASE("the Markdown drift report lists conflicts first and says which tests were not read") {
  std::ostringstream out;
  write_drift_markdown(out, make_drift(messy_plan()));
  const std::string text = out.str();
  CHECK(text.rfind("### loadero-sync drift: 2 of 3 tests out of sync\n", 0) == 0);
  CHECK(text.find("**1** in conflict, **1** could not be read.") != std::string::npos);
  CHECK(text.find("| conflict | — | — | — | group name \"Callers\" is shared by live groups 11, "
                  "12: pin one with id:, loadero.yaml:6 |") != std::string::npos);
  CHECK(text.find("Could not be read: test 6868: GET projects/5040/tests/6868/: 500 Server "
                  "Error") != std::string::npos);
}
