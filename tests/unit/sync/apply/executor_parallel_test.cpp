// The executor runs the independent actions of one test side by side, never more than the
// parallelism at once over the whole plan, and keeps the orderings that matter: a copy after the
// create of its source, deletes after everything else of their test, plan order at parallelism 1.

#include <doctest/doctest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "fake_gateway.hpp"
#include "loadero_sync/cancel.hpp"
#include "loadero_sync/executor.hpp"
#include "logging_gateway.hpp"
#include "plan_builders.hpp"

using namespace loadero_test;
using loadero_sync::ActionStatus;
using loadero_sync::ExecutorOptions;
using loadero_sync::LiveGroup;

TEST_CASE("the creates of one test run side by side, up to the parallelism") {
  FakeGateway fake;
  fake.add_test(1, "Checkout");
  std::vector<loadero_sync::Action> actions;
  for (int i = 0; i < 20; ++i) actions.push_back(create_action("G" + std::to_string(i), 1));
  // Every call waits until 8 are in flight together (or 2 s pass, and max_in_flight tells).
  fake.gate_concurrency(8);
  LoggingGateway gateway(fake);
  ExecutorOptions options;
  options.parallelism = 8;

  const auto result =
      loadero_sync::execute_plan(plan_of({test_plan(1, std::move(actions))}), gateway, options);

  CHECK(fake.max_in_flight() == 8);
  CHECK(result.applied() == 20);
  CHECK(result.complete());
  CHECK(fake.groups(1).size() == 20);
  // The check read comes once, after every action of the test ended.
  const auto log = gateway.log();
  REQUIRE(std::count(log.begin(), log.end(), "begin list 1") == 1);
  const auto list = position(log, "begin list 1");
  for (std::size_t i = 0; i < list; ++i) CHECK_FALSE(starts_with(log[i], "begin list"));
  CHECK(std::count_if(log.begin() + static_cast<std::ptrdiff_t>(list), log.end(),
                      [](const std::string& line) { return starts_with(line, "end create"); }) ==
        0);
}

TEST_CASE("never more actions in flight than the parallelism, over all tests") {
  FakeGateway fake;
  std::vector<loadero_sync::TestPlan> tests;
  for (std::int64_t id = 1; id <= 4; ++id) {
    fake.add_test(id, "t", {{id * 100, "Live", 2, 0}});
    std::vector<loadero_sync::Action> actions;
    for (int i = 0; i < 6; ++i) actions.push_back(create_action("G" + std::to_string(i), 1));
    actions.push_back(duplicate_action("Copy", 3, {id * 100, "Live", 2}));  // copy + count
    actions.push_back(update_action(id * 100, {"Live", 2}, {"Live", 4}));
    tests.push_back(test_plan(id, std::move(actions)));
  }
  fake.gate_concurrency(3);
  // Give the other workers every chance to start something while a call is in flight.
  fake.on_call([](const Call&) { std::this_thread::yield(); });
  ExecutorOptions options;
  options.parallelism = 3;

  const auto result = loadero_sync::execute_plan(plan_of(tests), fake, options);

  CHECK(fake.max_in_flight() == 3);
  CHECK(result.applied() == 32);
  CHECK(result.complete());
  for (std::int64_t id = 1; id <= 4; ++id) CHECK(fake.groups(id).size() == 8);
}

TEST_CASE("a copy of a group created in the same test starts after that create ended") {
  FakeGateway fake;
  fake.add_test(1, "Checkout");
  // The copies come right after their source, before the other creates: taken in plan order,
  // they would start among the first 8 were they not waiting for their source. The 8 creates are
  // in flight together before any ends.
  std::vector<loadero_sync::Action> actions{
      create_action("Callers", 2), duplicate_action("Callers EU", 5, {std::nullopt, "Callers", 2}),
      duplicate_action("Callers US", 2, {std::nullopt, "Callers EU", 5})};
  for (int i = 0; i < 7; ++i) actions.push_back(create_action("G" + std::to_string(i), 1));
  fake.gate_concurrency(8);
  LoggingGateway gateway(fake);
  ExecutorOptions options;
  options.parallelism = 8;

  const auto result =
      loadero_sync::execute_plan(plan_of({test_plan(1, std::move(actions))}), gateway, options);

  REQUIRE(result.complete());
  const auto log = gateway.log();
  CHECK(position(log, "end create 1 Callers") < position(log, "begin copy 1 Callers EU"));
  // A copy of a copy waits for the whole first duplicate, its count included.
  CHECK(position(log, "end update 1 Callers EU") < position(log, "begin copy 1 Callers US"));
  const auto& outcomes = result.tests[0].actions;
  for (const auto& call : fake.calls()) {
    if (call.op == "copy" && call.name == "Callers EU")
      CHECK(call.group_id == outcomes[0].group_id);
    if (call.op == "copy" && call.name == "Callers US")
      CHECK(call.group_id == outcomes[1].group_id);
  }
}

