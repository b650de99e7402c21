// apply --plan: the lines that say what changed since a plan was made.

#include "loadero_sync/staleness.hpp"

#include <doctest/doctest.h>

using namespace loadero_sync;

namespace {

// Planned against: 1 "Mods" (to be renamed), 2 "Old" (to be deleted), 3 "manual" (unmanaged),
// 4 "Callers" (left as it is).
TestPlan planned() {
  TestPlan test;
  test.test_id = 6866;
  Action rename;
  rename.kind = ActionKind::update;
  rename.group_id = 1;
  rename.name = "Moderators";
  rename.before = GroupState{"Mods", 1};
  rename.after = GroupState{"Moderators", 1};
  test.actions = {rename};
  test.unmanaged = {LiveGroup{3, "manual", 1, 0}};
  test.unchanged = 1;
  test.live_groups = {
      {1, "Mods", 1, 0}, {2, "Old", 1, 0}, {3, "manual", 1, 0}, {4, "Callers", 3, 0}};
  return test;
}

}  // namespace

TEST_CASE("renamed, recounted and removed groups are named with their ids, in id order") {
  const std::vector<LiveGroup> now = {
      {1, "Moderators", 1, 0}, {3, "manual", 5, 0}, {4, "Callers", 3, 0}};
  CHECK(describe_staleness(planned(), now) ==
        std::vector<std::string>{"group 1 renamed \"Mods\" -> \"Moderators\"",
                                 "group 2 \"Old\" removed", "group 3 \"manual\" count 1 -> 5"});
}

TEST_CASE("a change to a group the plan leaves as it is is named exactly") {
  const std::vector<LiveGroup> now = {
      {1, "Mods", 1, 0}, {2, "Old", 1, 0}, {3, "manual", 1, 0}, {4, "Buyers", 7, 0}};
  CHECK(describe_staleness(planned(), now) ==
        std::vector<std::string>{"group 4 renamed \"Callers\" -> \"Buyers\"",
                                 "group 4 \"Buyers\" count 3 -> 7"});
}

TEST_CASE("groups made since the plan are reported as added, after the other changes") {
  const std::vector<LiveGroup> now = {{1, "Mods", 1, 0},
                                      {3, "manual", 1, 0},
                                      {4, "Callers", 3, 0},
                                      {9, "Callers EU", 2, 0},
                                      {10, "Extra", 1, 0}};
  CHECK(describe_staleness(planned(), now) ==
        std::vector<std::string>{"group 2 \"Old\" removed",
                                 "group 9 \"Callers EU\" added (count 2)",
                                 "group 10 \"Extra\" added (count 1)"});
}

TEST_CASE("names are quoted so that they cannot break the report's lines") {
  TestPlan test;
  test.live_groups = {{1, "a\nb", 1, 0}};
  CHECK(describe_staleness(test, {}) == std::vector<std::string>{"group 1 \"a\\nb\" removed"});
}

TEST_CASE("a snapshot that matches the live groups means the plan file was edited") {
  const auto test = planned();
  CHECK(describe_staleness(test, test.live_groups) ==
        std::vector<std::string>{"the live groups match the plan's snapshot but not its "
                                 "fingerprint: the plan file was edited"});
}
