// Selecting and feeding, end to end: `--test ID|NAME` limits plan, apply, drift and export to some
// tests (unselected tests are not read), `-f -` reads the manifest from standard input, and export
// takes names, --all and --schema-url.

#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "cli_fixture.hpp"

using namespace cli_test;

namespace {

// Three live tests, each with one group "G" (count 1); the manifest asks count 2 for each, the
// first two declared by id, the third by name.
struct Three {
  Fixture& fx;
  std::int64_t alpha = 0;
  std::int64_t beta = 0;
  std::int64_t gamma = 0;

  explicit Three(Fixture& fixture) : fx(fixture) {
    alpha = fx.create_test("Alpha");
    beta = fx.create_test("Beta");
    gamma = fx.create_test("Gamma");
    for (const auto id : {alpha, beta, gamma}) fx.create_group(id, "G", 1);
    fx.reset_stats();
  }

  std::string manifest() const {
    return "version: 1\n"
           "project_id: 5040\n"
           "tests:\n"
           "  - test_id: " +
           std::to_string(alpha) +
           "\n"
           "    groups:\n"
           "      - name: G\n"
           "        count: 2\n"
           "  - test_id: " +
           std::to_string(beta) +
           "\n"
           "    groups:\n"
           "      - name: G\n"
           "        count: 2\n"
           "  - test_name: Gamma\n"
           "    groups:\n"
           "      - name: G\n"
           "        count: 2\n";
  }
};

const std::string note =
    "--test limits this run to 2 of 3 tests; the others are neither read nor changed";

}  // namespace

TEST_CASE("plan --test plans only the selected tests and reads no other") {
  Fixture fx;
  Three three(fx);
  const auto file = fx.write_file("loadero.yaml", three.manifest());

  const auto run =
      fx.sync({"plan", "-f", file, "--test", "Gamma", "--test", std::to_string(three.alpha)});
  CHECK(run.exit_code == 0);
  CHECK(run.err.find("loadero-sync: note: " + note + "\n") != std::string::npos);
  CHECK(run.out.rfind("Note: " + note + ".\n\n", 0) == 0);
  CHECK(run.out.find("test " + std::to_string(three.alpha) + " \"Alpha\"") != std::string::npos);
  CHECK(run.out.find("test " + std::to_string(three.gamma) + " \"Gamma\"") != std::string::npos);
  CHECK(run.out.find("Beta") == std::string::npos);
  // The tests list and the groups of the two selected tests: Beta's groups are not read.
  CHECK(fx.requests("GET") == 3);

  const auto markdown = fx.sync({"plan", "-f", file, "--test", "Gamma", "--test",
                                 std::to_string(three.beta), "--format", "markdown"});
  CHECK(markdown.exit_code == 0);
  CHECK(markdown.out.rfind("> **Note:** " + note + "\n\n", 0) == 0);

  const auto json_run = fx.sync({"plan", "-f", file, "--test", "Gamma", "--format", "json", "-q"});
  CHECK(json_run.exit_code == 0);
  CHECK(json_run.err.empty());
  CHECK(json::parse(json_run.out)["tests"].size() == 1);
}

TEST_CASE("--test that matches no manifest test is an error with a did-you-mean and no request") {
  Fixture fx;
  Three three(fx);
  const auto file = fx.write_file("loadero.yaml", three.manifest());
  for (const std::string command : {"plan", "apply", "drift"}) {
    std::vector<std::string> args = {command, "-f", file, "--test", "Gama"};
    if (command == "apply") args.push_back("--auto-approve");
    const auto run = fx.sync(args);
    CHECK(run.exit_code == 1);
    CHECK(run.err ==
          "loadero-sync: error: --test \"Gama\" matches no test of the manifest (by test_id, or "
          "by test_name); did you mean 'Gamma'?\n");
  }
  CHECK(fx.requests("GET") == 0);
}

TEST_CASE("apply --test changes only the selected tests and drift --test reports only them") {
  Fixture fx;
  Three three(fx);
  const auto file = fx.write_file("loadero.yaml", three.manifest());

  const auto apply =
      fx.sync({"apply", "-f", file, "--test", std::to_string(three.beta), "--auto-approve"});
  CHECK(apply.exit_code == 0);
  CHECK(apply.out.rfind("Note: --test limits this run to 1 of 3 tests", 0) == 0);
  CHECK(fx.groups(three.alpha) == "G=1");
  CHECK(fx.groups(three.beta) == "G=2");
  CHECK(fx.groups(three.gamma) == "G=1");

  const auto drift =
      fx.sync({"drift", "-f", file, "--test", std::to_string(three.beta), "--format", "json"});
  CHECK(drift.exit_code == 0);
  const auto report = json::parse(drift.out);
  REQUIRE(report["tests"].size() == 1);
  CHECK(report["tests"][0]["test_id"] == three.beta);

  const auto whole = fx.sync({"drift", "-f", file});
  CHECK(whole.exit_code == 2);
  CHECK(whole.err.find("--test") == std::string::npos);

  // A saved plan is applied whole: --test does not go with --plan.
  const auto saved = fx.sync({"apply", "--plan", fx.path("none.json"), "--test", "Gamma"});
  CHECK(saved.exit_code == 1);
  CHECK(saved.err.find("--test cannot be combined with --plan") != std::string::npos);
}

