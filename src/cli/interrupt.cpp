#include "interrupt.hpp"

#include <csignal>

namespace loadero_sync::cli {

bool Interrupt::request(int signal_number) {
  int expected = 0;
  if (!m_signal.compare_exchange_strong(expected, signal_number)) return false;
  m_token.cancel();
  const std::lock_guard lock(m_mutex);
  if (m_notifier) m_notifier(interrupt_note(signal_number, phase(), writes_in_flight()));
  return true;
}

int Interrupt::exit_code() const noexcept {
  return requested() ? signal_exit_code(signal_number()) : 0;
}

void Interrupt::set_notifier(std::function<void(const std::string& line)> notifier) {
  const std::lock_guard lock(m_mutex);
  m_notifier = std::move(notifier);
  if (m_notifier && requested())
    m_notifier(interrupt_note(signal_number(), phase(), writes_in_flight()));
}

int signal_exit_code(int signal_number) noexcept { return 128 + signal_number; }

std::string interrupt_note(int signal_number, Phase phase, std::size_t writes_in_flight) {
  const bool sigint = signal_number == SIGINT;
  std::string line = "loadero-sync: ";
  if (sigint) {
    line += "interrupt received: ";
  } else if (signal_number == SIGTERM) {
    line += "SIGTERM received: ";
  } else {
    line += "signal " + std::to_string(signal_number) + " received: ";
  }
  const char* const again =
      sigint ? " (press Ctrl-C again to exit at once)\n" : " (a second signal exits at once)\n";
  switch (phase) {
    case Phase::confirming:
      // The prompt left the cursor after "Enter a value: ".
      return "\n" + line + "nothing was applied\n";
    case Phase::reading:
      return line + "nothing was changed; stopping once the reads in flight end" + again;
    case Phase::applying:
      break;
  }
  if (writes_in_flight == 0) return line + "starting no new write" + again;
  line += writes_in_flight == 1
              ? std::string("finishing the write in flight")
              : "finishing the " + std::to_string(writes_in_flight) + " writes in flight";
  return line + ", starting no new one" + again;
}

std::string_view second_signal_note(Phase phase) noexcept {
  if (phase == Phase::applying) {
    return "loadero-sync: interrupted again: exiting now; a write in flight may still complete, "
           "run `loadero-sync plan` to see the live state\n";
  }
  return "loadero-sync: interrupted again: exiting now; nothing was changed\n";
}

}  // namespace loadero_sync::cli
