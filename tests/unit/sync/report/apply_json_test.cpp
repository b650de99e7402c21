// write_apply_json: the document `apply --format json` prints, checked against
// schemas/apply.schema.json.
#include <doctest/doctest.h>

#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <valijson/adapters/nlohmann_json_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validator.hpp>

#include "action_builders.hpp"
#include "loadero_sync/report.hpp"

using namespace loadero_sync;
using namespace loadero_test;

namespace {

const valijson::Schema& apply_schema() {
  static const auto schema = [] {
    std::ifstream file(std::string(LOADERO_SOURCE_DIR) + "/schemas/apply.schema.json");
    const nlohmann::json schema_json = nlohmann::json::parse(file);
    auto parsed = std::make_unique<valijson::Schema>();
    valijson::SchemaParser parser(valijson::SchemaParser::kDraft7);
    valijson::adapters::NlohmannJsonAdapter adapter(schema_json);
    parser.populateSchema(adapter, *parsed);
    return parsed;
  }();
  return *schema;
}

bool valid(const nlohmann::json& document) {
  valijson::Validator validator;
  valijson::ValidationResults results;
  valijson::adapters::NlohmannJsonAdapter adapter(document);
  const bool ok = validator.validate(apply_schema(), adapter, &results);
  valijson::ValidationResults::Error error;
  while (results.popError(error)) {
    std::string path;
    for (const auto& part : error.context) path += part;
    MESSAGE(path << ": " << error.description);
  }
  return ok;
}

Plan sample_plan() {
  Plan plan;
  plan.tool_version = "0.1.0";
  plan.api_base = "http://127.0.0.1:8080/v2/";
  plan.project_id = 5040;
  TestPlan first;
  first.test_id = 6866;
  first.test_name = "Checkout flow";
  first.actions = {create_action("Callers", 3), update_action(48797, {"Mods", 1}, {"Mods", 2}),
                   remove_action(50335, "Old", 1)};
  TestPlan quiet;
  quiet.test_id = 6867;
  quiet.test_name = "Quiet";
  TestPlan second;
  second.test_id = 6868;
  second.actions = {create_action("Hosts", 1)};
  plan.tests = {first, quiet, second};
  return plan;
}

ApplyResult sample_result() {
  ApplyResult result;
  TestOutcome first{6866, {}, {}, {}};
  first.actions.push_back({ActionStatus::applied, "", 90001, "", std::nullopt});
  first.actions.push_back({ActionStatus::failed, "HTTP 500 from PUT ...", 48797, "", std::nullopt});
  first.actions.push_back({ActionStatus::not_attempted,
                           "not attempted: an earlier action of test 6866 failed", 50335, "",
                           std::nullopt});
  TestOutcome quiet{6867, {}, {}, {}};
  TestOutcome second{6868, {}, {}, {}};
  second.actions.push_back({ActionStatus::interrupted, "", std::nullopt, "", std::nullopt});
  result.tests = {first, quiet, second};
  return result;
}

nlohmann::json apply_json(const Plan& plan, const ApplyResult& result, bool dry_run = false) {
  std::ostringstream out;
  write_apply_json(out, plan, result, dry_run);
  return nlohmann::json::parse(out.str());
}

}  // namespace

TEST_CASE("apply JSON lists every test's actions with their outcome and the counts") {
  const nlohmann::json document = apply_json(sample_plan(), sample_result());
  CHECK(valid(document));
  CHECK(document["format_version"] == "1");
  CHECK(document["tool_version"] == "0.1.0");
  CHECK(document["api_base"] == "http://127.0.0.1:8080/v2/");
  CHECK(document["project_id"] == 5040);
  CHECK(document["dry_run"] == false);
  CHECK(document["complete"] == false);
  CHECK(document["interrupted"] == true);
  REQUIRE(document["tests"].size() == 3);
  const auto& actions = document["tests"][0]["actions"];
  REQUIRE(actions.size() == 3);
  CHECK(actions[0]["status"] == "applied");
  CHECK(actions[0]["created_group_id"] == 90001);
  CHECK(actions[1]["status"] == "failed");
  CHECK(actions[1]["error"] == "HTTP 500 from PUT ...");
  CHECK(actions[1]["group_id"] == 48797);
  CHECK_FALSE(actions[1].contains("created_group_id"));
  CHECK(actions[2]["status"] == "not_attempted");
  CHECK(actions[2]["action"] == "delete");
  CHECK(actions[2]["why"] == "not attempted: an earlier action of test 6866 failed");
  CHECK(document["tests"][1]["actions"].empty());
  CHECK(document["tests"][2]["actions"][0]["status"] == "interrupted");
  CHECK(document["summary"] == nlohmann::json::parse(R"({"applied": 1, "failed": 1,
        "not_attempted": 2, "interrupted": 1, "conflicts": 0, "created_groups": 1,
        "created_participants": 0})"));
}

TEST_CASE("apply JSON of a complete apply says complete, and of an empty plan has no actions") {
  Plan plan = sample_plan();
  plan.tests.resize(1);
  plan.tests[0].actions.resize(1);
  ApplyResult result;
  result.tests = {TestOutcome{6866, {{ActionStatus::applied, "", 90001, "", std::nullopt}}, {}, {}}};
  const nlohmann::json document = apply_json(plan, result, true);
  CHECK(valid(document));
  CHECK(document["complete"] == true);
  CHECK(document["dry_run"] == true);

  Plan empty = sample_plan();
  for (auto& test : empty.tests) test.actions.clear();
  const nlohmann::json nothing = apply_json(empty, ApplyResult{});
  CHECK(valid(nothing));
  CHECK(nothing["complete"] == true);
  CHECK(nothing["summary"]["applied"] == 0);
}

TEST_CASE("the apply schema rejects a document that breaks it") {
  // Guards the schema test above against a schema that accepts anything.
  nlohmann::json document = apply_json(sample_plan(), sample_result());
  document["tests"][0]["actions"][1].erase("error");  // a failed action without its error
  CHECK_FALSE(valid(document));
  document = apply_json(sample_plan(), sample_result());
  document["tests"][0]["actions"][0]["status"] = "skipped-ish";
  CHECK_FALSE(valid(document));
  document = apply_json(sample_plan(), sample_result());
  document.erase("complete");
  CHECK_FALSE(valid(document));
}
