// Compute units and participants per run, before and after a plan, and the limits plan and apply
// check (budget, largest compute unit, test-mode participant caps).

#include <doctest/doctest.h>

#include "plan_builders.hpp"

using namespace plan_test;

namespace {

using F = ParticipantField;

LiveGroup live_cu(std::int64_t id, std::string name, std::int64_t count,
                  std::int64_t participant_count, std::optional<double> total_cu_count) {
  LiveGroup group{id, std::move(name), count, participant_count};
  group.total_cu_count = total_cu_count;
  return group;
}

ParticipantSettings unit(std::string compute_unit) {
  return settings({{F::compute_unit, std::move(compute_unit)}});
}

PlanOptions checking(std::optional<double> max_compute_units = std::nullopt) {
  auto out = options();
  out.check_limits = true;
  out.max_compute_units = max_compute_units;
  return out;
}

const TestPlan& only_test(const PlanResult& result) {
  REQUIRE(result.plan.tests.size() == 1);
  return result.plan.tests.front();
}

TestLoad load(std::optional<double> units, std::optional<std::int64_t> participants) {
  return TestLoad{units, participants};
}

DesiredTest budgeted(DesiredTest test, std::optional<double> max,
                     std::optional<std::string> largest = std::nullopt) {
  test.budget.max_compute_units = max;
  test.budget.max_compute_units_source = at(40);
  test.budget.largest_compute_unit = std::move(largest);
  test.budget.largest_compute_unit_source = at(41);
  return test;
}

}  // namespace

TEST_CASE("compute unit figures show whole numbers as integers and others to one decimal") {
  CHECK(format_compute_units(42.0) == "42");
  CHECK(format_compute_units(0.5) == "0.5");
  CHECK(format_compute_units(3.33) == "3.3");
  CHECK(format_compute_units(-4.5) == "-4.5");
  CHECK(format_compute_units(0.0) == "0");
  CHECK(format_compute_units(std::nullopt) == "unknown");
  CHECK(format_compute_unit_change(42.0, 58.0) == "+16");
  CHECK(format_compute_unit_change(10.0, 5.5) == "-4.5");
  CHECK(format_compute_unit_change(7.0, 7.0) == "0");
  CHECK(format_compute_unit_change(std::nullopt, 7.0) == "unknown");
  CHECK(format_compute_unit_change(7.0, std::nullopt) == "unknown");
}

TEST_CASE("a count change scales a group's compute units from its total_cu_count") {
  const auto result = plan_one(desired_test(6866, {named("Callers", 4)}),
                               live_test(6866, {live_cu(11, "Callers", 2, 3, 4.0)}));
  const auto& test = only_test(result);
  CHECK(test.load_before == load(8.0, 6));
  CHECK(test.load_after == load(16.0, 12));
  CHECK(result.plan.summary.load_before == load(8.0, 6));
  CHECK(result.plan.summary.load_after == load(16.0, 12));
}

TEST_CASE("g0.5 participants count half a compute unit each") {
  const auto result = plan_one(desired_test(6866, {named("Callers", 1)}),
                               live_test(6866, {live_cu(11, "Callers", 1, 3, std::nullopt)},
                                         {live_participant(1, 11, "Caller", 3, unit("g0.5"))}));
  const auto& test = only_test(result);
  CHECK(test.load_before == load(1.5, 3));
  CHECK(test.load_after == load(1.5, 3));
  CHECK(format_compute_units(test.load_after.compute_units) == "1.5");
}

TEST_CASE("a copy takes its source's compute units per copy, and a new empty group adds none") {
  const auto result = plan_one(
      desired_test(6866,
                   {named("Callers", 1), copy_of("More callers", 2, "Callers"), named("Spare", 5)}),
      live_test(6866, {live_cu(11, "Callers", 1, 2, 3.0)}));
  const auto& test = only_test(result);
  CHECK(test.load_before == load(3.0, 2));
  CHECK(test.load_after == load(3.0 + 2 * 3.0, 2 + 2 * 2));
}

