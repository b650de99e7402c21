#pragma once
// Private: the client-side request rate cap of the libcurl transport.

#include <chrono>
#include <mutex>

namespace loadero::detail {

/// Spaces requests at least 1/rate apart, across all threads. Thread-safe.
class RateLimiter {
 public:
  /// `requests_per_second` 0 means no cap. The caller checks that it is finite and not negative.
  explicit RateLimiter(double requests_per_second);

  /// Blocks until the calling request may go; returns at once when there is no cap.
  void wait_turn();

 private:
  std::chrono::steady_clock::duration m_interval{};
  bool m_enabled = false;
  std::mutex m_mutex;
  std::chrono::steady_clock::time_point m_next_slot{};
};

}  // namespace loadero::detail
