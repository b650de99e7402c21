// The real loadero-sync binary against the real loadero-emulator: every command and exit code.

#include <doctest/doctest.h>

#include <fstream>
#include <sstream>

#include "cli.hpp"
#include "cli_fixture.hpp"

using namespace cli_test;

namespace {

// Checkout: "Callers" 3 (matches), "Hosts" 1 -> 2, "Old" pruned, "Callers EU" copied from Callers.
struct Project {
  Fixture& fx;
  std::int64_t checkout = 0;
  std::int64_t video = 0;
  std::int64_t old_group = 0;
  std::int64_t hosts_group = 0;

  explicit Project(Fixture& fixture) : fx(fixture) {
    checkout = fx.create_test("Checkout flow");
    video = fx.create_test("Video call");
    fx.create_group(checkout, "Callers", 3);
    hosts_group = fx.create_group(checkout, "Hosts", 1);
    old_group = fx.create_group(checkout, "Old", 1);
    fx.create_group(video, "Guests", 2);
    fx.create_group(video, "manual-debug", 1);
    fx.reset_stats();
  }

  std::string manifest() const {
    return "version: 1\n"
           "project_id: 5040\n"
           "tests:\n"
           "  - test_id: " +
           std::to_string(checkout) +
           "\n"
           "    prune: true\n"
           "    groups:\n"
           "      - name: Callers\n"
           "        count: 3\n"
           "      - name: Callers EU\n"
           "        count: 2\n"
           "        duplicate_from: Callers\n"
           "      - name: Hosts\n"
           "        count: 2\n"
           "  - test_name: Video call\n"
           "    groups:\n"
           "      - name: Guests\n"
           "        count: 4\n"
           "      - name: Viewers\n"
           "        count: 10\n";
  }

  void check_converged() {
    CHECK(fx.groups(checkout) == "Callers=3,Callers EU=2,Hosts=2");
    CHECK(fx.groups(video) == "Guests=4,Viewers=10,manual-debug=1");
  }
};

}  // namespace

TEST_CASE("validate exits 0 for a valid manifest and 1 with diagnostics for an invalid one") {
  Fixture fx;
  const auto good = fx.write_file(
      "good.yaml",
      "version: 1\ntests:\n  - test_id: 1\n    groups:\n      - name: A\n        count: 1\n");
  const auto ok = fx.sync({"validate", "-f", good});
  CHECK(ok.exit_code == 0);
  CHECK(ok.out == "Valid: 1 file, 1 test, 1 group.\n");
  const auto bad = fx.write_file(
      "bad.yaml",
      "version: 1\ntests:\n  - test_id: 1\n    groups:\n      - name: A\n        count: 0\n");
  const auto failed = fx.sync({"validate", "-f", bad});
  CHECK(failed.exit_code == 1);
  CHECK(failed.out.empty());
  CHECK(failed.err.find(bad + ":6:") != std::string::npos);
  CHECK(failed.err.find("error: ") != std::string::npos);
  CHECK(fx.stats()["total"] == 0);
}

TEST_CASE(
    "plan prints the changes, exits 0, and 2 with --detailed-exitcode, and reads send no write") {
  Fixture fx;
  Project project(fx);
  const auto manifest = fx.write_file("loadero.yaml", project.manifest());
  const auto plan = fx.sync({"plan", "-f", manifest});
  CHECK(plan.exit_code == 0);
  CHECK(plan.out.rfind("loadero-sync will perform the following actions in project 5040 (" +
                           fx.emulator.base_url() + "):\n",
                       0) == 0);
  CHECK(plan.out.find("Plan: 2 to create, 1 to duplicate") ==
        std::string::npos);  // one create (Viewers)
  CHECK(plan.out.find("Plan: 1 to create, 1 to duplicate, 2 to update, 1 to delete.\n") !=
        std::string::npos);
  CHECK(plan.err.empty());
  CHECK(fx.sync({"plan", "-f", manifest, "--detailed-exitcode"}).exit_code == 2);
  CHECK(fx.writes() == 0);

  const auto as_json = fx.sync({"plan", "-f", manifest, "--format", "json"});
  CHECK(as_json.exit_code == 0);
  const auto document = json::parse(as_json.out);
  CHECK(document["project_id"] == 5040);
  CHECK(document["api_base"] == fx.emulator.base_url());
  CHECK(document["summary"]["delete"] == 1);
  const auto markdown = fx.sync({"plan", "-f", manifest, "--format", "markdown"});
  CHECK(markdown.exit_code == 0);
  CHECK(markdown.out.find("<details") != std::string::npos);
}

