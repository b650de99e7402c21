#pragma once
// Progress of the long steps (reading live state, applying) and the end-of-run retry summary.
// On a terminal one status line is rewritten in place (at most every `redraw`); without one a plain
// line is written every `every` (5 s), so a CI log never looks hung. Thread-safe: workers advance
// it while the main thread starts and finishes steps.

#include <chrono>
#include <cstddef>
#include <functional>
#include <mutex>
#include <string>
#include <string_view>

namespace loadero_sync::cli {

class Progress {
 public:
  using Clock = std::function<std::chrono::steady_clock::time_point()>;

  /// Where progress goes. `status` (terminal only) sets the text of the one updating line (""
  /// erases it); `line` writes a whole line (the newline included). Either may be empty.
  struct Output {
    bool terminal = false;
    std::function<void(const std::string&)> status;
    std::function<void(const std::string&)> line;
  };

  explicit Progress(Output output, Clock clock = {},
                    std::chrono::milliseconds every = std::chrono::seconds(5),
                    std::chrono::milliseconds redraw = std::chrono::milliseconds(100));

  /// Starts a step of `total` units (an estimate may be exceeded: the total then grows with
  /// the count), e.g. start("reading live state", 203, "requests"). Ends the previous step.
  void start(std::string what, std::size_t total, std::string unit);
  /// One unit (or `by`) of the current step is done; nothing when no step runs.
  void advance(std::size_t by = 1);
  /// advance(1) when the current step counts `unit` (a request observer ticks a read's
  /// "requests" but not an apply's "actions").
  void advance_unit(std::string_view unit);
  /// Sets the count of step `what` to `done` of `total`, starting it when another step (or
  /// none) runs (for an executor that reports its own counts).
  void update(std::string_view what, std::size_t done, std::size_t total, std::string_view unit);
  /// Ends the current step: a terminal's status line is erased; without a terminal, a step that
  /// printed a line gets a last one with its figures.
  void finish();

  /// Counts a retried request, or a write whose answer was lost and that was settled by reading.
  void count_retry();
  void count_settled();
  /// "3 requests retried, 1 ambiguous write settled"; "" when neither happened.
  [[nodiscard]] std::string retry_summary() const;

  /// "applying: 12/40 actions, 3.0/s, 4 s elapsed, about 9 s left" (no rate or estimate before
  /// the first unit, nor an estimate once done).
  static std::string describe(std::string_view what, std::size_t done, std::size_t total,
                              std::string_view unit, std::chrono::milliseconds elapsed);

 private:
  using TimePoint = std::chrono::steady_clock::time_point;
  void show(TimePoint now, bool force);  // m_mutex held

  Output m_output;
  Clock m_clock;
  std::chrono::milliseconds m_every;
  std::chrono::milliseconds m_redraw;

  mutable std::mutex m_mutex;
  bool m_running = false;
  std::string m_what;
  std::string m_unit;
  std::size_t m_done = 0;
  std::size_t m_total = 0;
  TimePoint m_started{};
  TimePoint m_shown{};
  bool m_printed = false;  // without a terminal: a line of this step was written
  std::size_t m_retries = 0;
  std::size_t m_settled = 0;
};

}  // namespace loadero_sync::cli
