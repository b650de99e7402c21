// The real loadero-sync on a project people also edit by hand, and with two writers at once:
// drift still reports every test, plan says what is wrong, and concurrent applies leave no silent
// duplicate.

#include <doctest/doctest.h>

#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "cli_fixture.hpp"

using namespace cli_test;

namespace {

// Three tests: "Healthy" in sync, "Pinned" whose pinned group and copy source get deleted by hand,
// "Shared" that gets a second live group with a declared name.
struct MessyProject {
  Fixture& fx;
  std::int64_t healthy = 0;
  std::int64_t pinned = 0;
  std::int64_t shared = 0;
  std::int64_t pinned_group = 0;
  std::int64_t template_group = 0;

  explicit MessyProject(Fixture& fixture) : fx(fixture) {
    healthy = fx.create_test("Healthy");
    pinned = fx.create_test("Pinned");
    shared = fx.create_test("Shared");
    fx.create_group(healthy, "Solo", 1);
    pinned_group = fx.create_group(pinned, "Hosts", 1);
    template_group = fx.create_group(pinned, "Template", 2);
    fx.create_group(shared, "Callers", 3);
  }

  std::string manifest() const {
    return "version: 1\n"
           "project_id: 5040\n"
           "tests:\n"
           "  - test_id: " +
           std::to_string(healthy) +
           "\n"
           "    groups:\n"
           "      - name: Solo\n"
           "        count: 1\n"
           "  - test_id: " +
           std::to_string(pinned) +
           "\n"
           "    groups:\n"
           "      - id: " +
           std::to_string(pinned_group) +
           "\n"
           "        name: Hosts\n"
           "        count: 1\n"
           "      - name: Copy\n"
           "        count: 2\n"
           "        duplicate_from: Template\n"
           "  - test_id: " +
           std::to_string(shared) +
           "\n"
           "    groups:\n"
           "      - name: Callers\n"
           "        count: 3\n";
  }

  // The hand edits: the pinned group and the copy source deleted, a second "Callers" created.
  void edit_by_hand() {
    fx.api("DELETE",
           "tests/" + std::to_string(pinned) + "/groups/" + std::to_string(pinned_group) + "/");
    fx.api("DELETE",
           "tests/" + std::to_string(pinned) + "/groups/" + std::to_string(template_group) + "/");
    fx.create_group(shared, "Callers", 1);
    fx.reset_stats();
  }
};

json parse(const std::string& text) {
  INFO(text);
  return json::parse(text);
}

}  // namespace

TEST_CASE("drift reports every test of a hand-edited project, each conflict with its fix") {
  Fixture fx;
  MessyProject project(fx);
  const auto manifest = fx.write_file("loadero.yaml", project.manifest());
  project.edit_by_hand();

  const auto text = fx.sync({"drift", "-f", manifest});
  CHECK(text.exit_code == 2);
  CHECK(text.out.find("# test " + std::to_string(project.healthy) + " \"Healthy\": in sync") !=
        std::string::npos);
  CHECK(text.out.find("  conflict    group id " + std::to_string(project.pinned_group) +
                      " is not in test " + std::to_string(project.pinned)) != std::string::npos);
  CHECK(text.out.find("  conflict    duplicate_from \"Template\" of group \"Copy\" names no live "
                      "or planned group") != std::string::npos);
  CHECK(text.out.find("  conflict    group name \"Callers\" is shared by live groups") !=
        std::string::npos);
  CHECK(text.out.find("Drift: 2 of 3 tests out of sync") != std::string::npos);

  const auto as_json = fx.sync({"drift", "-f", manifest, "--format", "json"});
  CHECK(as_json.exit_code == 2);
  const auto document = parse(as_json.out);
  CHECK(document["tests"].size() == 3);
  CHECK(document["summary"]["conflict"] == 2);
  CHECK(document["tests"][1]["entries"][0]["kind"] == "conflict");
  CHECK(document["tests"][1]["entries"][0]["source"]["line"].get<int>() > 0);

  const auto junit = fx.sync({"drift", "-f", manifest, "--format", "junit"});
  CHECK(junit.exit_code == 2);
  CHECK(junit.out.find("tests=\"3\" failures=\"2\" errors=\"0\"") != std::string::npos);
  CHECK(junit.out.rfind("</testsuites>\n") != std::string::npos);

  const auto markdown = fx.sync({"drift", "-f", manifest, "--format", "markdown"});
  CHECK(markdown.exit_code == 2);
  CHECK(markdown.out.find("| conflict |") != std::string::npos);
  CHECK(fx.writes() == 0);
}

