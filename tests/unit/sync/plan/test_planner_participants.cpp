#include <doctest/doctest.h>

#include "plan_builders.hpp"

using namespace plan_test;

namespace {

using F = ParticipantField;

const std::vector<LiveParticipant> no_participants;

const TestPlan& only_test(const PlanResult& result) {
  REQUIRE(result.ok());
  REQUIRE(result.plan.tests.size() == 1);
  return result.plan.tests.front();
}

LiveParticipant caller(std::int64_t id = 94633, std::int64_t group = 48795) {
  return live_participant(id, group, "Caller", 1,
                          settings({{F::compute_unit, "g2"},
                                    {F::browser, "chromeLatest"},
                                    {F::location, "eu-west-1"},
                                    {F::network, "default"},
                                    {F::record_audio, "false"}}));
}

}  // namespace

TEST_CASE("a declared participant with no live match is created in its live group") {
  const auto result = plan_one(
      desired_test(
          6866, {with(named("Callers", 1, 9),
                      {participant("Caller", 3, 10, settings({{F::browser, "firefoxLatest"}}))})}),
      live_test(6866, {live(48795, "Callers", 1)}, no_participants));
  const auto& test = only_test(result);
  CHECK(lines(test) == "+ Callers#48795/Caller (3) [new participant]\n");
  const auto& action = test.actions[0];
  CHECK(action.target == ActionTarget::participant);
  CHECK(action.group_id == 48795);
  CHECK(action.group_name == "Callers");
  CHECK_FALSE(action.participant_id.has_value());
  CHECK_FALSE(action.participant_before.has_value());
  CHECK(action.participant_after ==
        ParticipantState{"Caller", 3, settings({{F::browser, "firefoxLatest"}})});
  CHECK(action.source == at(10));
  CHECK(counts_of(result.plan.summary) == PlanSummary{0, 0, 0, 0, 1, {1, 0, 0, 0}});
}

TEST_CASE("a matched participant gets its count and managed settings over its live state") {
  const auto result = plan_one(
      desired_test(6866,
                   {with(named("Callers", 1), {participant("Caller", 3, 12,
                                                           settings({{F::browser, "firefoxLatest"},
                                                                     {F::compute_unit, "g2"}}))})}),
      live_test(6866, {live(48795, "Callers", 1)}, {caller()}));
  const auto& test = only_test(result);
  CHECK(lines(test) ==
        "~ Callers#48795/#94633 Caller [count 1 -> 3, browser chromeLatest -> firefoxLatest]\n");
  const auto& action = test.actions[0];
  CHECK(action.participant_id == 94633);
  CHECK(action.group_id == 48795);
  CHECK(action.reason == ActionReason::participant_changed);
  CHECK(action.participant_before == caller().state());
  auto after = caller().state();
  after.count = 3;
  after.settings.set(F::browser, "firefoxLatest");
  CHECK(action.participant_after == after);
  CHECK(
      changed_fields(action) ==
      std::vector<FieldChange>{{"count", "1", "3"}, {"browser", "chromeLatest", "firefoxLatest"}});
  CHECK(result.plan.summary.participants == ParticipantSummary{0, 1, 0, 0});
}

TEST_CASE("a managed setting the API did not report is set, and one set changes to another") {
  const auto result = plan_one(
      desired_test(
          6866, {with(named("Callers", 1), {participant("Caller", 1, 12,
                                                        settings({{F::video_feed, "720p"},
                                                                  {F::network, "4g"},
                                                                  {F::record_audio, "true"},
                                                                  {F::media_type, "custom"},
                                                                  {F::audio_feed, "default"}}))})}),
      live_test(6866, {live(48795, "Callers", 1)}, {caller()}));
  CHECK(lines(only_test(result)) ==
        "~ Callers#48795/#94633 Caller [network default -> 4g, audio_feed (unset) -> default, "
        "video_feed (unset) -> 720p, media_type (unset) -> custom, record_audio false -> true]\n");
}

TEST_CASE(
    "a participant whose managed fields match is unchanged, and unmanaged fields never count") {
  const auto result = plan_one(
      desired_test(
          6866, {with(named("Callers", 1),
                      {participant("Caller", 1, 12, settings({{F::browser, "chromeLatest"}}))})}),
      live_test(6866, {live(48795, "Callers", 1)}, {caller()}));
  const auto& test = only_test(result);
  CHECK(test.actions.empty());
  CHECK(test.unchanged_participants == 1);
  CHECK(counts_of(result.plan.summary) == PlanSummary{0, 0, 0, 0, 1, {0, 0, 0, 1}});
  CHECK(result.plan.empty());
}

