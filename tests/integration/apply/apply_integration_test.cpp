// The executor, the retrying gateway and the libloadero gateway against the real emulator, with
// its fault modes: every plan must converge, and no create or copy may make a second group.

#include <doctest/doctest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>

#include "emulator_support.hpp"
#include "loadero/api_client.hpp"
#include "loadero/curl_transport.hpp"
#include "loadero/transport.hpp"
#include "loadero_sync/executor.hpp"
#include "loadero_sync/gateway.hpp"
#include "loadero_sync/live_state.hpp"
#include "loadero_sync/pipeline.hpp"
#include "loadero_sync/planner.hpp"
#include "loadero_sync/retry.hpp"

using namespace loadero_sync;
using std::chrono::milliseconds;

namespace {

// Two tests: 7001 "Checkout" (Callers has a participant of count 2) and 7002 "Video call".
const char* const k_state = R"({
  "format_version": 1,
  "next_ids": {"test": 8000, "group": 1000, "participant": 5000},
  "projects": [{
    "id": 5040, "name": "Apply tests", "token": "apply-token",
    "tests": [
      {"id": 7001, "name": "Checkout", "start_interval": 1, "participant_timeout": 600, "mode": "load",
       "increment_strategy": "linear", "mos_test": false,
       "groups": [{"id": 101, "name": "Callers", "count": 3}, {"id": 102, "name": "Hosts", "count": 1},
                  {"id": 103, "name": "Legacy", "count": 1}],
       "participants": [{"id": 4001, "group_id": 101, "name": "Caller", "count": 2, "compute_unit": "g1",
                         "browser": "chromeLatest", "location": "us-west-2", "network": "default",
                         "audio_feed": "default", "video_feed": "default", "record_audio": false}]},
      {"id": 7002, "name": "Video call", "start_interval": 1, "participant_timeout": 600, "mode": "load",
       "increment_strategy": "linear", "mos_test": false,
       "groups": [{"id": 201, "name": "Speakers", "count": 2}], "participants": []}
    ]}]
})";

DesiredGroup group(std::string name, std::int64_t count) {
  DesiredGroup g;
  g.name = std::move(name);
  g.count = count;
  return g;
}

DesiredGroup copy_of(std::string source, std::string name, std::int64_t count) {
  auto g = group(std::move(name), count);
  g.duplicate_from = std::move(source);
  return g;
}

DesiredTest test_by_id(std::int64_t id, std::vector<DesiredGroup> groups,
                       Prune prune = Prune::off) {
  DesiredTest t;
  t.test_id = id;
  t.prune = prune;
  t.groups = std::move(groups);
  return t;
}

DesiredTest test_by_name(std::string name, std::vector<DesiredGroup> groups) {
  DesiredTest t;
  t.test_name = std::move(name);
  t.groups = std::move(groups);
  return t;
}

// Every kind of action: create, duplicate (with and without a count change), update (rename and
// count), delete (prune), in two tests, one named.
std::vector<DesiredTest> full_manifest() {
  auto presenters = group("Presenters", 2);
  presenters.renamed_from = {"Hosts"};
  return {
      test_by_id(7001,
                 {group("Callers", 3), copy_of("Callers", "Callers EU", 3), group("Viewers", 2),
                  presenters},
                 Prune::on),
      test_by_name("Video call", {group("Speakers", 2), group("Listeners", 4),
                                  copy_of("Speakers", "Speakers EU", 5)}),
  };
}

struct Harness {
  explicit Harness(std::vector<std::string> emulator_flags, RetryPolicy policy = fast_policy())
      : state_dir(loadero_test::make_temp_dir("apply-it")),
        emulator(options(state_dir, std::move(emulator_flags))),
        client(config(emulator.base_url())),
        api(make_api_gateway(client)),
        gateway(*api, policy, sleeper, log_retry, 11) {}
  ~Harness() {
    emulator.stop();
    std::error_code ignored;
    std::filesystem::remove_all(state_dir, ignored);
  }

