// The rate limiter: no one-second window ever holds more requests than the cap, requests go in
// the order they asked, and a pause (a 429 with Retry-After) holds back every request.

#include <doctest/doctest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <mutex>
#include <random>
#include <thread>
#include <vector>

#include "client_fixture.hpp"
#include "loadero/api_client.hpp"
#include "rate_limiter.hpp"

using loadero::detail::LimiterClock;
using loadero::detail::RateLimiter;
using std::chrono::milliseconds;
using std::chrono::seconds;
using TimePoint = LimiterClock::time_point;

namespace {

// A clock that only moves when told to; waiting moves it to the deadline at once.
class FakeClock {
 public:
  TimePoint now() const { return TimePoint(std::chrono::nanoseconds(m_nanoseconds.load())); }
  void advance_to(TimePoint to) {
    const auto wanted =
        std::chrono::duration_cast<std::chrono::nanoseconds>(to.time_since_epoch()).count();
    auto current = m_nanoseconds.load();
    while (current < wanted && !m_nanoseconds.compare_exchange_weak(current, wanted)) {
    }
  }
  void advance_by(std::chrono::nanoseconds step) { m_nanoseconds += step.count(); }
  LimiterClock clock() {
    return {[this] { return now(); },
            [this](std::unique_lock<std::mutex>&, std::condition_variable&, TimePoint deadline) {
              advance_to(deadline);
            }};
  }

 private:
  std::atomic<std::int64_t> m_nanoseconds{1'000'000'000};
};

// The largest number of `times` inside any closed one-second window.
std::size_t most_in_one_second(std::vector<TimePoint> times) {
  std::sort(times.begin(), times.end());
  std::size_t most = 0;
  std::size_t first = 0;
  for (std::size_t last = 0; last < times.size(); ++last) {
    while (times[last] - times[first] > seconds{1}) ++first;
    most = std::max(most, last - first + 1);
  }
  return most;
}

// `threads` workers each send `per_thread` requests, pausing a random 0-`max_work` between them.
std::vector<TimePoint> run_workers(RateLimiter& limiter, FakeClock* clock, int threads,
                                   int per_thread, milliseconds max_work) {
  std::mutex mutex;
  std::vector<TimePoint> times;
  std::vector<std::thread> workers;
  for (int t = 0; t < threads; ++t) {
    workers.emplace_back([&, t] {
      std::mt19937 random(static_cast<unsigned>(t) + 1U);
      std::uniform_int_distribution<int> work(0, static_cast<int>(max_work.count()));
      for (int i = 0; i < per_thread; ++i) {
        const TimePoint sent = limiter.wait_turn();
        {
          std::lock_guard lock(mutex);
          times.push_back(sent);
        }
        const milliseconds pause{work(random)};
        if (clock != nullptr)
          clock->advance_by(pause);
        else
          std::this_thread::sleep_for(pause);
      }
    });
  }
  for (auto& worker : workers) worker.join();
  return times;
}

}  // namespace

TEST_CASE("no one-second window ever holds more requests than the cap") {
  for (const double rate : {1.0, 2.5, 4.0, 12.0}) {
    CAPTURE(rate);
    FakeClock clock;
    RateLimiter limiter(rate, clock.clock());
    // Workers that take turns at random, some sooner than the cap allows and some later.
    const auto times = run_workers(limiter, &clock, 6, 30, milliseconds{300});
    REQUIRE(times.size() == 180);
    const auto cap = static_cast<std::size_t>(std::max(1.0, std::floor(rate)));
    CHECK(most_in_one_second(times) <= cap);
  }
}

TEST_CASE("requests are spaced at least 1/rate apart and the first goes at once") {
  FakeClock clock;
  const TimePoint start = clock.now();
  RateLimiter limiter(4.0, clock.clock());
  std::vector<TimePoint> times;
  for (int i = 0; i < 9; ++i) times.push_back(limiter.wait_turn());
  CHECK(times[0] == start);
  for (std::size_t i = 1; i < times.size(); ++i)
    CHECK(times[i] - times[i - 1] >= milliseconds{250});
  // The fifth waits for the window of the first four to pass, with the margin.
  CHECK(times[4] - times[0] == seconds{1} + RateLimiter::window_margin);
  CHECK(times[8] - times[4] == seconds{1} + RateLimiter::window_margin);
  CHECK(most_in_one_second(times) == 4);
}

TEST_CASE("the limiter holds a fast real run from many threads to the cap") {
  RateLimiter limiter(50.0);
  const auto started = std::chrono::steady_clock::now();
  const auto times = run_workers(limiter, nullptr, 4, 15, milliseconds{2});
  CHECK(times.size() == 60);
  CHECK(most_in_one_second(times) <= 50);
  CHECK(std::chrono::steady_clock::now() - started >= seconds{1});
}

TEST_CASE("requests go in the order they asked") {
  // A cap spaces the turns, so each thread's turn has a time of its own; the turns' times, not
  // the order in which the woken threads record them (a race), tell the order.
  RateLimiter limiter(20.0);
  limiter.pause_for(milliseconds{1000});
  // Each thread asks well after the previous one (150 ms leaves room for a busy machine's
  // scheduling), while the pause holds them all.
  std::mutex mutex;
  std::vector<std::pair<RateLimiter::time_point, int>> turns;
  std::vector<std::thread> workers;
  for (int t = 0; t < 4; ++t) {
    workers.emplace_back([&, t] {
      const auto turn = limiter.wait_turn();
      std::lock_guard lock(mutex);
      turns.emplace_back(turn, t);
    });
    std::this_thread::sleep_for(milliseconds{150});
  }
  for (auto& worker : workers) worker.join();
  std::sort(turns.begin(), turns.end());
  std::vector<int> order;
  for (const auto& turn : turns) order.push_back(turn.second);
  CHECK(order == std::vector<int>{0, 1, 2, 3});
}

TEST_CASE("a pause holds back every request until it ends, with or without a cap") {
  for (const double rate : {0.0, 4.0}) {
    CAPTURE(rate);
    FakeClock clock;
    RateLimiter limiter(rate, clock.clock());
    const TimePoint start = clock.now();
    limiter.pause_for(std::chrono::duration<double>(1.5));
    limiter.pause_for(seconds{1});  // an earlier end changes nothing
    CHECK(limiter.wait_turn() == start + milliseconds{1500});
    CHECK(limiter.wait_turn() >= start + milliseconds{1500});
  }
  FakeClock clock;
  RateLimiter limiter(0.0, clock.clock());
  const TimePoint start = clock.now();
  limiter.pause_for(std::chrono::hours{1});
  CHECK(limiter.wait_turn() == start + RateLimiter::max_pause);
  CHECK(limiter.wait_turn() == start + RateLimiter::max_pause);  // no cap: no further wait
}

TEST_CASE("a 429 with Retry-After holds back the other workers' requests too") {
  loadero_test::RecordingServer server;
  auto too_many = loadero_test::json_response(429, R"({"code": 429})");
  too_many.headers = {{"Retry-After", "1"}};
  server.respond("GET", "projects/5040/tests/1/", too_many);
  server.respond("GET", "projects/5040/", loadero_test::json_response(200, "{}"));
  auto client = loadero_test::make_client(server.base_url());  // no rate cap
  const auto started = std::chrono::steady_clock::now();
  CHECK_THROWS_AS(client->get("projects/5040/tests/1/"), loadero::ApiError);
  std::thread other([&] { client->get("projects/5040/"); });
  other.join();
  CHECK(std::chrono::steady_clock::now() - started >= milliseconds{950});
  CHECK(server.request_count() == 2);
}
