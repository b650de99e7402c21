#include "cli.hpp"

#include <signal.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <ctime>
#include <filesystem>
#include <iostream>
#include <random>
#include <thread>

#include "misbehave.hpp"
#include "server.hpp"
#include "state.hpp"

#ifndef LOADERO_VERSION
#define LOADERO_VERSION "0.0.0"
#endif
#ifndef LOADERO_GIT_COMMIT
#define LOADERO_GIT_COMMIT "unknown"
#endif

namespace loadero_emulator {
namespace {

struct Flags {
  std::string host = "127.0.0.1";
  int port = 0;
  std::vector<std::int64_t> project_ids;
  std::vector<std::string> tokens;
  std::string state_file;
  bool sync_save = false;
  std::int64_t save_interval_ms = 100;
  std::int64_t latency_ms = 0;
  double fail_rate = 0;
  std::int64_t rate_limit = 0;
  double ambiguous_rate = 0;
  std::int64_t max_page_size = 0;
  std::optional<std::uint64_t> seed;
  std::vector<std::string> misbehave;
};

// Ids of a fresh state start in different ranges per kind, so a client that mixes up a test id
// and a group id gets a 404 instead of silently touching the wrong resource.
void use_distinct_id_ranges(State& state) {
  state.next_test_id = 1001;
  state.next_group_id = 40001;
  state.next_participant_id = 90001;
}

}  // namespace

int run(int argc, char** argv, std::ostream& out, std::ostream& err) {
  Flags flags;
  CLI::App app{
      "loadero-emulator: a local server that speaks the Loadero REST API (projects, tests, "
      "groups,\n"
      "participants) for tests, demos and trying manifests, with fault injection.",
      "loadero-emulator"};
  app.set_version_flag("--version", std::string("loadero-emulator ") + LOADERO_VERSION +
                                        " (commit " + LOADERO_GIT_COMMIT + ")");
  app.add_option("--host", flags.host, "Address to bind")->capture_default_str();
  app.add_option("--port", flags.port, "Port to bind; 0 picks a free one")
      ->check(CLI::Range(0, 65535))
      ->capture_default_str();
  app.add_option("--project-id", flags.project_ids,
                 "A project to serve (repeat, paired in order with --token)");
  app.add_option("--token", flags.tokens, "The access token of the matching --project-id");
  app.add_option("--state", flags.state_file,
                 "JSON state file: loaded at start when it exists, saved atomically in the "
                 "background (at most once per --save-interval-ms) and at exit");
  app.add_flag("--sync-save", flags.sync_save,
               "Answer a write only once the state file holding it is on disk");
  app.add_option("--save-interval-ms", flags.save_interval_ms,
                 "Least time between two background saves of --state")
      ->check(CLI::Range(std::int64_t{0}, std::int64_t{600000}))
      ->capture_default_str();
  app.add_option("--latency-ms", flags.latency_ms, "Delay added before every API answer")
      ->check(CLI::Range(0, 600000));
  app.add_option("--fail-rate", flags.fail_rate, "Share of API requests answered 500/502/503")
      ->check(CLI::Range(0.0, 1.0));
  app.add_option("--rate-limit", flags.rate_limit,
                 "Requests per second above which 429 + Retry-After is answered (0: off)")
      ->check(CLI::Range(std::int64_t{0}, std::int64_t{1'000'000}));
  app.add_option("--ambiguous-rate", flags.ambiguous_rate,
                 "Share of writes that are committed but answered by a dropped connection or a 502")
      ->check(CLI::Range(0.0, 1.0));
  app.add_option("--max-page-size", flags.max_page_size,
                 "Cap on the items of every page, even without a limit (0: none)")
      ->check(CLI::Range(std::int64_t{0}, std::int64_t{1'000'000}));
  app.add_option("--seed", flags.seed,
                 "Seed of the fault generator (default: random, printed on stderr)");
  app.add_option("--misbehave", flags.misbehave,
                 "Break the API's promises in every successful answer, to show that clients "
                 "refuse it (repeat, or a comma list): " +
                     misbehaviour_names())
      ->delimiter(',');
  app.footer(
      "--misbehave modes:\n"
      "  missing-id    resources, alone or in a list, have no \"id\"\n"
      "  wrong-id      a resource answer carries its id + 1 (lists are left alone)\n"
      "  wrong-parent  project_id, test_id and group_id of resources are + 1\n"
      "  empty-page    the second page of a list is empty, its pagination unchanged\n"
      "  huge-total    lists report total_items " +
      std::to_string(huge_total_items) +
      "\n"
      "  repeat-ids    every page after the first repeats the first page's items\n"
      "Lists page when the client sends a limit or --max-page-size is set.");
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    // --help and --version exit 0; every flag error exits 2, whatever CLI11's own code is.
    return app.exit(error, out, err) == 0 ? 0 : 2;
  }
  if (flags.project_ids.size() != flags.tokens.size()) {
    err << "loadero-emulator: error: every --project-id needs one --token (got "
        << flags.project_ids.size() << " project ids and " << flags.tokens.size() << " tokens)\n";
    return 2;
  }