TEST_CASE("a pinned participant is renamed in place") {
  const auto result = plan_one(
      desired_test(6866,
                   {with(named("Callers", 1), {pinned_participant(94633, "Presenter", 1, 12)})}),
      live_test(6866, {live(48795, "Callers", 1)}, {caller()}));
  CHECK(lines(only_test(result)) ==
        "~ Callers#48795/#94633 Presenter [name \"Caller\" -> \"Presenter\"]\n");
}

TEST_CASE("live participants a managed group does not declare are deleted, by id") {
  const auto result =
      plan_one(desired_test(6866, {with(named("Callers", 1, 9), {participant("Caller", 1, 10)})}),
               live_test(6866, {live(48795, "Callers", 1)},
                         {live_participant(94641, 48795, "Bot B", 1), caller(),
                          live_participant(94640, 48795, "Bot A", 2)}));
  const auto& test = only_test(result);
  CHECK(lines(test) ==
        "- Callers#48795/#94640 Bot A [not in manifest]\n"
        "- Callers#48795/#94641 Bot B [not in manifest]\n");
  CHECK(test.actions[0].participant_before == ParticipantState{"Bot A", 2, {}});
  CHECK_FALSE(test.actions[0].participant_after.has_value());
  CHECK(test.actions[0].reason == ActionReason::participant_undeclared);
  CHECK(test.actions[0].source == at(9));
  CHECK(test.unchanged_participants == 1);
  CHECK(result.plan.summary.participants == ParticipantSummary{0, 0, 2, 1});
}

TEST_CASE("participants: [] deletes every participant of the group") {
  const auto result =
      plan_one(desired_test(6866, {with(named("Callers", 1), {})}),
               live_test(6866, {live(48795, "Callers", 1)}, {caller(94634), caller(94633)}));
  CHECK(lines(only_test(result)) ==
        "- Callers#48795/#94633 Caller [not in manifest]\n"
        "- Callers#48795/#94634 Caller [not in manifest]\n");
}

TEST_CASE(
    "groups without participants:, absent groups, pruned groups and no-group participants "
    "get no participant actions") {
  const auto result = plan_one(
      desired_test(
          6866,
          {named("Hosts", 1), with(named("Callers", 1), {participant("Caller", 1)}), absent("Old")},
          Prune::on),
      live_test(
          6866,
          {live(48795, "Callers", 1), live(48796, "Hosts", 1), live(48797, "Old", 1),
           live(48798, "Stray", 1)},
          {caller(), live_participant(1, 48796, "Host", 1),
           live_participant(2, 48797, "Old one", 1), live_participant(3, 48798, "Stray one", 1),
           live_participant(4, std::nullopt, "Loose", 1)}));
  CHECK(lines(only_test(result)) ==
        "- #48797 Old (1) [ensure: absent]\n"
        "- #48798 Stray (1) [not in manifest (prune)]\n");
}

TEST_CASE("a test that manages no participants plans as before and keeps its fingerprint") {
  const auto groups = std::vector<LiveGroup>{live(48795, "Callers", 1)};
  const auto result =
      plan_one(desired_test(6866, {named("Callers", 1)}), live_test(6866, groups, {caller()}));
  const auto& test = only_test(result);
  CHECK(test.actions.empty());
  CHECK_FALSE(test.live_participants.has_value());
  CHECK(test.live_fingerprint == live_fingerprint(groups));
}

TEST_CASE("a test that manages participants records them sorted by id and fingerprints them") {
  const auto groups = std::vector<LiveGroup>{live(48795, "Callers", 1)};
  const auto bot = live_participant(94640, std::nullopt, "Bot", 1);
  const auto result =
      plan_one(desired_test(6866, {with(named("Callers", 1), {participant("Caller", 1)})}),
               live_test(6866, groups, {bot, caller(94633)}));
  const auto& test = only_test(result);
  REQUIRE(test.live_participants.has_value());
  CHECK(*test.live_participants == std::vector<LiveParticipant>{caller(94633), bot});
  CHECK(test.live_fingerprint == live_fingerprint(groups, test.live_participants));
  CHECK(test.live_fingerprint != live_fingerprint(groups));
}

TEST_CASE("the participants of a group created in the run are created by group name") {
  const auto result = plan_one(
      desired_test(6866, {with(named("Callers", 2, 9),
                               {participant("Caller", 1, 10), participant("Bot", 2, 11)})}),
      live_test(6866, {}, no_participants));
  const auto& test = only_test(result);
  CHECK(lines(test) ==
        "+ Callers (2) [new group]\n"
        "+ Callers/Caller (1) [new participant]\n"
        "+ Callers/Bot (2) [new participant]\n");
  CHECK_FALSE(test.actions[1].group_id.has_value());
  CHECK(test.actions[1].group_name == "Callers");
}

