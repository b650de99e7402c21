#include "loadero_sync/retry.hpp"

#include <doctest/doctest.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "fake_gateway.hpp"

using namespace loadero_test;
using loadero_sync::LiveGroup;
using loadero_sync::RetryingGateway;
using loadero_sync::RetryPolicy;
using std::chrono::milliseconds;

namespace {

RetryPolicy policy(int retries) {
  RetryPolicy p;
  p.max_retries = retries;
  p.base_delay = milliseconds(100);
  p.max_delay = milliseconds(1000);
  return p;
}

}  // namespace

TEST_CASE("backoff delays use full jitter within [0, min(max_delay, base * 2^retry)]") {
  const auto p = policy(10);
  std::mt19937_64 rng(42);
  for (int retry = 0; retry < 8; ++retry) {
    const std::int64_t cap = std::min<std::int64_t>(1000, 100LL << retry);
    std::int64_t lowest = cap;
    std::int64_t highest = 0;
    for (int i = 0; i < 400; ++i) {
      const auto delay = loadero_sync::backoff_delay(p, retry, std::nullopt, rng).count();
      REQUIRE(delay >= 0);
      REQUIRE(delay <= cap);
      lowest = std::min(lowest, delay);
      highest = std::max(highest, delay);
    }
    // Full jitter spreads over the whole range, not only near the cap.
    CHECK(lowest < cap / 4);
    CHECK(highest > cap * 3 / 4);
  }
}

TEST_CASE("a huge retry number neither overflows nor waits longer than max_delay") {
  std::mt19937_64 rng(1);
  for (int i = 0; i < 50; ++i) {
    const auto delay = loadero_sync::backoff_delay(policy(3), 200, std::nullopt, rng);
    CHECK(delay >= milliseconds(0));
    CHECK(delay <= milliseconds(1000));
  }
}

TEST_CASE("Retry-After sets the delay, bounded by max_delay") {
  std::mt19937_64 rng(1);
  CHECK(loadero_sync::backoff_delay(policy(3), 0, 0.25, rng) == milliseconds(250));
  CHECK(loadero_sync::backoff_delay(policy(3), 2, 0.5, rng) == milliseconds(500));
  CHECK(loadero_sync::backoff_delay(policy(3), 0, 30.0, rng) == milliseconds(1000));
}

TEST_CASE("only 429, 408, 5xx and network errors are worth a retry") {
  CHECK(loadero_sync::is_retryable(http_error(429)));
  CHECK(loadero_sync::is_retryable(http_error(408)));
  CHECK(loadero_sync::is_retryable(http_error(500)));
  CHECK(loadero_sync::is_retryable(http_error(503)));
  CHECK(loadero_sync::is_retryable(timeout_error()));
  CHECK(loadero_sync::is_retryable(connection_error()));
  CHECK_FALSE(loadero_sync::is_retryable(http_error(404)));
  CHECK_FALSE(loadero_sync::is_retryable(http_error(422)));
  CHECK_FALSE(loadero_sync::is_retryable(std::runtime_error("not an API error")));
}

TEST_CASE("reads are retried on 429, 5xx and network errors, honouring Retry-After") {
  FakeGateway fake;
  fake.add_test(1, "a", {{10, "Callers", 1, 0}});
  fake.fail("list", http_error(429, "GET", "projects/5040/tests/1/groups/", 0.75));
  fake.fail("list", http_error(502, "GET", "projects/5040/tests/1/groups/"));
  fake.fail("list", timeout_error("GET", "projects/5040/tests/1/groups/"));
  RecordingSleeper sleeper;
  RetryingGateway gateway(fake, policy(3), sleeper, {}, 7);

  const auto groups = gateway.list_groups(1);

  CHECK(groups == std::vector<LiveGroup>{{10, "Callers", 1, 0}});
  CHECK(fake.ops() == std::vector<std::string>{"list", "list", "list", "list"});
  const auto delays = sleeper.delays();
  REQUIRE(delays.size() == 3);
  CHECK(delays[0] == milliseconds(750));
  CHECK(delays[1] <= milliseconds(200));
  CHECK(delays[2] <= milliseconds(400));
}

TEST_CASE("after --retries retries the last error is thrown") {
  FakeGateway fake;
  fake.add_test(1, "a", {{10, "Callers", 1, 0}});
  fake.fail("update", http_error(503, "PUT", "projects/5040/tests/1/groups/10/"), -1);
  RecordingSleeper sleeper;
  RetryingGateway gateway(fake, policy(2), sleeper, {}, 7);

  CHECK_THROWS_WITH_AS(gateway.update_group(1, 10, "Callers", 2),
                       http_error(503, "PUT", "projects/5040/tests/1/groups/10/").what(),
                       loadero::ApiError);
  // The outcome of the last attempt was unknown, so one read checked that the change is not there.
  CHECK(fake.ops() == std::vector<std::string>{"update", "update", "update", "list"});
  CHECK(sleeper.delays().size() == 2);
}

