#pragma once
// Saves the state file off the request path: writes mark the state dirty, one background thread
// saves a snapshot at most once per interval (or, in sync mode, as soon as it can, with every
// waiting write in one save).

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <utility>

#include "state.hpp"

namespace loadero_emulator {

/// How committed writes reach the state file.
struct SaveOptions {
  std::string path;                         ///< the state file; "" saves nothing
  std::chrono::milliseconds interval{100};  ///< at most one background save per interval
  bool sync = false;  ///< written() returns only once a save holding that write was attempted
};

/// One background saver thread per state file. Thread-safe.
class StateSaver {
 public:
  /// Returns a copy of the state and its generation (the number of committed writes it holds),
  /// taken under the owner's lock.
  using Snapshot = std::function<std::pair<State, std::uint64_t>()>;

  /// Starts the thread when options.path is set. `on_saved` is called after each save that
  /// reached the disk (from the saving thread).
  StateSaver(SaveOptions options, Snapshot snapshot, std::function<void()> on_saved);
  /// Stops the thread without a last save (call flush() first to keep everything).
  ~StateSaver();
  StateSaver(const StateSaver&) = delete;
  StateSaver& operator=(const StateSaver&) = delete;

  /// Reports a committed write of this generation. In sync mode, blocks until a save holding it
  /// was attempted (a failed save is reported on stderr, as before: the write stays in memory).
  void written(std::uint64_t generation);
  /// Saves the current state now, whatever is pending. Throws std::runtime_error when it fails.
  void flush();
  /// Saves that reached the disk so far.
  std::int64_t saves() const;

 private:
  void run();
  void save_once(bool throw_on_failure);

  SaveOptions m_options;
  Snapshot m_snapshot;
  std::function<void()> m_on_saved;

  std::mutex m_file_mutex;  ///< one writer of FILE.tmp at a time

  mutable std::mutex m_mutex;  ///< guards everything below
  std::condition_variable m_changed;
  std::uint64_t m_requested = 0;  ///< newest generation reported by written()
  std::uint64_t m_attempted = 0;  ///< newest generation a save was attempted for
  std::int64_t m_saves = 0;
  std::chrono::steady_clock::time_point m_last_save{};
  bool m_stopping = false;
  std::thread m_thread;
};

}  // namespace loadero_emulator