TEST_CASE("a copy's participants are changed by name on top of what the copy brings") {
  const auto result = plan_one(
      desired_test(6866, {with(named("Callers", 1, 9), {participant("Caller", 1, 10)}),
                          with(copy_of("Callers EU", 1, "Callers", 12),
                               {participant("Caller", 2, 13), participant("Listener", 1, 14)})}),
      live_test(6866, {live(48795, "Callers", 1)},
                {caller(), live_participant(94650, 48795, "Bot", 1)}));
  const auto& test = only_test(result);
  // The copy is made before the source's Bot is deleted, so it brings Bot too.
  CHECK(lines(test) ==
        "+ Callers EU (1) from #48795 Callers (1) [copy of \"Callers\"]\n"
        "- Callers#48795/#94650 Bot [not in manifest]\n"
        "- Callers EU/Bot [not in manifest]\n"
        "~ Callers EU/Caller [count 1 -> 2]\n"
        "+ Callers EU/Listener (1) [new participant]\n");
  const auto& update = test.actions[3];
  CHECK_FALSE(update.participant_id.has_value());
  CHECK_FALSE(update.group_id.has_value());
  CHECK(update.participant_before == caller().state());
}

TEST_CASE(
    "a copy of a group created in the run brings no participants, and a copy of a copy brings "
    "what the first copy brought") {
  const auto result =
      plan_one(desired_test(6866, {with(named("New", 1), {participant("A", 1)}),
                                   with(copy_of("New copy", 1, "New"), {participant("A", 1)}),
                                   with(copy_of("EU", 1, "Callers"), {}),
                                   with(copy_of("EU 2", 1, "EU"), {participant("Caller", 1)})}),
               live_test(6866, {live(48795, "Callers", 1)}, {caller()}));
  CHECK(lines(only_test(result)) ==
        "+ New (1) [new group]\n"
        "+ New copy (1) from New (1) [copy of \"New\"]\n"
        "+ EU (1) from #48795 Callers (1) [copy of \"Callers\"]\n"
        "+ EU 2 (1) from EU (1) [copy of \"EU\"]\n"
        "+ New/A (1) [new participant]\n"
        "+ New copy/A (1) [new participant]\n"
        "- EU/Caller [not in manifest]\n");
}

TEST_CASE("participant actions come group by group after group writes and before group deletes") {
  const auto result = plan_one(
      desired_test(
          6866,
          {with(named("Hosts", 2), {participant("Host", 1), participant("Co-host", 1)}),
           with(named("Callers", 1), {participant("New caller", 1), participant("Caller", 2)}),
           absent("Old")}),
      live_test(6866, {live(48795, "Callers", 1), live(48797, "Old", 1)},
                {caller(), live_participant(94639, 48795, "Bot", 1)}));
  CHECK(lines(only_test(result)) ==
        "+ Hosts (2) [new group]\n"
        "+ Hosts/Host (1) [new participant]\n"
        "+ Hosts/Co-host (1) [new participant]\n"
        "- Callers#48795/#94639 Bot [not in manifest]\n"
        "~ Callers#48795/#94633 Caller [count 1 -> 2]\n"
        "+ Callers#48795/New caller (1) [new participant]\n"
        "- #48797 Old (1) [ensure: absent]\n");
}

TEST_CASE("a renamed group's participant actions carry its new name") {
  const auto result = plan_one(
      desired_test(6866, {with(renamed("Speakers", 1, {"Callers"}), {participant("Caller", 2)})}),
      live_test(6866, {live(48795, "Callers", 1)}, {caller()}));
  CHECK(lines(only_test(result)) ==
        "~ #48795 Callers (1) -> Speakers (1) [renamed from \"Callers\"]\n"
        "~ Speakers#48795/#94633 Caller [count 1 -> 2]\n");
}

TEST_CASE("a participant name two live participants of the group share is an error") {
  const auto result =
      plan_one(desired_test(6866, {with(named("Callers", 1), {participant("Caller", 1, 14)})}),
               live_test(6866, {live(48795, "Callers", 1)}, {caller(12), caller(11)}));
  CHECK(errors(result) ==
        "test 6866 line 14: participant name \"Caller\" is shared by live participants 11, 12 of "
        "group \"Callers\": pin one with id:\n");
  CHECK(result.plan.tests.empty());
}

