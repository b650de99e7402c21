#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>

#include "loadero_sync/plan_json.hpp"
#include "plan_builders.hpp"
#include "plan_schema.hpp"

using namespace plan_test;

namespace {

using F = ParticipantField;

LiveParticipant caller(std::int64_t id, std::int64_t group) {
  return live_participant(
      id, group, "Caller", 1,
      settings(
          {{F::browser, "chromeLatest"}, {F::network, "default"}, {F::record_audio, "false"}}));
}

// Callers (live, matched): Caller updated, Bot removed, Listener created; EU (a copy of Callers):
// Caller removed by name; New (created): Host created.
Plan participant_plan() {
  const auto result = make_plan(
      {desired_test(
          6866, {with(named("Callers", 1, 9),
                      {participant("Caller", 2, 10, settings({{F::record_audio, "true"}})),
                       participant("Listener", 1, 11, settings({{F::browser, "firefoxLatest"}}))}),
                 with(copy_of("EU", 1, "Callers", 12), {}),
                 with(named("New", 1, 13), {participant("Host", 1, 14)}), named("Plain", 1)})},
      {live_test(6866, {live(48795, "Callers", 1), live(48796, "Plain", 1)},
                 {caller(94633, 48795), live_participant(94640, 48795, "Bot", 1),
                  live_participant(94650, 48796, "Other", 1)})},
      options());
  REQUIRE(result.ok());
  return result.plan;
}

std::string read_error(const nlohmann::json& document) {
  try {
    plan_from_json(document);
  } catch (const std::invalid_argument& error) {
    return error.what();
  }
  return "no error";
}

}  // namespace

TEST_CASE("participant actions carry their target, ids, group, states and changes in JSON") {
  const auto plan = participant_plan();
  REQUIRE(plan.tests.size() == 1);
  CHECK(lines(plan.tests[0]) ==
        "+ New (1) [new group]\n"
        "+ EU (1) from #48795 Callers (1) [copy of \"Callers\"]\n"
        "- Callers#48795/#94640 Bot [not in manifest]\n"
        "~ Callers#48795/#94633 Caller [count 1 -> 2, record_audio false -> true]\n"
        "+ Callers#48795/Listener (1) [new participant]\n"
        "- EU/Caller [not in manifest]\n"
        "- EU/Bot [not in manifest]\n"
        "+ New/Host (1) [new participant]\n");
  const auto json = to_json(plan);
  const auto& actions = json["tests"][0]["actions"];
  CHECK(
      actions[0].dump() ==
      R"({"action":"create","target":"group","name":"New","after":{"name":"New","count":1},)"
      R"("reason":"new group","reason_code":"new_group","source":{"file":"loadero.yaml","line":13,"column":7}})");
  CHECK(
      actions[2].dump() ==
      R"({"action":"delete","target":"participant","participant_id":94640,"group_id":48795,"group_name":"Callers",)"
      R"("name":"Bot","before":{"name":"Bot","count":1,"settings":{}},"reason":"not in manifest",)"
      R"("reason_code":"participant_undeclared","source":{"file":"loadero.yaml","line":9,"column":7}})");
  CHECK(
      actions[3].dump() ==
      R"({"action":"update","target":"participant","participant_id":94633,"group_id":48795,"group_name":"Callers",)"
      R"("name":"Caller","before":{"name":"Caller","count":1,"settings":{"browser":"chromeLatest","network":"default","record_audio":false}},)"
      R"("after":{"name":"Caller","count":2,"settings":{"browser":"chromeLatest","network":"default","record_audio":true}},)"
      R"("changes":[{"field":"count","before":1,"after":2},{"field":"record_audio","before":false,"after":true}],)"
      R"("reason":"count 1 -> 2, record_audio false -> true","reason_code":"participant_changed",)"
      R"("source":{"file":"loadero.yaml","line":10,"column":7}})");
  CHECK(
      actions[4].dump() ==
      R"({"action":"create","target":"participant","group_id":48795,"group_name":"Callers","name":"Listener",)"
      R"("after":{"name":"Listener","count":1,"settings":{"browser":"firefoxLatest"}},"reason":"new participant",)"
      R"("reason_code":"new_participant","source":{"file":"loadero.yaml","line":11,"column":7}})");
  CHECK(
      actions[5].dump() ==
      R"({"action":"delete","target":"participant","group_name":"EU","name":"Caller",)"
      R"("before":{"name":"Caller","count":1,"settings":{"browser":"chromeLatest","network":"default","record_audio":false}},)"
      R"("reason":"not in manifest","reason_code":"participant_undeclared","source":{"file":"loadero.yaml","line":12,"column":7}})");
}