TEST_CASE("declared participants give a new group's exact compute units") {
  const auto result = plan_one(
      desired_test(6866, {with(named("Viewers", 3), {participant("Viewer", 2, 10, unit("g1")),
                                                     participant("Lurker", 1, 11, unit("g0.5"))})}),
      live_test(6866, {}, std::vector<LiveParticipant>{}));
  const auto& test = only_test(result);
  CHECK(test.load_before == load(0.0, 0));
  CHECK(test.load_after == load(3 * 2.5, 3 * 3));
}

TEST_CASE("participant writes change their group's compute units by count and compute unit") {
  const auto result = plan_one(
      desired_test(6866, {with(named("Callers", 2), {participant("Caller", 2, 10, unit("g4")),
                                                     participant("Newcomer", 1, 11)})}),
      live_test(6866, {live_cu(11, "Callers", 2, 4, 5.0)},
                {live_participant(1, 11, "Caller", 1, unit("g1")),
                 live_participant(2, 11, "Old", 3, unit("g1"))}));
  const auto& test = only_test(result);
  CHECK(test.load_before == load(10.0, 8));
  // Per copy: 5 - 1 (Caller g1) + 8 (Caller 2 x g4) + 2 (Newcomer: the API's default g2) - 3 (Old).
  CHECK(test.load_after == load(2 * 11.0, 2 * 3));
}

TEST_CASE("a deleted group takes its compute units with it") {
  const auto result =
      plan_one(desired_test(6866, {named("Callers", 1)}, Prune::on),
               live_test(6866, {live_cu(11, "Callers", 1, 1, 2.0), live_cu(12, "Old", 3, 1, 4.0)}));
  const auto& test = only_test(result);
  CHECK(test.load_before == load(14.0, 4));
  CHECK(test.load_after == load(2.0, 1));
}

TEST_CASE("a group with participants but no total_cu_count and unread participants is unknown") {
  const auto result = make_plan(
      {desired_test(6866, {named("Callers", 2)}), desired_test(6867, {named("Hosts", 1)})},
      {live_test(6866, {live_cu(11, "Callers", 1, 2, std::nullopt)}),
       live_test(6867, {live_cu(21, "Hosts", 1, 0, std::nullopt)})},
      options());
  REQUIRE(result.plan.tests.size() == 2);
  CHECK(result.plan.tests[0].load_before == load(std::nullopt, 2));
  CHECK(result.plan.tests[0].load_after == load(std::nullopt, 4));
  // No participants: the API leaves a zero total out, so 0 is known.
  CHECK(result.plan.tests[1].load_before == load(0.0, 0));
  CHECK(result.plan.summary.load_before == load(std::nullopt, 2));
  CHECK(result.plan.summary.load_after == load(std::nullopt, 4));
}

TEST_CASE("a participant with an unknown compute unit makes its group's figure unknown") {
  const auto result = plan_one(desired_test(6866, {named("Callers", 1)}),
                               live_test(6866, {live_cu(11, "Callers", 1, 1, std::nullopt)},
                                         {live_participant(1, 11, "Caller", 1, unit("g3"))}));
  CHECK_FALSE(only_test(result).load_before.compute_units.has_value());
}

TEST_CASE("a plan over its budget is refused at the budget, the test stays in the plan") {
  const auto result = make_plan({budgeted(desired_test(6866, {named("Callers", 4)}), 10.0)},
                                {live_test(6866, {live_cu(11, "Callers", 2, 2, 4.0)})}, checking());
  REQUIRE(result.errors.size() == 1);
  const auto& error = result.errors[0];
  CHECK(error.kind == ProblemKind::limit);
  CHECK(error.diagnostic.pos == at(40));
  CHECK(error.diagnostic.message ==
        "test 6866 \"Checkout flow\" would use 16 compute units per run after this plan (8 now), "
        "over its budget (max_compute_units: 10)");
  CHECK(result.plan.tests.size() == 1);
  CHECK(result.plan.warnings.empty());
}

