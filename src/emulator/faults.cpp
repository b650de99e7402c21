#include "faults.hpp"

namespace loadero_emulator {

FaultInjector::FaultInjector(FaultOptions options) : m_options(options), m_random(options.seed) {}

bool FaultInjector::admit(std::chrono::steady_clock::time_point now) {
  if (m_options.rate_limit_rps <= 0) return true;
  std::lock_guard lock(m_mutex);
  const auto window_start = now - std::chrono::seconds(1);
  while (!m_admitted.empty() && m_admitted.front() <= window_start) m_admitted.pop_front();
  // Only admitted requests fill the window, so a client that backs off gets through again.
  if (static_cast<std::int64_t>(m_admitted.size()) >= m_options.rate_limit_rps) return false;
  m_admitted.push_back(now);
  return true;
}

std::optional<int> FaultInjector::injected_failure() {
  if (m_options.fail_rate <= 0) return std::nullopt;
  std::lock_guard lock(m_mutex);
  std::uniform_real_distribution<double> share(0.0, 1.0);
  if (share(m_random) >= m_options.fail_rate) return std::nullopt;
  static constexpr int k_statuses[] = {500, 502, 503};
  std::uniform_int_distribution<int> pick(0, 2);
  return k_statuses[pick(m_random)];
}

Ambiguity FaultInjector::ambiguity_after_write() {
  if (m_options.ambiguous_rate <= 0) return Ambiguity::none;
  std::lock_guard lock(m_mutex);
  std::uniform_real_distribution<double> share(0.0, 1.0);
  if (share(m_random) >= m_options.ambiguous_rate) return Ambiguity::none;
  std::uniform_int_distribution<int> pick(0, 1);
  return pick(m_random) == 0 ? Ambiguity::drop_connection : Ambiguity::bad_gateway;
}

}  // namespace loadero_emulator
