#pragma once
// Fault injection: latency, rate limiting, 5xx answers and ambiguous writes, all decided by one
// seeded generator so a run can be repeated with --seed.

#include <chrono>
#include <cstdint>
#include <deque>
#include <mutex>
#include <optional>
#include <random>
#include <vector>

#include "misbehave.hpp"

namespace loadero_emulator {

/// The fault flags of the command line. Rates are probabilities in [0, 1].
struct FaultOptions {
  std::int64_t latency_ms = 0;      ///< added before every API answer
  double fail_rate = 0;             ///< share of API requests answered 500/502/503, not handled
  std::int64_t rate_limit_rps = 0;  ///< 0: off; else requests admitted per sliding second
  double ambiguous_rate = 0;        ///< share of successful writes whose answer is lost
  std::uint64_t seed = 0;
  /// --misbehave: how every successful answer breaks the API's promises (misbehave.hpp); these
  /// are not drawn from the generator, they apply to every answer.
  std::vector<Misbehaviour> misbehave;
};

/// What happens to the answer of a committed write.
enum class Ambiguity { none, drop_connection, bad_gateway };

/// Thread-safe fault decisions. One instance per server.
class FaultInjector {
 public:
  explicit FaultInjector(FaultOptions options);

  const FaultOptions& options() const { return m_options; }

  /// Rate limiting: returns true when a request arriving at `now` is admitted (and counts it),
  /// false when it must be answered 429. Always true when rate_limit_rps is 0.
  bool admit(std::chrono::steady_clock::time_point now);

  /// Returns 500, 502 or 503 for a request that must fail before it is handled, else nullopt.
  /// Draws from the generator only when fail_rate > 0.
  std::optional<int> injected_failure();

  /// For a write that was committed: whether its answer is lost, and how.
  /// Draws from the generator only when ambiguous_rate > 0.
  Ambiguity ambiguity_after_write();

 private:
  FaultOptions m_options;
  std::mutex m_mutex;
  std::mt19937_64 m_random;
  std::deque<std::chrono::steady_clock::time_point> m_admitted;  ///< within the last second
};

}  // namespace loadero_emulator
