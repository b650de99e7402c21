// Drift: the live compute units of each planned test in every writer, shown only when known
// (JSON null when not), and limit problems left out of drift.

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

// Checkout (42 compute units, out of sync), Video (0.5, in sync), Unknown (not known), and a test
// that could not be planned.
Plan loaded_plan() {
  Plan plan;
  plan.tool_version = "0.1.0";
  plan.api_base = "http://127.0.0.1:8080/v2/";
  plan.project_id = 5040;
  TestPlan checkout;
  checkout.test_id = 6866;
  checkout.test_name = "Checkout flow";
  checkout.actions = {create_action("Callers", 3, manifest_line(8))};
  checkout.load_before = TestLoad{42, 21};
  checkout.load_after = TestLoad{58, 29};
  TestPlan video;
  video.test_id = 6867;
  video.test_name = "Video call";
  video.unchanged = 2;
  video.load_before = video.load_after = TestLoad{0.5, 1};
  TestPlan unknown;
  unknown.test_id = 6868;
  unknown.test_name = "Unknown";
  unknown.unchanged = 1;
  plan.tests = {checkout, video, unknown};
  PlanProblem conflict;
  conflict.test_id = 6869;
  conflict.test_name = "Gone";
  conflict.diagnostic.message = "test 6869 is gone";
  plan.problems = {conflict};
  return plan;
}

std::string text_of(const DriftReport& report) {
  std::ostringstream out;
  write_drift_text(out, report, Color::off);
  return out.str();
}

}  // namespace

TEST_CASE("drift takes each planned test's live compute units from the plan") {
  const DriftReport report = make_drift(loaded_plan());
  REQUIRE(report.tests.size() == 4);
  CHECK(report.tests[0].compute_units == 42.0);
  CHECK(report.tests[1].compute_units == 0.5);
  CHECK_FALSE(report.tests[2].compute_units.has_value());
  CHECK_FALSE(report.tests[3].compute_units.has_value());
}

TEST_CASE("a limit problem does not make a drift test of its own") {
  Plan plan = loaded_plan();
  PlanProblem limit;
  limit.test_id = 6866;
  limit.test_name = "Checkout flow";
  limit.kind = ProblemKind::limit;
  limit.diagnostic.message = "test 6866 would use 58 compute units, over its budget of 50";
  plan.problems.insert(plan.problems.begin(), limit);
  const DriftReport report = make_drift(plan);
  CHECK(report == make_drift(loaded_plan()));
}

TEST_CASE("the text drift report notes known compute units on the test's line") {
  CHECK(text_of(make_drift(loaded_plan())) ==
        "# test 6866 \"Checkout flow\": out of sync (compute units: 42)\n"
        "  missing     group \"Callers\" (count 3): new group, loadero.yaml:8\n"
        "\n"
        "# test 6867 \"Video call\": in sync (compute units: 0.5)\n"
        "\n"
        "# test 6868 \"Unknown\": in sync\n"
        "\n"
        "# test 6869 \"Gone\": out of sync\n"
        "  conflict    test 6869 is gone\n"
        "\n"
        "Drift: 2 of 4 tests out of sync: 1 missing, 0 changed, 0 extraneous, 0 unmanaged, 1 in "
        "conflict.\n");
}

TEST_CASE("the JSON drift report has compute_units per test, null when unknown") {
  std::ostringstream out;
  write_drift_json(out, make_drift(loaded_plan()));
  const auto document = nlohmann::json::parse(out.str());
  CHECK(document["tests"][0]["compute_units"].is_number_integer());
  CHECK(document["tests"][0]["compute_units"] == 42);
  CHECK(document["tests"][1]["compute_units"] == 0.5);
  CHECK(document["tests"][2]["compute_units"].is_null());
  CHECK(document["tests"][3]["compute_units"].is_null());
  CHECK(out.str().find("      \"in_sync_groups\": 0,\n      \"compute_units\": 42,\n"
                       "      \"entries\": [") != std::string::npos);
  check_against_schema(out.str());

  auto negative = document;
  negative["tests"][0]["compute_units"] = -1;
  CHECK_FALSE(schema_accepts(negative.dump()));
  auto text = document;
  text["tests"][0]["compute_units"] = "42";
  CHECK_FALSE(schema_accepts(text.dump()));
}

TEST_CASE("the Markdown drift report shows known compute units in each test's summary") {
  std::ostringstream out;
  write_drift_markdown(out, make_drift(loaded_plan()));
  const std::string text = out.str();
  CHECK(text.find("<details open><summary>test 6866 \"Checkout flow\": out of sync (1 missing), "
                  "compute units: 42</summary>") != std::string::npos);
  CHECK(text.find("<details><summary>test 6867 \"Video call\": in sync (no differences), compute "
                  "units: 0.5</summary>") != std::string::npos);
  CHECK(text.find("<details><summary>test 6868 \"Unknown\": in sync (no differences)</summary>") !=
        std::string::npos);
  CHECK(text.find("<summary>test 6869 \"Gone\": out of sync (1 conflict)</summary>") !=
        std::string::npos);
}

TEST_CASE("the JUnit drift report carries known compute units as a test case property") {
  std::ostringstream out;
  write_drift_junit(out, make_drift(loaded_plan()));
  const std::string xml = out.str();
  CHECK(xml.find("name=\"test 6866 &quot;Checkout flow&quot;\">\n"
                 "      <properties>\n"
                 "        <property name=\"compute_units\" value=\"42\"/>\n"
                 "      </properties>\n"
                 "      <failure ") != std::string::npos);
  CHECK(xml.find("name=\"test 6867 &quot;Video call&quot;\">\n"
                 "      <properties>\n"
                 "        <property name=\"compute_units\" value=\"0.5\"/>\n"
                 "      </properties>\n"
                 "    </testcase>\n") != std::string::npos);
  CHECK(xml.find("name=\"test 6868 &quot;Unknown&quot;\">\n    </testcase>\n") !=
        std::string::npos);
  std::size_t properties = 0;
  for (auto pos = xml.find("<properties>"); pos != std::string::npos;
       pos = xml.find("<properties>", pos + 1))
    ++properties;
  CHECK(properties == 2);
}
