// An interrupted apply: the executor starts no action once its token is cancelled, lets the
// actions in flight finish, and the apply report says which actions were not attempted.

#include <doctest/doctest.h>

#include <atomic>
#include <sstream>

#include "fake_gateway.hpp"
#include "loadero_sync/cancel.hpp"
#include "loadero_sync/executor.hpp"
#include "loadero_sync/report.hpp"
#include "plan_builders.hpp"

using namespace loadero_test;
using loadero_sync::ActionStatus;
using loadero_sync::CancelToken;
using loadero_sync::ExecutorOptions;

namespace {

bool is_write(const Call& call) {
  return call.op == "create" || call.op == "update" || call.op == "delete" || call.op == "copy";
}

// Cancels `token` when the fake receives its first write.
void cancel_at_first_write(FakeGateway& fake, CancelToken& token) {
  fake.on_call([&token](const Call& call) {
    if (is_write(call)) token.cancel();
  });
}

}  // namespace

TEST_CASE("a token cancelled during the first write stops the apply after that write") {
  FakeGateway fake;
  fake.add_test(1, "Checkout");
  CancelToken token;
  cancel_at_first_write(fake, token);
  std::vector<ActionStatus> progress;
  std::size_t started = 0;
  ExecutorOptions options;
  options.parallelism = 1;
  options.cancel = &token;
  options.on_start = [&](const loadero_sync::TestPlan&, const loadero_sync::Action&) { ++started; };
  options.on_progress = [&](const loadero_sync::ProgressEvent& event) {
    progress.push_back(event.status);
  };
  const auto plan = plan_of({test_plan(1, {create_action("A", 1), create_action("B", 1),
                                           create_action("C", 2), create_action("D", 3)})});

  const auto result = loadero_sync::execute_plan(plan, fake, options);

  CHECK(fake.calls() == std::vector<Call>{{"create", 1, 0, "A", 1}});
  CHECK(statuses(result.tests[0]) == std::vector{ActionStatus::applied, ActionStatus::interrupted,
                                                 ActionStatus::interrupted,
                                                 ActionStatus::interrupted});
  CHECK(result.tests[0].actions[0].group_id == 1000);
  for (std::size_t a = 1; a < 4; ++a) {
    CHECK(result.tests[0].actions[a].error.empty());
    CHECK_FALSE(result.tests[0].actions[a].group_id.has_value());
  }
  CHECK(started == 1);
  CHECK(progress.size() == 4);  // every action is reported, the interrupted ones too
  CHECK(result.applied() == 1);
  CHECK(result.failed() == 0);
  CHECK(result.interrupted() == 3);
  CHECK(result.not_attempted() == 3);
  CHECK_FALSE(result.complete());
  CHECK(fake.groups(1).size() == 1);
}

TEST_CASE("the writes in flight when the token is cancelled all finish and no other starts") {
  FakeGateway fake;
  std::vector<loadero_sync::TestPlan> tests;
  for (std::int64_t id = 1; id <= 5; ++id) {
    fake.add_test(id, "t");
    tests.push_back(test_plan(id, {create_action("A", 1), create_action("B", 1)}));
  }
  // The first three writes are in flight together before the first of them cancels.
  fake.gate_concurrency(3);
  CancelToken token;
  cancel_at_first_write(fake, token);
  std::atomic<int> started{0};
  ExecutorOptions options;
  options.parallelism = 3;
  options.cancel = &token;
  options.on_start = [&](const loadero_sync::TestPlan&, const loadero_sync::Action&) { ++started; };

  const auto result = loadero_sync::execute_plan(plan_of(tests), fake, options);

  CHECK(fake.calls().size() == 3);
  CHECK(started == 3);
  CHECK(result.applied() == 3);
  CHECK(result.interrupted() == 7);
  CHECK(result.failed() == 0);
  std::size_t live = 0;
  for (std::int64_t id = 1; id <= 5; ++id) live += fake.groups(id).size();
  CHECK(live == 3);
  // Actions of one test run side by side too: the three writes are the first three in plan order
  // (test 1's two, test 2's first); every other action is interrupted.
  for (const auto& test : result.tests) {
    std::size_t applied = 0;
    for (const auto& action : test.actions) {
      CHECK((action.status == ActionStatus::applied || action.status == ActionStatus::interrupted));
      if (action.status == ActionStatus::applied) ++applied;
    }
    CHECK(fake.groups(test.test_id).size() == applied);
  }
}