TEST_CASE("apply --auto-approve converges, exits 0, and a second plan shows no changes") {
  Fixture fx;
  Project project(fx);
  const auto manifest = fx.write_file("loadero.yaml", project.manifest());
  const auto apply = fx.sync({"apply", "-f", manifest, "--auto-approve"});
  CHECK(apply.exit_code == 0);
  CHECK(apply.out.find("Apply complete: 5 applied, 0 failed, 0 not attempted.\n") !=
        std::string::npos);
  project.check_converged();
  const auto again = fx.sync({"plan", "-f", manifest, "--detailed-exitcode"});
  CHECK(again.exit_code == 0);
  CHECK(again.out.rfind("No changes. Live groups match the manifest.\nCompute units (all tests): ",
                        0) == 0);
  const auto nothing = fx.sync({"apply", "-f", manifest});  // nothing to do: no confirmation needed
  CHECK(nothing.exit_code == 0);
}

TEST_CASE("apply without a terminal and without --auto-approve refuses and writes nothing") {
  Fixture fx;
  Project project(fx);
  const auto manifest = fx.write_file("loadero.yaml", project.manifest());
  const auto apply = fx.sync({"apply", "-f", manifest}, {}, "yes\n");
  CHECK(apply.exit_code == 1);
  CHECK(apply.out.rfind("loadero-sync will perform the following actions in project 5040 (" +
                            fx.emulator.base_url() + "):\n",
                        0) == 0);
  CHECK(apply.err.rfind("loadero-sync: error: refusing to apply without confirmation: standard "
                        "input is not a terminal\n",
                        0) == 0);
  CHECK(fx.writes() == 0);
}

TEST_CASE("on a terminal any answer but yes cancels the apply, and yes applies") {
  Fixture fx;
  Project project(fx);
  const auto manifest = fx.write_file("loadero.yaml", project.manifest());
  const std::string base = fx.emulator.base_url();
  // `tty_out`: stdout and stderr are terminals too (colour, progress lines).
  auto run_in_process = [&](const std::string& answer, std::string& out_text, std::string& err_text,
                            bool tty_out) {
    std::vector<std::string> args = {"loadero-sync", "apply", "-f", manifest, "--max-rps", "0"};
    std::vector<const char*> argv;
    for (const auto& arg : args) argv.push_back(arg.c_str());
    std::istringstream in(answer);
    loadero_sync::cli::Terminal terminal;
    terminal.stdin_tty = true;
    terminal.stdout_tty = tty_out;
    terminal.stderr_tty = tty_out;
    terminal.in = &in;
    loadero_sync::cli::EnvLookup env = [&](const std::string& name) -> std::optional<std::string> {
      if (name == "LOADERO_API_BASE") return base;
      if (name == "LOADERO_ACCESS_TOKEN") return std::string(token);
      return std::nullopt;
    };
    std::ostringstream out;
    std::ostringstream err;
    const int code =
        loadero_sync::cli::run(static_cast<int>(argv.size()), argv.data(), out, err, terminal, env);
    out_text = out.str();
    err_text = err.str();
    return code;
  };
  std::string out;
  std::string err;
  CHECK(run_in_process("no\n", out, err, false) == 1);
  CHECK(err == "\nApply these changes to project 5040 at " + base +
                   "? Only 'yes' is accepted.\n  Enter a value: Apply cancelled.\n");
  CHECK(out.find('\x1b') == std::string::npos);
  CHECK(fx.writes() == 0);
  CHECK(run_in_process("yes\n", out, err, true) == 0);
  CHECK(out.find("Apply complete: 5 applied") != std::string::npos);
  CHECK(out.find("\x1b[") != std::string::npos);   // colour on a terminal
  // Progress on a terminal: one status line, rewritten in place and erased at the end.
  CHECK(err.find("\r\x1b[Kapplying: 5/5 actions") != std::string::npos);
  CHECK(err.find("\r\x1b[Kreading live state: ") != std::string::npos);
  CHECK(err.find("[1/5] ") == std::string::npos);  // each action only at -v
  project.check_converged();
}