TEST_CASE("a copy of a live group does not wait for the other actions of its test") {
  FakeGateway fake;
  fake.add_test(1, "Checkout", {{10, "Callers", 3, 0}, {11, "Hosts", 1, 0}});
  // All four are in flight together before any ends, or the gate times out and max says so.
  fake.gate_concurrency(4);
  ExecutorOptions options;
  options.parallelism = 4;
  const auto plan = plan_of({test_plan(1, {create_action("A", 1), create_action("B", 1),
                                           duplicate_action("Callers EU", 3, {10, "Callers", 3}),
                                           update_action(11, {"Hosts", 1}, {"Presenters", 2})})});

  const auto result = loadero_sync::execute_plan(plan, fake, options);

  CHECK(fake.max_in_flight() == 4);
  CHECK(result.complete());
}

TEST_CASE("an update of a group starts after the copies of that group ended") {
  FakeGateway fake;
  // "Legacy" is undeclared: the copy finds it by its live name, which the update takes away.
  fake.add_test(1, "Checkout", {{10, "Legacy", 3, 0}, {11, "Hosts", 1, 0}});
  // The first 3 calls wait until all 3 are in flight: the two copies and the other update. Were
  // the rename not waiting, it would be among the first 3 taken (plan order).
  fake.gate_concurrency(3);
  LoggingGateway gateway(fake);
  ExecutorOptions options;
  options.parallelism = 4;
  const auto plan = plan_of({test_plan(1, {duplicate_action("Legacy EU", 5, {10, "Legacy", 3}),
                                           duplicate_action("Legacy US", 3, {10, "Legacy", 3}),
                                           update_action(10, {"Legacy", 3}, {"Modern", 3}),
                                           update_action(11, {"Hosts", 1}, {"Presenters", 1})})});

  const auto result = loadero_sync::execute_plan(plan, gateway, options);

  REQUIRE(result.complete());
  const auto log = gateway.log();
  const auto rename = position(log, "begin update 1 Modern");
  CHECK(position(log, "end update 1 Legacy EU") < rename);  // the copy's count set too
  CHECK(position(log, "end copy 1 Legacy US") < rename);
}

TEST_CASE("an update of a group whose copy failed is not attempted") {
  FakeGateway fake;
  fake.add_test(1, "Checkout", {{10, "Legacy", 3, 0}});
  fake.fail("copy", http_error(500), -1);
  ExecutorOptions options;
  options.parallelism = 4;
  const auto plan = plan_of({test_plan(1, {duplicate_action("Legacy EU", 3, {10, "Legacy", 3}),
                                           update_action(10, {"Legacy", 3}, {"Modern", 3})})});

  const auto result = loadero_sync::execute_plan(plan, fake, options);

  CHECK(statuses(result.tests[0]) ==
        std::vector{ActionStatus::failed, ActionStatus::not_attempted});
  CHECK(fake.ops() == std::vector<std::string>{"copy"});
  CHECK(fake.groups(1) == std::vector<LiveGroup>{{10, "Legacy", 3, 0}});
}

TEST_CASE("deletes start once every other action of their test ended") {
  FakeGateway fake;
  fake.add_test(
      1, "Checkout",
      {{10, "Callers", 3, 0}, {11, "Old", 1, 0}, {12, "Older", 1, 0}, {13, "Hosts", 1, 0}});
  fake.add_test(2, "Other", {{20, "Gone", 1, 0}});
  // The first 5 calls wait until all 5 are in flight: test 1's four other actions and test 2's
  // delete. Were test 1's deletes not waiting, they would be among the first 5 taken (plan order).
  fake.gate_concurrency(5);
  LoggingGateway gateway(fake);
  ExecutorOptions options;
  options.parallelism = 8;
  const auto plan = plan_of({
      test_plan(1, {create_action("A", 1), create_action("B", 1),
                    duplicate_action("Old copy", 1, {11, "Old", 1}),
                    update_action(13, {"Hosts", 1}, {"Presenters", 2}), remove_action(11, "Old", 1),
                    remove_action(12, "Older", 1)}),
      test_plan(2, {remove_action(20, "Gone", 1)}),
  });

  const auto result = loadero_sync::execute_plan(plan, gateway, options);

  REQUIRE(result.complete());
  const auto log = gateway.log();
  const auto first_delete =
      std::min(position(log, "begin delete 1 11"), position(log, "begin delete 1 12"));
  for (const auto* line :
       {"end create 1 A", "end create 1 B", "end copy 1 Old copy", "end update 1 Presenters"}) {
    CHECK_MESSAGE(position(log, line) < first_delete, line);
  }
  std::vector<std::string> names;
  for (const auto& group : fake.groups(1)) names.push_back(group.name);
  std::sort(names.begin(), names.end());
  CHECK(names == std::vector<std::string>{"A", "B", "Callers", "Old copy", "Presenters"});
  CHECK(fake.groups(2).empty());
}

