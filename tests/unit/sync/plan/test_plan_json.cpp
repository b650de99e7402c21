#include <doctest/doctest.h>

#include <map>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>

#include "loadero_sync/plan_json.hpp"
#include "plan_builders.hpp"
#include "plan_schema.hpp"

using namespace plan_test;

namespace {

Plan sample_plan() {
  const auto result = make_plan(
      {desired_test(6866,
                    {absent("Legacy"), named("Hosts", 2), copy_of("Callers EU", 2, "Callers"),
                     named("Callers", 3), pinned(48797, "Moderators", 1, 21),
                     copy_of("Callers US", 1, "Template")},
                    Prune::on, {"manual-*"}),
       desired_test(6867, {named("Same", 1)})},
      {live_test(6866, {live(48797, "Mods", 1), live(48798, "Hosts", 1), live(50335, "Old", 1),
                        live(50400, "Legacy", 1), live(50500, "manual-x", 4),
                        live(50600, "Template", 2)}),
       live_test(6867, {live(1, "Same", 1)}, "Other")},
      options());
  REQUIRE(result.ok());
  return result.plan;
}

}  // namespace

TEST_CASE("the plan JSON has the documented layout and key order") {
  const auto result = plan_one(desired_test(6866, {pinned(48797, "Moderators", 1, 21)}),
                               live_test(6866, {live(48797, "Mods", 1), live(5, "Other", 2)}));
  REQUIRE(result.ok());
  // Figures set here, so the layout does not depend on what the planner computes.
  Plan plan = result.plan;
  plan.tests[0].mode = "load";
  plan.tests[0].load_before = TestLoad{3, 3};
  plan.tests[0].load_after = TestLoad{2.5, 3};
  plan.summary.load_before = plan.tests[0].load_before;
  plan.summary.load_after = plan.tests[0].load_after;
  const std::string fingerprint = live_fingerprint({live(48797, "Mods", 1), live(5, "Other", 2)});
  CHECK(
      to_json(plan).dump() ==
      R"({"format_version":"1","tool_version":"0.1.0","api_base":"http://127.0.0.1:8080/v2/","project_id":5040,"applicable":true,)"
      R"("tests":[{"test_id":6866,"test_name":"Checkout flow","mode":"load","live_fingerprint":")" +
          fingerprint +
          R"(","actions":[{"action":"update","target":"group","group_id":48797,"name":"Moderators",)"
          R"("before":{"name":"Mods","count":1},"after":{"name":"Moderators","count":1},)"
          R"("reason":"renamed from \"Mods\"","reason_code":"renamed","source":{"file":"loadero.yaml","line":21,"column":7}}],)"
          R"("unmanaged":[{"id":5,"name":"Other","count":2}],"unchanged":0,)"
          R"("compute_units":{"before":3,"after":2.5},"participants_per_run":{"before":3,"after":3},)"
          R"("live_groups":[{"id":5,"name":"Other","count":2,"participant_count":2},)"
          R"({"id":48797,"name":"Mods","count":1,"participant_count":1}]}],)"
          R"("errors":[],"warnings":[],)"
          R"("summary":{"create":0,"duplicate":0,"update":1,"delete":0,"unchanged":0,)"
          R"("compute_units":{"before":3,"after":2.5},"participants_per_run":{"before":3,"after":3}}})");
}

TEST_CASE("duplicates carry copy_of and pruned deletes carry no source") {
  const auto json = to_json(sample_plan());
  const auto& actions = json["tests"][0]["actions"];
  CHECK(
      actions[1].dump() ==
      R"({"action":"duplicate","target":"group","name":"Callers EU","after":{"name":"Callers EU","count":2},)"
      R"("copy_of":{"name":"Callers","count":3},"reason":"copy of \"Callers\"","reason_code":"copy","source":{"file":"loadero.yaml","line":1,"column":7}})");
  CHECK(
      actions[2].dump() ==
      R"({"action":"duplicate","target":"group","name":"Callers US","after":{"name":"Callers US","count":1},)"
      R"("copy_of":{"group_id":50600,"name":"Template","count":2},"reason":"copy of \"Template\"","reason_code":"copy","source":{"file":"loadero.yaml","line":1,"column":7}})");
  CHECK(
      actions.back().dump() ==
      R"j({"action":"delete","target":"group","group_id":50600,"name":"Template","before":{"name":"Template","count":2},"reason":"not in manifest (prune)","reason_code":"pruned"})j");
}