TEST_CASE("apply --dry-run prints every request it would send and sends no write") {
  Fixture fx;
  Project project(fx);
  const auto manifest = fx.write_file("loadero.yaml", project.manifest());
  const auto dry = fx.sync({"apply", "-f", manifest, "--dry-run"});
  CHECK(dry.exit_code == 0);
  const std::string checkout_groups =
      "projects/5040/tests/" + std::to_string(project.checkout) + "/groups/";
  const std::string video_groups =
      "projects/5040/tests/" + std::to_string(project.video) + "/groups/";
  CHECK(dry.out.find("\nDry run: the requests apply would send (none was sent):\n") !=
        std::string::npos);
  CHECK(dry.out.find("  POST " + video_groups + " {\"count\":10,\"name\":\"Viewers\"}\n") !=
        std::string::npos);
  CHECK(dry.out.find("  DELETE " + checkout_groups + std::to_string(project.old_group) + "/\n") !=
        std::string::npos);
  CHECK(dry.out.find("  PUT " + checkout_groups + std::to_string(project.hosts_group) +
                     "/ {\"count\":2,\"name\":\"Hosts\"}\n") != std::string::npos);
  CHECK(dry.out.find("/copy/ {\"name\":\"Callers EU\"}\n") != std::string::npos);
  // The copy's count is set on the copy, known in a dry run by its placeholder id.
  CHECK(dry.out.find("  PUT " + checkout_groups + "-1/ {\"count\":2,\"name\":\"Callers EU\"}\n") !=
        std::string::npos);
  CHECK(dry.out.find("\nDry run: 6 write requests, nothing changed.\n") != std::string::npos);
  CHECK(fx.writes() == 0);
  CHECK(fx.requests("GET") > 0);
}

TEST_CASE(
    "a saved plan applies when nothing changed and is refused, naming the change, when stale") {
  Fixture fx;
  Project project(fx);
  const auto manifest = fx.write_file("loadero.yaml", project.manifest());
  const auto plan_file = fx.path("plan.json");
  const auto saved = fx.sync({"plan", "-f", manifest, "--out", plan_file});
  CHECK(saved.exit_code == 0);
  std::ifstream plan_stream(plan_file);
  const auto plan_json = json::parse(plan_stream);
  CHECK(plan_json.dump().find(token) == std::string::npos);

  // Someone renames a group behind the plan's back.
  fx.api("PUT",
         "tests/" + std::to_string(project.checkout) + "/groups/" +
             std::to_string(project.hosts_group) + "/",
         {{"name", "Presenters"}, {"count", 1}});
  fx.reset_stats();
  const auto stale = fx.sync({"apply", "--plan", plan_file, "--auto-approve"});
  CHECK(stale.exit_code == 1);
  CHECK(stale.err.find("loadero-sync: error: the saved plan is stale; nothing was applied\n") !=
        std::string::npos);
  CHECK(stale.err.find("  test " + std::to_string(project.checkout) +
                       " \"Checkout flow\" changed since the plan was made:\n") !=
        std::string::npos);
  CHECK(stale.err.find("    group " + std::to_string(project.hosts_group) +
                       " renamed \"Hosts\" -> \"Presenters\"\n") != std::string::npos);
  CHECK(fx.writes() == 0);

  // Put it back: the plan is valid again and applies.
  fx.api("PUT",
         "tests/" + std::to_string(project.checkout) + "/groups/" +
             std::to_string(project.hosts_group) + "/",
         {{"name", "Hosts"}, {"count", 1}});
  fx.reset_stats();
  const auto applied = fx.sync({"apply", "--plan", plan_file, "--auto-approve"});
  CHECK(applied.exit_code == 0);
  // Reads: each changed test's groups once for the stale check, and one check per test that
  // created or copied groups. Writes: one per change, plus the count of the copy
  // (Callers EU 3 -> 2).
  CHECK(fx.requests("GET") == 4);
  CHECK(fx.writes() == 6);
  project.check_converged();
}

