// The executor's participant actions: each kind through the gateway, in groups made earlier in
// the same apply, in copies (found by name), and the orderings that keep a copy's participants as
// the plan expects them.

#include <doctest/doctest.h>

#include <algorithm>
#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include "fake_gateway.hpp"
#include "loadero_sync/cancel.hpp"
#include "loadero_sync/executor.hpp"
#include "loadero_sync/retry.hpp"
#include "logging_gateway.hpp"
#include "participant_builders.hpp"
#include "plan_builders.hpp"

using namespace loadero_test;
using loadero_sync::ActionStatus;
using loadero_sync::ExecutorOptions;
using loadero_sync::LiveParticipant;
using loadero_sync::ParticipantField;
using loadero_sync::ParticipantSettings;
using loadero_sync::ParticipantState;

namespace {

ParticipantSettings browser(std::string value) {
  ParticipantSettings settings;
  settings.set(ParticipantField::browser, std::move(value));
  return settings;
}

// Test 1: group 10 "Callers" with participants 20 "Caller" and 21 "Old"; group 11 "Legacy".
void callers(FakeGateway& fake) {
  fake.add_test(1, "Checkout", {{10, "Callers", 2, 2}, {11, "Legacy", 1, 0}});
  fake.set_participants(1, {{20, 10, "Caller", 1, browser("chromeLatest")},
                            {21, 10, "Old", 1, browser("chromeLatest")}});
}

ExecutorOptions parallel(int parallelism) {
  ExecutorOptions options;
  options.parallelism = parallelism;
  return options;
}

// The participants of `group` in the fake, by name.
std::vector<std::string> names_in(const FakeGateway& fake, std::int64_t group) {
  std::vector<std::string> names;
  for (const auto& participant : fake.participants(1)) {
    if (participant.group_id == group) names.push_back(participant.name);
  }
  return names;
}

// Calls of `op` take 50 ms longer, so a call that does not wait for them begins before they end.
void slow(FakeGateway& fake, std::string op) {
  fake.on_call([op = std::move(op)](const Call& call) {
    if (call.op == op) std::this_thread::sleep_for(std::chrono::milliseconds(50));
  });
}

// The id of the fake's group named `name` in test 1 (0 when there is none).
std::int64_t group_named(const FakeGateway& fake, const std::string& name) {
  for (const auto& group : fake.groups(1)) {
    if (group.name == name) return group.id;
  }
  return 0;
}

}  // namespace

TEST_CASE("participant creates, updates and deletes go through the gateway in plan order") {
  FakeGateway fake;
  callers(fake);
  const auto plan = plan_of({test_plan(
      1, {
             participant_remove({10, "Callers"}, 21, {"Old", 1, browser("chromeLatest")}),
             participant_update({10, "Callers"}, 20, {"Caller", 1, browser("chromeLatest")},
                                {"Caller", 3, browser("firefoxLatest")}),
             participant_create({10, "Callers"}, {"Host", 1, browser("chromeLatest")}),
         })});
  std::vector<std::size_t> done;
  auto options = parallel(1);
  options.on_progress = [&](const loadero_sync::ProgressEvent& event) {
    CHECK(event.total == 3);
    done.push_back(event.done);
  };

  const auto result = loadero_sync::execute_plan(plan, fake, options);

  CHECK(fake.calls() == std::vector<Call>{
                            {"delete_participant", 1, 0, "", 0, 21},
                            {"update_participant", 1, 10, "Caller", 3, 20},
                            {"create_participant", 1, 10, "Host", 1, 0},
                        });
  CHECK(statuses(result.tests[0]) ==
        std::vector{ActionStatus::applied, ActionStatus::applied, ActionStatus::applied});
  for (const auto& outcome : result.tests[0].actions) CHECK(outcome.group_id == 10);
  // Only the create reports a participant it made: the one the fake now holds under "Host".
  CHECK_FALSE(result.tests[0].actions[0].created_participant_id);
  CHECK_FALSE(result.tests[0].actions[1].created_participant_id);
  REQUIRE(result.tests[0].actions[2].created_participant_id);
  for (const auto& participant : fake.participants(1)) {
    if (participant.name == "Host")
      CHECK(participant.id == *result.tests[0].actions[2].created_participant_id);
  }
  CHECK(result.complete());
  CHECK(done == std::vector<std::size_t>{1, 2, 3});
  CHECK(fake.participants(1) == std::vector<LiveParticipant>{
                                    {20, 10, "Caller", 3, browser("firefoxLatest")},
                                    {1000, 10, "Host", 1, browser("chromeLatest")},
                                });
}