TEST_CASE("plans validate against schemas/plan.schema.json") {
  CHECK(schema_errors(to_json(sample_plan())) == "");
  CHECK(schema_errors(to_json(Plan{})) == "");
  const auto empty =
      make_plan({desired_test(1, {named("A", 1)})}, {live_test(1, {live(1, "A", 1)})}, options());
  CHECK(schema_errors(to_json(empty.plan)) == "");
}

TEST_CASE("the schema rejects a document that breaks the plan format") {
  auto json = nlohmann::json(to_json(sample_plan()));
  json["tests"][0]["actions"][0]["action"] = "destroy";
  CHECK(schema_errors(json) != "");
  auto missing_after = nlohmann::json(to_json(sample_plan()));
  missing_after["tests"][0]["actions"][0].erase("after");
  CHECK(schema_errors(missing_after) != "");
  auto bad_fingerprint = nlohmann::json(to_json(sample_plan()));
  bad_fingerprint["tests"][0]["live_fingerprint"] = "md5:00";
  CHECK(schema_errors(bad_fingerprint) != "");
}

TEST_CASE("a plan survives a JSON round trip unchanged") {
  auto plan = sample_plan();
  // "manual-x" is kept from prune by "manual-*": kept_by is saved and read back too.
  CHECK(plan.tests[0].kept_by == std::map<std::int64_t, std::string>{{50500, "manual-*"}});
  CHECK(to_json(plan)["tests"][0]["unmanaged"][0]["kept_by"] == "manual-*");
  for (auto& test : plan.tests) {
    for (auto& group : test.unmanaged) group.participant_count = 0;  // not part of the plan file
  }
  const auto text = to_json(plan).dump();
  CHECK(plan_from_json(nlohmann::json::parse(text)) == plan);
}

TEST_CASE("reading a plan that is not a loadero-sync plan fails with a clear message") {
  const auto message = [](const std::string& text) -> std::string {
    try {
      plan_from_json(nlohmann::json::parse(text));
    } catch (const std::invalid_argument& error) {
      return error.what();
    }
    return "no error";
  };
  CHECK(message("[]") == "plan: $: expected a JSON object (is this a loadero-sync plan file?)");
  CHECK(message(R"({"name": "x"})") ==
        "plan: $: missing \"format_version\" (is this a loadero-sync plan file?)");
  CHECK(message(R"({"format_version": "2"})") ==
        "plan: format_version: unsupported version '2' (this tool reads \"1\")");

  auto json = nlohmann::json(to_json(sample_plan()));
  json["tests"][0]["actions"][2]["action"] = "destroy";
  CHECK(message(json.dump()) == "plan: tests[0].actions[2].action: unknown action 'destroy'");
  json = nlohmann::json(to_json(sample_plan()));
  json["tests"][1]["test_id"] = "6867";
  CHECK(message(json.dump()) == "plan: tests[1].test_id: expected an integer");
  json = nlohmann::json(to_json(sample_plan()));
  json["tests"][0]["actions"][0].erase("after");
  CHECK(message(json.dump()) ==
        "plan: tests[0].actions[0]: a create action needs \"after\" and no \"group_id\"");
  json = nlohmann::json(to_json(sample_plan()));
  json.erase("summary");
  CHECK(message(json.dump()) == "plan: $: missing \"summary\"");
}

TEST_CASE("a plan saved before reason_code existed reads back with the same reasons") {
  auto plan = sample_plan();
  for (auto& test : plan.tests) {
    for (auto& group : test.unmanaged) group.participant_count = 0;
  }
  auto json = nlohmann::json(to_json(plan));
  std::size_t stripped = 0;
  for (auto& test : json["tests"]) {
    for (auto& action : test["actions"]) stripped += action.erase("reason_code");
  }
  REQUIRE(stripped > 4);
  CHECK(plan_from_json(json) == plan);
}

TEST_CASE("every reason has a code that reads back, and an unknown code is refused") {
  using loadero_sync::ActionReason;
  for (const auto reason : {ActionReason::new_group, ActionReason::copy, ActionReason::renamed,
                            ActionReason::count_changed, ActionReason::renamed_and_count_changed,
                            ActionReason::ensure_absent, ActionReason::pruned}) {
    CHECK(loadero_sync::reason_from_code(loadero_sync::to_string(reason)) == reason);
  }
  CHECK_FALSE(loadero_sync::reason_from_code("vanished").has_value());
  auto json = nlohmann::json(to_json(sample_plan()));
  json["tests"][0]["actions"][0]["reason_code"] = "vanished";
  CHECK_THROWS_WITH_AS(plan_from_json(json),
                       "plan: tests[0].actions[0].reason_code: unknown reason code 'vanished'",
                       std::invalid_argument);
}