TEST_CASE("-f - reads the manifest from standard input") {
  Fixture fx;
  Three three(fx);

  const auto plan = fx.sync({"plan", "-f", "-", "--detailed-exitcode"}, {}, three.manifest());
  CHECK(plan.exit_code == 2);
  CHECK(plan.out.find("Plan: 0 to create, 0 to duplicate, 3 to update, 0 to delete.") !=
        std::string::npos);

  const auto bad = fx.sync({"validate", "-f", "-"}, {}, "version: 1\ntests: 7\n");
  CHECK(bad.exit_code == 1);
  CHECK(bad.err.rfind("<stdin>:2:", 0) == 0);

  const auto twice = fx.sync({"validate", "-f", "-", "-f", fx.write_file("x.yaml", "")});
  CHECK(twice.exit_code == 1);
  CHECK(twice.err.find("-f - (standard input) must be the only -f") != std::string::npos);

  // The manifest took standard input: apply cannot ask there.
  const auto ask = fx.sync({"apply", "-f", "-"}, {}, three.manifest());
  CHECK(ask.exit_code == 1);
  CHECK(ask.err.find("add --auto-approve") != std::string::npos);
  CHECK(fx.writes() == 0);

  const auto apply =
      fx.sync({"apply", "-f", "-", "--auto-approve", "--test", "Gamma"}, {}, three.manifest());
  CHECK(apply.exit_code == 0);
  CHECK(fx.groups(three.gamma) == "G=2");
  CHECK(fx.groups(three.alpha) == "G=1");
}

TEST_CASE("export takes names, ids and --all, and a modeline only with --schema-url") {
  Fixture fx;
  Three three(fx);
  const std::map<std::string, std::string> env = {{"LOADERO_PROJECT_ID", "5040"}};

  const auto named = fx.sync(
      {"export", "--test", "Gamma", "--test", std::to_string(three.alpha), "--no-participants"},
      env);
  CHECK(named.exit_code == 0);
  CHECK(named.out.rfind("# Written by loadero-sync export", 0) == 0);
  const auto gamma_at = named.out.find("test_id: " + std::to_string(three.gamma));
  const auto alpha_at = named.out.find("test_id: " + std::to_string(three.alpha));
  CHECK(gamma_at != std::string::npos);
  CHECK(alpha_at != std::string::npos);
  CHECK(gamma_at < alpha_at);
  CHECK(named.out.find("test_id: " + std::to_string(three.beta)) == std::string::npos);

  const auto all =
      fx.sync({"export", "--all", "--schema-url", "https://example.com/manifest.schema.json"}, env);
  CHECK(all.exit_code == 0);
  CHECK(all.out.rfind("# yaml-language-server: $schema=https://example.com/manifest.schema.json\n",
                      0) == 0);
  for (const auto id : {three.alpha, three.beta, three.gamma})
    CHECK(all.out.find("test_id: " + std::to_string(id)) != std::string::npos);

  // An exported --all plans to no changes.
  const auto file = fx.write_file("all.yaml", all.out);
  CHECK(fx.sync({"plan", "-f", file, "--detailed-exitcode"}).exit_code == 0);

  const auto unknown = fx.sync({"export", "--test", "Gama"}, env);
  CHECK(unknown.exit_code == 1);
  CHECK(unknown.err ==
        "loadero-sync: error: --test \"Gama\": no test of the project has this exact name; did "
        "you mean 'Gamma'?\n");

  fx.create_test("Gamma");
  const auto ambiguous = fx.sync({"export", "--test", "Gamma"}, env);
  CHECK(ambiguous.exit_code == 1);
  CHECK(ambiguous.err.find("the name is ambiguous, tests " + std::to_string(three.gamma) + ", ") !=
        std::string::npos);

  const auto both = fx.sync({"export", "--all", "--test-id", "1"}, env);
  CHECK(both.exit_code == 1);
  CHECK(both.err.find("--all cannot be combined with --test or --test-id") != std::string::npos);

  const auto none = fx.sync({"export"}, env);
  CHECK(none.exit_code == 1);
  CHECK(none.err.find("export needs the tests to write") != std::string::npos);
}
