// Participants as code, end to end: the real loadero-sync against the real loadero-emulator.
// apply writes the participants a manifest declares, drift then finds the test in sync, export
// writes them back, an interrupted apply converges on the next run, and a lost answer never makes
// a second participant.

#include <doctest/doctest.h>
#include <signal.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <thread>

#include "cli_fixture.hpp"

using namespace cli_test;

namespace {

const std::string participants_list = "GET /v2/projects/{project_id}/tests/{test_id}/participants/";

std::int64_t on_route(Fixture& fx, const std::string& route) {
  const json by_route = fx.stats()["by_route"];
  return by_route.contains(route) ? by_route[route].get<std::int64_t>() : 0;
}

std::int64_t create_participant(Fixture& fx, std::int64_t test_id, std::int64_t group_id,
                                const json& fields) {
  json body = fields;
  body["group_id"] = group_id;
  return fx.api("POST", "tests/" + std::to_string(test_id) + "/participants/", body)["id"]
      .get<std::int64_t>();
}

/// Every live participant of the test, one per line, sorted:
/// "<group name>/<name> count=<n> compute_unit=<cu> browser=<b> location=<l> network=<n>".
std::string participants(Fixture& fx, std::int64_t test_id) {
  const std::string test = "tests/" + std::to_string(test_id) + "/";
  // Each answer is kept in a variable: iterating over a member of a temporary would dangle.
  const json groups = fx.api("GET", test + "groups/");
  const json live = fx.api("GET", test + "participants/");
  std::map<std::int64_t, std::string> group_names;
  for (const auto& group : groups["results"])
    group_names[group["id"].get<std::int64_t>()] = group["name"].get<std::string>();
  std::multiset<std::string> lines;
  for (const auto& p : live["results"]) {
    const auto group_id = p["group_id"].is_null() ? 0 : p["group_id"].get<std::int64_t>();
    lines.insert(group_names[group_id] + "/" + p["name"].get<std::string>() +
                 " count=" + std::to_string(p["count"].get<std::int64_t>()) +
                 " compute_unit=" + p["compute_unit"].get<std::string>() + " browser=" +
                 p["browser"].get<std::string>() + " location=" + p["location"].get<std::string>() +
                 " network=" + p["network"].get<std::string>());
  }
  std::string out;
  for (const auto& line : lines) out += line + "\n";
  return out;
}

std::string read_file(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// A test with "Callers" (participants Caller and Bot) and "Hosts" (participant Host, whose
// participants the manifest does not manage).
struct Topology {
  Fixture& fx;
  std::int64_t test_id = 0;
  std::int64_t callers = 0;
  std::int64_t caller = 0;

  explicit Topology(Fixture& fixture) : fx(fixture) {
    test_id = fx.create_test("Conference");
    callers = fx.create_group(test_id, "Callers", 2);
    const auto hosts = fx.create_group(test_id, "Hosts", 1);
    caller = create_participant(fx, test_id, callers,
                                {{"name", "Caller"},
                                 {"count", 1},
                                 {"compute_unit", "g1"},
                                 {"browser", "chromeLatest"},
                                 {"location", "us-west-2"},
                                 {"network", "default"}});
    create_participant(fx, test_id, callers,
                       {{"name", "Bot"}, {"count", 1}, {"compute_unit", "g1"}});
    create_participant(fx, test_id, hosts,
                       {{"name", "Host"}, {"count", 1}, {"compute_unit", "g4"}});
    fx.reset_stats();
  }

  std::string manifest() const {
    return "version: 1\n"
           "project_id: 5040\n"
           "tests:\n"
           "  - test_id: " +
           std::to_string(test_id) +
           "\n"
           "    participant_defaults:\n"
           "      compute_unit: g1\n"
           "      location: us-west-2\n"
           "    groups:\n"
           "      - name: Callers\n"
           "        count: 2\n"
           "        participants:\n"
           "          - name: Caller\n"
           "            count: 3\n"
           "            browser: firefoxLatest\n"
           "          - name: Lurker\n"
           "            count: 1\n"
           "            network: 4g\n"
           "      - name: Hosts\n"
           "        count: 1\n"
           "      - name: Callers EU\n"
           "        count: 1\n"
           "        duplicate_from: Callers\n"
           "        participants:\n"
           "          - name: Caller\n"
           "            count: 1\n"
           "            location: eu-central-1\n"
           "      - name: Viewers\n"
           "        count: 4\n"
           "        participants:\n"
           "          - name: Viewer\n"
           "            count: 2\n"
           "            compute_unit: g0.5\n";
  }
};

const std::string converged =
    "Callers EU/Caller count=1 compute_unit=g1 browser=chromeLatest location=eu-central-1 "
    "network=default\n"
    "Callers/Caller count=3 compute_unit=g1 browser=firefoxLatest location=us-west-2 "
    "network=default\n"
    "Callers/Lurker count=1 compute_unit=g1 browser=chromeLatest location=us-west-2 network=4g\n"
    "Hosts/Host count=1 compute_unit=g4 browser=chromeLatest location=us-west-2 network=default\n"
    "Viewers/Viewer count=2 compute_unit=g0.5 browser=chromeLatest location=us-west-2 "
    "network=default\n";

}  // namespace

TEST_CASE("apply writes the declared participants, drift is then in sync, export round-trips") {
  Fixture fx;
  Topology topology(fx);
  const auto manifest = fx.write_file("loadero.yaml", topology.manifest());

  const auto plan = fx.sync({"plan", "-f", manifest, "--detailed-exitcode"});
  INFO(plan.out);
  CHECK(plan.exit_code == 2);
  CHECK(plan.out.find("participant " + std::to_string(topology.caller) + " \"Caller\"") !=
        std::string::npos);
  CHECK(plan.out.find("browser chromeLatest -> firefoxLatest") != std::string::npos);
  CHECK(plan.out.find("\"Bot\"") != std::string::npos);
  CHECK(plan.out.find("\"Host\"") == std::string::npos);  // Hosts' participants are not managed

  const auto drift_before = fx.sync({"drift", "-f", manifest});
  CHECK(drift_before.exit_code == 2);

  const auto apply = fx.sync({"apply", "-f", manifest, "--auto-approve"});
  INFO(apply.out << apply.err);
  CHECK(apply.exit_code == 0);
  CHECK(participants(fx, topology.test_id) == converged);

  CHECK(fx.sync({"drift", "-f", manifest}).exit_code == 0);
  for (const std::string format : {"json", "markdown", "junit"}) {
    CHECK(fx.sync({"drift", "-f", manifest, "--format", format}).exit_code == 0);
  }
  CHECK(fx.sync({"plan", "-f", manifest, "--detailed-exitcode"}).exit_code == 0);

  const auto exported = fx.path("exported.yaml");
  const auto export_run = fx.sync({"export", "--project-id", "5040", "--test-id",
                                   std::to_string(topology.test_id), "-o", exported});
  CHECK(export_run.exit_code == 0);
  const std::string text = read_file(exported);
  CHECK(text.find("participants:") != std::string::npos);
  CHECK(text.find("\"Viewer\"") != std::string::npos);
  const auto replan = fx.sync({"plan", "-f", exported, "--detailed-exitcode"});
  INFO(text << replan.out << replan.err);
  CHECK(replan.exit_code == 0);
}

TEST_CASE("plan reads participants once per test that declares them and never for the others") {
  Fixture fx;
  Topology topology(fx);
  const auto plain = fx.create_test("Plain");
  fx.create_group(plain, "G", 1);
  fx.reset_stats();
  const auto manifest =
      fx.write_file("loadero.yaml", topology.manifest() + "  - test_id: " + std::to_string(plain) +
                                        "\n    groups:\n      - name: G\n        count: 1\n");
  const auto plan = fx.sync({"plan", "-f", manifest, "--parallelism", "4"});
  CHECK(plan.exit_code == 0);
  CHECK(on_route(fx, participants_list) == 1);
  // The tests list, two groups lists, one participants list.
  CHECK(fx.stats()["total"] == 4);
}

TEST_CASE("participant creates under --ambiguous-rate 1.0 leave no duplicate participant") {
  const std::string state_dir = loadero_test::make_temp_dir("loadero-sync-cli-state");
  const std::string state = state_dir + "/state.json";
  std::int64_t test_id = 0;
  {
    Fixture seed({}, state);
    test_id = seed.create_test("Ambiguous participants");
    seed.create_group(test_id, "Callers", 1);
    seed.emulator.stop();
  }
  Fixture fx({"--ambiguous-rate", "1.0", "--seed", "11"}, state);
  const auto manifest = fx.write_file(
      "loadero.yaml",
      "version: 1\nproject_id: 5040\ntests:\n  - test_id: " + std::to_string(test_id) +
          "\n    groups:\n      - name: Callers\n        count: 1\n"
          "        participants:\n"
          "          - {name: A, count: 1, compute_unit: g1}\n"
          "          - {name: B, count: 2, compute_unit: g2}\n"
          "          - {name: C, count: 3, compute_unit: g4}\n");
  const auto apply = fx.sync({"apply", "-f", manifest, "--auto-approve", "-v"});
  INFO(apply.out << apply.err);
  CHECK(apply.exit_code == 0);
  // Each lost answer is settled by reading, never by sending the POST again.
  CHECK(fx.requests("POST") == 3);
  // -v logs one progress line per action, naming the participant and its group.
  for (const std::string name : {"A", "B", "C"}) {
    CHECK(apply.err.find("] + test " + std::to_string(test_id) + " group Callers participant " +
                         name + "\n") != std::string::npos);
  }
  const std::string live = participants(fx, test_id);
  CHECK(live ==
        "Callers/A count=1 compute_unit=g1 browser=chromeLatest location=us-west-2 "
        "network=default\n"
        "Callers/B count=2 compute_unit=g2 browser=chromeLatest location=us-west-2 "
        "network=default\n"
        "Callers/C count=3 compute_unit=g4 browser=chromeLatest location=us-west-2 "
        "network=default\n");
  CHECK(fx.sync({"plan", "-f", manifest, "--detailed-exitcode"}).exit_code == 0);
  std::filesystem::remove_all(state_dir);
}

TEST_CASE("an apply interrupted half-way converges on the next run with no duplicate participant") {
  Fixture fx({"--latency-ms", "150"});
  std::string text = "version: 1\nproject_id: 5040\ntests:\n";
  std::vector<std::int64_t> test_ids;
  for (int t = 0; t < 2; ++t) {
    test_ids.push_back(fx.create_test("Interrupted " + std::to_string(t)));
    text += "  - test_id: " + std::to_string(test_ids.back()) + "\n    groups:\n";
    for (int g = 0; g < 2; ++g) {
      text += "      - name: G" + std::to_string(g) + "\n        count: 1\n        participants:\n";
      for (int p = 0; p < 4; ++p) {
        text += "          - {name: P" + std::to_string(p) + ", count: " + std::to_string(p + 1) +
                ", compute_unit: g1}\n";
      }
    }
  }
  const auto manifest = fx.write_file("loadero.yaml", text);
  fx.reset_stats();

  loadero_test::ChildProcess child(
      fx.sync_options({"apply", "-f", manifest, "--auto-approve", "--parallelism", "2"}));
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(15);
  // Interrupt once the groups exist and some participants are being written.
  while (fx.requests("POST") < 6 && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  child.signal(SIGINT);
  const auto interrupted = child.wait();
  Fixture::check_sync_result(interrupted);
  INFO(interrupted.out << interrupted.err);
  CHECK(interrupted.exit_code == 130);
  CHECK(interrupted.out.find("Apply interrupted: ") != std::string::npos);

  const auto apply = fx.sync({"apply", "-f", manifest, "--auto-approve"});
  INFO(apply.out << apply.err);
  CHECK(apply.exit_code == 0);
  std::string expected;
  for (int g = 0; g < 2; ++g) {
    for (int p = 0; p < 4; ++p) {
      expected += "G" + std::to_string(g) + "/P" + std::to_string(p) +
                  " count=" + std::to_string(p + 1) +
                  " compute_unit=g1 browser=chromeLatest location=us-west-2 network=default\n";
    }
  }
  for (const auto id : test_ids) CHECK(participants(fx, id) == expected);
  CHECK(fx.sync({"plan", "-f", manifest, "--detailed-exitcode"}).exit_code == 0);
}
