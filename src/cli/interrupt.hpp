#pragma once
// How a run is interrupted. The first SIGINT or SIGTERM cancels the token the core checks and
// prints one note on stderr: a read stops and prints nothing, an apply finishes its writes in
// flight, starts no other and reports the rest `not attempted (interrupted)`. The run then exits
// 128 + the signal number. signals.hpp turns real signals into Interrupt::request calls; tests
// call request themselves.

#include <atomic>
#include <cstddef>
#include <functional>
#include <mutex>
#include <string>
#include <string_view>

#include "loadero_sync/cancel.hpp"

namespace loadero_sync::cli {

/// What the run is doing, which decides what a signal's note says (and what it does, for
/// confirming: see SignalHandlers).
enum class Phase : int {
  reading,     ///< no write yet: loading, reading the live state, planning, printing a report
  confirming,  ///< waiting for the answer to "Apply these changes?"
  applying,    ///< the executor runs or ran: writes may be in flight
};

/// The interruption state of one run, shared by the command (main thread), the executor's
/// workers, the signal watcher and tests. Not copyable. Every member is thread-safe; none is
/// async-signal-safe except phase() (a signal handler hands the signal to a thread instead).
class Interrupt {
 public:
  Interrupt() = default;
  Interrupt(const Interrupt&) = delete;
  Interrupt& operator=(const Interrupt&) = delete;

  /// Asks the run to stop because of `signal_number` (SIGINT, SIGTERM). The first call records
  /// it, cancels token() and gives interrupt_note() to the notifier, if one is set; later calls
  /// change nothing. Returns true for the first call. Throws only what the notifier throws.
  bool request(int signal_number);

  /// True once request() was called.
  [[nodiscard]] bool requested() const noexcept { return signal_number() != 0; }
  /// The signal of the first request; 0 before any.
  [[nodiscard]] int signal_number() const noexcept { return m_signal.load(); }
  /// The exit code of an interrupted run: signal_exit_code(signal_number()); 0 before any request.
  [[nodiscard]] int exit_code() const noexcept;
  /// The token the live reads and the executor check; cancelled by the first request.
  [[nodiscard]] const CancelToken& token() const noexcept { return m_token; }

  /// What the run is doing now (reading at first).
  void set_phase(Phase phase) noexcept { m_phase.store(phase); }
  /// Lock-free, so a signal handler may read it.
  [[nodiscard]] Phase phase() const noexcept { return m_phase.load(); }

  /// The executor started an action / one it started ended; counted for the note.
  void write_started() noexcept { ++m_in_flight; }
  void write_ended() noexcept { --m_in_flight; }
  [[nodiscard]] std::size_t writes_in_flight() const noexcept { return m_in_flight.load(); }

  /// Where the note goes: a function that writes one whole line to stderr. Replaces the previous
  /// one; empty removes it. When a request came before, it gets that request's note at once.
  void set_notifier(std::function<void(const std::string& line)> notifier);

 private:
  static_assert(std::atomic<Phase>::is_always_lock_free);
  CancelToken m_token;
  std::atomic<int> m_signal{0};
  std::atomic<Phase> m_phase{Phase::reading};
  std::atomic<std::size_t> m_in_flight{0};
  std::mutex m_mutex;  // guards m_notifier and serialises its calls
  std::function<void(const std::string&)> m_notifier;
};

/// 128 + `signal_number`: 130 for SIGINT, 143 for SIGTERM.
int signal_exit_code(int signal_number) noexcept;

/// The line (with its newline) printed when the first signal arrives, e.g.
/// "loadero-sync: interrupt received: finishing the 2 writes in flight, starting no new one (press
/// Ctrl-C again to exit at once)". Never throws except std::bad_alloc.
std::string interrupt_note(int signal_number, Phase phase, std::size_t writes_in_flight);

/// The line (with its newline) a second signal writes before the process exits at once. Static
/// text, so a signal handler may write it. Never throws.
std::string_view second_signal_note(Phase phase) noexcept;

}  // namespace loadero_sync::cli