TEST_CASE("the participants of a group created in the same apply go into it once it exists") {
  FakeGateway fake;
  callers(fake);
  slow(fake, "create");
  LoggingGateway gateway(fake);
  const auto plan =
      plan_of({test_plan(1, {
                                create_action("Viewers", 2),
                                participant_create({{}, "Viewers"}, {"Viewer", 5, {}}),
                                participant_create({{}, "Viewers"}, {"Mobile", 1, {}}),
                            })});

  const auto result = loadero_sync::execute_plan(plan, gateway, parallel(4));

  CHECK(result.complete());
  CHECK(result.tests[0].actions[1].group_id == 1000);
  CHECK(result.tests[0].actions[2].group_id == 1000);
  std::vector<std::string> viewers = names_in(fake, 1000);
  std::sort(viewers.begin(), viewers.end());
  CHECK(viewers == std::vector<std::string>{"Mobile", "Viewer"});
  const auto log = gateway.log();
  CHECK(position(log, "end create 1 Viewers") < position(log, "begin create_participant 1 Viewer"));
  CHECK(position(log, "end create 1 Viewers") < position(log, "begin create_participant 1 Mobile"));
}

TEST_CASE("a copy's participants are updated and removed by name, the copy listed once") {
  FakeGateway fake;
  callers(fake);
  const auto plan = plan_of({test_plan(
      1, {
             duplicate_action("Callers EU", 2, {10, "Callers", 2}),
             participant_remove({{}, "Callers EU"}, {}, {"Old", 1, browser("chromeLatest")}),
             participant_update({{}, "Callers EU"}, {}, {"Caller", 1, browser("chromeLatest")},
                                {"Caller", 4, browser("chromeLatest")}),
             participant_create({{}, "Callers EU"}, {"Host", 1, {}}),
         })});

  const auto result = loadero_sync::execute_plan(plan, fake, parallel(4));

  CHECK(result.complete());
  // The copy (1000) brought 1001 "Caller" and 1002 "Old".
  CHECK(fake.count("list_group_participants") == 1);
  CHECK(fake.count("delete_participant") == 1);
  const auto participants = fake.participants(1);
  CHECK(std::count(participants.begin(), participants.end(),
                   LiveParticipant{1001, 1000, "Caller", 4, browser("chromeLatest")}) == 1);
  CHECK(std::none_of(participants.begin(), participants.end(),
                     [](const LiveParticipant& p) { return p.id == 1002; }));
  CHECK(names_in(fake, 10) == std::vector<std::string>{"Caller", "Old"});  // the source as it was
  CHECK(names_in(fake, 1000).size() == 2);
}

TEST_CASE("a participant the copy does not have fails its action with what to do") {
  FakeGateway fake;
  callers(fake);
  const auto plan =
      plan_of({test_plan(1, {
                                duplicate_action("Callers EU", 2, {10, "Callers", 2}),
                                participant_remove({{}, "Callers EU"}, {}, {"Ghost", 1, {}}),
                                participant_create({{}, "Callers EU"}, {"Host", 1, {}}),
                            })});

  const auto result = loadero_sync::execute_plan(plan, fake, parallel(1));

  CHECK(statuses(result.tests[0]) ==
        std::vector{ActionStatus::applied, ActionStatus::failed, ActionStatus::not_attempted});
  CHECK(result.tests[0].actions[1].error ==
        "no participant named \"Ghost\" in group \"Callers EU\" (id 1000), the copy this apply "
        "made; run plan again");
  CHECK(result.tests[0].actions[2].error ==
        "an earlier action of this test failed (delete participant \"Ghost\" in group \"Callers "
        "EU\")");
}

