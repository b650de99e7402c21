#include "saver.hpp"

#include <algorithm>
#include <exception>
#include <iostream>

namespace loadero_emulator {

StateSaver::StateSaver(SaveOptions options, Snapshot snapshot, std::function<void()> on_saved)
    : m_options(std::move(options)),
      m_snapshot(std::move(snapshot)),
      m_on_saved(std::move(on_saved)) {
  if (!m_options.path.empty()) m_thread = std::thread([this] { run(); });
}

StateSaver::~StateSaver() {
  {
    std::lock_guard lock(m_mutex);
    m_stopping = true;
  }
  m_changed.notify_all();
  if (m_thread.joinable()) m_thread.join();
}

void StateSaver::written(std::uint64_t generation) {
  if (m_options.path.empty()) return;
  std::unique_lock lock(m_mutex);
  m_requested = std::max(m_requested, generation);
  m_changed.notify_all();
  if (!m_options.sync) return;
  // Writers that arrive while a save runs all wait for the next one: one save answers many.
  m_changed.wait(lock, [&] { return m_stopping || m_attempted >= generation; });
}

void StateSaver::flush() {
  if (!m_options.path.empty()) save_once(true);
}

std::int64_t StateSaver::saves() const {
  std::lock_guard lock(m_mutex);
  return m_saves;
}

void StateSaver::run() {
  std::unique_lock lock(m_mutex);
  while (true) {
    m_changed.wait(lock, [&] { return m_stopping || m_requested > m_attempted; });
    if (m_stopping) return;
    if (!m_options.sync) {
      // Coalescing: every write of the interval rides on one save.
      const auto due = m_last_save + m_options.interval;
      if (m_changed.wait_until(lock, due, [&] { return m_stopping; })) return;
      // A flush() during the wait may already have saved everything.
      if (m_requested <= m_attempted) continue;
    }
    lock.unlock();
    save_once(false);
    lock.lock();
  }
}

void StateSaver::save_once(bool throw_on_failure) {
  std::lock_guard file_lock(m_file_mutex);
  // The copy is taken under the API's lock; serialising and fsyncing happen outside it, so
  // requests keep flowing while the file is written.
  auto [state, generation] = m_snapshot();
  bool saved = false;
  std::exception_ptr failure;
  try {
    save_state_file(m_options.path, state);
    saved = true;
  } catch (const std::exception& error) {
    if (throw_on_failure) {
      failure = std::current_exception();
    } else {
      // The change is live in memory; the next successful save carries it.
      std::cerr << "loadero-emulator: warning: " << error.what() << '\n';
    }
  }
  {
    std::lock_guard lock(m_mutex);
    m_attempted = std::max(m_attempted, generation);
    m_last_save = std::chrono::steady_clock::now();
    if (saved) ++m_saves;
  }
  m_changed.notify_all();
  if (saved && m_on_saved) m_on_saved();
  if (failure) std::rethrow_exception(failure);
}

}  // namespace loadero_emulator
