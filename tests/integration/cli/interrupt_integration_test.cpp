// Interrupting the real loadero-sync: SIGINT and SIGTERM sent to the running binary (and an
// in-process request) against an emulator slow enough to catch it mid-apply or mid-read.

#include <doctest/doctest.h>
#include <signal.h>

#include <chrono>
#include <regex>
#include <set>
#include <sstream>
#include <thread>

#include "cli.hpp"
#include "cli_fixture.hpp"
#include "interrupt.hpp"

using namespace cli_test;

namespace {

// Polls until `condition` holds; false after 15 s.
template <class Condition>
bool wait_until(Condition condition) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(15);
  while (!condition()) {
    if (std::chrono::steady_clock::now() > deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  return true;
}

// `tests` tests with no group, and a manifest asking each for the groups G0..G{groups-1}.
struct Setup {
  std::vector<std::int64_t> test_ids;
  std::string manifest;

  Setup(Fixture& fx, int tests, int groups) {
    std::string text = "version: 1\nproject_id: 5040\ntests:\n";
    for (int t = 0; t < tests; ++t) {
      test_ids.push_back(fx.create_test("Interrupted " + std::to_string(t)));
      text += "  - test_id: " + std::to_string(test_ids.back()) + "\n    groups:\n";
      for (int g = 0; g < groups; ++g)
        text += "      - name: G" + std::to_string(g) + "\n        count: 1\n";
    }
    manifest = fx.write_file("loadero.yaml", text);
    fx.reset_stats();
  }

  // The groups every test must end with: "G0=1,G1=1,...".
  static std::string expected(int groups) {
    std::string out;
    for (int g = 0; g < groups; ++g) out += (g == 0 ? "G" : ",G") + std::to_string(g) + "=1";
    return out;
  }

  std::size_t live_groups(Fixture& fx) const {
    std::size_t n = 0;
    for (const auto id : test_ids) {
      const std::string groups = fx.groups(id);
      if (!groups.empty())
        n += static_cast<std::size_t>(std::count(groups.begin(), groups.end(), ',')) + 1;
    }
    return n;
  }
};

struct Counts {
  long applied = -1;
  long failed = -1;
  long not_attempted = -1;
};

// The counts of "Apply interrupted: 3 applied, 0 failed, 5 not attempted."; -1 when absent.
Counts interrupted_counts(const std::string& out) {
  static const std::regex line(
      R"(\nApply interrupted: (\d+) applied, (\d+) failed, (\d+) not attempted\.\n)");
  std::smatch match;
  Counts counts;
  if (std::regex_search(out, match, line)) {
    counts.applied = std::stol(match[1]);
    counts.failed = std::stol(match[2]);
    counts.not_attempted = std::stol(match[3]);
  }
  return counts;
}

std::size_t occurrences(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (auto pos = text.find(what); pos != std::string::npos; pos = text.find(what, pos + 1)) ++n;
  return n;
}

// Plans and applies `setup` again, then checks every test has exactly the manifest's groups.
void check_next_apply_converges(Fixture& fx, const Setup& setup, int groups) {
  const auto plan = fx.sync({"plan", "-f", setup.manifest, "--detailed-exitcode"});
  CHECK(plan.exit_code == 2);
  const auto apply = fx.sync({"apply", "-f", setup.manifest, "--auto-approve"});
  CHECK(apply.exit_code == 0);
  CHECK(apply.out.find("Apply complete: ") != std::string::npos);
  for (const auto id : setup.test_ids) CHECK(fx.groups(id) == Setup::expected(groups));
  CHECK(fx.sync({"plan", "-f", setup.manifest, "--detailed-exitcode"}).exit_code == 0);
}

}  // namespace

TEST_CASE("SIGINT during apply finishes the writes in flight, reports the rest and exits 130") {
  Fixture fx({"--latency-ms", "200"});
  const Setup setup(fx, 3, 6);
  loadero_test::ChildProcess child(
      fx.sync_options({"apply", "-f", setup.manifest, "--auto-approve"}));
  REQUIRE(wait_until([&] { return fx.requests("POST") >= 1; }));
  child.signal(SIGINT);
  const auto result = child.wait();
  Fixture::check_sync_result(result);
  INFO("stdout:\n" << result.out << "\nstderr:\n" << result.err);

  CHECK(result.exit_code == 130);
  CHECK(result.err.rfind("loadero-sync: interrupt received: finishing the ", 0) == 0);
  CHECK(result.out.find("\nApply results:\n") != std::string::npos);
  const Counts counts = interrupted_counts(result.out);
  CHECK(counts.applied >= 1);
  CHECK(counts.failed == 0);
  CHECK(counts.not_attempted >= 1);
  CHECK(counts.applied + counts.not_attempted == 18);
  CHECK(occurrences(result.out, "  not attempted (interrupted)  + group ") ==
        static_cast<std::size_t>(counts.not_attempted));
  CHECK(result.out.find("Run apply again to finish") != std::string::npos);
  // Every write that started ended, and none started after the signal but those in flight.
  CHECK(fx.requests("POST") == counts.applied);
  CHECK(setup.live_groups(fx) == static_cast<std::size_t>(counts.applied));

  check_next_apply_converges(fx, setup, 6);
}

TEST_CASE("SIGTERM during apply stops it the same way and exits 143") {
  Fixture fx({"--latency-ms", "200"});
  const Setup setup(fx, 1, 5);
  // One write at a time, so exactly one is in flight when the signal comes (at more, the
  // independent creates of the test run side by side).
  loadero_test::ChildProcess child(
      fx.sync_options({"apply", "-f", setup.manifest, "--auto-approve", "--parallelism", "1"}));
  REQUIRE(wait_until([&] { return fx.requests("POST") >= 1; }));
  child.signal(SIGTERM);
  const auto result = child.wait();
  Fixture::check_sync_result(result);
  INFO("stdout:\n" << result.out << "\nstderr:\n" << result.err);

  CHECK(result.exit_code == 143);
  CHECK(result.err.rfind("loadero-sync: SIGTERM received: ", 0) == 0);
  const Counts counts = interrupted_counts(result.out);
  CHECK(counts.applied == 1);
  CHECK(counts.not_attempted == 4);
  CHECK(setup.live_groups(fx) == 1);
  check_next_apply_converges(fx, setup, 5);
}

TEST_CASE("a second SIGINT exits at once without waiting for the write in flight") {
  Fixture fx({"--latency-ms", "600"});
  const Setup setup(fx, 1, 3);
  // One write at a time, so exactly one is in flight when the signals come.
  loadero_test::ChildProcess child(
      fx.sync_options({"apply", "-f", setup.manifest, "--auto-approve", "--parallelism", "1"}));
  REQUIRE(wait_until([&] { return fx.requests("POST") >= 1; }));
  child.signal(SIGINT);
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  const auto second = std::chrono::steady_clock::now();
  child.signal(SIGINT);
  const auto result = child.wait();
  const auto waited = std::chrono::steady_clock::now() - second;
  Fixture::check_sync_result(result);
  INFO("stdout:\n" << result.out << "\nstderr:\n" << result.err);

  CHECK(result.exit_code == 130);
  CHECK(waited < std::chrono::milliseconds(400));  // the write in flight needs about 0.5 s more
  CHECK(result.out.find("Apply results") == std::string::npos);
  CHECK(result.err ==
        "loadero-sync: interrupt received: finishing the write in flight, starting no new one "
        "(press Ctrl-C again to exit at once)\n"
        "loadero-sync: interrupted again: exiting now; a write in flight may still complete, run "
        "`loadero-sync plan` to see the live state\n");

  // The abandoned write still lands; applying from the live state then makes no duplicate.
  REQUIRE(wait_until([&] { return setup.live_groups(fx) == 1; }));
  const auto apply = fx.sync({"apply", "-f", setup.manifest, "--auto-approve"});
  CHECK(apply.exit_code == 0);
  CHECK(apply.out.find("Apply complete: 2 applied, 0 failed, 0 not attempted.") !=
        std::string::npos);
  CHECK(fx.groups(setup.test_ids[0]) == Setup::expected(3));
}

TEST_CASE("SIGINT during plan exits 130 with nothing on stdout") {
  Fixture fx({"--latency-ms", "300"});
  const Setup setup(fx, 3, 2);
  loadero_test::ChildProcess child(fx.sync_options({"plan", "-f", setup.manifest}));
  // The access check is the first read; the tests' reads follow it.
  REQUIRE(wait_until([&] { return fx.requests("GET") >= 2; }));
  child.signal(SIGINT);
  const auto result = child.wait();
  Fixture::check_sync_result(result);

  CHECK(result.exit_code == 130);
  CHECK(result.out.empty());
  CHECK(result.err ==
        "loadero-sync: interrupt received: nothing was changed; stopping once the reads in flight "
        "end (press Ctrl-C again to exit at once)\n");
  CHECK(fx.writes() == 0);
}

TEST_CASE("SIGTERM during export exits 143 and writes no file") {
  Fixture fx({"--latency-ms", "300"});
  const Setup setup(fx, 3, 0);
  std::vector<std::string> args = {"export", "--project-id", "5040", "-o", fx.path("out.yaml")};
  for (const auto id : setup.test_ids) {
    args.push_back("--test-id");
    args.push_back(std::to_string(id));
  }
  loadero_test::ChildProcess child(fx.sync_options(args));
  REQUIRE(wait_until([&] { return fx.requests("GET") >= 2; }));
  child.signal(SIGTERM);
  const auto result = child.wait();
  Fixture::check_sync_result(result);

  CHECK(result.exit_code == 143);
  CHECK(result.out.empty());
  CHECK_FALSE(std::filesystem::exists(fx.path("out.yaml")));
}

TEST_CASE("an interrupt requested in-process while a write is in flight reports the apply") {
  Fixture fx({"--latency-ms", "200"});
  const Setup setup(fx, 1, 5);
  const std::vector<std::string> args = {
      "loadero-sync", "apply", "-f", setup.manifest, "--auto-approve", "--parallelism", "1",
      "--max-rps",    "0"};
  std::vector<const char*> argv;
  for (const auto& arg : args) argv.push_back(arg.c_str());
  const std::string base = fx.emulator.base_url();
  const loadero_sync::cli::EnvLookup env =
      [&](const std::string& name) -> std::optional<std::string> {
    if (name == "LOADERO_API_BASE") return base;
    if (name == "LOADERO_ACCESS_TOKEN") return std::string(token);
    return std::nullopt;
  };
  loadero_sync::cli::Interrupt interrupt;
  std::jthread interrupter([&interrupt] {
    if (wait_until([&] { return interrupt.writes_in_flight() >= 1; })) interrupt.request(SIGINT);
  });
  std::ostringstream out;
  std::ostringstream err;

  const int code = loadero_sync::cli::run(static_cast<int>(argv.size()), argv.data(), out, err,
                                          loadero_sync::cli::Terminal{}, env, interrupt);
  interrupter.join();
  INFO("stdout:\n" << out.str() << "\nstderr:\n" << err.str());

  CHECK(code == 130);
  CHECK(err.str().rfind("loadero-sync: interrupt received: ", 0) == 0);
  CHECK(out.str().find("\nApply interrupted: 1 applied, 0 failed, 4 not attempted.\n") !=
        std::string::npos);
  CHECK(occurrences(out.str(), "  not attempted (interrupted)  + group ") == 4);
  CHECK(fx.groups(setup.test_ids[0]) == "G0=1");
}
