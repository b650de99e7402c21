#include <doctest/doctest.h>

#include <algorithm>

#include "plan_builders.hpp"

using namespace plan_test;

namespace {

const TestPlan& only_test(const PlanResult& result) {
  REQUIRE(result.ok());
  REQUIRE(result.plan.tests.size() == 1);
  return result.plan.tests.front();
}

}  // namespace

TEST_CASE("a declared group with no live match is created") {
  const auto result = plan_one(desired_test(6866, {named("Callers", 3, 9)}), live_test(6866, {}));
  const auto& test = only_test(result);
  CHECK(lines(test) == "+ Callers (3) [new group]\n");
  CHECK_FALSE(test.actions[0].group_id.has_value());
  CHECK(test.actions[0].name == "Callers");
  CHECK(test.actions[0].source == at(9));
  CHECK(counts_of(result.plan.summary) == PlanSummary{1, 0, 0, 0, 0, {}});
}

TEST_CASE("a group matched by name with the same count is unchanged and gives no action") {
  const auto result = plan_one(desired_test(6866, {named("Callers", 3)}),
                               live_test(6866, {live(11, "Callers", 3)}));
  const auto& test = only_test(result);
  CHECK(lines(test).empty());
  CHECK(test.unchanged == 1);
  CHECK(result.plan.summary.unchanged == 1);
  CHECK(result.plan.empty());
}

TEST_CASE("a group matched by name with another count is updated in place") {
  const auto result =
      plan_one(desired_test(6866, {named("Hosts", 2)}), live_test(6866, {live(12, "Hosts", 1)}));
  CHECK(lines(only_test(result)) == "~ #12 Hosts (1) -> Hosts (2) [count 1 -> 2]\n");
  CHECK(only_test(result).actions[0].group_id == 12);
}

TEST_CASE("a pinned group gets the declared name and count and keeps its id") {
  const auto result = plan_one(desired_test(6866, {pinned(48797, "Moderators", 2)}),
                               live_test(6866, {live(48797, "Mods", 1)}));
  CHECK(lines(only_test(result)) ==
        "~ #48797 Mods (1) -> Moderators (2) [renamed from \"Mods\", count 1 -> 2]\n");
}

TEST_CASE("a pinned rename alone gives the reason 'renamed from <old>'") {
  const auto result = plan_one(desired_test(6866, {pinned(48797, "Moderators", 1)}),
                               live_test(6866, {live(48797, "Mods", 1)}));
  CHECK(lines(only_test(result)) ==
        "~ #48797 Mods (1) -> Moderators (1) [renamed from \"Mods\"]\n");
}

TEST_CASE("a pinned id that is not in the test is an error listing the live ids") {
  const auto result = plan_one(desired_test(6866, {pinned(999, "Moderators", 1, 14)}),
                               live_test(6866, {live(48798, "Hosts", 1), live(48797, "Mods", 1)}));
  CHECK_FALSE(result.ok());
  CHECK(errors(result) ==
        "test 6866 line 14: group id 999 is not in test 6866 (live ids: 48797, 48798)\n");
  CHECK(result.plan.tests.empty());
}

TEST_CASE("a pinned id in a test without live groups says the test has none") {
  const auto result =
      plan_one(desired_test(6866, {pinned(999, "Moderators", 1, 14)}), live_test(6866, {}));
  CHECK(errors(result) == "test 6866 line 14: group id 999 is not in test 6866 (live ids: none)\n");
}

TEST_CASE("a name two live groups share is ambiguous and the error lists their ids") {
  const auto result = plan_one(desired_test(6866, {named("Callers", 2, 8)}),
                               live_test(6866, {live(12, "Callers", 1), live(11, "Callers", 1)}));
  CHECK(errors(result) ==
        "test 6866 line 8: group name \"Callers\" is shared by live groups 11, 12: pin one with "
        "id:\n");
}

TEST_CASE("a pinned group does not make its name ambiguous for an unpinned group") {
  const auto result =
      plan_one(desired_test(6866, {pinned(11, "Callers A", 1), named("Callers", 2)}),
               live_test(6866, {live(11, "Callers", 1), live(12, "Callers", 1)}));
  CHECK(lines(only_test(result)) ==
        "~ #11 Callers (1) -> Callers A (1) [renamed from \"Callers\"]\n"
        "~ #12 Callers (1) -> Callers (2) [count 1 -> 2]\n");
}