TEST_CASE("participant writes of a group wait for the copies of that group") {
  FakeGateway fake;
  callers(fake);
  slow(fake, "copy");
  LoggingGateway gateway(fake);
  const auto plan = plan_of({test_plan(
      1, {
             duplicate_action("Callers EU", 2, {10, "Callers", 2}),
             duplicate_action("Callers US", 2, {10, "Callers", 2}),
             participant_remove({10, "Callers"}, 21, {"Old", 1, browser("chromeLatest")}),
             participant_create({10, "Callers"}, {"Host", 1, {}}),
         })});

  const auto result = loadero_sync::execute_plan(plan, gateway, parallel(4));

  CHECK(result.complete());
  const auto log = gateway.log();
  for (const auto* copy : {"end copy 1 Callers EU", "end copy 1 Callers US"}) {
    CHECK(position(log, copy) < position(log, "begin delete_participant 1 21"));
    CHECK(position(log, copy) < position(log, "begin create_participant 1 Host"));
  }
  // Both copies have the participants the source had before the apply.
  CHECK(names_in(fake, group_named(fake, "Callers EU")) ==
        std::vector<std::string>{"Caller", "Old"});
  CHECK(names_in(fake, group_named(fake, "Callers US")) ==
        std::vector<std::string>{"Caller", "Old"});
  CHECK(names_in(fake, 10) == std::vector<std::string>{"Caller", "Host"});
}

TEST_CASE("participant writes of a group made in the same apply wait for its copies too") {
  FakeGateway fake;
  callers(fake);
  slow(fake, "copy");
  LoggingGateway gateway(fake);
  const auto plan =
      plan_of({test_plan(1, {
                                create_action("Viewers", 1),
                                duplicate_action("Viewers EU", 1, {{}, "Viewers", 1}),
                                participant_create({{}, "Viewers"}, {"Viewer", 1, {}}),
                            })});

  const auto result = loadero_sync::execute_plan(plan, gateway, parallel(4));

  CHECK(result.complete());
  const auto log = gateway.log();
  CHECK(position(log, "end copy 1 Viewers EU") <
        position(log, "begin create_participant 1 Viewer"));
  CHECK(names_in(fake, 1000) == std::vector<std::string>{"Viewer"});
  CHECK(names_in(fake, 1001).empty());  // the copy of a new group brings no participant
}

TEST_CASE("participant actions of groups not being copied run side by side") {
  FakeGateway fake;
  callers(fake);
  // Every call waits until three are in flight together (or 2 s pass, and max_in_flight tells).
  fake.gate_concurrency(3);
  const auto plan = plan_of({test_plan(
      1, {
             participant_remove({10, "Callers"}, 21, {"Old", 1, browser("chromeLatest")}),
             participant_update({10, "Callers"}, 20, {"Caller", 1, browser("chromeLatest")},
                                {"Caller", 2, browser("chromeLatest")}),
             participant_create({11, "Legacy"}, {"Host", 1, {}}),
         })});

  const auto result = loadero_sync::execute_plan(plan, fake, parallel(3));

  CHECK(result.complete());
  CHECK(fake.max_in_flight() == 3);
}

TEST_CASE("group deletes wait for the participant actions of their test") {
  FakeGateway fake;
  callers(fake);
  slow(fake, "create_participant");
  LoggingGateway gateway(fake);
  const auto plan = plan_of({test_plan(1, {
                                              participant_create({10, "Callers"}, {"Host", 1, {}}),
                                              remove_action(11, "Legacy", 1),
                                          })});

  const auto result = loadero_sync::execute_plan(plan, gateway, parallel(4));

  CHECK(result.complete());
  const auto log = gateway.log();
  CHECK(position(log, "end create_participant 1 Host") < position(log, "begin delete 1 11"));
}