  // APPLY_IT_VERBOSE=1 shows every retry and settled write on stderr, to debug a failing run.
  static void log_retry(const std::string& line) {
    if (std::getenv("APPLY_IT_VERBOSE") != nullptr) std::cerr << line << '\n';
  }

  static RetryPolicy fast_policy() {
    RetryPolicy p;
    p.max_retries = 10;
    p.base_delay = milliseconds(5);
    p.max_delay = milliseconds(100);
    return p;
  }

  static loadero_test::EmulatorOptions options(const std::string& dir,
                                               std::vector<std::string> flags) {
    const auto path = dir + "/state.json";
    std::ofstream(path) << k_state;
    loadero_test::EmulatorOptions o;
    o.project_id = 0;  // the project and its token come from the state file
    o.state_file = path;
    o.extra_args = std::move(flags);
    return o;
  }

  static loadero::ClientConfig config(const std::string& base) {
    loadero::ClientConfig c;
    c.api_base = base;
    c.project_id = 5040;
    c.access_token = "apply-token";
    c.timeout = milliseconds(5000);
    c.max_requests_per_second = 0;
    return c;
  }

  Plan plan_for(const std::vector<DesiredTest>& desired) {
    const auto live = read_live_state(gateway, desired, 4);
    REQUIRE(live.ok());
    auto result =
        make_plan(live.resolved, live.live, PlanOptions{emulator.base_url(), 5040, "test"});
    REQUIRE(result.ok());
    return result.plan;
  }

  nlohmann::json stats() { return nlohmann::json::parse(emulator.http_get("/_emulator/stats")); }

  std::string state_dir;
  loadero_test::EmulatorProcess emulator;
  loadero::ApiClient client;
  std::unique_ptr<LoaderoGateway> api;
  ThreadSleeper sleeper;
  RetryingGateway gateway;
};

std::size_t action_count(const Plan& plan) {
  std::size_t n = 0;
  for (const auto& test : plan.tests) n += test.actions.size();
  return n;
}

// The live groups as sorted "name:count" lines, after checking that no name appears twice.
std::vector<std::string> names_and_counts(LoaderoGateway& gateway, std::int64_t test_id) {
  std::vector<std::string> result;
  std::set<std::string> names;
  for (const auto& g : gateway.list_groups(test_id)) {
    CHECK_MESSAGE(names.insert(g.name).second,
                  "duplicate group " << g.name << " in test " << test_id);
    result.push_back(g.name + ":" + std::to_string(g.count));
  }
  std::sort(result.begin(), result.end());
  return result;
}

void check_converged(Harness& h) {
  CHECK(names_and_counts(h.gateway, 7001) ==
        std::vector<std::string>{"Callers EU:3", "Callers:3", "Presenters:2", "Viewers:2"});
  CHECK(names_and_counts(h.gateway, 7002) ==
        std::vector<std::string>{"Listeners:4", "Speakers EU:5", "Speakers:2"});
  CHECK(h.plan_for(full_manifest()).empty());
}

}  // namespace

TEST_CASE("a plan applied against the emulator converges: planning again shows no change") {
  Harness h({});
  const auto plan = h.plan_for(full_manifest());
  REQUIRE(action_count(plan) == 6);

  const auto result = execute_plan(plan, h.gateway, ExecutorOptions{});

  CHECK(result.applied() == 6);
  CHECK(result.complete());
  check_converged(h);
  // The copy took the source's participants along.
  for (const auto& g : h.gateway.list_groups(7001)) {
    if (g.name == "Callers EU") CHECK(g.participant_count == 2);
  }
}