TEST_CASE("plan with problems exits 1, prints errors in JSON, and its saved file is refused") {
  Fixture fx;
  MessyProject project(fx);
  const auto manifest = fx.write_file("loadero.yaml", project.manifest());
  project.edit_by_hand();

  const auto text = fx.sync({"plan", "-f", manifest});
  CHECK(text.exit_code == 1);
  CHECK(text.out.empty());
  // Every problem of the run at once, each at its manifest line with the line quoted.
  CHECK(text.err.find(manifest + ":10:9: error: group id ") != std::string::npos);
  CHECK(text.err.find(manifest + ":13:9: error: duplicate_from \"Template\"") != std::string::npos);
  CHECK(text.err.find(manifest + ":18:9: error: group name \"Callers\" is shared") !=
        std::string::npos);
  CHECK(text.err.find("   18 |       - name: Callers\n") != std::string::npos);

  const auto plan_file = fx.path("plan.json");
  const auto as_json = fx.sync({"plan", "-f", manifest, "--format", "json", "--out", plan_file});
  CHECK(as_json.exit_code == 1);
  const auto document = parse(as_json.out);
  CHECK(document["applicable"] == false);
  REQUIRE(document["errors"].size() == 3);
  CHECK(document["errors"][0]["test_id"] == project.pinned);
  CHECK(document["errors"][0]["kind"] == "conflict");
  CHECK(document["errors"][1]["test_id"] == project.pinned);
  CHECK(document["errors"][2]["source"]["line"] == 18);
  CHECK(document["tests"].size() == 1);  // the healthy test is planned

  const auto markdown = fx.sync({"plan", "-f", manifest, "--format", "markdown"});
  CHECK(markdown.exit_code == 1);
  CHECK(markdown.out.rfind("### loadero-sync plan: not applicable, 2 tests could not be planned\n",
                           0) == 0);

  const auto apply = fx.sync({"apply", "--plan", plan_file, "--auto-approve"});
  CHECK(apply.exit_code == 1);
  CHECK(apply.err.rfind("loadero-sync: error: the saved plan cannot be applied: 2 tests could not "
                        "be planned when it was made; nothing was applied\n",
                        0) == 0);
  CHECK(fx.writes() == 0);
}

TEST_CASE("two applies at once leave no silent duplicate, and a delete already done is noted") {
  // Slow answers, so both runs read the live state before either writes.
  Fixture fx({"--latency-ms", "150"});
  const auto test = fx.create_test("Race");
  const auto old_group = fx.create_group(test, "Old", 1);
  const auto manifest =
      fx.write_file("loadero.yaml",
                    "version: 1\nproject_id: 5040\ntests:\n  - test_id: " + std::to_string(test) +
                        "\n    prune: true\n    groups:\n      - name: Viewers\n        count: 2\n"
                        "      - name: Listeners\n        count: 3\n");
  fx.reset_stats();

  const auto options = fx.sync_options({"apply", "-f", manifest, "--auto-approve"});
  loadero_test::ChildProcess first(options);
  loadero_test::ChildProcess second(options);
  const auto results = std::vector{first.wait(), second.wait()};
  for (const auto& result : results) fx.check_sync_result(result);

  // Every name the two runs made twice is reported as a conflict (exit 3) by a run that made it.
  std::map<std::string, int> live_names;
  const json page = fx.api("GET", "tests/" + std::to_string(test) + "/groups/");
  for (const auto& group : page["results"]) ++live_names[group["name"].get<std::string>()];
  CHECK(live_names.count("Old") == 0);
  for (const auto& [name, count] : live_names) {
    if (count < 2) continue;
    bool reported = false;
    for (const auto& result : results) {
      reported = reported ||
                 (result.exit_code == 3 &&
                  result.out.find("  conflict       group name \"" + name + "\" now has " +
                                  std::to_string(count) + " live groups") != std::string::npos);
    }
    CHECK_MESSAGE(reported, "duplicate " << name << " was not reported");
  }
  // The prune that lost the race found the group already deleted: that is success, not failure.
  int deletes_done = 0;
  for (const auto& result : results) {
    INFO(result.out << result.err);
    CHECK((result.exit_code == 0 || result.exit_code == 3));
    if (result.out.find("- group " + std::to_string(old_group) +
                        " \"Old\" (count 1) (already gone)") != std::string::npos)
      ++deletes_done;
  }
  CHECK(deletes_done <= 1);

  // One more apply converges once the extra groups are removed by hand, as the conflict says.
  const json now = fx.api("GET", "tests/" + std::to_string(test) + "/groups/");
  for (const auto& group : now["results"]) {
    const auto name = group["name"].get<std::string>();
    if (live_names[name] > 1) {
      fx.api("DELETE", "tests/" + std::to_string(test) + "/groups/" +
                           std::to_string(group["id"].get<std::int64_t>()) + "/");
      --live_names[name];
    }
  }
  CHECK(fx.sync({"apply", "-f", manifest, "--auto-approve"}).exit_code == 0);
  CHECK(fx.groups(test) == "Listeners=3,Viewers=2");
}