TEST_CASE("a saved plan made against another API base is refused") {
  Fixture fx;
  Project project(fx);
  const auto plan_file = fx.path("plan.json");
  CHECK(
      fx.sync({"plan", "-f", fx.write_file("loadero.yaml", project.manifest()), "--out", plan_file})
          .exit_code == 0);
  const auto other = fx.sync({"apply", "--plan", plan_file, "--auto-approve"},
                             {{"LOADERO_API_BASE", "http://127.0.0.1:1/v2/"}});
  CHECK(other.exit_code == 1);
  CHECK(other.err.rfind(
            "loadero-sync: error: the saved plan was made against " + fx.emulator.base_url(), 0) ==
        0);
}

TEST_CASE("apply exits 3 when one test's action fails and the other test is applied") {
  Fixture fx;
  Project project(fx);
  const auto plan_file = fx.path("plan.json");
  CHECK(
      fx.sync({"plan", "-f", fx.write_file("loadero.yaml", project.manifest()), "--out", plan_file})
          .exit_code == 0);
  // The checkout test's update now targets a group that does not exist; the fingerprint is
  // untouched.
  std::ifstream in(plan_file);
  json plan = json::parse(in);
  in.close();
  bool edited = false;
  for (auto& test : plan["tests"]) {
    if (test["test_id"] != project.checkout) continue;
    for (auto& action : test["actions"]) {
      if (action["action"] == "update") {
        action["group_id"] = 999999;
        edited = true;
      }
    }
  }
  REQUIRE(edited);
  std::ofstream(plan_file) << plan.dump(2);
  const auto apply =
      fx.sync({"apply", "--plan", plan_file, "--auto-approve", "--parallelism", "1"});
  CHECK(apply.exit_code == 3);
  CHECK(apply.out.find(
            "  failed         ~ group 999999 \"Hosts\" (count 1 -> 2): PUT projects/5040/tests/" +
            std::to_string(project.checkout) + "/groups/999999/: 404") != std::string::npos);
  CHECK(apply.out.find("Apply incomplete: ") != std::string::npos);
  CHECK(fx.groups(project.video) == "Guests=4,Viewers=10,manual-debug=1");
}

TEST_CASE("apply exits 1 when its only action fails") {
  Fixture fx;
  const auto test_id = fx.create_test("Lonely");
  const auto group = fx.create_group(test_id, "A", 1);
  const auto manifest =
      fx.write_file("loadero.yaml", "version: 1\ntests:\n  - test_id: " + std::to_string(test_id) +
                                        "\n    groups:\n      - name: A\n        count: 2\n");
  const auto plan_file = fx.path("plan.json");
  CHECK(fx.sync({"plan", "-f", manifest, "--out", plan_file, "--project-id", "5040"}).exit_code ==
        0);
  std::ifstream in(plan_file);
  json plan = json::parse(in);
  in.close();
  plan["tests"][0]["actions"][0]["group_id"] = group + 1000;
  std::ofstream(plan_file) << plan.dump(2);
  const auto apply = fx.sync({"apply", "--plan", plan_file, "--auto-approve"});
  CHECK(apply.exit_code == 1);
  CHECK(apply.out.find("Apply incomplete: 0 applied, 1 failed, 0 not attempted.\n") !=
        std::string::npos);
}

