#include "rate_limiter.hpp"

#include <algorithm>
#include <thread>

namespace loadero::detail {

RateLimiter::RateLimiter(double requests_per_second) : m_enabled(requests_per_second > 0) {
  if (m_enabled) {
    m_interval = std::chrono::duration_cast<std::chrono::steady_clock::duration>(
        std::chrono::duration<double>(1.0 / requests_per_second));
  }
}

void RateLimiter::wait_turn() {
  if (!m_enabled) return;
  std::chrono::steady_clock::time_point slot;
  {
    // Each caller reserves the next free slot and sleeps outside the lock, so that a waiting
    // thread never holds up another thread's reservation.
    std::lock_guard lock(m_mutex);
    slot = std::max(std::chrono::steady_clock::now(), m_next_slot);
    m_next_slot = slot + m_interval;
  }
  std::this_thread::sleep_until(slot);
}

}  // namespace loadero::detail