TEST_CASE("renamed_from adopts the first listed name that exists live") {
  const auto result =
      plan_one(desired_test(6866, {renamed("Hosts", 1, {"Speakers", "Presenters"})}),
               live_test(6866, {live(20, "Presenters", 1), live(21, "Speakers", 4)}));
  CHECK(lines(only_test(result)) ==
        "~ #21 Speakers (4) -> Hosts (1) [renamed from \"Speakers\", count 4 -> 1]\n");
}

TEST_CASE("an exact name match wins over renamed_from, and the old name is left unmanaged") {
  const auto result = plan_one(desired_test(6866, {renamed("Hosts", 1, {"Presenters"})}),
                               live_test(6866, {live(20, "Presenters", 1), live(21, "Hosts", 1)}));
  const auto& test = only_test(result);
  CHECK(lines(test).empty());
  REQUIRE(test.unmanaged.size() == 1);
  CHECK(test.unmanaged[0] == live(20, "Presenters", 1));
}

TEST_CASE("a renamed_from name two live groups share is ambiguous") {
  const auto result =
      plan_one(desired_test(6866, {renamed("Hosts", 1, {"Presenters"}, 12)}),
               live_test(6866, {live(20, "Presenters", 1), live(21, "Presenters", 1)}));
  CHECK(errors(result) ==
        "test 6866 line 12: renamed_from name \"Presenters\" of group \"Hosts\" is shared by live "
        "groups 20, 21: "
        "pin the group with id:\n");
}

TEST_CASE("a renamed_from name that no live group has falls back to a create") {
  const auto result =
      plan_one(desired_test(6866, {renamed("Hosts", 1, {"Presenters"})}), live_test(6866, {}));
  CHECK(lines(only_test(result)) == "+ Hosts (1) [new group]\n");
}

TEST_CASE("duplicate_from a live group copies it by id with the source's count") {
  const auto result =
      plan_one(desired_test(6866, {named("Callers", 3), copy_of("Callers EU", 2, "Callers")}),
               live_test(6866, {live(11, "Callers", 3)}));
  const auto& test = only_test(result);
  CHECK(lines(test) == "+ Callers EU (2) from #11 Callers (3) [copy of \"Callers\"]\n");
  CHECK_FALSE(test.actions[0].group_id.has_value());
  CHECK(counts_of(result.plan.summary) == PlanSummary{0, 1, 0, 0, 1, {}});
}

TEST_CASE("duplicate_from a live group the manifest does not declare still copies it") {
  const auto result = plan_one(desired_test(6866, {copy_of("Callers EU", 2, "Template")}),
                               live_test(6866, {live(11, "Template", 5)}));
  const auto& test = only_test(result);
  CHECK(lines(test) == "+ Callers EU (2) from #11 Template (5) [copy of \"Template\"]\n");
  CHECK(test.unmanaged.size() == 1);
}

TEST_CASE("duplicate_from a group planned for create copies it by name after the create") {
  const auto result =
      plan_one(desired_test(6866, {copy_of("Callers EU", 2, "Callers"), named("Callers", 3)}),
               live_test(6866, {}));
  CHECK(lines(only_test(result)) ==
        "+ Callers (3) [new group]\n"
        "+ Callers EU (2) from Callers (3) [copy of \"Callers\"]\n");
}

TEST_CASE("chained duplicates are copied sources first") {
  const auto result =
      plan_one(desired_test(6866, {copy_of("C", 1, "B"), copy_of("B", 2, "A"), named("A", 3)}),
               live_test(6866, {}));
  CHECK(lines(only_test(result)) ==
        "+ A (3) [new group]\n"
        "+ B (2) from A (3) [copy of \"A\"]\n"
        "+ C (1) from B (2) [copy of \"B\"]\n");
}

TEST_CASE(
    "duplicate_from a declared group that matched a renamed live group copies that live group") {
  const auto result = plan_one(
      desired_test(6866, {renamed("Hosts", 2, {"Presenters"}), copy_of("Hosts EU", 2, "Hosts")}),
      live_test(6866, {live(20, "Presenters", 1)}));
  // The copy is made before the source is renamed and recounted: it copies live group 20, which
  // the copy source names as the manifest does.
  CHECK(lines(only_test(result)) ==
        "+ Hosts EU (2) from #20 Hosts (1) [copy of \"Hosts\"]\n"
        "~ #20 Presenters (1) -> Hosts (2) [renamed from \"Presenters\", count 1 -> 2]\n");
}