TEST_CASE("a test that manages participants records them, and the summary counts them") {
  const auto json = to_json(participant_plan());
  const auto& test = json["tests"][0];
  CHECK(test["unchanged_participants"] == 0);
  CHECK(
      test["live_participants"].dump() ==
      R"([{"id":94633,"group_id":48795,"name":"Caller","count":1,"settings":{"browser":"chromeLatest",)"
      R"("network":"default","record_audio":false}},{"id":94640,"group_id":48795,"name":"Bot","count":1,"settings":{}},)"
      R"({"id":94650,"group_id":48796,"name":"Other","count":1,"settings":{}}])");
  auto summary = json["summary"];
  summary.erase("compute_units");  // the planner's figures: test_plan_json.cpp checks their form
  summary.erase("participants_per_run");
  CHECK(summary.dump() == R"({"create":1,"duplicate":1,"update":0,"delete":0,"unchanged":2,)"
                          R"("participants":{"create":2,"update":1,"delete":3,"unchanged":0}})");
}

TEST_CASE("plans with participant actions validate against the schema and break it when wrong") {
  const auto json = nlohmann::json(to_json(participant_plan()));
  CHECK(schema_errors(json) == "");
  auto with_id = json;
  with_id["tests"][0]["actions"][4]["participant_id"] = 5;  // a create has no participant id
  CHECK(schema_errors(with_id) != "");
  auto no_before = json;
  no_before["tests"][0]["actions"][3].erase("before");
  CHECK(schema_errors(no_before) != "");
  auto no_id = json;
  no_id["tests"][0]["actions"][2].erase("participant_id");  // in a live group it needs its id
  CHECK(schema_errors(no_id) != "");
  auto string_audio = json;
  string_audio["tests"][0]["live_participants"][0]["settings"]["record_audio"] = "false";
  CHECK(schema_errors(string_audio) != "");
}

TEST_CASE("a plan with participants survives a JSON round trip unchanged") {
  const auto plan = participant_plan();
  CHECK(plan_from_json(nlohmann::json::parse(to_json(plan).dump())) == plan);
}

TEST_CASE("a plan saved before participants existed reads its actions as group actions") {
  auto json = nlohmann::json(to_json(participant_plan()));
  auto& actions = json["tests"][0]["actions"];
  actions.erase(actions.begin() + 2, actions.end());
  json["tests"][0].erase("live_participants");
  json["tests"][0].erase("unchanged_participants");
  json["summary"].erase("participants");
  for (auto& action : actions) action.erase("target");
  const auto plan = plan_from_json(json);
  REQUIRE(plan.tests[0].actions.size() == 2);
  CHECK(plan.tests[0].actions[0].target == ActionTarget::group);
  CHECK(plan.tests[0].actions[1].kind == ActionKind::duplicate);
  CHECK_FALSE(plan.tests[0].live_participants.has_value());
  CHECK(plan.summary.participants == ParticipantSummary{});
}

TEST_CASE("a malformed participant action is refused with its JSON path") {
  const auto json = nlohmann::json(to_json(participant_plan()));
  auto target = json;
  target["tests"][0]["actions"][3]["target"] = "test";
  CHECK(read_error(target) == "plan: tests[0].actions[3].target: unknown target 'test'");
  auto duplicate = json;
  duplicate["tests"][0]["actions"][3]["action"] = "duplicate";
  CHECK(read_error(duplicate) ==
        "plan: tests[0].actions[3].action: unknown participant action 'duplicate'");
  auto no_before = json;
  no_before["tests"][0]["actions"][3].erase("before");
  CHECK(read_error(no_before) ==
        "plan: tests[0].actions[3]: a participant update needs \"before\", \"after\" and, with "
        "\"group_id\", \"participant_id\"");
  auto no_id = json;
  no_id["tests"][0]["actions"][2].erase("participant_id");
  CHECK(read_error(no_id) ==
        "plan: tests[0].actions[2]: a participant delete needs \"before\", no \"after\" and, with "
        "\"group_id\", \"participant_id\"");
  auto create_with_id = json;
  create_with_id["tests"][0]["actions"][4]["participant_id"] = 7;
  CHECK(read_error(create_with_id) ==
        "plan: tests[0].actions[4]: a participant create needs \"after\" and no \"before\" or "
        "\"participant_id\"");
  auto field = json;
  field["tests"][0]["actions"][4]["after"]["settings"]["colour"] = "red";
  CHECK(read_error(field) ==
        "plan: tests[0].actions[4].after.settings: unknown participant field 'colour'");
  auto audio = json;
  audio["tests"][0]["live_participants"][0]["settings"]["record_audio"] = "false";
  CHECK(read_error(audio) ==
        "plan: tests[0].live_participants[0].settings.record_audio: expected a boolean");
  auto code = json;
  code["tests"][0]["actions"][4].erase("reason_code");
  CHECK(read_error(code) == "plan: tests[0].actions[4]: missing \"reason_code\"");
  auto summary = json;
  summary["summary"]["participants"].erase("update");
  CHECK(read_error(summary) == "plan: summary.participants: missing \"update\"");
}
