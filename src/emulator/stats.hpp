#pragma once
// Request and save counters served at GET /_emulator/stats.

#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <string_view>

namespace loadero_emulator {

/// Which injected fault to count.
enum class FaultKind { rate_limited, server_error, ambiguous };

/// Thread-safe counters of API requests (the /_emulator/ routes are not counted).
class Stats {
 public:
  /// Counts one API request. `route` is the matched route, e.g.
  /// "/v2/projects/{project_id}/tests/{test_id}/groups/", or "(unmatched)".
  void record_request(std::string_view method, std::string_view route);
  /// Counts one injected fault.
  void record_fault(FaultKind kind);
  /// Counts one save of the state file that reached the disk.
  void record_save();
  /// Sets every counter back to zero.
  void reset();
  /// {"total": N, "by_method": {...}, "by_route": {"GET /v2/...": N}, "faults": {"429": N, "5xx":
  /// N, "ambiguous": N}, "saves": N}
  std::string to_json() const;

 private:
  mutable std::mutex m_mutex;
  std::int64_t m_total = 0;
  std::map<std::string, std::int64_t, std::less<>> m_by_method;
  std::map<std::string, std::int64_t, std::less<>> m_by_route;
  std::int64_t m_rate_limited = 0;
  std::int64_t m_server_errors = 0;
  std::int64_t m_ambiguous = 0;
  std::int64_t m_saves = 0;
};

}  // namespace loadero_emulator
