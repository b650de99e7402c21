// Every request loadero-sync sends, counted by the emulator (/_emulator/stats): the live read
// costs the tests list plus one groups list per declared test (pages aside) and one participants
// list per test that declares participants (participants_test.cpp counts those), an apply one
// write per change plus the reads that check it, and nothing more.

#include <doctest/doctest.h>

#include "cli_fixture.hpp"

using namespace cli_test;

namespace {

const std::string tests_list = "GET /v2/projects/{project_id}/tests/";
const std::string test_read = "GET /v2/projects/{project_id}/tests/{test_id}/";
const std::string groups_list = "GET /v2/projects/{project_id}/tests/{test_id}/groups/";
const std::string participants_list = "GET /v2/projects/{project_id}/tests/{test_id}/participants/";

// Requests by route pattern since the last reset; 0 for a route not used.
std::int64_t on_route(Fixture& fx, const std::string& route) {
  const json by_route = fx.stats()["by_route"];
  return by_route.contains(route) ? by_route[route].get<std::int64_t>() : 0;
}

// A project of `tests` tests named "T1".."Tn" with `groups` groups "G1".."Gn" each; returns the
// test ids in order.
std::vector<std::int64_t> make_project(Fixture& fx, int tests, int groups) {
  std::vector<std::int64_t> ids;
  for (int t = 1; t <= tests; ++t) {
    const auto id = fx.create_test("T" + std::to_string(t));
    for (int g = 1; g <= groups; ++g) fx.create_group(id, "G" + std::to_string(g), 1);
    ids.push_back(id);
  }
  fx.reset_stats();
  return ids;
}

// A manifest declaring the given tests (by id, or by name when `by_name`) with `groups` groups
// each, every count set to `count`.
std::string manifest_of(const std::vector<std::int64_t>& ids, const std::vector<bool>& by_name,
                        int groups, int count) {
  std::string text = "version: 1\nproject_id: 5040\ntests:\n";
  for (std::size_t i = 0; i < ids.size(); ++i) {
    if (by_name[i]) {
      text += "  - test_name: T" + std::to_string(i + 1) + "\n";
    } else {
      text += "  - test_id: " + std::to_string(ids[i]) + "\n";
    }
    text += "    groups:\n";
    for (int g = 1; g <= groups; ++g) {
      text += "      - name: G" + std::to_string(g) + "\n        count: " + std::to_string(count) +
              "\n";
    }
  }
  return text;
}

}  // namespace

TEST_CASE("plan, drift and export read the tests list once and each test's groups once") {
  Fixture fx;
  const auto ids = make_project(fx, 12, 3);
  std::vector<bool> by_name(ids.size(), false);
  for (std::size_t i = 0; i < ids.size(); i += 3) by_name[i] = true;  // a third by name
  const auto manifest = fx.write_file("loadero.yaml", manifest_of(ids, by_name, 3, 1));

  const auto plan = fx.sync({"plan", "-f", manifest, "--parallelism", "4"});
  CHECK(plan.exit_code == 0);
  CHECK(on_route(fx, tests_list) == 1);
  CHECK(on_route(fx, groups_list) == 12);
  CHECK(fx.stats()["total"] == 13);

  fx.reset_stats();
  const auto drift = fx.sync({"drift", "-f", manifest});
  CHECK(drift.exit_code == 0);
  CHECK(fx.stats()["total"] == 13);

  fx.reset_stats();
  const auto exported = fx.sync({"export", "--project-id", "5040", "--test-id",
                                 std::to_string(ids[0]), "--test-id", std::to_string(ids[5])});
  CHECK(exported.exit_code == 0);
  CHECK(on_route(fx, tests_list) == 1);
  CHECK(on_route(fx, groups_list) == 2);
  CHECK(on_route(fx, participants_list) == 2);  // export writes participants too
  CHECK(fx.stats()["total"] == 5);

  fx.reset_stats();
  const auto groups_only =
      fx.sync({"export", "--project-id", "5040", "--test-id", std::to_string(ids[0]), "--test-id",
               std::to_string(ids[5]), "--no-participants"});
  CHECK(groups_only.exit_code == 0);
  CHECK(groups_only.out.find("participants:") == std::string::npos);
  CHECK(on_route(fx, participants_list) == 0);
  CHECK(fx.stats()["total"] == 3);
}