TEST_CASE("--max-compute-units wins over the manifest budget and points at the test") {
  const auto result =
      make_plan({budgeted(desired_test(6866, {named("Callers", 4)}), 100.0)},
                {live_test(6866, {live_cu(11, "Callers", 2, 2, 4.0)})}, checking(12.5));
  REQUIRE(result.errors.size() == 1);
  CHECK(result.errors[0].diagnostic.pos == SourcePos{"loadero.yaml", 3, 5});
  CHECK(result.errors[0].diagnostic.message.find("(--max-compute-units 12.5)") !=
        std::string::npos);
  CHECK(make_plan({budgeted(desired_test(6866, {named("Callers", 4)}), 10.0)},
                  {live_test(6866, {live_cu(11, "Callers", 2, 2, 4.0)})}, checking(16.0))
            .ok());
}

TEST_CASE("a test already over budget is a warning unless the plan raises it") {
  const auto kept =
      make_plan({budgeted(desired_test(6866, {named("Callers", 2), named("New", 1)}), 5.0)},
                {live_test(6866, {live_cu(11, "Callers", 2, 2, 4.0)})}, checking());
  CHECK(kept.ok());
  REQUIRE(kept.plan.warnings.size() == 1);
  CHECK(kept.plan.warnings[0].kind == ProblemKind::limit);
  CHECK(kept.plan.warnings[0].diagnostic.severity == Severity::warning);
  CHECK(kept.plan.warnings[0].diagnostic.message ==
        "test 6866 \"Checkout flow\" already uses 8 compute units per run, over its budget "
        "(max_compute_units: 5); this plan does not raise it (8 -> 8)");

  const auto raised = make_plan({budgeted(desired_test(6866, {named("Callers", 3)}), 5.0)},
                                {live_test(6866, {live_cu(11, "Callers", 2, 2, 4.0)})}, checking());
  REQUIRE(raised.errors.size() == 1);
  CHECK(raised.plan.warnings.empty());
}

TEST_CASE("a budget that cannot be checked is a warning naming the unknown group") {
  const auto result =
      make_plan({budgeted(desired_test(6866, {named("Callers", 2)}), 5.0)},
                {live_test(6866, {live_cu(11, "Callers", 1, 2, std::nullopt)})}, checking());
  CHECK(result.ok());
  REQUIRE(result.plan.warnings.size() == 1);
  CHECK(result.plan.warnings[0].diagnostic.message ==
        "test 6866 \"Checkout flow\": the compute units after this plan are unknown (group 11 "
        "\"Callers\" has participants, but the API gave no total_cu_count and its participants "
        "were not read), so its budget (max_compute_units: 5) cannot be checked");
}

TEST_CASE("limits are not checked unless asked (drift)") {
  const auto result = make_plan({budgeted(desired_test(6866, {named("Callers", 4)}), 1.0, "g0.5")},
                                {live_test(6866, {live_cu(11, "Callers", 2, 2, 4.0)},
                                           {live_participant(1, 11, "Caller", 2, unit("g2"))})},
                                options());
  CHECK(result.ok());
  CHECK(result.plan.warnings.empty());
}

TEST_CASE("a declared participant above the largest compute unit is refused at its entry") {
  const auto result = make_plan(
      {budgeted(desired_test(
                    6866, {with(named("Callers", 1), {participant("Caller", 1, 12, unit("g8"))})}),
                std::nullopt, "g6")},
      {live_test(6866, {live_cu(11, "Callers", 1, 1, 8.0)},
                 {live_participant(1, 11, "Caller", 1, unit("g8"))})},
      checking());
  REQUIRE(result.errors.size() == 1);
  CHECK(result.errors[0].kind == ProblemKind::limit);
  CHECK(result.errors[0].diagnostic.pos == at(12));
  CHECK(result.errors[0].diagnostic.message ==
        "participant \"Caller\" in group \"Callers\" of test 6866 \"Checkout flow\" uses g8, "
        "larger than the budget's largest compute unit g6");
}

