// apply --plan: the lines that say what changed since a plan was made.

#include "staleness.hpp"

#include <doctest/doctest.h>

using namespace loadero_sync;
using loadero_sync::cli::describe_staleness;

namespace {

// Planned against: 1 "Mods" (renamed to Moderators), 2 "Old" (deleted), 3 "manual" (unmanaged),
// 4 "Callers" (unchanged), and "Callers EU" to be created.
TestPlan planned() {
  TestPlan test;
  test.test_id = 6866;
  Action rename;
  rename.kind = ActionKind::update;
  rename.group_id = 1;
  rename.name = "Moderators";
  rename.before = GroupState{"Mods", 1};
  rename.after = GroupState{"Moderators", 1};
  Action remove;
  remove.kind = ActionKind::remove;
  remove.group_id = 2;
  remove.name = "Old";
  remove.before = GroupState{"Old", 1};
  Action create;
  create.kind = ActionKind::create;
  create.name = "Callers EU";
  create.after = GroupState{"Callers EU", 2};
  test.actions = {rename, remove, create};
  test.unmanaged = {LiveGroup{3, "manual", 1, 0}};
  test.unchanged = 1;
  return test;
}

}  // namespace

TEST_CASE("a renamed, recounted or removed group the plan acts on is named with its id") {
  const std::vector<LiveGroup> now = {
      {1, "Moderators", 1, 0}, {3, "manual", 5, 0}, {4, "Callers", 3, 0}};
  CHECK(describe_staleness(planned(), now) ==
        std::vector<std::string>{"group 1 renamed \"Mods\" -> \"Moderators\"",
                                 "group 2 \"Old\" removed", "group 3 \"manual\" count 1 -> 5"});
}

TEST_CASE("a group made since under a name the plan would create is reported as added") {
  const std::vector<LiveGroup> now = {{1, "Mods", 1, 0},
                                      {2, "Old", 1, 0},
                                      {3, "manual", 1, 0},
                                      {4, "Callers", 3, 0},
                                      {9, "Callers EU", 2, 0}};
  CHECK(describe_staleness(planned(), now) ==
        std::vector<std::string>{"group 9 \"Callers EU\" added"});
}

TEST_CASE(
    "changes among the groups the plan leaves alone are described as far as the plan allows") {
  const std::vector<LiveGroup> base = {{1, "Mods", 1, 0}, {2, "Old", 1, 0}, {3, "manual", 1, 0}};
  auto recounted = base;
  recounted.push_back({4, "Callers", 7, 0});
  CHECK(describe_staleness(planned(), recounted) ==
        std::vector<std::string>{
            "a group that the plan leaves as it is was renamed or recounted; those groups are "
            "now: 4 \"Callers\" (count 7)"});
  auto added = recounted;
  added.push_back({5, "Extra", 1, 0});
  CHECK(
      describe_staleness(planned(), added) ==
      std::vector<std::string>{
          "1 group added; the groups the plan does not act on are now: 4 \"Callers\" (count 7), 5 "
          "\"Extra\" (count 1)"});
  CHECK(describe_staleness(planned(), base) ==
        std::vector<std::string>{"1 group that the plan does not act on was removed"});
}
