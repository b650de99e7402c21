#pragma once
// SIGINT and SIGTERM for the real process: handlers installed for the duration of a run and
// restored after it. The library code never sees a signal, only the Interrupt's token.

#include <signal.h>

#include <array>
#include <thread>

#include "interrupt.hpp"

namespace loadero_sync::cli {

/// Routes SIGINT and SIGTERM to `interrupt` while it lives.
///  - The handler is async-signal-safe: for the first signal it only writes the signal number to
///    a pipe; a watcher thread reads it and calls Interrupt::request (which cancels the token and
///    prints the note). In Phase::confirming the watcher then exits the process at once with the
///    run's exit code: nothing was changed, and the prompt's blocking read cannot be woken.
///  - A second signal exits at once from the handler: a write(2) of second_signal_note, then
///    _exit(128 + that signal).
///  - A signal ignored when the handlers are installed (a job started with nohup, or with `&` by a
///    non-interactive shell) stays ignored.
/// The destructor restores the previous dispositions and joins the watcher, so a process (or a
/// test) may install and remove them again. One instance at a time. Not copyable.
class SignalHandlers {
 public:
  /// Installs the handlers. Throws std::logic_error when another instance is alive and
  /// std::system_error when the pipe or the watcher thread cannot be made (nothing installed).
  explicit SignalHandlers(Interrupt& interrupt);
  ~SignalHandlers();
  SignalHandlers(const SignalHandlers&) = delete;
  SignalHandlers& operator=(const SignalHandlers&) = delete;

 private:
  void watch();

  Interrupt& m_interrupt;
  int m_read_fd = -1;
  int m_write_fd = -1;
  std::thread m_watcher;
  std::array<struct sigaction, 2> m_previous{};
  std::array<bool, 2> m_installed{};
};

}  // namespace loadero_sync::cli
