#include "loadero_sync/executor.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <map>
#include <string>

#include "fake_gateway.hpp"
#include "plan_builders.hpp"

using namespace loadero_test;
using loadero_sync::ActionStatus;
using loadero_sync::ExecutorOptions;
using loadero_sync::GroupState;
using loadero_sync::LiveGroup;

TEST_CASE("the actions of one test run in plan order and each ends applied") {
  FakeGateway fake;
  fake.add_test(1, "Checkout", {{10, "Callers", 3, 2}, {11, "Old", 1, 0}, {12, "Hosts", 1, 1}});
  const auto plan = plan_of({test_plan(1, {
                                              remove_action(11, "Old", 1),
                                              update_action(12, {"Hosts", 1}, {"Presenters", 2}),
                                              create_action("Viewers", 4),
                                              duplicate_action("Callers EU", 5, {10, "Callers", 3}),
                                          })});
  ExecutorOptions options;
  options.parallelism = 1;  // one action at a time; at more, see executor_parallel_test.cpp

  const auto result = loadero_sync::execute_plan(plan, fake, options);

  CHECK(fake.calls() == std::vector<Call>{
                            {"delete", 1, 11, "", 0},
                            {"update", 1, 12, "Presenters", 2},
                            {"create", 1, 0, "Viewers", 4},
                            {"copy", 1, 10, "Callers EU", 0},
                            {"update", 1, 1001, "Callers EU", 5},
                            {"list", 1, 0, "", 0},  // the check for another writer's groups
                        });
  REQUIRE(result.tests.size() == 1);
  CHECK(result.tests[0].test_id == 1);
  CHECK(statuses(result.tests[0]) == std::vector{ActionStatus::applied, ActionStatus::applied,
                                                 ActionStatus::applied, ActionStatus::applied});
  CHECK(result.tests[0].actions[0].group_id == 11);
  CHECK(result.tests[0].actions[1].group_id == 12);
  CHECK(result.tests[0].actions[2].group_id == 1000);
  CHECK(result.tests[0].actions[3].group_id == 1001);
  CHECK(result.applied() == 4);
  CHECK(result.failed() == 0);
  CHECK(result.not_attempted() == 0);
  CHECK(result.complete());
  CHECK(fake.groups(1) == std::vector<LiveGroup>{{10, "Callers", 3, 2},
                                                 {12, "Presenters", 2, 1},
                                                 {1000, "Viewers", 4, 0},
                                                 {1001, "Callers EU", 5, 2}});
}

TEST_CASE("a duplicate whose count already matches the copy sends no update") {
  FakeGateway fake;
  fake.add_test(1, "Checkout", {{10, "Callers", 3, 2}});
  const auto plan =
      plan_of({test_plan(1, {duplicate_action("Callers EU", 3, {10, "Callers", 3})})});

  const auto result = loadero_sync::execute_plan(plan, fake, ExecutorOptions{});

  CHECK(fake.ops() == std::vector<std::string>{"copy", "list"});
  CHECK(result.complete());
}

TEST_CASE("a duplicate of a group created earlier in the same test copies the new group") {
  FakeGateway fake;
  fake.add_test(1, "Checkout");
  const auto plan =
      plan_of({test_plan(1, {create_action("Callers", 2),
                             duplicate_action("Callers EU", 2, {std::nullopt, "Callers", 2})})});

  const auto result = loadero_sync::execute_plan(plan, fake, ExecutorOptions{});

  CHECK(fake.calls() == std::vector<Call>{{"create", 1, 0, "Callers", 2},
                                          {"copy", 1, 1000, "Callers EU", 0},
                                          {"list", 1, 0, "", 0}});
  CHECK(result.tests[0].actions[1].group_id == 1001);
  CHECK(result.complete());
}

TEST_CASE(
    "a duplicate whose source has no id and was not created earlier fails without a request") {
  FakeGateway fake;
  fake.add_test(1, "Checkout");
  const auto plan =
      plan_of({test_plan(1, {duplicate_action("Copy", 2, {std::nullopt, "Ghost", 2})})});

  const auto result = loadero_sync::execute_plan(plan, fake, ExecutorOptions{});

  CHECK(fake.calls().empty());
  CHECK(result.tests[0].actions[0].status == ActionStatus::failed);
  CHECK(result.tests[0].actions[0].error ==
        "malformed plan: the copy source \"Ghost\" has no id and was not created earlier in this "
        "test");
  CHECK((result.applied() == 0 && !result.complete()));
}