TEST_CASE("a plan with problems is not applicable and its errors survive a JSON round trip") {
  auto plan = sample_plan();
  for (auto& test : plan.tests) {
    for (auto& group : test.unmanaged) group.participant_count = 0;
  }
  PlanProblem problem;
  problem.test_id = 6868;
  problem.test_name = "Smoke";
  problem.kind = ProblemKind::conflict;
  problem.diagnostic.pos = SourcePos{"loadero.yaml", 30, 11};
  problem.diagnostic.message = "group id 9 is not in test 6868 (live ids: 1, 2)";
  problem.diagnostic.hint = "remove `id:` to create the group again, or pin a live id";
  plan.problems.push_back(problem);
  PlanProblem unresolved;
  unresolved.test_name = "Gone";
  unresolved.kind = ProblemKind::unreadable;
  unresolved.diagnostic.message = "test \"Gone\": 500";
  plan.problems.push_back(unresolved);

  const auto json = to_json(plan);
  CHECK(json["applicable"] == false);
  CHECK(
      json["errors"][0].dump() ==
      R"j({"test_id":6868,"test_name":"Smoke","kind":"conflict","message":"group id 9 is not in )j"
      R"j(test 6868 (live ids: 1, 2)","hint":"remove `id:` to create the group again, or pin a )j"
      R"j(live id","source":{"file":"loadero.yaml","line":30,"column":11}})j");
  CHECK(schema_errors(json) == "");
  CHECK(plan_from_json(nlohmann::json::parse(json.dump())) == plan);
  CHECK(to_json(sample_plan())["applicable"] == true);
  CHECK(to_json(sample_plan())["errors"].empty());
}

namespace {

// sample_plan() as a saved plan reads back (unmanaged groups' participant counts are not saved),
// with compute units and participants: known, a half unit, and unknown.
Plan loaded_plan() {
  auto plan = sample_plan();
  for (auto& test : plan.tests) {
    for (auto& group : test.unmanaged) group.participant_count = 0;
  }
  plan.tests[0].mode = "load";
  plan.tests[0].load_before = TestLoad{42, 21};
  plan.tests[0].load_after = TestLoad{58.5, 29};
  plan.tests[1].load_before = TestLoad{std::nullopt, 4};
  plan.tests[1].load_after = TestLoad{0.5, std::nullopt};
  plan.summary.load_before = TestLoad{std::nullopt, 25};
  plan.summary.load_after = TestLoad{59, std::nullopt};
  return plan;
}

PlanProblem limit_problem(Severity severity, std::string message) {
  PlanProblem problem;
  problem.test_id = 6866;
  problem.test_name = "Checkout flow";
  problem.kind = ProblemKind::limit;
  problem.diagnostic.severity = severity;
  problem.diagnostic.pos = SourcePos{"loadero.yaml", 4, 5};
  problem.diagnostic.message = std::move(message);
  problem.diagnostic.hint = "raise `budget: max_compute_units`";
  return problem;
}

}  // namespace

TEST_CASE("compute units and participants per run are saved per test and in the summary") {
  const auto json = to_json(loaded_plan());
  CHECK(json["tests"][0]["mode"] == "load");
  CHECK(json["tests"][0]["compute_units"].dump() == R"({"before":42,"after":58.5})");
  CHECK(json["tests"][0]["compute_units"]["before"].is_number_integer());
  CHECK(json["tests"][0]["participants_per_run"].dump() == R"({"before":21,"after":29})");
  CHECK_FALSE(json["tests"][1].contains("mode"));
  CHECK(json["tests"][1]["compute_units"].dump() == R"({"before":null,"after":0.5})");
  CHECK(json["tests"][1]["participants_per_run"].dump() == R"({"before":4,"after":null})");
  CHECK(json["summary"]["compute_units"].dump() == R"({"before":null,"after":59})");
  CHECK(json["summary"]["participants_per_run"].dump() == R"({"before":25,"after":null})");
  CHECK(schema_errors(json) == "");
}

