#include "signals.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <stdexcept>
#include <system_error>

namespace loadero_sync::cli {
namespace {

constexpr std::array<int, 2> k_signals = {SIGINT, SIGTERM};

// The handler can reach only what is static; these belong to the one live SignalHandlers.
std::atomic<bool> g_active{false};
std::atomic<int> g_write_fd{-1};
std::atomic<int> g_received{0};
std::atomic<const Interrupt*> g_interrupt{nullptr};
std::atomic<bool> g_stderr_tty{false};
static_assert(std::atomic<int>::is_always_lock_free);
static_assert(std::atomic<const Interrupt*>::is_always_lock_free);

extern "C" void on_signal(int signal_number) {
  const int saved_errno = errno;
  if (g_received.fetch_add(1) == 0) {
    const auto byte = static_cast<unsigned char>(signal_number);
    [[maybe_unused]] const auto written = ::write(g_write_fd.load(), &byte, 1);
  } else {
    const Interrupt* interrupt = g_interrupt.load();
    const std::string_view note =
        second_signal_note(interrupt != nullptr ? interrupt->phase() : Phase::reading);
    // A terminal has just echoed "^C": the note starts on a line of its own.
    if (g_stderr_tty.load()) {
      [[maybe_unused]] const auto newline = ::write(STDERR_FILENO, "\n", 1);
    }
    [[maybe_unused]] const auto written = ::write(STDERR_FILENO, note.data(), note.size());
    ::_exit(signal_exit_code(signal_number));
  }
  errno = saved_errno;
}

}  // namespace

SignalHandlers::SignalHandlers(Interrupt& interrupt) : m_interrupt(interrupt) {
  if (g_active.exchange(true)) throw std::logic_error("signal handlers are already installed");
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0) {
    g_active = false;
    throw std::system_error(errno, std::generic_category(), "cannot make the signal pipe");
  }
  m_read_fd = fds[0];
  m_write_fd = fds[1];
  g_write_fd = m_write_fd;
  g_received = 0;
  g_interrupt = &m_interrupt;
  g_stderr_tty = ::isatty(STDERR_FILENO) == 1;
  try {
    m_watcher = std::thread([this] { watch(); });
  } catch (...) {
    ::close(m_read_fd);
    ::close(m_write_fd);
    g_write_fd = -1;
    g_interrupt = nullptr;
    g_active = false;
    throw;
  }

  struct sigaction action {};
  action.sa_handler = on_signal;
  ::sigemptyset(&action.sa_mask);
  // One handler at a time, so the first signal's byte is written before a second one exits.
  for (const int signal_number : k_signals) ::sigaddset(&action.sa_mask, signal_number);
  // Restarted system calls: the rest of the run must not see EINTR because of a signal it handles
  // through the token.
  action.sa_flags = SA_RESTART;
  for (std::size_t i = 0; i < k_signals.size(); ++i) {
    ::sigaction(k_signals[i], nullptr, &m_previous[i]);
    if (m_previous[i].sa_handler == SIG_IGN) continue;
    m_installed[i] = ::sigaction(k_signals[i], &action, nullptr) == 0;
  }
}

SignalHandlers::~SignalHandlers() {
  for (std::size_t i = 0; i < k_signals.size(); ++i) {
    if (m_installed[i]) ::sigaction(k_signals[i], &m_previous[i], nullptr);
  }
  const unsigned char stop = 0;
  while (::write(m_write_fd, &stop, 1) < 0 && errno == EINTR) {
  }
  m_watcher.join();
  g_write_fd = -1;
  g_interrupt = nullptr;
  ::close(m_read_fd);
  ::close(m_write_fd);
  g_active = false;
}

void SignalHandlers::watch() {
  // The handler then runs on the other threads, and this read is never interrupted.
  sigset_t blocked;
  ::sigemptyset(&blocked);
  for (const int signal_number : k_signals) ::sigaddset(&blocked, signal_number);
  ::pthread_sigmask(SIG_BLOCK, &blocked, nullptr);
  for (;;) {
    unsigned char byte = 0;
    const auto n = ::read(m_read_fd, &byte, 1);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0 || byte == 0) return;  // 0 is the destructor's stop byte
    try {
      m_interrupt.request(byte);
    } catch (...) {
      // The note could not be written; the token is cancelled all the same.
    }
    if (m_interrupt.phase() == Phase::confirming) ::_exit(m_interrupt.exit_code());
  }
}

}  // namespace loadero_sync::cli