TEST_CASE("apply sends one write per change and reads only what checks it") {
  Fixture fx;
  const auto ids = make_project(fx, 3, 2);
  // Every count changes (6 updates) and a third group is created in every test (3 creates).
  const auto manifest =
      fx.write_file("loadero.yaml", manifest_of(ids, std::vector<bool>(ids.size(), false), 3, 2));

  const auto apply = fx.sync({"apply", "-f", manifest, "--auto-approve"});
  CHECK(apply.exit_code == 0);
  CHECK(fx.requests("PUT") == 6);
  CHECK(fx.requests("POST") == 3);
  CHECK(fx.requests("DELETE") == 0);
  // The live read (tests list + 3 groups lists), then one check per test that created groups.
  CHECK(on_route(fx, tests_list) == 1);
  CHECK(on_route(fx, groups_list) == 6);
  CHECK(fx.stats()["total"] == 16);

  fx.reset_stats();
  const auto again = fx.sync({"apply", "-f", manifest, "--auto-approve"});
  CHECK(again.exit_code == 0);
  CHECK(fx.writes() == 0);
  CHECK(fx.stats()["total"] == 4);
}

TEST_CASE("a paged server: further pages only when the answer says more remain") {
  // Every page holds at most 5 items, even without a limit.
  Fixture fx({"--max-page-size", "5"});
  const auto ids = make_project(fx, 12, 7);
  const auto manifest =
      fx.write_file("loadero.yaml", manifest_of(ids, std::vector<bool>(ids.size(), false), 7, 1));

  const auto plan = fx.sync({"plan", "-f", manifest});
  CHECK(plan.exit_code == 0);
  // 12 tests: 3 pages (2 pages left after the first, fewer than 12 tests to read one by one);
  // 7 groups: 2 pages per test.
  CHECK(on_route(fx, tests_list) == 3);
  CHECK(on_route(fx, groups_list) == 24);
  CHECK(on_route(fx, test_read) == 0);
  CHECK(fx.stats()["total"] == 27);
  CHECK(plan.out.find("No changes.") != std::string::npos);
}

TEST_CASE("a few tests of a long tests list are read one by one, which costs less") {
  Fixture fx({"--max-page-size", "5"});
  const auto ids = make_project(fx, 30, 1);
  // The first test is on the list's first page; the last one is not.
  const std::vector<std::int64_t> declared = {ids.front(), ids.back()};
  const auto manifest = fx.write_file("loadero.yaml", manifest_of(declared, {false, false}, 1, 1));

  const auto plan = fx.sync({"plan", "-f", manifest});
  CHECK(plan.exit_code == 0);
  // The list stops after its first page (5 pages were left for 2 tests); the test it did not
  // show is read by id.
  CHECK(on_route(fx, tests_list) == 1);
  CHECK(on_route(fx, test_read) == 1);
  CHECK(on_route(fx, groups_list) == 2);
  CHECK(fx.stats()["total"] == 4);
  CHECK(plan.out.find("No changes.") != std::string::npos);
}

TEST_CASE("a refused token is one error for the run, with its hint") {
  Fixture fx;
  const auto ids = make_project(fx, 3, 1);
  const auto manifest =
      fx.write_file("loadero.yaml", manifest_of(ids, std::vector<bool>(ids.size(), false), 1, 1));
  const auto plan = fx.sync({"plan", "-f", manifest}, {{"LOADERO_ACCESS_TOKEN", "wrong"}});
  CHECK(plan.exit_code == 1);
  CHECK(plan.out.empty());
  CHECK(plan.err.find("401") != std::string::npos);
  CHECK(plan.err.find("hint: the API refused the access token") != std::string::npos);
  // One error line, not one per test.
  CHECK(plan.err.find("loadero-sync: error:") == plan.err.rfind("loadero-sync: error:"));
  CHECK(plan.err.find("test " + std::to_string(ids[0])) == std::string::npos);
}