TEST_CASE("a rejected token exits 1 with a clear message and never shows the token") {
  Fixture fx;
  Project project(fx);
  const auto manifest = fx.write_file("loadero.yaml", project.manifest());
  const std::string wrong = "wrong-token-4c1d";
  const auto plan = fx.sync({"plan", "-f", manifest, "-v"}, {{"LOADERO_ACCESS_TOKEN", wrong}});
  CHECK(plan.exit_code == 1);
  CHECK(plan.out.empty());
  CHECK(plan.err.find(": 401") != std::string::npos);
  CHECK(plan.err.find("hint: the API refused the access token") != std::string::npos);
  CHECK(plan.err.find(wrong) == std::string::npos);
  const auto token_file = fx.write_file("token.txt", wrong + "\n");
  const auto with_file = fx.sync({"drift", "-f", manifest, "--token-file", token_file, "-vv"});
  CHECK(with_file.exit_code == 1);
  CHECK(with_file.err.find(wrong) == std::string::npos);
}

TEST_CASE(
    "-v logs each request with method, route, status and duration on stderr, never the token") {
  Fixture fx;
  Project project(fx);
  const auto plan =
      fx.sync({"plan", "-f", fx.write_file("loadero.yaml", project.manifest()), "-v"});
  CHECK(plan.exit_code == 0);
  CHECK(plan.err.find("loadero-sync: debug: GET projects/5040/tests/" +
                      std::to_string(project.checkout) + "/groups/") != std::string::npos);
  CHECK(plan.err.find(" -> 200 in ") != std::string::npos);
  CHECK(plan.out.find("loadero-sync:") == std::string::npos);  // logs stay off stdout
  const auto quiet = fx.sync({"plan", "-f", fx.path("loadero.yaml"), "-q"});
  CHECK(quiet.exit_code == 0);
  CHECK(quiet.err.empty());
}

TEST_CASE("creates under --ambiguous-rate 1.0 leave no duplicate group") {
  // The data is made by a well-behaved emulator and kept in its state file, then served again with
  // every write committed but answered as a failure.
  const std::string state_dir = loadero_test::make_temp_dir("loadero-sync-cli-state");
  const std::string state = state_dir + "/state.json";
  std::int64_t test_id = 0;
  {
    Fixture seed({}, state);
    test_id = seed.create_test("Ambiguous");
    seed.create_group(test_id, "Source", 1);
    seed.emulator.stop();
  }
  Fixture fx({"--ambiguous-rate", "1.0", "--seed", "7"}, state);
  const auto manifest = fx.write_file(
      "loadero.yaml",
      "version: 1\nproject_id: 5040\ntests:\n  - test_id: " + std::to_string(test_id) +
          "\n    groups:\n      - name: Source\n        count: 1\n      - name: A\n        count: "
          "1\n"
          "      - name: B\n        count: 2\n      - name: Copy\n        count: 1\n"
          "        duplicate_from: Source\n");
  const auto apply = fx.sync({"apply", "-f", manifest, "--auto-approve", "-v"});
  CHECK(apply.exit_code == 0);
  CHECK(fx.groups(test_id) == "A=1,B=2,Copy=1,Source=1");
  CHECK(fx.stats()["faults"]["ambiguous"].get<int>() >= 3);
  // Each lost answer is settled by reading, never by sending the POST again.
  CHECK(fx.requests("POST") == 3);
  CHECK(apply.err.find("retry") != std::string::npos);
  CHECK(fx.sync({"plan", "-f", manifest, "--detailed-exitcode"}).exit_code == 0);
  std::filesystem::remove_all(state_dir);
}