TEST_CASE("deletes do not run when another action of their test failed") {
  FakeGateway fake;
  fake.add_test(1, "Checkout", {{11, "Old", 1, 0}, {12, "Older", 1, 0}});
  fake.fail("create", http_error(422), -1, Commit::no, "Broken");
  ExecutorOptions options;
  options.parallelism = 8;
  const auto plan =
      plan_of({test_plan(1, {create_action("Fine", 1), create_action("Broken", 1),
                             remove_action(11, "Old", 1), remove_action(12, "Older", 1)})});

  const auto result = loadero_sync::execute_plan(plan, fake, options);

  const auto& outcomes = result.tests[0].actions;
  CHECK(outcomes[0].status == ActionStatus::applied);  // in flight with Broken, or before it
  CHECK(outcomes[1].status == ActionStatus::failed);
  CHECK(outcomes[2].status == ActionStatus::not_attempted);
  CHECK(outcomes[3].status == ActionStatus::not_attempted);
  CHECK(outcomes[2].error == "an earlier action of this test failed (create \"Broken\")");
  for (const auto& call : fake.calls()) CHECK(call.op != "delete");
  CHECK(fake.groups(1).size() == 3);
}

TEST_CASE("with parallelism 1 every action runs in plan order, one at a time") {
  FakeGateway fake;
  fake.add_test(1, "a", {{10, "Callers", 3, 0}, {11, "Old", 1, 0}, {12, "Hosts", 1, 0}});
  fake.add_test(2, "b", {{20, "Gone", 1, 0}});
  const auto plan = plan_of({
      test_plan(2, {create_action("X", 1), remove_action(20, "Gone", 1)}),
      test_plan(1,
                {create_action("A", 1), create_action("B", 2),
                 duplicate_action("Callers EU", 5, {10, "Callers", 3}),
                 duplicate_action("A copy", 1, {std::nullopt, "A", 1}),
                 update_action(12, {"Hosts", 1}, {"Presenters", 2}),
                 update_action(10, {"Callers", 3}, {"Callers", 4}), remove_action(11, "Old", 1)}),
  });
  std::vector<std::string> events;
  ExecutorOptions options;
  options.parallelism = 1;
  options.on_start = [&](const loadero_sync::TestPlan& test, const loadero_sync::Action& action) {
    events.push_back("start " + std::to_string(test.test_id) + " " + action.name);
  };
  options.on_progress = [&](const loadero_sync::ProgressEvent& event) {
    events.push_back("end " + std::to_string(event.test->test_id) + " " + event.action->name + " " +
                     std::to_string(event.done));
  };

  const auto result = loadero_sync::execute_plan(plan, fake, options);

  CHECK(result.complete());
  CHECK(fake.max_in_flight() == 1);
  CHECK(fake.calls() == std::vector<Call>{
                            {"create", 2, 0, "X", 1},
                            {"delete", 2, 20, "", 0},
                            {"list", 2, 0, "", 0},
                            {"create", 1, 0, "A", 1},
                            {"create", 1, 0, "B", 2},
                            {"copy", 1, 10, "Callers EU", 0},
                            {"update", 1, 1003, "Callers EU", 5},
                            {"copy", 1, 1001, "A copy", 0},
                            {"update", 1, 12, "Presenters", 2},
                            {"update", 1, 10, "Callers", 4},
                            {"delete", 1, 11, "", 0},
                            {"list", 1, 0, "", 0},
                        });
  CHECK(events == std::vector<std::string>{
                      "start 2 X",
                      "end 2 X 1",
                      "start 2 Gone",
                      "end 2 Gone 2",
                      "start 1 A",
                      "end 1 A 3",
                      "start 1 B",
                      "end 1 B 4",
                      "start 1 Callers EU",
                      "end 1 Callers EU 5",
                      "start 1 A copy",
                      "end 1 A copy 6",
                      "start 1 Presenters",
                      "end 1 Presenters 7",
                      "start 1 Callers",
                      "end 1 Callers 8",
                      "start 1 Old",
                      "end 1 Old 9",
                  });
}

