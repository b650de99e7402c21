#include <doctest/doctest.h>

#include "fake_gateway.hpp"
#include "loadero_sync/executor.hpp"
#include "loadero_sync/gateway.hpp"
#include "plan_builders.hpp"

using namespace loadero_test;
using loadero_sync::DryRunGateway;
using loadero_sync::LiveGroup;
using loadero_sync::RecordedRequest;

TEST_CASE("a dry run records the method, route and body of every write and sends none") {
  FakeGateway fake;
  fake.add_test(6866, "Checkout",
                {{48797, "Callers", 3, 2}, {48798, "Old", 1, 0}, {48799, "Mods", 1, 1}});
  std::vector<RecordedRequest> printed;
  DryRunGateway dry_run(fake, 5040,
                        [&](const RecordedRequest& request) { printed.push_back(request); });
  const auto plan =
      plan_of({test_plan(6866, {
                                   remove_action(48798, "Old", 1),
                                   update_action(48799, {"Mods", 1}, {"Moderators", 2}),
                                   create_action("Viewers", 4),
                                   duplicate_action("Callers EU", 5, {48797, "Callers", 3}),
                                   duplicate_action("Viewers EU", 4, {std::nullopt, "Viewers", 4}),
                               })});

  const auto result = loadero_sync::execute_plan(plan, dry_run, loadero_sync::ExecutorOptions{});

  const std::vector<RecordedRequest> expected{
      {"DELETE", "projects/5040/tests/6866/groups/48798/", "", 6866},
      {"PUT", "projects/5040/tests/6866/groups/48799/", R"({"count":2,"name":"Moderators"})", 6866},
      {"POST", "projects/5040/tests/6866/groups/", R"({"count":4,"name":"Viewers"})", 6866},
      {"POST", "projects/5040/tests/6866/groups/48797/copy/", R"({"name":"Callers EU"})", 6866},
      {"PUT", "projects/5040/tests/6866/groups/-2/", R"({"count":5,"name":"Callers EU"})", 6866},
      {"POST", "projects/5040/tests/6866/groups/-1/copy/", R"({"name":"Viewers EU"})", 6866},
  };
  CHECK(dry_run.requests() == expected);
  CHECK(printed == expected);
  // Only reads reached the real gateway: the copy source's count was read once.
  CHECK(fake.ops() == std::vector<std::string>{"list"});
  CHECK(fake.groups(6866) == std::vector<LiveGroup>{{48797, "Callers", 3, 2},
                                                    {48798, "Old", 1, 0},
                                                    {48799, "Mods", 1, 1}});
  CHECK(result.complete());
  CHECK(result.tests[0].actions[2].group_id == -1);
  CHECK(result.tests[0].actions[3].group_id == -2);
  CHECK(result.tests[0].actions[4].group_id == -3);
}

TEST_CASE("reads pass through a dry run unchanged") {
  FakeGateway fake;
  fake.add_test(6866, "Checkout", {{1, "A", 2, 0}}).add_test(7000, "Smoke");
  DryRunGateway dry_run(fake, 5040);

  CHECK(dry_run.read_test(6866) == loadero_sync::TestInfo{6866, "Checkout"});
  CHECK(dry_run.find_tests("Smoke") == std::vector<loadero_sync::TestInfo>{{7000, "Smoke"}});
  CHECK(dry_run.list_groups(6866) == std::vector<LiveGroup>{{1, "A", 2, 0}});
  CHECK(fake.ops() == std::vector<std::string>{"read_test", "find_tests", "list"});
  CHECK(dry_run.requests().empty());
}

TEST_CASE("a dry run copy of a listed group reads nothing more and keeps the source's count") {
  FakeGateway fake;
  fake.add_test(1, "a", {{10, "Callers", 3, 2}});
  DryRunGateway dry_run(fake, 5040);
  dry_run.list_groups(1);

  const auto copy = dry_run.copy_group(1, 10, "Copy");

  CHECK(copy == LiveGroup{-1, "Copy", 3, 2});
  CHECK(fake.ops() == std::vector<std::string>{"list"});
}

TEST_CASE("a dry run refuses what the resource layer would refuse") {
  FakeGateway fake;
  fake.add_test(1, "a");
  DryRunGateway dry_run(fake, 5040);

  CHECK_THROWS_WITH_AS(dry_run.create_group(1, "", 1), "a group name must not be empty",
                       std::invalid_argument);
  CHECK_THROWS_WITH_AS(dry_run.update_group(1, 5, "A", 0),
                       "a group count must be at least 1, not 0", std::invalid_argument);
  CHECK_THROWS_WITH_AS(dry_run.copy_group(1, 5, "A"), "group 5 is not in test 1",
                       std::invalid_argument);
  CHECK(dry_run.requests().empty());
}

TEST_CASE("group routes are relative with a trailing slash") {
  CHECK(loadero_sync::group_route(5040, 6866) == "projects/5040/tests/6866/groups/");
  CHECK(loadero_sync::group_route(5040, 6866, 48797) == "projects/5040/tests/6866/groups/48797/");
}