TEST_CASE("the participants of a group whose create failed are not attempted") {
  FakeGateway fake;
  callers(fake);
  fake.fail("create", http_error(422), 1, Commit::no, "Viewers");
  const auto plan =
      plan_of({test_plan(1, {
                                create_action("Viewers", 2),
                                participant_create({{}, "Viewers"}, {"Viewer", 5, {}}),
                            })});

  const auto result = loadero_sync::execute_plan(plan, fake, parallel(4));

  CHECK(statuses(result.tests[0]) ==
        std::vector{ActionStatus::failed, ActionStatus::not_attempted});
  CHECK(result.tests[0].actions[1].error ==
        "an earlier action of this test failed (create \"Viewers\")");
  CHECK(fake.count("create_participant") == 0);
}

TEST_CASE("a participant action whose group has no id and was not made fails as malformed") {
  FakeGateway fake;
  callers(fake);
  const auto plan =
      plan_of({test_plan(1, {participant_create({{}, "Nowhere"}, {"Viewer", 1, {}})})});

  const auto result = loadero_sync::execute_plan(plan, fake, parallel(1));

  CHECK(statuses(result.tests[0]) == std::vector{ActionStatus::failed});
  CHECK(result.tests[0].actions[0].error ==
        "malformed plan: the create of participant \"Viewer\" in group \"Nowhere\" has no group "
        "id, and no group of that name was created earlier in this test");
  CHECK(fake.calls().empty());
}

TEST_CASE("a participant someone else already deleted is applied, noted already gone") {
  FakeGateway fake;
  callers(fake);
  RecordingSleeper sleeper;
  loadero_sync::RetryingGateway gateway(fake, loadero_sync::RetryPolicy{}, sleeper, {}, 7);
  const auto plan =
      plan_of({test_plan(1, {participant_remove({10, "Callers"}, 99, {"Gone", 1, {}})})});

  const auto result = loadero_sync::execute_plan(plan, gateway, parallel(1));

  CHECK(result.complete());
  CHECK(result.tests[0].actions[0].note == "already gone");
}

TEST_CASE("a participant create whose answer was lost makes no second participant") {
  FakeGateway fake;
  callers(fake);
  fake.fail("create_participant", timeout_error("POST", "projects/5040/tests/1/participants/"), 1,
            Commit::yes);
  RecordingSleeper sleeper;
  loadero_sync::RetryingGateway gateway(fake, loadero_sync::RetryPolicy{}, sleeper, {}, 7);
  gateway.list_participants(1);  // what planning read, through the same gateway
  const auto plan = plan_of({test_plan(1, {participant_create({10, "Callers"}, {"Host", 2, {}})})});

  const auto result = loadero_sync::execute_plan(plan, gateway, parallel(2));

  CHECK(result.complete());
  CHECK(fake.count("create_participant") == 1);
  CHECK(names_in(fake, 10) == std::vector<std::string>{"Caller", "Old", "Host"});
  CHECK(sleeper.delays().empty());
}

TEST_CASE("a cancel during a group's create leaves its participants interrupted, none written") {
  FakeGateway fake;
  callers(fake);
  loadero_sync::CancelToken token;
  fake.on_call([&](const Call& call) {
    if (call.op == "create") token.cancel();
  });
  auto options = parallel(4);
  options.cancel = &token;
  const auto plan =
      plan_of({test_plan(1, {
                                create_action("Viewers", 2),
                                participant_create({{}, "Viewers"}, {"Viewer", 5, {}}),
                            })});

  const auto result = loadero_sync::execute_plan(plan, fake, options);

  CHECK(statuses(result.tests[0]) == std::vector{ActionStatus::applied, ActionStatus::interrupted});
  CHECK(fake.count("create_participant") == 0);
  CHECK(fake.count("list") == 0);  // an interrupted apply skips the check read too
}
