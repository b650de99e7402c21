#include "rate_limiter.hpp"

#include <algorithm>
#include <cmath>
#include <utility>

namespace loadero::detail {

LimiterClock LimiterClock::steady() {
  return {[] { return std::chrono::steady_clock::now(); },
          [](std::unique_lock<std::mutex>& lock, std::condition_variable& signal,
             time_point deadline) { signal.wait_until(lock, deadline); }};
}

RateLimiter::RateLimiter(double requests_per_second, LimiterClock clock)
    : m_clock(std::move(clock)), m_enabled(requests_per_second > 0) {
  if (!m_enabled) return;
  using Duration = std::chrono::steady_clock::duration;
  // Spacing alone (1/rate) lets rate + 1 requests into a closed one-second window, and a
  // request that is late on its way can share the server's second with later ones; the window
  // of the last `burst` send times, with a margin, keeps every server-side second within rate.
  m_burst = static_cast<std::size_t>(std::max(1.0, std::floor(requests_per_second)));
  m_interval = std::chrono::duration_cast<Duration>(
      std::chrono::duration<double>(1.0 / requests_per_second));
  const auto span = std::chrono::duration_cast<Duration>(
      std::chrono::duration<double>(static_cast<double>(m_burst) / requests_per_second));
  m_window = std::max<Duration>(std::chrono::seconds{1}, span) + window_margin;
}

RateLimiter::time_point RateLimiter::earliest_send() const {
  time_point at = m_paused_until;
  if (!m_enabled || m_sent.empty()) return at;
  at = std::max(at, m_sent.back() + m_interval);
  if (m_sent.size() >= m_burst) at = std::max(at, m_sent[m_sent.size() - m_burst] + m_window);
  return at;
}

RateLimiter::time_point RateLimiter::wait_turn() {
  std::unique_lock lock(m_mutex);
  // Tickets keep the order of arrival; only the request at the head waits for the clock, and
  // it re-reads the limits after each wake-up, so a pause that starts meanwhile holds it too.
  const std::uint64_t ticket = m_next_ticket++;
  m_signal.wait(lock, [&] { return m_serving == ticket; });
  time_point now = m_clock.now();
  for (time_point at = earliest_send(); now < at; at = earliest_send()) {
    m_clock.wait_until(lock, m_signal, at);
    now = m_clock.now();
  }
  if (m_enabled) {
    // The time it actually goes, not the time it was due: a late wake-up must not let the
    // requests after it closer to the ones before.
    m_sent.push_back(now);
    // Only the last `burst` times within the window can hold a later request back.
    while (m_sent.size() > m_burst || m_sent.front() + m_window <= now) m_sent.pop_front();
  }
  ++m_serving;
  m_signal.notify_all();
  return now;
}

void RateLimiter::pause_for(std::chrono::duration<double> delay) {
  if (!(delay.count() > 0)) return;
  const auto capped = std::min<std::chrono::duration<double>>(delay, max_pause);
  std::lock_guard lock(m_mutex);
  const time_point until =
      m_clock.now() + std::chrono::duration_cast<std::chrono::steady_clock::duration>(capped);
  if (until <= m_paused_until) return;
  m_paused_until = until;
  m_signal.notify_all();
}

}  // namespace loadero::detail
