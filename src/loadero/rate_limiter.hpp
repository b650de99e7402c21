#pragma once
// Private: the client-side request rate cap of the libcurl transport.

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <mutex>

namespace loadero::detail {

/// The clock a RateLimiter reads and waits on: steady_clock in the transport, a fake in tests.
struct LimiterClock {
  using time_point = std::chrono::steady_clock::time_point;
  /// The current time.
  std::function<time_point()> now;
  /// Waits on `signal` until `deadline` or a notification (it may return early); `lock` is held
  /// on entry and on return.
  std::function<void(std::unique_lock<std::mutex>& lock, std::condition_variable& signal,
                     time_point deadline)>
      wait_until;

  /// std::chrono::steady_clock and std::condition_variable::wait_until.
  static LimiterClock steady();
};

/// Caps the request rate across all threads: never more than `requests_per_second` requests
/// (rounded down, at least one) in any one-second window, also spaced at least 1/rate apart.
/// The window is measured with a margin (window_margin) so that a request delayed on its way
/// does not land in the same server-side second as the requests after it. Requests go in the
/// order they asked (first come, first served). pause_for holds back every request, whatever the
/// cap. Thread-safe.
class RateLimiter {
 public:
  using time_point = LimiterClock::time_point;

  /// Added to the one-second window: the slack for a request's way from here to the server.
  static constexpr std::chrono::milliseconds window_margin{50};
  /// The longest pause_for honours: a longer Retry-After must not stall every request for longer.
  static constexpr std::chrono::seconds max_pause{60};

  /// `requests_per_second` 0 means no cap. The caller checks that it is finite and not negative.
  explicit RateLimiter(double requests_per_second, LimiterClock clock = LimiterClock::steady());

  /// Blocks until the calling request may go and returns the time it went (the clock's now).
  /// Without a cap and without a pause it returns at once.
  time_point wait_turn();

  /// Holds back every request until `delay` from now (at most max_pause): a server that answered
  /// 429 with Retry-After will refuse the others too. An earlier end than a pause already in
  /// force changes nothing.
  void pause_for(std::chrono::duration<double> delay);

 private:
  // The earliest time the next request may go; m_mutex held.
  time_point earliest_send() const;

  LimiterClock m_clock;
  bool m_enabled = false;
  std::size_t m_burst = 0;  // requests allowed in one window
  std::chrono::steady_clock::duration m_interval{};
  std::chrono::steady_clock::duration m_window{};
  mutable std::mutex m_mutex;
  std::condition_variable m_signal;
  std::uint64_t m_next_ticket = 0;
  std::uint64_t m_serving = 0;
  std::deque<time_point> m_sent;  // send times within the last window, oldest first
  time_point m_paused_until{};
};

}  // namespace loadero::detail
