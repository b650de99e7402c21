#pragma once
// The emulated Loadero REST API as a pure request -> response function over one State.
// No sockets here: server.cpp adapts HTTP to ApiRequest/ApiResponse, and unit tests call
// Api::handle directly.

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <shared_mutex>
#include <string>
#include <utility>
#include <vector>

#include "saver.hpp"
#include "state.hpp"

namespace loadero_emulator {

/// One HTTP request, already parsed by the transport.
struct ApiRequest {
  std::string method;  ///< "GET", "POST", ...
  std::string path;    ///< without the query, e.g. "/v2/projects/5040/tests/"
  std::vector<std::pair<std::string, std::string>> query;  ///< decoded, in order
  std::string authorization;  ///< the Authorization header, "" when absent
  std::string body;
};

/// The answer. The body is JSON text (empty for 204); the transport adds
/// `Content-Type: application/json` to every answer.
struct ApiResponse {
  int status = 200;
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;  ///< extra headers, e.g. Allow on 405
  bool committed_write = false;  ///< a POST/PUT/DELETE changed the state
};

/// Settings of the API itself (the fault flags live in FaultInjector).
struct ApiOptions {
  std::optional<std::int64_t> max_page_size;  ///< caps every page, even without a limit
  std::string state_file;                     ///< saved after committed writes; "" = none
  /// At most one background save per interval (writes in between are coalesced).
  std::chrono::milliseconds save_interval{100};
  /// Answer a write only once a save holding it was attempted (writes waiting together share
  /// one save).
  bool sync_save = false;
  /// Called after each save that reached the disk (e.g. to count it in the stats).
  std::function<void()> on_saved = nullptr;
};

/// The emulated API. Thread-safe: reads share a lock, writes take it alone. Committed writes are
/// saved by a StateSaver outside the lock: within save_interval, or, with sync_save, before the
/// write is answered.
class Api {
 public:
  Api(State state, ApiOptions options);

  /// Answers one request: 404 unknown route, 401 missing/wrong token, 405 wrong method,
  /// 400 malformed JSON or query value, 404 unknown resource, 422 validation errors, else the
  /// resource JSON. Never throws for bad input.
  ApiResponse handle(const ApiRequest& request);

  /// A copy of the current state.
  State snapshot() const;

  /// Saves the state file now, with every write so far (no-op without one). Throws
  /// std::runtime_error when saving fails.
  void save();
  /// Saves of the state file that reached the disk so far.
  std::int64_t saves() const;

 private:
  ApiResponse handle_locked(const ApiRequest& request);

  mutable std::shared_mutex m_mutex;
  State m_state;
  std::uint64_t m_generation = 0;  ///< committed writes so far (guarded by m_mutex)
  ApiOptions m_options;
  StateSaver m_saver;  ///< last member: its thread reads the members above
};

}  // namespace loadero_emulator