TEST_CASE("a duplicate_from cycle is an error") {
  const auto result = plan_one(
      desired_test(6866, {copy_of("A", 1, "B", 4), copy_of("B", 1, "A", 6)}), live_test(6866, {}));
  CHECK(errors(result) ==
        "test 6866 line 4: duplicate_from cycle in test 6866: \"A\" -> \"B\" -> \"A\"\n");
}

TEST_CASE("a group that copies itself is an error") {
  const auto result = plan_one(desired_test(6866, {copy_of("A", 1, "A", 4)}), live_test(6866, {}));
  CHECK(errors(result) ==
        "test 6866 line 4: group \"A\" cannot be a copy of itself (duplicate_from \"A\")\n");
}

TEST_CASE("duplicate_from naming no live or planned group is an error") {
  const auto result = plan_one(desired_test(6866, {copy_of("Callers EU", 2, "Nobody", 5)}),
                               live_test(6866, {live(11, "Callers", 1)}));
  CHECK(errors(result) ==
        "test 6866 line 5: duplicate_from \"Nobody\" of group \"Callers EU\" names no live or "
        "planned "
        "group of test 6866\n");
}

TEST_CASE("duplicate_from a live name two groups share is an error") {
  const auto result = plan_one(desired_test(6866, {copy_of("Callers EU", 2, "Template", 5)}),
                               live_test(6866, {live(31, "Template", 1), live(30, "Template", 1)}));
  CHECK(errors(result) ==
        "test 6866 line 5: duplicate_from \"Template\" of group \"Callers EU\" is shared by live "
        "groups 30, 31: "
        "declare the source with id: and copy it by its declared name\n");
}

TEST_CASE("a duplicate that already exists live is matched, not copied again") {
  const auto result =
      plan_one(desired_test(6866, {named("Callers", 3), copy_of("Callers EU", 2, "Callers")}),
               live_test(6866, {live(11, "Callers", 3), live(12, "Callers EU", 3)}));
  CHECK(lines(only_test(result)) == "~ #12 Callers EU (3) -> Callers EU (2) [count 3 -> 2]\n");
}

TEST_CASE("ensure: absent deletes every live group of that name") {
  const auto result = plan_one(
      desired_test(6866, {absent("Legacy", 20)}),
      live_test(6866, {live(41, "Legacy", 2), live(40, "Legacy", 1), live(42, "Other", 1)}));
  const auto& test = only_test(result);
  CHECK(lines(test) ==
        "- #40 Legacy (1) [ensure: absent]\n"
        "- #41 Legacy (2) [ensure: absent]\n");
  CHECK(test.actions[0].source == at(20));
  CHECK(test.actions[0].name == "Legacy");
  CHECK(test.unmanaged.size() == 1);
}

TEST_CASE("ensure: absent with no live group of that name plans nothing") {
  const auto result =
      plan_one(desired_test(6866, {absent("Legacy")}), live_test(6866, {live(42, "Other", 1)}));
  CHECK(lines(only_test(result)).empty());
}

TEST_CASE("ensure: absent pinned by id deletes that group, and an id already gone is fine") {
  auto gone = absent("Old");
  gone.id = 40;
  auto also_gone = absent("Older");
  also_gone.id = 99;
  const auto result = plan_one(desired_test(6866, {gone, also_gone}),
                               live_test(6866, {live(40, "Renamed by hand", 1)}));
  CHECK(lines(only_test(result)) == "- #40 Renamed by hand (1) [ensure: absent]\n");
}

TEST_CASE("a copy of a group that ensure: absent deletes is made before the delete") {
  const auto result =
      plan_one(desired_test(6866, {absent("Legacy"), copy_of("Modern", 3, "Legacy")}),
               live_test(6866, {live(40, "Legacy", 1)}));
  CHECK(lines(only_test(result)) ==
        "+ Modern (3) from #40 Legacy (1) [copy of \"Legacy\"]\n"
        "- #40 Legacy (1) [ensure: absent]\n");
}

TEST_CASE("a live group missing from the manifest is deleted when prune is on") {
  const auto result = plan_one(desired_test(6866, {named("Callers", 1)}, Prune::on),
                               live_test(6866, {live(11, "Callers", 1), live(50335, "Old", 1)}));
  const auto& test = only_test(result);
  CHECK(lines(test) == "- #50335 Old (1) [not in manifest (prune)]\n");
  CHECK(test.actions[0].source.file.empty());
  CHECK(test.unmanaged.empty());
}

