#include "progress.hpp"

#include <cstdio>
#include <utility>

#include "loadero_sync/text.hpp"

namespace loadero_sync::cli {

namespace {

// "4 s", "2 min 05 s".
std::string duration_text(std::chrono::milliseconds duration) {
  const long long seconds = std::max<long long>(0, (duration.count() + 500) / 1000);
  if (seconds < 60) return std::to_string(seconds) + " s";
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%lld min %02lld s", seconds / 60, seconds % 60);
  return buffer;
}

}  // namespace

Progress::Progress(Output output, Clock clock, std::chrono::milliseconds every,
                   std::chrono::milliseconds redraw)
    : m_output(std::move(output)),
      m_clock(clock ? std::move(clock) : Clock([] { return std::chrono::steady_clock::now(); })),
      m_every(every),
      m_redraw(redraw) {}

std::string Progress::describe(std::string_view what, std::size_t done, std::size_t total,
                               std::string_view unit, std::chrono::milliseconds elapsed) {
  std::string out = std::string(what) + ": " + std::to_string(done) + "/" + std::to_string(total) +
                    " " + std::string(unit);
  const double seconds = static_cast<double>(elapsed.count()) / 1000.0;
  if (done > 0 && seconds > 0) {
    const double rate = static_cast<double>(done) / seconds;
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.1f/s", rate);
    out += std::string(", ") + buffer;
  }
  out += ", " + duration_text(elapsed) + " elapsed";
  if (done > 0 && done < total && seconds > 0) {
    const double left = static_cast<double>(total - done) * seconds / static_cast<double>(done);
    out += ", about " +
           duration_text(std::chrono::milliseconds(static_cast<long long>(left * 1000))) + " left";
  }
  return out;
}

void Progress::start(std::string what, std::size_t total, std::string unit) {
  finish();
  const std::lock_guard lock(m_mutex);
  m_running = true;
  m_what = std::move(what);
  m_unit = std::move(unit);
  m_done = 0;
  m_total = total;
  m_started = m_clock();
  m_shown = m_started;
  m_printed = false;
  if (m_output.terminal) show(m_started, true);
}

void Progress::advance(std::size_t by) {
  const std::lock_guard lock(m_mutex);
  if (!m_running) return;
  m_done += by;
  if (m_done > m_total) m_total = m_done;
  show(m_clock(), false);
}

void Progress::advance_unit(std::string_view unit) {
  {
    const std::lock_guard lock(m_mutex);
    if (!m_running || m_unit != unit) return;
  }
  advance(1);
}

void Progress::update(std::string_view what, std::size_t done, std::size_t total,
                      std::string_view unit) {
  bool same = false;
  {
    const std::lock_guard lock(m_mutex);
    same = m_running && m_what == what && m_unit == unit;
  }
  if (!same) start(std::string(what), total, std::string(unit));
  const std::lock_guard lock(m_mutex);
  if (!m_running || done <= m_done) return;
  m_done = done;
  if (total > m_total) m_total = total;
  if (m_done > m_total) m_total = m_done;
  show(m_clock(), false);
}

void Progress::show(TimePoint now, bool force) {
  const auto elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(now - m_started);
  if (m_output.terminal) {
    if (!force && now - m_shown < m_redraw && m_done < m_total) return;
    m_shown = now;
    if (m_output.status) m_output.status(describe(m_what, m_done, m_total, m_unit, elapsed));
    return;
  }
  if (!force && now - m_shown < m_every) return;
  m_shown = now;
  m_printed = true;
  if (m_output.line) m_output.line(describe(m_what, m_done, m_total, m_unit, elapsed) + "\n");
}

void Progress::finish() {
  const std::lock_guard lock(m_mutex);
  if (!m_running) return;
  m_running = false;
  if (m_output.terminal) {
    if (m_output.status) m_output.status("");
  } else if (m_printed) {
    show(m_clock(), true);
  }
}

void Progress::count_retry() {
  const std::lock_guard lock(m_mutex);
  ++m_retries;
}

void Progress::count_settled() {
  const std::lock_guard lock(m_mutex);
  ++m_settled;
}

std::string Progress::retry_summary() const {
  const std::lock_guard lock(m_mutex);
  std::string out;
  if (m_retries > 0) {
    out = plural(m_retries, "request") + " retried";
  }
  if (m_settled > 0) {
    if (!out.empty()) out += ", ";
    out += std::to_string(m_settled) + " ambiguous " + (m_settled == 1 ? "write" : "writes") +
           " settled";
  }
  return out;
}

}  // namespace loadero_sync::cli