  std::vector<Misbehaviour> misbehaviours;
  for (const auto& name : flags.misbehave) {
    const auto mode = parse_misbehaviour(name);
    if (!mode) {
      err << "loadero-emulator: error: unknown --misbehave mode '" << name
          << "' (modes: " << misbehaviour_names() << ")\n";
      return 2;
    }
    if (std::find(misbehaviours.begin(), misbehaviours.end(), *mode) == misbehaviours.end())
      misbehaviours.push_back(*mode);
  }

  State state;
  use_distinct_id_ranges(state);
  try {
    if (!flags.state_file.empty() && std::filesystem::exists(flags.state_file)) {
      state = load_state_file(flags.state_file);
    }
  } catch (const std::exception& error) {
    err << "loadero-emulator: error: " << error.what() << '\n';
    return 1;
  }
  const Millis now = now_millis();
  for (std::size_t i = 0; i < flags.project_ids.size(); ++i) {
    const auto id = flags.project_ids[i];
    if (id <= 0) {
      err << "loadero-emulator: error: --project-id must be a positive integer, got " << id << '\n';
      return 2;
    }
    auto [it, added] = state.projects.try_emplace(id);
    if (added) it->second = Project{id, "Project " + std::to_string(id), {}, now, now};
    it->second.token = flags.tokens[i];
  }
  if (state.projects.empty()) {
    state = demo_state();
    err << "loadero-emulator: no --project-id and "
        << (flags.state_file.empty() ? std::string("no --state")
                                     : "no project in " + flags.state_file)
        << ": serving the demo data (project 5040, token demo-token)\n";
  }

  FaultOptions faults;
  faults.latency_ms = flags.latency_ms;
  faults.fail_rate = flags.fail_rate;
  faults.rate_limit_rps = flags.rate_limit;
  faults.ambiguous_rate = flags.ambiguous_rate;
  faults.seed = flags.seed ? *flags.seed : std::random_device{}();
  faults.misbehave = misbehaviours;
  if (!misbehaviours.empty()) {
    err << "loadero-emulator: misbehaving on purpose (--misbehave";
    for (std::size_t i = 0; i < misbehaviours.size(); ++i)
      err << (i == 0 ? " " : ",") << to_string(misbehaviours[i]);
    err << "): answers break the API's promises\n";
  }
  if (!flags.seed && (faults.fail_rate > 0 || faults.ambiguous_rate > 0)) {
    err << "loadero-emulator: fault seed " << faults.seed << " (repeat this run with --seed "
        << faults.seed << ")\n";
  }

  ServerOptions options;
  options.host = flags.host;
  options.port = flags.port;
  options.api.state_file = flags.state_file;
  options.api.save_interval = std::chrono::milliseconds(flags.save_interval_ms);
  options.api.sync_save = flags.sync_save;
  if (flags.max_page_size > 0) options.api.max_page_size = flags.max_page_size;
  options.faults = faults;
  const bool loopback =
      flags.host == "localhost" || flags.host == "::1" || flags.host.rfind("127.", 0) == 0;
  if (!loopback) {
    err << "loadero-emulator: warning: listening on " << flags.host
        << ", not on loopback: anyone who can reach it can use these tokens and data\n";
  }

  // Signals are taken by one waiting thread; every thread started from here on inherits the mask.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
  // A dropped connection (ambiguous fault, or a client that went away) must not kill the process.
  signal(SIGPIPE, SIG_IGN);

  std::unique_ptr<Server> server;
  try {
    server = std::make_unique<Server>(std::move(state), options);
    server->api().save();
  } catch (const std::exception& error) {
    err << "loadero-emulator: error: " << error.what() << '\n';
    return 1;
  }

  std::atomic<bool> done{false};
  std::thread waiter([&] {
    const timespec tick{0, 50'000'000};
    bool stopping = false;
    while (!done.load()) {
      if (!stopping) {
        const int got = sigtimedwait(&stop_signals, nullptr, &tick);
        if (got == SIGINT || got == SIGTERM) {
          err << "loadero-emulator: " << (got == SIGINT ? "SIGINT" : "SIGTERM") << ", stopping\n";
          stopping = true;
        }
      }
      // A stop requested before run() has started serving would be lost, so wait for it to run.
      if (stopping) {
        if (server->is_running()) {
          server->stop();
          return;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
      }
    }
  });

  out << "listening on " << server->base_url() << std::endl;
  server->run();
  done.store(true);
  waiter.join();

  try {
    server->api().save();
  } catch (const std::exception& error) {
    err << "loadero-emulator: error: " << error.what() << '\n';
    return 1;
  }
  err << "loadero-emulator: stopped\n";
  return 0;
}

}  // namespace loadero_emulator