TEST_CASE("prune leaves groups matching a keep glob alone and records them as unmanaged") {
  const auto result = plan_one(
      desired_test(6866, {}, Prune::on, {"manual-*", "tmp-[0-9]"}),
      live_test(6866, {live(3, "manual-qa", 1), live(2, "tmp-7", 1), live(1, "tmp-x", 1)}));
  const auto& test = only_test(result);
  CHECK(lines(test) == "- #1 tmp-x (1) [not in manifest (prune)]\n");
  REQUIRE(test.unmanaged.size() == 2);
  CHECK(test.unmanaged[0].id == 2);
  CHECK(test.unmanaged[1].id == 3);
  // Each with the first glob that kept it.
  CHECK(test.kept_by == std::map<std::int64_t, std::string>{{2, "tmp-[0-9]"}, {3, "manual-*"}});
}

TEST_CASE("with prune off undeclared live groups are unmanaged, sorted by id") {
  const auto result =
      plan_one(desired_test(6866, {}), live_test(6866, {live(9, "B", 1), live(3, "A", 2)}));
  const auto& test = only_test(result);
  CHECK(test.actions.empty());
  REQUIRE(test.unmanaged.size() == 2);
  CHECK(test.unmanaged[0] == live(3, "A", 2));
  CHECK(test.unmanaged[1] == live(9, "B", 1));
  CHECK(test.kept_by.empty());
}

TEST_CASE("ensure: absent deletes a group even when a keep glob matches it") {
  const auto result = plan_one(desired_test(6866, {absent("manual-old")}, Prune::on, {"manual-*"}),
                               live_test(6866, {live(3, "manual-old", 1)}));
  CHECK(lines(only_test(result)) == "- #3 manual-old (1) [ensure: absent]\n");
}

TEST_CASE("two pinned groups swap names with two updates") {
  const auto result = plan_one(desired_test(6866, {pinned(1, "B", 1), pinned(2, "A", 1)}),
                               live_test(6866, {live(1, "A", 1), live(2, "B", 1)}));
  CHECK(lines(only_test(result)) ==
        "~ #1 A (1) -> B (1) [renamed from \"A\"]\n"
        "~ #2 B (1) -> A (1) [renamed from \"B\"]\n");
}

TEST_CASE("actions come as creates, duplicates, updates, then deletes") {
  const auto result = plan_one(
      desired_test(6866,
                   {absent("Legacy"), named("Hosts", 2), copy_of("Callers EU", 2, "Callers"),
                    named("Callers", 3), pinned(48797, "Moderators", 1)},
                   Prune::on),
      live_test(6866, {live(48797, "Mods", 1), live(48798, "Hosts", 1), live(50335, "Old", 1),
                       live(50400, "Legacy", 1)}));
  CHECK(lines(only_test(result)) ==
        "+ Callers (3) [new group]\n"
        "+ Callers EU (2) from Callers (3) [copy of \"Callers\"]\n"
        "~ #48798 Hosts (1) -> Hosts (2) [count 1 -> 2]\n"
        "~ #48797 Mods (1) -> Moderators (1) [renamed from \"Mods\"]\n"
        "- #50400 Legacy (1) [ensure: absent]\n"
        "- #50335 Old (1) [not in manifest (prune)]\n");
  CHECK(counts_of(result.plan.summary) == PlanSummary{1, 1, 2, 2, 0, {}});
}

TEST_CASE("tests keep manifest order, take the live name, and the summary adds them up") {
  const auto result = make_plan(
      {desired_test(20, {named("A", 1), named("B", 1)}), desired_test(10, {named("C", 2)})},
      {live_test(10, {live(3, "C", 1)}, "Ten"), live_test(20, {live(1, "A", 1)}, "Twenty")},
      options());
  REQUIRE(result.ok());
  REQUIRE(result.plan.tests.size() == 2);
  CHECK(result.plan.tests[0].test_id == 20);
  CHECK(result.plan.tests[0].test_name == "Twenty");
  CHECK(result.plan.tests[1].test_id == 10);
  CHECK(counts_of(result.plan.summary) == PlanSummary{1, 0, 1, 0, 1, {}});
  CHECK(result.plan.api_base == "http://127.0.0.1:8080/v2/");
  CHECK(result.plan.project_id == 5040);
  CHECK(result.plan.tool_version == "0.1.0");
  CHECK(result.plan.format_version == "1");
}