TEST_CASE("an update whose every answer was lost but which landed counts as done") {
  FakeGateway fake;
  fake.add_test(1, "a", {{10, "Callers", 1, 0}});
  fake.fail("update", timeout_error("PUT", "projects/5040/tests/1/groups/10/"), -1, Commit::yes);
  RecordingSleeper sleeper;
  RetryingGateway gateway(fake, policy(1), sleeper, {}, 7);

  CHECK(gateway.update_group(1, 10, "Callers", 4) == LiveGroup{10, "Callers", 4, 0});
  CHECK(fake.ops() == std::vector<std::string>{"update", "update", "list"});
}

TEST_CASE(
    "a delete whose answer was lost on the last attempt counts as done when the group is gone") {
  FakeGateway fake;
  fake.add_test(1, "a", {{10, "Old", 1, 0}});
  fake.fail("delete", timeout_error("DELETE", "projects/5040/tests/1/groups/10/"), 1, Commit::yes);
  RecordingSleeper sleeper;
  RetryingGateway gateway(fake, policy(0), sleeper, {}, 7);

  CHECK_NOTHROW(gateway.delete_group(1, 10));
  CHECK(fake.ops() == std::vector<std::string>{"delete", "list"});
}

TEST_CASE("when the read that settles a lost answer fails, the write's own error is thrown") {
  FakeGateway fake;
  fake.add_test(1, "a");
  const auto lost = timeout_error();
  fake.fail("create", lost, 1, Commit::no);
  fake.fail("list", http_error(500, "GET", "projects/5040/tests/1/groups/"), -1);
  RecordingSleeper sleeper;
  RetryingGateway gateway(fake, policy(0), sleeper, {}, 7);

  CHECK_THROWS_WITH_AS(gateway.create_group(1, "Callers", 1), lost.what(), loadero::ApiError);
  CHECK(fake.ops() == std::vector<std::string>{"create", "list"});
}

TEST_CASE("with --retries 0 nothing is retried") {
  FakeGateway fake;
  fake.add_test(1, "a");
  fake.fail("read_test", http_error(500, "GET", "projects/5040/tests/1/"));
  RecordingSleeper sleeper;
  RetryingGateway gateway(fake, policy(0), sleeper, {}, 7);

  CHECK_THROWS_AS(gateway.read_test(1), loadero::ApiError);
  CHECK(fake.ops() == std::vector<std::string>{"read_test"});
  CHECK(sleeper.delays().empty());
}

TEST_CASE("a client error other than 429 is not retried") {
  FakeGateway fake;
  fake.add_test(1, "a");
  fake.fail("create", http_error(422));
  RecordingSleeper sleeper;
  RetryingGateway gateway(fake, policy(3), sleeper, {}, 7);

  CHECK_THROWS_AS(gateway.create_group(1, "Callers", 1), loadero::ApiError);
  CHECK(fake.ops() == std::vector<std::string>{"create"});
  CHECK(sleeper.delays().empty());
}

TEST_CASE("a create whose answer was lost but which landed is adopted with no second POST") {
  FakeGateway fake;
  fake.add_test(1, "a", {{10, "Hosts", 1, 0}});
  fake.fail("create", timeout_error(), 1, Commit::yes);
  RecordingSleeper sleeper;
  RetryingGateway gateway(fake, policy(3), sleeper, {}, 7);
  gateway.list_groups(1);  // what planning read

  const auto group = gateway.create_group(1, "Callers", 3);

  CHECK(group == LiveGroup{1000, "Callers", 3, 0});
  CHECK(fake.ops() == std::vector<std::string>{"list", "create", "list"});
  CHECK(fake.groups(1).size() == 2);
  CHECK(sleeper.delays().empty());
}

TEST_CASE("a create that did not land is read back first, then sent again") {
  FakeGateway fake;
  fake.add_test(1, "a");
  fake.fail("create", http_error(503));
  RecordingSleeper sleeper;
  RetryingGateway gateway(fake, policy(3), sleeper, {}, 7);

  const auto group = gateway.create_group(1, "Callers", 3);

  CHECK(group == LiveGroup{1000, "Callers", 3, 0});
  CHECK(fake.ops() == std::vector<std::string>{"create", "list", "create"});
  CHECK(fake.groups(1).size() == 1);
  CHECK(sleeper.delays().size() == 1);
}