TEST_CASE("a duplicate in flight when the token is cancelled still sets its count") {
  FakeGateway fake;
  fake.add_test(1, "Checkout", {{10, "Callers", 3, 2}});
  CancelToken token;
  cancel_at_first_write(fake, token);
  ExecutorOptions options;
  options.parallelism = 1;  // "Later" would otherwise start beside the copy
  options.cancel = &token;
  const auto plan = plan_of({test_plan(
      1, {duplicate_action("Callers EU", 5, {10, "Callers", 3}), create_action("Later", 1)})});

  const auto result = loadero_sync::execute_plan(plan, fake, options);

  CHECK(fake.calls() ==
        std::vector<Call>{{"copy", 1, 10, "Callers EU", 0}, {"update", 1, 1000, "Callers EU", 5}});
  CHECK(statuses(result.tests[0]) == std::vector{ActionStatus::applied, ActionStatus::interrupted});
}

TEST_CASE(
    "a cancelled token leaves a failed test's skipped actions not attempted for the failure") {
  FakeGateway fake;
  fake.add_test(1, "Checkout");
  fake.fail("create", http_error(422), 1, Commit::no, "Broken");
  CancelToken token;
  cancel_at_first_write(fake, token);
  ExecutorOptions options;
  options.parallelism = 1;  // "Later" would otherwise start beside "Broken"
  options.cancel = &token;
  const auto plan =
      plan_of({test_plan(1, {create_action("Broken", 1), create_action("Later", 1)})});

  const auto result = loadero_sync::execute_plan(plan, fake, options);

  CHECK(statuses(result.tests[0]) ==
        std::vector{ActionStatus::failed, ActionStatus::not_attempted});
  CHECK(result.interrupted() == 0);
}

TEST_CASE("a token cancelled before the apply starts no write and every action is interrupted") {
  FakeGateway fake;
  fake.add_test(1, "a").add_test(2, "b");
  CancelToken token;
  token.cancel();
  ExecutorOptions options;
  options.cancel = &token;

  const auto result = loadero_sync::execute_plan(
      plan_of({test_plan(1, {create_action("A", 1)}),
               test_plan(2, {remove_action(7, "Old", 1), create_action("B", 1)})}),
      fake, options);

  CHECK(fake.calls().empty());
  CHECK(result.interrupted() == 3);
  CHECK(result.applied() == 0);
}

TEST_CASE("the apply report of an interrupted apply names every action not attempted") {
  FakeGateway fake;
  fake.add_test(1, "Checkout");
  CancelToken token;
  cancel_at_first_write(fake, token);
  ExecutorOptions options;
  options.parallelism = 1;  // "Hosts" would otherwise start beside "Callers"
  options.cancel = &token;
  const auto plan =
      plan_of({test_plan(1, {create_action("Callers", 2), create_action("Hosts", 1)})});
  const auto result = loadero_sync::execute_plan(plan, fake, options);

  std::ostringstream out;
  loadero_sync::write_apply_text(out, plan, result);

  CHECK(out.str() ==
        "\nApply results:\n"
        "\n  # test 1 \"test 1\"\n"
        "  applied                      + group \"Callers\" (count 2), id 1000\n"
        "  not attempted (interrupted)  + group \"Hosts\" (count 1)\n"
        "\nApply interrupted: 1 applied, 0 failed, 1 not attempted.\n"
        "Run apply again to finish: it plans from the live state and makes only the changes "
        "still missing.\n");
}

TEST_CASE("an interrupted action is spelled as not attempted") {
  CHECK(loadero_sync::to_string(ActionStatus::interrupted) == "not attempted (interrupted)");
}