TEST_CASE("with every write answered ambiguously, creates and copies leave no duplicate group") {
  Harness h({"--ambiguous-rate", "1.0", "--seed", "3"});
  const std::vector<DesiredTest> desired{
      test_by_id(7001,
                 {group("Callers", 3), group("Hosts", 1), copy_of("Callers", "Callers EU", 5),
                  group("Viewers", 2), copy_of("Viewers", "Viewers EU", 2)},
                 Prune::on),
      test_by_id(7002, {group("Speakers", 3), group("Listeners", 4), group("Moderators", 1)}),
  };
  const auto plan = h.plan_for(desired);
  // 7001: create Viewers, copy Callers (then set its count), copy Viewers, delete Legacy;
  // 7002: update Speakers, create Listeners and Moderators.
  REQUIRE(action_count(plan) == 7);

  const auto result = execute_plan(plan, h.gateway, ExecutorOptions{});

  CHECK(result.applied() == 7);
  CHECK(result.complete());
  CHECK(names_and_counts(h.gateway, 7001) == std::vector<std::string>{"Callers EU:5", "Callers:3",
                                                                      "Hosts:1", "Viewers EU:2",
                                                                      "Viewers:2"});
  CHECK(names_and_counts(h.gateway, 7002) ==
        std::vector<std::string>{"Listeners:4", "Moderators:1", "Speakers:3"});
  const auto stats = h.stats();
  CHECK(stats["faults"]["ambiguous"].get<int>() >= 7);
  CHECK(stats["by_method"]["POST"].get<int>() == 5);  // one POST per create or copy, never a second
  CHECK(h.plan_for(desired).empty());
}

TEST_CASE("with 30% of requests failing, apply still converges through retries") {
  Harness h({"--fail-rate", "0.3", "--seed", "42"});
  const auto plan = h.plan_for(full_manifest());

  const auto result = execute_plan(plan, h.gateway, ExecutorOptions{});

  CHECK(result.complete());
  CHECK(h.stats()["faults"]["5xx"].get<int>() > 0);
  check_converged(h);
}

TEST_CASE("429 answers above the server's rate limit are retried after Retry-After") {
  RetryPolicy policy;
  policy.max_retries = 8;
  policy.base_delay = milliseconds(50);
  policy.max_delay = milliseconds(2000);
  Harness h({"--rate-limit", "2"}, policy);
  // Made by hand so that the only requests are the writes: 4 at once against a limit of 2 a second.
  Plan plan;
  plan.project_id = 5040;
  for (const std::int64_t test_id : {7001, 7002}) {
    TestPlan test;
    test.test_id = test_id;
    for (const auto* name : {"Rate A", "Rate B"}) {
      Action action;
      action.kind = ActionKind::create;
      action.name = name;
      action.after = GroupState{name, 1};
      test.actions.push_back(action);
    }
    plan.tests.push_back(test);
  }

  const auto result = execute_plan(plan, h.gateway, ExecutorOptions{});

  CHECK(result.complete());
  CHECK(h.stats()["faults"]["429"].get<int>() > 0);
  CHECK(h.stats()["by_method"]["POST"].get<int>() >= 4);
  CHECK(names_and_counts(h.gateway, 7002) ==
        std::vector<std::string>{"Rate A:1", "Rate B:1", "Speakers:2"});
}

namespace {

// A transport that sends everything through `inner` and remembers each write, the way a real
// apply sends it.
class RecordingTransport : public loadero::Transport {
 public:
  explicit RecordingTransport(std::shared_ptr<loadero::Transport> inner)
      : m_inner(std::move(inner)) {}

  loadero::HttpResponse send(const loadero::HttpRequest& request) override {
    if (request.method != loadero::HttpMethod::get) {
      const std::lock_guard lock(m_mutex);
      m_writes.push_back(std::string(loadero::to_string(request.method)) + " " + request.route +
                         " " + request.body);
    }
    return m_inner->send(request);
  }

  std::vector<std::string> writes() const {
    const std::lock_guard lock(m_mutex);
    return m_writes;
  }