TEST_CASE("a live participant the plan keeps is checked against the largest compute unit") {
  const auto live = live_test(6866, {live_cu(11, "Callers", 1, 2, 14.0)},
                              {live_participant(1, 11, "Caller", 1, unit("g12")),
                               live_participant(2, 11, "Host", 1, unit("g2"))});
  const auto kept =
      make_plan({budgeted(desired_test(6866, {named("Callers", 1)}), std::nullopt, "g6")}, {live},
                checking());
  REQUIRE(kept.errors.size() == 1);
  CHECK(kept.errors[0].diagnostic.pos == at(41));
  CHECK(kept.errors[0].diagnostic.message ==
        "live participant 1 \"Caller\" in group \"Callers\" of test 6866 \"Checkout flow\" uses "
        "g12, larger than the budget's largest compute unit g6");

  // Declared without it: the plan deletes it, so nothing is left to refuse.
  const auto dropped = make_plan(
      {budgeted(desired_test(6866, {with(named("Callers", 1), {participant("Host", 1, 12)})}),
                std::nullopt, "g6")},
      {live}, checking());
  CHECK(dropped.ok());

  // Declared with a smaller compute unit: the update fixes it.
  const auto fixed = make_plan(
      {budgeted(
          desired_test(6866, {with(named("Callers", 1), {participant("Caller", 1, 12, unit("g4")),
                                                         participant("Host", 1, 13)})}),
          std::nullopt, "g6")},
      {live}, checking());
  CHECK(fixed.ok());
}

TEST_CASE("a participant created without a compute unit is checked with the API's default") {
  const auto result = make_plan(
      {budgeted(desired_test(6866, {with(named("Callers", 1), {participant("Caller", 1, 12)})}),
                std::nullopt, "g1")},
      {live_test(6866, {live_cu(11, "Callers", 1, 0, std::nullopt)},
                 std::vector<LiveParticipant>{})},
      checking());
  REQUIRE(result.errors.size() == 1);
  CHECK(result.errors[0].diagnostic.pos == at(12));
  CHECK(result.errors[0].diagnostic.message ==
        "participant \"Caller\" in group \"Callers\" of test 6866 \"Checkout flow\" gets the API's "
        "default compute unit g2, larger than the budget's largest compute unit g1");
}

TEST_CASE("test-mode caps: performance runs at most 50 participants, session-record 10") {
  auto performance = live_test(6866, {live_cu(11, "Callers", 1, 5, 5.0)});
  performance.mode = "performance";
  CHECK(make_plan({desired_test(6866, {named("Callers", 10)})}, {performance}, checking()).ok());
  const auto over =
      make_plan({desired_test(6866, {named("Callers", 11)})}, {performance}, checking());
  REQUIRE(over.errors.size() == 1);
  CHECK(over.errors[0].kind == ProblemKind::limit);
  CHECK(over.errors[0].diagnostic.pos == SourcePos{"loadero.yaml", 3, 5});
  CHECK(over.errors[0].diagnostic.message ==
        "test 6866 \"Checkout flow\" is a performance test, which runs at most 50 participants, "
        "and this plan leaves it 55 per run (5 now)");
  CHECK(over.plan.tests.front().mode == "performance");

  auto session = performance;
  session.mode = "session-record";
  CHECK_FALSE(make_plan({desired_test(6866, {named("Callers", 3)})}, {session}, checking()).ok());
  CHECK(make_plan({desired_test(6866, {named("Callers", 2)})}, {session}, checking()).ok());

  auto load_mode = performance;
  load_mode.mode = "load";
  CHECK(make_plan({desired_test(6866, {named("Callers", 1000)})}, {load_mode}, checking()).ok());
}
