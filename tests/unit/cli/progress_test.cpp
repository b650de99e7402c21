// Progress of the long steps: a status line rewritten in place on a terminal, a plain line every
// few seconds elsewhere, and the end-of-run retry summary. A fake clock drives the time.

#include "progress.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <string>
#include <vector>

using loadero_sync::cli::Progress;
using namespace std::chrono_literals;

namespace {

struct Recorder {
  std::vector<std::string> statuses;
  std::vector<std::string> lines;
  std::chrono::steady_clock::time_point now{};

  Progress make(bool terminal) {
    return Progress(
        Progress::Output{terminal, [this](const std::string& s) { statuses.push_back(s); },
                         [this](const std::string& l) { lines.push_back(l); }},
        [this] { return now; }, 5s, 100ms);
  }
};

}  // namespace

TEST_CASE("a progress line gives done and total, the rate, the time elapsed and the time left") {
  CHECK(Progress::describe("applying", 12, 40, "actions", 4000ms) ==
        "applying: 12/40 actions, 3.0/s, 4 s elapsed, about 9 s left");
  CHECK(Progress::describe("reading live state", 0, 203, "requests", 0ms) ==
        "reading live state: 0/203 requests, 0 s elapsed");
  CHECK(Progress::describe("applying", 40, 40, "actions", 125000ms) ==
        "applying: 40/40 actions, 0.3/s, 2 min 05 s elapsed");
}

TEST_CASE("on a terminal one status line is redrawn at most every 100 ms and erased at the end") {
  Recorder r;
  auto progress = r.make(true);
  progress.start("applying", 3, "actions");
  REQUIRE(r.statuses.size() == 1);
  CHECK(r.statuses[0] == "applying: 0/3 actions, 0 s elapsed");
  r.now += 50ms;
  progress.advance();  // too soon to redraw
  CHECK(r.statuses.size() == 1);
  r.now += 60ms;
  progress.advance();
  REQUIRE(r.statuses.size() == 2);
  CHECK(r.statuses[1].starts_with("applying: 2/3 actions"));
  progress.advance();  // the last one is always shown
  CHECK(r.statuses.size() == 3);
  progress.finish();
  CHECK(r.statuses.back().empty());
  CHECK(r.lines.empty());
}

TEST_CASE("without a terminal a plain line comes every 5 s, and a last one when the step ends") {
  Recorder r;
  auto progress = r.make(false);
  progress.start("reading live state", 100, "requests");
  for (int i = 0; i < 40; ++i) {
    r.now += 100ms;
    progress.advance();
  }
  CHECK(r.lines.empty());  // 4 s: nothing yet
  for (int i = 0; i < 20; ++i) {
    r.now += 100ms;
    progress.advance();
  }
  REQUIRE(r.lines.size() == 1);
  CHECK(r.lines[0] == "reading live state: 50/100 requests, 10.0/s, 5 s elapsed, about 5 s left\n");
  progress.finish();
  REQUIRE(r.lines.size() == 2);
  CHECK(r.lines[1] == "reading live state: 60/100 requests, 10.0/s, 6 s elapsed, about 4 s left\n");
  CHECK(r.statuses.empty());

  // A quick step prints nothing at all.
  progress.start("applying", 2, "actions");
  progress.advance(2);
  progress.finish();
  CHECK(r.lines.size() == 2);
}

TEST_CASE("a request observer ticks a read's requests but not an apply's actions") {
  Recorder r;
  auto progress = r.make(false);
  progress.start("applying", 10, "actions");
  progress.advance_unit("requests");
  r.now += 6s;
  progress.advance_unit("actions");
  REQUIRE(r.lines.size() == 1);
  CHECK(r.lines[0].starts_with("applying: 1/10 actions"));
  // An estimate that was too low grows with the count.
  progress.update("applying", 12, 10, "actions");
  r.now += 6s;
  progress.advance();
  CHECK(r.lines.back().starts_with("applying: 13/13 actions"));
}

TEST_CASE("the retry summary counts retried requests and settled writes") {
  Recorder r;
  auto progress = r.make(false);
  CHECK(progress.retry_summary().empty());
  progress.count_retry();
  CHECK(progress.retry_summary() == "1 request retried");
  progress.count_retry();
  progress.count_retry();
  progress.count_settled();
  CHECK(progress.retry_summary() == "3 requests retried, 1 ambiguous write settled");
}