TEST_CASE("actions run in parallel, never more at once than the parallelism") {
  FakeGateway fake;
  std::vector<loadero_sync::TestPlan> tests;
  for (std::int64_t id = 1; id <= 6; ++id) {
    fake.add_test(id, "t");
    tests.push_back(test_plan(id, {create_action("A", 1), create_action("B", 1)}));
  }
  fake.gate_concurrency(3);
  ExecutorOptions options;
  options.parallelism = 3;

  const auto result = loadero_sync::execute_plan(plan_of(tests), fake, options);

  CHECK(fake.max_in_flight() == 3);
  CHECK(result.applied() == 12);
  for (std::int64_t id = 1; id <= 6; ++id) {
    // The two creates of a test may run side by side, so either may come first.
    std::vector<std::string> names;
    for (const auto& group : fake.groups(id)) names.push_back(group.name);
    std::sort(names.begin(), names.end());
    CHECK(names == std::vector<std::string>{"A", "B"});
  }
}

TEST_CASE("with parallelism 1 the tests run one after another in plan order") {
  FakeGateway fake;
  fake.add_test(1, "a").add_test(2, "b");
  ExecutorOptions options;
  options.parallelism = 1;

  loadero_sync::execute_plan(
      plan_of({test_plan(2, {create_action("X", 1)}), test_plan(1, {create_action("Y", 1)})}), fake,
      options);

  CHECK(fake.calls() == std::vector<Call>{{"create", 2, 0, "X", 1},
                                          {"list", 2, 0, "", 0},
                                          {"create", 1, 0, "Y", 1},
                                          {"list", 1, 0, "", 0}});
  CHECK(fake.max_in_flight() == 1);
}

TEST_CASE("after a failure the rest of that test is not attempted while other tests go on") {
  FakeGateway fake;
  fake.add_test(1, "a").add_test(2, "b");
  fake.fail("create", http_error(422, "POST", "projects/5040/tests/1/groups/"), -1, Commit::no,
            "Broken");
  const auto plan = plan_of({
      test_plan(1,
                {create_action("Fine", 1), create_action("Broken", 1), create_action("Later", 1)}),
      test_plan(2, {create_action("Other", 1), create_action("More", 2)}),
  });
  ExecutorOptions options;
  options.parallelism = 1;  // "Later" would otherwise start beside "Broken"

  const auto result = loadero_sync::execute_plan(plan, fake, options);

  CHECK(statuses(result.tests[0]) ==
        std::vector{ActionStatus::applied, ActionStatus::failed, ActionStatus::not_attempted});
  CHECK(statuses(result.tests[1]) == std::vector{ActionStatus::applied, ActionStatus::applied});
  CHECK(result.tests[0].actions[1].error ==
        std::string(http_error(422, "POST", "projects/5040/tests/1/groups/").what()));
  CHECK(result.tests[0].actions[2].error ==
        "an earlier action of this test failed (create \"Broken\")");
  CHECK_FALSE(result.tests[0].actions[2].group_id.has_value());
  CHECK(result.applied() == 3);
  CHECK(result.failed() == 1);
  CHECK(result.not_attempted() == 1);
  CHECK((result.applied() > 0 && !result.complete()));
  for (const auto& call : fake.calls()) CHECK(call.name != "Later");
}

TEST_CASE("an apply in which nothing could be applied exits 1") {
  FakeGateway fake;
  fake.add_test(1, "a").add_test(2, "b");
  fake.fail("create", http_error(500), -1);
  const auto plan = plan_of({test_plan(1, {create_action("A", 1), create_action("B", 1)}),
                             test_plan(2, {create_action("C", 1)})});
  ExecutorOptions options;
  options.parallelism = 1;  // "B" would otherwise start beside "A"

  const auto result = loadero_sync::execute_plan(plan, fake, options);

  CHECK(result.applied() == 0);
  CHECK(result.failed() == 2);
  CHECK(result.not_attempted() == 1);
  CHECK((result.applied() == 0 && !result.complete()));
}