TEST_CASE("figures, unknowns, warnings and a limit problem survive a JSON round trip") {
  auto plan = loaded_plan();
  plan.problems.push_back(limit_problem(Severity::error,
                                        "test 6866 would use 58.5 compute units, over its budget "
                                        "of 50"));
  auto unchecked = limit_problem(Severity::warning, "the budget could not be checked");
  unchecked.test_id = 6867;
  unchecked.test_name = "Other";
  unchecked.diagnostic.pos = {};
  unchecked.diagnostic.hint.clear();
  plan.warnings = {limit_problem(Severity::warning, "test 6866 already uses 42 compute units"),
                   unchecked};
  REQUIRE(plan.complete());
  const auto json = to_json(plan);
  CHECK(json["applicable"] == false);
  CHECK(json["errors"][0]["kind"] == "limit");
  CHECK(
      json["warnings"].dump() ==
      R"j([{"test_id":6866,"test_name":"Checkout flow","kind":"limit",)j"
      R"j("message":"test 6866 already uses 42 compute units","hint":"raise `budget: max_compute_units`",)j"
      R"j("source":{"file":"loadero.yaml","line":4,"column":5}},)j"
      R"j({"test_id":6867,"test_name":"Other","kind":"limit","message":"the budget could not be checked"}])j");
  CHECK(schema_errors(json) == "");
  const Plan back = plan_from_json(nlohmann::json::parse(json.dump()));
  CHECK(back == plan);
  CHECK(back.warnings[0].diagnostic.severity == Severity::warning);
  CHECK(back.problems[0].diagnostic.severity == Severity::error);
}

TEST_CASE("an empty plan's known zero totals survive a JSON round trip") {
  const auto json = to_json(Plan{});
  CHECK(json["summary"]["compute_units"].dump() == R"({"before":0,"after":0})");
  CHECK(plan_from_json(json) == Plan{});
}

TEST_CASE("a plan saved before compute units existed reads with unknown figures") {
  auto plan = sample_plan();
  for (auto& test : plan.tests) {
    for (auto& group : test.unmanaged) group.participant_count = 0;
  }
  auto json = nlohmann::json(to_json(plan));
  for (auto& test : json["tests"]) {
    test.erase("compute_units");
    test.erase("participants_per_run");
  }
  json["summary"].erase("compute_units");
  json["summary"].erase("participants_per_run");
  json.erase("warnings");
  CHECK(schema_errors(json) == "");
  const Plan back = plan_from_json(json);
  for (const auto& test : back.tests) {
    CHECK(test.load_before == TestLoad{});
    CHECK(test.load_after == TestLoad{});
    CHECK_FALSE(test.mode.has_value());
  }
  CHECK(back.summary.load_before == TestLoad{});
  CHECK(back.summary.load_after == TestLoad{});
  CHECK(back.warnings.empty());

  // Without tests, the totals of nothing are zero.
  auto empty = nlohmann::json(to_json(Plan{}));
  empty["summary"].erase("compute_units");
  empty["summary"].erase("participants_per_run");
  CHECK(plan_from_json(empty).summary == PlanSummary{});
}

TEST_CASE("malformed figures are refused by the reader and by the schema") {
  const auto message = [](const nlohmann::json& json) -> std::string {
    try {
      plan_from_json(json);
    } catch (const std::invalid_argument& error) {
      return error.what();
    }
    return "no error";
  };
  auto json = nlohmann::json(to_json(loaded_plan()));
  json["tests"][0]["compute_units"]["after"] = "58";
  CHECK(message(json) == "plan: tests[0].compute_units.after: expected a number or null");
  CHECK(schema_errors(json) != "");
  json = nlohmann::json(to_json(loaded_plan()));
  json["summary"]["participants_per_run"]["before"] = 2.5;
  CHECK(message(json) == "plan: summary.participants_per_run.before: expected an integer or null");
  CHECK(schema_errors(json) != "");
  json = nlohmann::json(to_json(loaded_plan()));
  json["tests"][0]["compute_units"].erase("before");
  CHECK(message(json) == "plan: tests[0].compute_units: missing \"before\"");
  CHECK(schema_errors(json) != "");
  json = nlohmann::json(to_json(loaded_plan()));
  json["tests"][0]["compute_units"]["before"] = -1;
  CHECK(schema_errors(json) != "");
  json = nlohmann::json(to_json(loaded_plan()));
  json["warnings"] = nlohmann::json::array(
      {{{"test_id", 1}, {"test_name", ""}, {"kind", "odd"}, {"message", "x"}}});
  CHECK(message(json) == "plan: warnings[0].kind: unknown kind 'odd'");
  CHECK(schema_errors(json) != "");
}