TEST_CASE("repeated lost answers never make a second group") {
  FakeGateway fake;
  fake.add_test(1, "a");
  fake.fail("create", http_error(502), 2, Commit::no);
  fake.fail("create", timeout_error(), 1, Commit::yes);
  RecordingSleeper sleeper;
  RetryingGateway gateway(fake, policy(5), sleeper, {}, 7);

  const auto group = gateway.create_group(1, "Callers", 3);

  CHECK(group.name == "Callers");
  CHECK(fake.ops() ==
        std::vector<std::string>{"create", "list", "create", "list", "create", "list"});
  CHECK(fake.groups(1).size() == 1);
}

TEST_CASE("a lost answer on the last attempt is still settled by reading") {
  FakeGateway fake;
  fake.add_test(1, "a");
  fake.fail("create", timeout_error(), 1, Commit::yes);
  RecordingSleeper sleeper;
  RetryingGateway gateway(fake, policy(0), sleeper, {}, 7);

  CHECK(gateway.create_group(1, "Callers", 3).id == 1000);
  CHECK(fake.ops() == std::vector<std::string>{"create", "list"});
}

TEST_CASE("a group of the same name seen before the create is not taken for the landed write") {
  FakeGateway fake;
  fake.add_test(1, "a", {{10, "Callers", 1, 0}});
  fake.fail("create", timeout_error(), 1, Commit::no);
  RecordingSleeper sleeper;
  RetryingGateway gateway(fake, policy(3), sleeper, {}, 7);
  gateway.list_groups(1);

  const auto group = gateway.create_group(1, "Callers", 2);

  CHECK(group == LiveGroup{1000, "Callers", 2, 0});
  CHECK(fake.ops() == std::vector<std::string>{"list", "create", "list", "create"});
}

namespace {

// Steps two lost-answer creates of one test through one order: "A" and "B" both land, the read
// settling A lists B's group, and only then does B's error reach the retrying gateway. Each wait
// gives up after 5 s, so a broken order fails the test instead of hanging it.
class InterleavingGateway : public FakeGateway {
 public:
  /// From now on the first list_groups is the read settling A.
  void arm() { m_armed = true; }
  /// A's create has returned: its settling read has been remembered.
  void a_settled() { raise(m_a_settled); }

  loadero_sync::LiveGroup create_group(std::int64_t test_id, const std::string& name,
                                       std::int64_t count) override {
    try {
      return FakeGateway::create_group(test_id, name, count);
    } catch (const loadero::ApiError&) {
      if (name == "B") {
        raise(m_b_landed);
        wait(m_a_settled);
      }
      throw;
    }
  }
  std::vector<LiveGroup> list_groups(std::int64_t test_id) override {
    if (m_armed.exchange(false)) wait(m_b_landed);
    return FakeGateway::list_groups(test_id);
  }

 private:
  void raise(bool& flag) {
    {
      const std::lock_guard lock(m_step_mutex);
      flag = true;
    }
    m_step_cv.notify_all();
  }
  void wait(const bool& flag) {
    std::unique_lock lock(m_step_mutex);
    m_step_cv.wait_for(lock, std::chrono::seconds(5), [&] { return flag; });
  }

  std::atomic<bool> m_armed{false};
  std::mutex m_step_mutex;
  std::condition_variable m_step_cv;
  bool m_b_landed = false;
  bool m_a_settled = false;
};

}  // namespace

TEST_CASE("a lost create is settled against the ids seen before it was sent, not when settled") {
  // The executor runs creates of one test side by side: the read settling one of them remembers
  // the group another one made, which must still count as that other write's landed group.
  InterleavingGateway fake;
  fake.add_test(1, "a", {{10, "Hosts", 1, 0}});
  fake.fail("create", timeout_error(), 2, Commit::yes);
  RecordingSleeper sleeper;
  RetryingGateway gateway(fake, policy(3), sleeper, {}, 7);
  gateway.list_groups(1);  // what planning read
  fake.arm();

  LiveGroup b;
  std::thread b_thread([&] { b = gateway.create_group(1, "B", 1); });
  const auto a = gateway.create_group(1, "A", 1);
  fake.a_settled();
  b_thread.join();

  CHECK(a.name == "A");
  CHECK(b.name == "B");
  CHECK(fake.groups(1).size() == 3);  // Hosts, A, B: no second B
  std::size_t creates = 0;
  for (const auto& op : fake.ops()) creates += op == "create" ? 1 : 0;
  CHECK(creates == 2);
}