TEST_CASE("a failure leaves the actions of its test not started yet not attempted") {
  FakeGateway fake;
  fake.add_test(1, "Checkout").add_test(2, "Other");
  fake.fail("create", http_error(422), -1, Commit::no, "Broken");
  // "Slow" is in flight while "Broken" fails: it holds its worker until Broken is reported, so
  // with 2 workers nothing else of the test can have started by then.
  Signal broken_reported;
  bool slow_waited = false;
  fake.on_call([&](const Call& call) {
    if (call.op == "create" && call.name == "Slow") slow_waited = broken_reported.wait();
  });
  std::vector<ActionStatus> progress;
  std::atomic<std::size_t> started{0};
  ExecutorOptions options;
  options.parallelism = 2;
  options.on_start = [&](const loadero_sync::TestPlan&, const loadero_sync::Action&) { ++started; };
  options.on_progress = [&](const loadero_sync::ProgressEvent& event) {
    progress.push_back(event.status);
    if (event.action->name == "Broken") broken_reported.raise();
  };
  const auto plan = plan_of({
      test_plan(1, {create_action("Slow", 1), create_action("Broken", 1), create_action("C", 1),
                    create_action("D", 1), remove_action(7, "Old", 1)}),
      test_plan(2, {create_action("Other", 1)}),
  });

  const auto result = loadero_sync::execute_plan(plan, fake, options);

  CHECK(slow_waited);
  CHECK(statuses(result.tests[0]) ==
        std::vector{ActionStatus::applied, ActionStatus::failed, ActionStatus::not_attempted,
                    ActionStatus::not_attempted, ActionStatus::not_attempted});
  for (std::size_t a = 2; a < 5; ++a) {
    CHECK(result.tests[0].actions[a].error ==
          "an earlier action of this test failed (create \"Broken\")");
  }
  CHECK(statuses(result.tests[1]) == std::vector{ActionStatus::applied});  // other tests go on
  CHECK(started == 3);
  CHECK(progress.size() == 6);
  for (const auto& call : fake.calls()) CHECK((call.name != "C" && call.name != "D"));
  auto ops = fake.ops();
  std::sort(ops.begin(), ops.end());
  CHECK(ops == std::vector<std::string>{"create", "create", "create", "list", "list"});
}

TEST_CASE("a cancel leaves every action not started yet interrupted, in every test") {
  FakeGateway fake;
  fake.add_test(1, "Checkout").add_test(2, "Other");
  loadero_sync::CancelToken token;
  // "B" cancels; "Slow" is in flight meanwhile and holds its worker until B is reported.
  Signal b_reported;
  bool slow_waited = false;
  fake.on_call([&](const Call& call) {
    if (call.op == "create" && call.name == "B") token.cancel();
    if (call.op == "create" && call.name == "Slow") slow_waited = b_reported.wait();
  });
  std::atomic<std::size_t> started{0};
  ExecutorOptions options;
  options.parallelism = 2;
  options.cancel = &token;
  options.on_start = [&](const loadero_sync::TestPlan&, const loadero_sync::Action&) { ++started; };
  options.on_progress = [&](const loadero_sync::ProgressEvent& event) {
    if (event.action->name == "B") b_reported.raise();
  };
  const auto plan = plan_of({
      test_plan(1, {create_action("Slow", 1), create_action("B", 1), create_action("C", 1),
                    remove_action(7, "Old", 1)}),
      test_plan(2, {create_action("Other", 1)}),
  });

  const auto result = loadero_sync::execute_plan(plan, fake, options);

  CHECK(slow_waited);
  CHECK(statuses(result.tests[0]) == std::vector{ActionStatus::applied, ActionStatus::applied,
                                                 ActionStatus::interrupted,
                                                 ActionStatus::interrupted});
  CHECK(statuses(result.tests[1]) == std::vector{ActionStatus::interrupted});
  CHECK(started == 2);
  CHECK(result.interrupted() == 3);
  // No further request, the check read of a test that made groups included.
  CHECK(fake.ops() == std::vector<std::string>{"create", "create"});
}

TEST_CASE("an exception from a callback stops the run and escapes instead of hanging it") {
  FakeGateway fake;
  fake.add_test(1, "Checkout").add_test(2, "Other");
  std::vector<loadero_sync::Action> actions;
  for (int i = 0; i < 10; ++i) actions.push_back(create_action("G" + std::to_string(i), 1));
  const auto plan = plan_of({test_plan(1, actions), test_plan(2, actions)});
  std::atomic<int> started{0};
  ExecutorOptions options;
  options.parallelism = 4;
  options.on_start = [&](const loadero_sync::TestPlan&, const loadero_sync::Action&) {
    if (++started == 3) throw std::runtime_error("progress display broke");
  };

  CHECK_THROWS_WITH_AS(loadero_sync::execute_plan(plan, fake, options), "progress display broke",
                       std::runtime_error);
}
