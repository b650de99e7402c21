// apply --plan: the lines that say what changed since a plan was made.

#include <doctest/doctest.h>

#include "loadero_sync/staleness.hpp"

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

namespace {

LiveParticipant participant(std::int64_t id, std::optional<std::int64_t> group, std::string name,
                            std::int64_t count, std::optional<std::string> browser = {}) {
  LiveParticipant out{id, group, std::move(name), count, {}};
  out.settings.set(ParticipantField::browser, std::move(browser));
  return out;
}

TestPlan planned_with_participants() {
  auto test = planned();
  test.live_participants = std::vector<LiveParticipant>{
      participant(94633, 4, "Caller", 1, "chromeLatest"), participant(94640, 4, "Bot", 1),
      participant(94645, 4, "Speaker", 1)};
  return test;
}

}  // namespace

TEST_CASE("participant changes are named with their ids after the group changes") {
  const std::vector<LiveParticipant> now = {participant(94633, 4, "Caller", 3, "firefoxLatest"),
                                            participant(94641, 4, "New", 1),
                                            participant(94645, 1, "Host", 1)};
  auto groups = planned().live_groups;
  groups.pop_back();
  CHECK(describe_staleness(planned_with_participants(), groups, now) ==
        std::vector<std::string>{
            "group 4 \"Callers\" removed",
            "participant 94633 \"Caller\" count 1 -> 3",
            "participant 94633 \"Caller\" browser chromeLatest -> firefoxLatest",
            "participant 94640 \"Bot\" removed",
            "participant 94645 renamed \"Speaker\" -> \"Host\"",
            "participant 94645 \"Host\" moved from group 4 to group 1",
            "participant 94641 \"New\" added (group 4)",
        });
}

TEST_CASE("a setting that became unset, and a participant of no group, are named") {
  const std::vector<LiveParticipant> now = {
      participant(94633, 4, "Caller", 1), participant(94640, 4, "Bot", 1),
      participant(94645, 4, "Speaker", 1), participant(94650, std::nullopt, "Loose", 2)};
  const auto test = planned_with_participants();
  CHECK(describe_staleness(test, test.live_groups, now) ==
        std::vector<std::string>{"participant 94633 \"Caller\" browser chromeLatest -> (unset)",
                                 "participant 94650 \"Loose\" added (no group)"});
}

TEST_CASE("participants are compared only when the plan and the caller both have them") {
  const auto test = planned_with_participants();
  CHECK(describe_staleness(test, test.live_groups) ==
        std::vector<std::string>{"the live groups match the plan's snapshot but not its "
                                 "fingerprint: the plan file was edited"});
  CHECK(describe_staleness(test, test.live_groups, *test.live_participants) ==
        std::vector<std::string>{"the live groups and participants match the plan's snapshot but "
                                 "not its fingerprint: the plan file was edited"});
  CHECK(describe_staleness(planned(), planned().live_groups,
                           std::vector<LiveParticipant>{participant(1, 4, "A", 1)}) ==
        std::vector<std::string>{"the live groups match the plan's snapshot but not its "
                                 "fingerprint: the plan file was edited"});
}