TEST_CASE("a copy whose answer was lost but which landed is adopted with no second POST") {
  FakeGateway fake;
  fake.add_test(1, "a", {{10, "Callers", 3, 4}});
  fake.fail("copy", http_error(502, "POST", "projects/5040/tests/1/groups/10/copy/"), 1,
            Commit::yes);
  RecordingSleeper sleeper;
  RetryingGateway gateway(fake, policy(3), sleeper, {}, 7);

  const auto copy = gateway.copy_group(1, 10, "Callers EU");

  CHECK(copy == LiveGroup{1000, "Callers EU", 3, 4});
  CHECK(fake.ops() == std::vector<std::string>{"copy", "list"});
  CHECK(fake.groups(1).size() == 2);
}

TEST_CASE("a 429 or a refused connection on create is retried without reading first") {
  FakeGateway fake;
  fake.add_test(1, "a");
  fake.fail("create", http_error(429, "POST", "projects/5040/tests/1/groups/", 1.0));
  fake.fail("create", connection_error());
  RecordingSleeper sleeper;
  RetryingGateway gateway(fake, policy(3), sleeper, {}, 7);

  gateway.create_group(1, "Callers", 1);

  CHECK(fake.ops() == std::vector<std::string>{"create", "create", "create"});
  REQUIRE(sleeper.delays().size() == 2);
  CHECK(sleeper.delays()[0] == milliseconds(1000));
}

TEST_CASE("a delete answered 404 on a retry counts as done") {
  FakeGateway fake;
  fake.add_test(1, "a", {{10, "Old", 1, 0}});
  fake.fail("delete", timeout_error("DELETE", "projects/5040/tests/1/groups/10/"), 1, Commit::yes);
  RecordingSleeper sleeper;
  RetryingGateway gateway(fake, policy(3), sleeper, {}, 7);

  CHECK(gateway.delete_group(1, 10) == loadero_sync::Deletion::deleted);
  CHECK(fake.ops() == std::vector<std::string>{"delete", "delete"});
  CHECK(fake.groups(1).empty());
}

TEST_CASE("a delete answered 404 on the first attempt counts as done: the group is already gone") {
  FakeGateway fake;
  fake.add_test(1, "a");
  RecordingSleeper sleeper;
  RetryingGateway gateway(fake, policy(3), sleeper, {}, 7);

  CHECK(gateway.delete_group(1, 10) == loadero_sync::Deletion::already_gone);
  CHECK(fake.ops() == std::vector<std::string>{"delete"});
}

TEST_CASE("each retry is logged in one line") {
  FakeGateway fake;
  fake.add_test(1, "a");
  const auto error = http_error(429, "GET", "projects/5040/tests/1/", 2.0);
  fake.fail("read_test", error);
  RecordingSleeper sleeper;
  std::vector<std::string> lines;
  RetryingGateway gateway(
      fake, policy(3), sleeper, [&](const std::string& line) { lines.push_back(line); }, 7);

  gateway.read_test(1);

  CHECK(lines == std::vector<std::string>{"read test 1 failed (" + std::string(error.what()) +
                                          "); retry 1 of 3 in 1000 ms"});
}

TEST_CASE("the same seed gives the same delays") {
  auto run = [](std::uint64_t seed) {
    FakeGateway fake;
    fake.add_test(1, "a");
    fake.fail("read_test", http_error(500, "GET", "projects/5040/tests/1/"), 3);
    RecordingSleeper sleeper;
    RetryingGateway gateway(fake, policy(3), sleeper, {}, seed);
    gateway.read_test(1);
    return sleeper.delays();
  };
  CHECK(run(99) == run(99));
  CHECK(run(99).size() == 3);
}

TEST_CASE("an interrupted run stops waiting before a retry and gives up with the error at hand") {
  loadero_sync::CancelToken cancel;
  loadero_sync::ThreadSleeper sleeper(cancel);
  FakeGateway fake;
  fake.add_test(1, "a");
  fake.fail("list", http_error(503, "GET", "projects/5040/tests/1/groups/"), 5);
  RetryingGateway gateway(fake, policy(5), sleeper, {}, 7);
  cancel.cancel();  // the interrupt came while the request was in flight

  CHECK_THROWS_AS(gateway.list_groups(1), loadero::ApiError);
  // The wait before the first retry ends at once, and there is no second attempt.
  CHECK(fake.ops() == std::vector<std::string>{"list"});
}

TEST_CASE("a thread sleeper sleeps the whole delay unless its token is cancelled") {
  loadero_sync::CancelToken cancel;
  loadero_sync::ThreadSleeper sleeper(cancel);
  CHECK(sleeper.sleep_for(std::chrono::milliseconds(5)));
  cancel.cancel();
  CHECK_FALSE(sleeper.sleep_for(std::chrono::milliseconds(60000)));
}