TEST_CASE("a pinned participant claims its own and leaves the name to the other") {
  const auto result = plan_one(
      desired_test(6866, {with(named("Callers", 1),
                               {pinned_participant(11, "Caller", 2), participant("Caller 2", 1)})}),
      live_test(6866, {live(48795, "Callers", 1)}, {caller(12), caller(11)}));
  CHECK(lines(only_test(result)) ==
        "- Callers#48795/#12 Caller [not in manifest]\n"
        "~ Callers#48795/#11 Caller [count 1 -> 2]\n"
        "+ Callers#48795/Caller 2 (1) [new participant]\n");
}

TEST_CASE("a pinned participant id that is not in its group is an error listing the group's ids") {
  const auto result = plan_one(
      desired_test(6866, {with(named("Callers", 1), {pinned_participant(94640, "Caller", 1, 15)})}),
      live_test(6866, {live(48795, "Callers", 1), live(48796, "Hosts", 1)},
                {caller(), live_participant(94640, 48796, "Host", 1)}));
  CHECK(errors(result) ==
        "test 6866 line 15: participant id 94640 is not a live participant of group \"Callers\" "
        "(live participant ids: 94633)\n");
}

TEST_CASE("a pinned participant in a group created or copied in the run is an error") {
  const auto result =
      plan_one(desired_test(6866, {with(named("New", 1, 9), {pinned_participant(5, "A", 1, 10)}),
                                   with(copy_of("EU", 1, "Callers", 11),
                                        {pinned_participant(94633, "Caller", 1, 12)})}),
               live_test(6866, {live(48795, "Callers", 1)}, {caller()}));
  CHECK(errors(result) ==
        "test 6866 line 10: participant id 5 pins a participant, but group \"New\" does not "
        "exist yet\n"
        "test 6866 line 12: participant id 94633 pins a participant, but group \"EU\" does not "
        "exist yet\n");
}

TEST_CASE("a name two participants of a copy's source share is an error") {
  const auto result = plan_one(
      desired_test(6866, {with(copy_of("EU", 1, "Callers", 11), {participant("Caller", 1, 12)})}),
      live_test(6866, {live(48795, "Callers", 1)}, {caller(2), caller(1)}));
  CHECK(errors(result) ==
        "test 6866 line 12: participant name \"Caller\" is shared by live participants 1, 2 of "
        "group \"Callers\", which group \"EU\" copies: rename one of them first\n");
}

TEST_CASE("participant names declared twice in a group and ids pinned twice are errors") {
  const auto result = plan_one(
      desired_test(6866, {with(named("Callers", 1),
                               {pinned_participant(7, "A", 1, 10), participant("A", 1, 11)}),
                          with(named("Hosts", 1), {pinned_participant(7, "B", 1, 13)})}),
      live_test(6866, {live(48795, "Callers", 1), live(48796, "Hosts", 1)}, no_participants));
  CHECK(errors(result) ==
        "test 6866 line 11: participant name \"A\" is declared more than once in group "
        "\"Callers\"\n"
        "test 6866 line 13: participant id 7 is pinned more than once in test 6866\n");
}

TEST_CASE("a participant count or name the API refuses is an error") {
  const auto result = plan_one(
      desired_test(6866, {with(named("Callers", 1), {participant("A", 0, 10),
                                                     participant(std::string(256, 'x'), 1, 11)})}),
      live_test(6866, {live(48795, "Callers", 1)}, no_participants));
  CHECK(errors(result) ==
        "test 6866 line 10: participant \"A\" has count 0; the Loadero API accepts 1 to 1000000\n"
        "test 6866 line 11: participant name of 256 characters is outside what the Loadero API "
        "accepts (1 to 255)\n");
}

TEST_CASE("a test that manages participants without its participants read is an error") {
  const auto result =
      plan_one(desired_test(6866, {with(named("Callers", 1), {participant("Caller", 1)})}),
               live_test(6866, {live(48795, "Callers", 1)}));
  CHECK(errors(result) == "test 6866 line 3: no live participants were read for test 6866\n");
}

TEST_CASE("participant errors and group errors of a test are all reported") {
  const auto result =
      plan_one(desired_test(6866, {with(named("Callers", 1, 9), {participant("Caller", 1, 10)}),
                                   pinned(999, "Hosts", 1, 12)}),
               live_test(6866, {live(48795, "Callers", 1)}, {caller(2), caller(1)}));
  CHECK(errors(result) ==
        "test 6866 line 10: participant name \"Caller\" is shared by live participants 1, 2 of "
        "group \"Callers\": pin one with id:\n"
        "test 6866 line 12: group id 999 is not in test 6866 (live ids: 48795)\n");
}