TEST_CASE("drift exits 0 when in sync and 2 on drift, in every format") {
  Fixture fx;
  Project project(fx);
  const auto manifest = fx.write_file("loadero.yaml", project.manifest());
  const auto drifted = fx.sync({"drift", "-f", manifest});
  CHECK(drifted.exit_code == 2);
  CHECK(drifted.out.find("# test " + std::to_string(project.checkout) +
                         " \"Checkout flow\": out of sync") != std::string::npos);
  CHECK(drifted.out.find("  extraneous  group " + std::to_string(project.old_group) +
                         " \"Old\" (count 1)") != std::string::npos);
  CHECK(
      drifted.out.find(
          "Drift: 2 of 2 tests out of sync: 2 missing, 2 changed, 1 extraneous, 1 unmanaged.\n") !=
      std::string::npos);
  const auto as_json = fx.sync({"drift", "-f", manifest, "--format", "json"});
  CHECK(as_json.exit_code == 2);
  CHECK(json::parse(as_json.out)["in_sync"] == false);
  const auto junit = fx.sync({"drift", "-f", manifest, "--format", "junit"});
  CHECK(junit.exit_code == 2);
  CHECK(junit.out.find(
            "<testsuites name=\"loadero-sync drift\" tests=\"2\" failures=\"2\" errors=\"0\">") !=
        std::string::npos);
  CHECK(fx.sync({"drift", "-f", manifest, "--format", "markdown"})
            .out.rfind("### loadero-sync drift: 2 of 2 tests out of sync\n", 0) == 0);
  CHECK(fx.writes() == 0);

  CHECK(fx.sync({"apply", "-f", manifest, "--auto-approve"}).exit_code == 0);
  const auto in_sync = fx.sync({"drift", "-f", manifest});
  CHECK(in_sync.exit_code == 0);
  CHECK(in_sync.out.find("No drift: 2 tests in sync (1 unmanaged group).\n") != std::string::npos);
  const auto in_sync_json = fx.sync({"drift", "-f", manifest, "--format", "json"});
  CHECK(json::parse(in_sync_json.out)["in_sync"] == true);
}

TEST_CASE("export writes a manifest that plans to no changes right away") {
  Fixture fx;
  Project project(fx);
  fx.create_group(project.checkout, "Callers",
                  5);  // a second "Callers": pinned by id in the export
  const auto exported = fx.path("exported.yaml");
  const auto result =
      fx.sync({"export", "--test-id", std::to_string(project.checkout), "--test-id",
               std::to_string(project.video), "-o", exported, "--project-id", "5040"});
  CHECK(result.exit_code == 0);
  CHECK(result.out.empty());
  CHECK(result.err == "Exported 2 tests (6 groups, 0 participants) to " + exported + ".\n");
  std::ifstream in(exported);
  std::stringstream text;
  text << in.rdbuf();
  // No --schema-url: no modeline, the comment that says where it came from is the first line.
  CHECK(text.str().rfind("# Written by loadero-sync export", 0) == 0);
  const auto plan = fx.sync({"plan", "-f", exported, "--detailed-exitcode"});
  CHECK(plan.exit_code == 0);
  // Every exported group says `participants: []`: its participants are managed now.
  CHECK(plan.out.rfind("No changes. Live groups and participants match the manifest.\n"
                       "Compute units (all tests): ",
                       0) == 0);
  const auto to_stdout = fx.sync({"export", "--test-id", std::to_string(project.video)},
                                 {{"LOADERO_PROJECT_ID", "5040"}});
  CHECK(to_stdout.exit_code == 0);
  CHECK(to_stdout.out.find("      - name: \"manual-debug\"\n        count: 1\n") !=
        std::string::npos);
}

TEST_CASE("--project-id beats LOADERO_PROJECT_ID, and the manifest's project_id must still agree") {
  Fixture fx;
  Project project(fx);
  const auto exported =
      fx.sync({"export", "--test-id", std::to_string(project.video), "--project-id", "5040"},
              {{"LOADERO_PROJECT_ID", "77"}});
  CHECK(exported.exit_code == 0);
  CHECK(exported.out.find("      - name: \"manual-debug\"\n") != std::string::npos);
  const auto manifest = fx.write_file("project.yaml", project.manifest());
  const auto plan =
      fx.sync({"plan", "-f", manifest, "--project-id", "5040"}, {{"LOADERO_PROJECT_ID", "77"}});
  CHECK(plan.exit_code == 0);
  const auto conflict =
      fx.sync({"plan", "-f", manifest, "--project-id", "77"}, {{"LOADERO_PROJECT_ID", "5040"}});
  CHECK(conflict.exit_code == 1);
  CHECK(conflict.err ==
        "loadero-sync: error: conflicting project ids: --project-id gives 77 but the manifest's "
        "project_id gives 5040; make them agree or drop one\n");
  CHECK(fx.writes() == 0);
}