TEST_CASE("an empty plan applies nothing and exits 0") {
  FakeGateway fake;
  const auto result = loadero_sync::execute_plan(plan_of({}), fake, ExecutorOptions{});
  CHECK(result.tests.empty());
  CHECK(result.complete());
  CHECK(fake.calls().empty());
}

TEST_CASE("a duplicate whose count could not be set fails but reports the copy's id") {
  FakeGateway fake;
  fake.add_test(1, "a", {{10, "Callers", 3, 0}});
  fake.fail("update", http_error(503, "PUT", "projects/5040/tests/1/groups/1000/"));
  const auto plan =
      plan_of({test_plan(1, {duplicate_action("Callers EU", 1, {10, "Callers", 3})})});

  const auto result = loadero_sync::execute_plan(plan, fake, ExecutorOptions{});

  CHECK(result.tests[0].actions[0].status == ActionStatus::failed);
  CHECK(result.tests[0].actions[0].group_id == 1000);
  CHECK((result.applied() == 0 && !result.complete()));
}

TEST_CASE("progress reports every action once, counting up to the total") {
  FakeGateway fake;
  fake.add_test(1, "a").add_test(2, "b").add_test(3, "c");
  fake.fail("create", http_error(422), -1, Commit::no, "Bad");
  const auto plan = plan_of(
      {test_plan(1, {create_action("A", 1), create_action("Bad", 1), create_action("C", 1)}),
       test_plan(2, {create_action("D", 1)}), test_plan(3, {})});
  std::vector<std::size_t> done;
  std::map<std::string, ActionStatus> by_name;
  ExecutorOptions options;
  options.parallelism = 1;  // "C" would otherwise start beside "Bad"
  options.on_progress = [&](const loadero_sync::ProgressEvent& event) {
    CHECK(event.total == 4);
    REQUIRE(event.action != nullptr);
    REQUIRE(event.test != nullptr);
    REQUIRE(event.outcome != nullptr);
    CHECK(event.outcome->status == event.status);
    done.push_back(event.done);
    by_name[event.action->name] = event.status;
  };

  loadero_sync::execute_plan(plan, fake, options);

  CHECK(done == std::vector<std::size_t>{1, 2, 3, 4});
  CHECK(by_name == std::map<std::string, ActionStatus>{{"A", ActionStatus::applied},
                                                       {"Bad", ActionStatus::failed},
                                                       {"C", ActionStatus::not_attempted},
                                                       {"D", ActionStatus::applied}});
}

TEST_CASE("action statuses are spelled for people") {
  CHECK(loadero_sync::to_string(ActionStatus::applied) == "applied");
  CHECK(loadero_sync::to_string(ActionStatus::failed) == "failed");
  CHECK(loadero_sync::to_string(ActionStatus::not_attempted) == "not attempted");
}

TEST_CASE("a group another writer created under a planned name at the same time is a conflict") {
  FakeGateway fake;
  // The plan was made before another writer created "Viewers" (group 900).
  fake.add_test(1, "a", {{900, "Viewers", 4, 0}});
  const auto plan = plan_of({test_plan(1, {create_action("Viewers", 4)})});

  const auto result = loadero_sync::execute_plan(plan, fake, ExecutorOptions{});

  CHECK(result.applied() == 1);
  REQUIRE(result.tests[0].conflicts.size() == 1);
  CHECK(result.tests[0].conflicts[0] ==
        "group name \"Viewers\" now has 2 live groups (ids 900, 1000); this apply made group "
        "1000, another writer made the others at the same time: delete the extra groups, or pin "
        "the one to keep with id:");
  CHECK_FALSE(result.complete());
}

TEST_CASE("a delete of a group someone else already deleted is applied, noted already gone") {
  FakeGateway fake;
  fake.add_test(1, "a");
  RecordingSleeper sleeper;
  loadero_sync::RetryingGateway gateway(fake, loadero_sync::RetryPolicy{}, sleeper, {}, 7);
  const auto plan = plan_of({test_plan(1, {remove_action(11, "Old", 1)})});

  const auto result = loadero_sync::execute_plan(plan, gateway, ExecutorOptions{});

  CHECK(result.complete());
  CHECK(result.tests[0].actions[0].status == ActionStatus::applied);
  CHECK(result.tests[0].actions[0].note == "already gone");
}