 private:
  std::shared_ptr<loadero::Transport> m_inner;
  mutable std::mutex m_mutex;
  std::vector<std::string> m_writes;
};

// A group made by the run (a dry run's placeholder -N, or a new id >= 1000 from the state's
// next_ids) reads as <new>, so a dry run's requests compare with a real one's.
std::vector<std::string> masked(std::vector<std::string> writes) {
  static const std::regex made(R"(/groups/(-\d+|\d{4,})/)");
  for (auto& write : writes) write = std::regex_replace(write, made, "/groups/<new>/");
  return writes;
}

struct Runs {
  ApplyResult dry_result;
  std::vector<std::string> dry_writes;
  ApplyResult real_result;
  std::vector<std::string> real_writes;
};

// Executes `plan` as apply --dry-run does (an ApiSession in dry-run mode), then for real through
// the same resource layer over a recording transport, one test at a time both times.
Runs dry_run_then_apply(Harness& h, const Plan& plan) {
  ExecutorOptions options;
  options.parallelism = 1;
  Runs runs;
  {
    SessionOptions session_options;
    session_options.client = Harness::config(h.emulator.base_url());
    session_options.retry = Harness::fast_policy();
    session_options.dry_run = DryRun::yes;
    ApiSession session(std::move(session_options));
    h.emulator.http_request("POST", "/_emulator/reset", "", false);
    runs.dry_result = execute_plan(plan, session.gateway(), options);
    for (const auto& write : session.recorded_writes())
      runs.dry_writes.push_back(write.method + " " + write.route + " " + write.body);
    const auto stats = h.stats();
    CHECK_FALSE(stats["by_method"].contains("POST"));
    CHECK_FALSE(stats["by_method"].contains("PUT"));
    CHECK_FALSE(stats["by_method"].contains("DELETE"));
  }
  auto recorder = std::make_shared<RecordingTransport>(loadero::make_curl_transport());
  loadero::ApiClient client(Harness::config(h.emulator.base_url()), recorder);
  const auto gateway = make_api_gateway(client);
  runs.real_result = execute_plan(plan, *gateway, options);
  runs.real_writes = recorder->writes();
  return runs;
}

}  // namespace

TEST_CASE("a dry run sends no write and lists exactly the writes a real apply then sends") {
  Harness h({});
  const auto plan = h.plan_for(full_manifest());

  const Runs runs = dry_run_then_apply(h, plan);

  CHECK(runs.dry_result.complete());
  CHECK(runs.real_result.complete());
  CHECK(runs.dry_writes ==
        std::vector<std::string>{
            R"(POST projects/5040/tests/7001/groups/ {"count":2,"name":"Viewers"})",
            R"(POST projects/5040/tests/7001/groups/101/copy/ {"name":"Callers EU"})",
            R"(PUT projects/5040/tests/7001/groups/102/ {"count":2,"name":"Presenters"})",
            R"(DELETE projects/5040/tests/7001/groups/103/ )",
            R"(POST projects/5040/tests/7002/groups/ {"count":4,"name":"Listeners"})",
            R"(POST projects/5040/tests/7002/groups/201/copy/ {"name":"Speakers EU"})",
            R"(PUT projects/5040/tests/7002/groups/-4/ {"count":5,"name":"Speakers EU"})",
        });
  CHECK(masked(runs.dry_writes) == masked(runs.real_writes));
  check_converged(h);
}

TEST_CASE("a saved plan with an update to count 0 is refused alike in a dry run and for real") {
  Harness h({});
  auto plan = h.plan_for({test_by_id(7001, {group("Callers", 3), group("Hosts", 2)})});
  REQUIRE(plan.tests.size() == 1);
  REQUIRE(plan.tests[0].actions.size() == 1);
  plan.tests[0].actions[0].after->count = 0;  // plan.schema.json allows it in a saved plan

  const Runs runs = dry_run_then_apply(h, plan);

  // The client-side checks are the same code both times: neither run sends the PUT.
  CHECK(runs.dry_writes.empty());
  CHECK(runs.real_writes.empty());
  REQUIRE(runs.dry_result.failed() == 1);
  REQUIRE(runs.real_result.failed() == 1);
  const std::string refused = "group count must be between 1 and 1000000, not 0";
  CHECK(runs.dry_result.tests[0].actions[0].error == refused);
  CHECK(runs.real_result.tests[0].actions[0].error == refused);
}