TEST_CASE("common flags before the command work as after it") {
  Fixture fx;
  Project project(fx);
  const auto manifest = fx.write_file("project.yaml", project.manifest());
  const auto after = fx.sync({"plan", "-v", "-f", manifest, "--format", "json"});
  const auto before = fx.sync({"-v", "plan", "-f", manifest, "--format", "json"});
  CHECK(before.exit_code == 0);
  CHECK(before.out == after.out);
  // -v logs each request on stderr: the same requests either way.
  CHECK(before.err.find("GET") != std::string::npos);
  CHECK(fx.sync({"-q", "--retries", "0", "--project-id", "5040", "apply", "-f", manifest,
                 "--auto-approve"})
            .exit_code == 0);
  project.check_converged();
}

TEST_CASE("a misspelt command or flag exits 1 with the nearest name and sends no request") {
  Fixture fx;
  Project project(fx);
  const auto manifest = fx.write_file("project.yaml", project.manifest());
  const auto command = fx.sync({"aply", "-f", manifest, "--auto-approve"});
  CHECK(command.exit_code == 1);
  CHECK(command.out.empty());
  CHECK(command.err ==
        "loadero-sync: error: unknown command 'aply'; did you mean 'apply'?\n"
        "  hint: run `loadero-sync --help` or `loadero-sync COMMAND --help`\n");
  const auto flag = fx.sync({"apply", "-f", manifest, "--auto-aprove"});
  CHECK(flag.exit_code == 1);
  CHECK(flag.err ==
        "loadero-sync: error: unknown flag '--auto-aprove'; did you mean '--auto-approve'?\n"
        "  hint: run `loadero-sync apply --help` for apply's flags\n");
  CHECK(fx.requests("GET") + fx.writes() == 0);
}

TEST_CASE("export of a test that does not exist exits 1") {
  Fixture fx;
  const auto result = fx.sync({"export", "--test-id", "424242", "--project-id", "5040"});
  CHECK(result.exit_code == 1);
  CHECK(result.err.find("loadero-sync: error: ") == 0);
  CHECK(result.err.find("404") != std::string::npos);
}

TEST_CASE("a test named in the manifest that does not exist is an error at its position") {
  Fixture fx;
  const auto manifest = fx.write_file("loadero.yaml",
                                      "version: 1\nproject_id: 5040\ntests:\n  - test_name: Nope\n "
                                      "   groups:\n      - name: A\n        count: 1\n");
  const auto plan = fx.sync({"plan", "-f", manifest});
  CHECK(plan.exit_code == 1);
  CHECK(plan.err.rfind(manifest + ":4:", 0) == 0);
  CHECK(plan.err.find("Nope") != std::string::npos);
}

TEST_CASE(
    "a name shared by two live groups stops the plan, listing their ids, and nothing is applied") {
  Fixture fx;
  const auto test_id = fx.create_test("Twins");
  const auto first = fx.create_group(test_id, "Dup", 1);
  const auto second = fx.create_group(test_id, "Dup", 2);
  fx.reset_stats();
  const auto manifest = fx.write_file(
      "loadero.yaml",
      "version: 1\nproject_id: 5040\ntests:\n  - test_id: " + std::to_string(test_id) +
          "\n    groups:\n      - name: Dup\n        count: 3\n");
  const auto apply = fx.sync({"apply", "-f", manifest, "--auto-approve"});
  CHECK(apply.exit_code == 1);
  CHECK(apply.out.empty());
  CHECK(apply.err == manifest + ":6:9: error: group name \"Dup\" is shared by live groups " +
                         std::to_string(first) + ", " + std::to_string(second) +
                         ": pin one with id:\n    6 |       - name: Dup\n      |         ^\n");
  CHECK(apply.err.find(std::to_string(first)) != std::string::npos);
  CHECK(apply.err.find(std::to_string(second)) != std::string::npos);
  CHECK(fx.writes() == 0);
}