TEST_CASE("a test with errors is left out while the other tests are planned") {
  const auto result =
      make_plan({desired_test(10, {pinned(7, "A", 1, 4)}), desired_test(20, {named("B", 1)})},
                {live_test(10, {}), live_test(20, {})}, options());
  CHECK(errors(result) == "test 10 line 4: group id 7 is not in test 10 (live ids: none)\n");
  REQUIRE(result.plan.tests.size() == 1);
  CHECK(result.plan.tests[0].test_id == 20);
}

TEST_CASE("every error of a test is reported, not only the first") {
  const auto result = plan_one(desired_test(6866, {pinned(7, "A", 1, 4), named("B", 1, 5)}),
                               live_test(6866, {live(1, "B", 1), live(2, "B", 1)}));
  CHECK(errors(result) ==
        "test 6866 line 4: group id 7 is not in test 6866 (live ids: 1, 2)\n"
        "test 6866 line 5: group name \"B\" is shared by live groups 1, 2: pin one with id:\n");
}

TEST_CASE("a test without test_id, without live groups, or declared twice is an error") {
  DesiredTest unnamed = desired_test(1, {});
  unnamed.test_id.reset();
  unnamed.test_name = "Checkout";
  const auto result =
      make_plan({unnamed, desired_test(5, {}), desired_test(6, {}), desired_test(6, {})},
                {live_test(6, {})}, options());
  CHECK(errors(result) ==
        "test 0 line 3: test \"Checkout\" has no test_id: resolve test names before planning\n"
        "test 5 line 3: no live groups were read for test 5\n"
        "test 6 line 3: test 6 is declared more than once\n");
  CHECK(result.plan.tests.size() == 1);
}

TEST_CASE("a group name or pinned id declared twice in one test is an error") {
  const auto result = plan_one(desired_test(6866, {named("A", 1, 4), absent("A", 5),
                                                   pinned(3, "B", 1, 6), pinned(3, "C", 1, 7)}),
                               live_test(6866, {live(3, "B", 1)}));
  CHECK(errors(result) ==
        "test 6866 line 5: group name \"A\" is declared more than once in test 6866\n"
        "test 6866 line 7: group id 3 is pinned more than once in test 6866\n");
}

TEST_CASE("the plan does not depend on the order the API lists live groups in") {
  const auto desired =
      desired_test(6866, {named("A", 2), renamed("B", 1, {"X"}), absent("L")}, Prune::on, {"k*"});
  std::vector<LiveGroup> groups = {live(5, "A", 1), live(3, "X", 1),  live(9, "L", 1),
                                   live(7, "L", 2), live(2, "k1", 1), live(4, "zz", 1),
                                   live(8, "yy", 3)};
  const auto first = plan_one(desired, live_test(6866, groups));
  std::reverse(groups.begin(), groups.end());
  const auto second = plan_one(desired, live_test(6866, groups));
  REQUIRE(first.ok());
  CHECK(first.plan == second.plan);
}

TEST_CASE("a matched, unchanged group with other changes around it counts as unchanged") {
  const auto result = plan_one(desired_test(6866, {named("A", 1), named("B", 1)}),
                               live_test(6866, {live(1, "A", 1)}));
  CHECK(only_test(result).unchanged == 1);
  CHECK(counts_of(result.plan.summary) == PlanSummary{1, 0, 0, 0, 1, {}});
  CHECK_FALSE(result.plan.empty());
}

TEST_CASE("a duplicate_from cycle is reported in the same run as an ambiguous name") {
  const auto result =
      plan_one(desired_test(6866, {named("B", 1, 4), copy_of("X", 1, "Y", 5),
                                   copy_of("Y", 1, "X", 6), pinned(9, "Gone", 1, 7)}),
               live_test(6866, {live(1, "B", 1), live(2, "B", 1)}));
  CHECK(errors(result) ==
        "test 6866 line 4: group name \"B\" is shared by live groups 1, 2: pin one with id:\n"
        "test 6866 line 5: duplicate_from cycle in test 6866: \"X\" -> \"Y\" -> \"X\"\n"
        "test 6866 line 7: group id 9 is not in test 6866 (live ids: 1, 2)\n");
  CHECK(result.plan.tests.empty());
}
