// An interrupted live read: once the token is cancelled no request is started, the reads in
// flight end, and Cancelled is thrown instead of a partial result.

#include <doctest/doctest.h>

#include "fake_gateway.hpp"
#include "loadero_sync/cancel.hpp"
#include "loadero_sync/live_state.hpp"

using namespace loadero_test;
using loadero_sync::Cancelled;
using loadero_sync::CancelToken;
using loadero_sync::DesiredTest;

namespace {

std::vector<DesiredTest> tests_by_id(FakeGateway& fake, std::int64_t count) {
  std::vector<DesiredTest> desired;
  for (std::int64_t id = 1; id <= count; ++id) {
    fake.add_test(id, "t" + std::to_string(id), {{id * 10, "G", 1, 0}});
    DesiredTest test;
    test.test_id = id;
    desired.push_back(test);
  }
  return desired;
}

std::size_t count_op(const FakeGateway& fake, const std::string& op) {
  std::size_t n = 0;
  for (const auto& call : fake.calls()) n += call.op == op ? 1 : 0;
  return n;
}

}  // namespace

TEST_CASE("a live read with a cancelled token sends no request and throws Cancelled") {
  FakeGateway fake;
  const auto desired = tests_by_id(fake, 3);
  CancelToken token;
  token.cancel();

  CHECK_THROWS_AS(loadero_sync::read_live_state(fake, desired, 2, {}, token), Cancelled);
  CHECK_THROWS_AS(loadero_sync::read_live_tests(fake, {1, 2, 3}, 2, token), Cancelled);
  CHECK(fake.calls().empty());
}

TEST_CASE("a live read cancelled during its first request stops after it") {
  FakeGateway fake;
  const auto desired = tests_by_id(fake, 6);
  CancelToken token;
  fake.on_call([&token](const Call&) { token.cancel(); });

  CHECK_THROWS_AS(loadero_sync::read_live_state(fake, desired, 1, {}, token), Cancelled);
  CHECK(fake.calls() == std::vector<Call>{{"list_tests", 0, 0, "", 0}});
}

TEST_CASE("a parallel live read cancelled with reads in flight lets them end and starts no other") {
  FakeGateway fake;
  const auto desired = tests_by_id(fake, 12);
  // Four reads are in flight together when the first of them cancels.
  fake.gate_concurrency(4);
  CancelToken token;
  fake.on_call([&token](const Call&) { token.cancel(); });

  CHECK_THROWS_AS(loadero_sync::read_live_state(fake, desired, 4, {}, token), Cancelled);
  // The tests list and three groups lists: the first requests of the read.
  CHECK(count_op(fake, "list_tests") == 1);
  CHECK(count_op(fake, "list") == 3);
  CHECK(fake.calls().size() == 4);
}

TEST_CASE("an interrupted read_live_tests reports the interruption, not a failed test") {
  FakeGateway fake;
  tests_by_id(fake, 2);
  CancelToken token;
  fake.on_call([&token](const Call& call) {
    if (call.op == "list") token.cancel();
  });

  // Test 9 does not exist, yet the read was interrupted: Cancelled wins over the 404.
  CHECK_THROWS_AS(loadero_sync::read_live_tests(fake, {9, 1, 2}, 1, token), Cancelled);
  CHECK(fake.ops() == std::vector<std::string>{"list_tests", "list"});
}

TEST_CASE("a token nobody cancels reads everything") {
  FakeGateway fake;
  const auto desired = tests_by_id(fake, 3);
  CancelToken token;

  const auto result = loadero_sync::read_live_state(fake, desired, 2, {}, token);

  CHECK(result.ok());
  CHECK(result.live.size() == 3);
  CHECK_FALSE(CancelToken::never().cancelled());
}
