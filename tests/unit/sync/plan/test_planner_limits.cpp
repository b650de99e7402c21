// A manifest that a program builds is not loaded, so the planner holds each action's outcome to
// the API's limits itself.

#include <doctest/doctest.h>

#include "loadero/limits.hpp"
#include "plan_builders.hpp"

using namespace plan_test;

TEST_CASE("a group name longer than the API accepts is a plan error at the group") {
  const std::string longest(loadero::max_group_name_length, 'x');
  const auto result = plan_one(
      desired_test(6866, {named(longest + "x", 1, 7), named(longest, 1, 8)}), live_test(6866, {}));
  CHECK(errors(result) ==
        "test 6866 line 7: group name of 256 characters is longer than the Loadero API accepts "
        "(at most 255)\n");
  CHECK(result.plan.tests.empty());
}

TEST_CASE("names count characters, not bytes") {
  std::string longest;
  for (std::size_t i = 0; i < loadero::max_group_name_length; ++i) longest += "\u00e9";
  CHECK(plan_one(desired_test(6866, {named(longest, 1)}), live_test(6866, {})).ok());
}

TEST_CASE("a count outside the API's range is a plan error, for creates, copies and updates") {
  const auto result =
      plan_one(desired_test(6866, {named("New", 2000000, 4), copy_of("Copy", 0, "Live", 5),
                                   named("Live", 1000001, 6)}),
               live_test(6866, {live(11, "Live", 3)}));
  CHECK(errors(result) ==
        "test 6866 line 4: group \"New\" has count 2000000; the Loadero API accepts 1 to 1000000\n"
        "test 6866 line 5: group \"Copy\" has count 0; the Loadero API accepts 1 to 1000000\n"
        "test 6866 line 6: group \"Live\" has count 1000001; the Loadero API accepts 1 to "
        "1000000\n");
  CHECK(result.plan.tests.empty());
}

TEST_CASE("the limits themselves plan, and a delete has no outcome to check") {
  const auto result =
      plan_one(desired_test(6866, {named("Big", loadero::max_group_count), absent("Gone")}),
               live_test(6866, {live(11, "Gone", 3)}));
  REQUIRE(result.ok());
  CHECK(lines(result.plan.tests.at(0)) ==
        "+ Big (1000000) [new group]\n- #11 Gone (3) [ensure: absent]\n");
}
