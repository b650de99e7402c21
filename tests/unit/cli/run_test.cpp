// loadero_sync::cli::run in-process: parsing, help, version, and the errors reported before any
// request is made.

#include <doctest/doctest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "cli.hpp"

using namespace loadero_sync::cli;

namespace {

struct Outcome {
  int code = -1;
  std::string out;
  std::string err;
};

Outcome run_with(std::vector<std::string> args, std::map<std::string, std::string> vars = {},
                 std::string input = "", bool tty = false) {
  args.insert(args.begin(), "loadero-sync");
  std::vector<const char*> argv;
  for (const auto& arg : args) argv.push_back(arg.c_str());
  std::istringstream in(input);
  Terminal terminal;
  terminal.stdin_tty = tty;
  terminal.in = &in;
  EnvLookup env = [vars](const std::string& name) -> std::optional<std::string> {
    const auto found = vars.find(name);
    if (found == vars.end()) return std::nullopt;
    return found->second;
  };
  std::ostringstream out;
  std::ostringstream err;
  Outcome outcome;
  outcome.code = run(static_cast<int>(argv.size()), argv.data(), out, err, terminal, env);
  outcome.out = out.str();
  outcome.err = err.str();
  return outcome;
}

// One folder per process (ctest runs test cases as parallel processes), removed at exit.
struct TempDir {
  std::filesystem::path path = std::filesystem::temp_directory_path() /
                               ("loadero-sync-run-test-" + std::to_string(::getpid()));
  TempDir() { std::filesystem::create_directories(path); }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path, ec);
  }
};

std::string write_temp(const std::string& name, const std::string& content) {
  static const TempDir dir;
  const auto path = dir.path / name;
  std::ofstream(path) << content;
  return path.string();
}

const char* const valid_manifest =
    "version: 1\n"
    "project_id: 5040\n"
    "tests:\n"
    "  - test_id: 6866\n"
    "    groups:\n"
    "      - name: Callers\n"
    "        count: 3\n"
    "      - name: Hosts\n"
    "        count: 1\n";

}  // namespace

TEST_CASE("--version prints the tool's version and the git commit it was built from on stdout") {
  const auto outcome = run_with({"--version"});
  CHECK(outcome.code == 0);
  // LOADERO_EXPECTED_COMMIT is what CMake read from git at configure time, as for the tool.
  CHECK(outcome.out ==
        std::string("loadero-sync 0.1.0 (commit ") + LOADERO_EXPECTED_COMMIT + ")\n");
  CHECK(outcome.err.empty());
  const std::string commit = LOADERO_EXPECTED_COMMIT;
  CHECK(
      (commit == "unknown" ||
       (commit.size() >= 7 && commit.find_first_not_of("0123456789abcdef") == std::string::npos)));
}

TEST_CASE("--help lists the commands and every command has its own --help with the common flags") {
  const auto top = run_with({"--help"});
  CHECK(top.code == 0);
  for (const char* command : {"validate", "plan", "apply", "drift", "export"}) {
    CHECK(top.out.find(command) != std::string::npos);
    const auto help = run_with({command, "--help"});
    CAPTURE(command);
    CHECK(help.code == 0);
    CHECK(help.out.find("--no-color") != std::string::npos);
    CHECK(help.out.find("-v,--verbose") != std::string::npos);
  }
  const auto plan_help = run_with({"plan", "--help"});
  for (const char* flag :
       {"--api-base", "--project-id", "--token-file", "--parallelism", "--max-rps", "--timeout",
        "--retries", "--out", "--format", "--detailed-exitcode", "LOADERO_ACCESS_TOKEN"}) {
    CAPTURE(flag);
    CHECK(plan_help.out.find(flag) != std::string::npos);
  }
  const auto apply_help = run_with({"apply", "--help"});
  for (const char* flag : {"--auto-approve", "--dry-run", "--plan"})
    CHECK(apply_help.out.find(flag) != std::string::npos);
  CHECK(run_with({"export", "--help"}).out.find("--test-id") != std::string::npos);
  CHECK(run_with({"drift", "--help"}).out.find("junit") != std::string::npos);
}

TEST_CASE("a usage error exits 1 with a hint and prints nothing on stdout") {
  const auto no_command = run_with({});
  CHECK(no_command.code == 1);
  CHECK(no_command.out.empty());
  CHECK(no_command.err.rfind("loadero-sync: error: ", 0) == 0);
  CHECK(no_command.err.find("hint: run `loadero-sync --help`") != std::string::npos);
  CHECK(run_with({"frobnicate"}).code == 1);
  CHECK(run_with({"plan"}).code == 1);
  CHECK(run_with({"drift", "-f", "x.yaml", "--format", "xml"}).code == 1);
  const auto both = run_with({"apply", "-f", "x.yaml", "--plan", "p.json"});
  CHECK(both.code == 1);
  CHECK(both.err.find("excludes") != std::string::npos);
  const auto neither = run_with({"apply", "--auto-approve"});
  CHECK(neither.code == 1);
  CHECK(neither.err ==
        "loadero-sync: error: apply needs the manifests (-f PATH...) or a saved plan (--plan "
        "FILE)\n");
  CHECK(run_with({"plan", "-f", "x.yaml", "-v", "-q"}).code == 1);
}

TEST_CASE("a misspelt command names the nearest one, and none when nothing is close") {
  const std::string hint = "  hint: run `loadero-sync --help` or `loadero-sync COMMAND --help`\n";
  const auto pln = run_with({"pln", "-f", "x.yaml"});
  CHECK(pln.code == 1);
  CHECK(pln.out.empty());
  CHECK(pln.err == "loadero-sync: error: unknown command 'pln'; did you mean 'plan'?\n" + hint);
  CHECK(run_with({"valdiate"}).err ==
        "loadero-sync: error: unknown command 'valdiate'; did you mean 'validate'?\n" + hint);
  CHECK(run_with({"EXPORT"}).err ==
        "loadero-sync: error: unknown command 'EXPORT'; did you mean 'export'?\n" + hint);
  CHECK(run_with({"hlep"}).err ==
        "loadero-sync: error: unknown command 'hlep'; did you mean 'help'?\n" + hint);
  const auto far = run_with({"frobnicate"});
  CHECK(far.code == 1);
  CHECK(far.err == "loadero-sync: error: unknown command 'frobnicate'\n" + hint);
  const auto none = run_with({"-v"});
  CHECK(none.code == 1);
  CHECK(none.err ==
        "loadero-sync: error: no command given; choose one of validate, plan, apply, drift, "
        "export, completion or help\n" +
            hint);
}

TEST_CASE("a misspelt flag names the nearest flag of the command, and none when nothing is close") {
  const auto fromat = run_with({"plan", "--fromat", "json", "-f", "x.yaml"});
  CHECK(fromat.code == 1);
  CHECK(fromat.out.empty());
  CHECK(fromat.err ==
        "loadero-sync: error: unknown flag '--fromat'; did you mean '--format'?\n"
        "  hint: run `loadero-sync plan --help` for plan's flags\n");
  CHECK(run_with({"plan", "-f", "x.yaml", "--fromat=json"})
            .err.rfind("loadero-sync: error: unknown flag '--fromat'; did you mean '--format'?\n",
                       0) == 0);
  // Reported before CLI11's "--file is required".
  CHECK(run_with({"drift", "--formt", "junit"})
            .err.rfind("loadero-sync: error: unknown flag '--formt'; did you mean '--format'?\n",
                       0) == 0);
  CHECK(run_with({"apply", "-f", "x.yaml", "--auto-aprove"})
            .err.rfind("loadero-sync: error: unknown flag '--auto-aprove'; did you mean "
                       "'--auto-approve'?\n",
                       0) == 0);
  CHECK(run_with({"export", "--test-id", "1", "--no-participant"})
            .err.rfind("loadero-sync: error: unknown flag '--no-participant'; did you mean "
                       "'--no-participants'?\n",
                       0) == 0);
  // The command's own flags only: validate has no --format.
  const auto validate = run_with({"validate", "-f", "x.yaml", "--fromat", "json"});
  CHECK(validate.code == 1);
  CHECK(validate.err ==
        "loadero-sync: error: unknown flag '--fromat'\n"
        "  hint: run `loadero-sync validate --help` for validate's flags\n");
  CHECK(run_with({"plan", "-f", "x.yaml", "-x"}).err ==
        "loadero-sync: error: unknown flag '-x'\n"
        "  hint: run `loadero-sync plan --help` for plan's flags\n");
  // A long flag with one dash (Terraform's spelling) is not `-f ormat`, nor `-o utput`.
  CHECK(run_with({"plan", "-format", "json", "-f", "x.yaml"}).err ==
        "loadero-sync: error: unknown flag '-format'; did you mean '--format'?\n"
        "  hint: run `loadero-sync plan --help` for plan's flags\n");
  CHECK(run_with({"export", "--test-id", "1", "-output", "x.yaml"})
            .err.rfind("loadero-sync: error: unknown flag '-output'; did you mean '--output'?\n",
                       0) == 0);
  CHECK(run_with({"plan", "-f", "x.yaml", "-out", "p.json"})
            .err.rfind("loadero-sync: error: unknown flag '-out'; did you mean '--out'?\n", 0) ==
        0);
  // A value that looks like a flag is the option's value, not a flag.
  const auto value = run_with({"plan", "-f", "x.yaml", "--out", "--fromat"});
  CHECK(value.err.find("unknown flag") == std::string::npos);
}

TEST_CASE("help prints the program's help, help COMMAND the same as COMMAND --help") {
  const auto top = run_with({"help"});
  CHECK(top.code == 0);
  CHECK(top.err.empty());
  CHECK(top.out == run_with({"--help"}).out);
  CHECK(top.out.find("help COMMAND") != std::string::npos);
  for (const char* command : {"validate", "plan", "apply", "drift", "export"}) {
    CAPTURE(command);
    const auto help = run_with({"help", command});
    CHECK(help.code == 0);
    CHECK(help.err.empty());
    CHECK(help.out == run_with({command, "--help"}).out);
    CHECK(help.out.find(std::string("Usage: loadero-sync ") + command) != std::string::npos);
  }
  const auto nosuch = run_with({"help", "nosuch"});
  CHECK(nosuch.code == 1);
  CHECK(nosuch.out.empty());
  CHECK(nosuch.err ==
        "loadero-sync: error: unknown command 'nosuch'\n"
        "  hint: run `loadero-sync --help` or `loadero-sync COMMAND --help`\n");
  CHECK(run_with({"help", "drfit"})
            .err.rfind("loadero-sync: error: unknown command 'drfit'; did you mean 'drift'?\n",
                       0) == 0);
  CHECK(run_with({"help", "plan", "apply"}).code == 1);
  const auto help_help = run_with({"help", "--help"});
  CHECK(help_help.code == 0);
  CHECK(help_help.out.find("Usage: loadero-sync help [OPTIONS] [command]") != std::string::npos);
}

TEST_CASE("common flags may come before the command") {
  const auto manifest = write_temp("valid.yaml", valid_manifest);
  // The same run either way: both get as far as the missing token.
  const auto after =
      run_with({"plan", "-v", "-f", manifest, "--api-base", "http://127.0.0.1:9/v2/"});
  const auto before =
      run_with({"-v", "--api-base", "http://127.0.0.1:9/v2/", "plan", "-f", manifest});
  CHECK(before.code == 1);
  CHECK(before.err.find("no access token") != std::string::npos);
  CHECK(before.err == after.err);
  CHECK(before.out == after.out);
  // --api-base=URL, -vv, --no-color, --project-id N before the command, and read as given.
  const auto remote = run_with({"--api-base=http://example.com/v2/", "-vv", "--no-color",
                                "--project-id", "5040", "plan", "-f", manifest});
  CHECK(remote.code == 1);
  CHECK(remote.err.find("--api-base: plain http:// is refused for 'example.com'") !=
        std::string::npos);
  const auto conflict = run_with({"--project-id", "77", "plan", "-f", manifest},
                                 {{"LOADERO_ACCESS_TOKEN", "tok-123"}});
  CHECK(conflict.err ==
        "loadero-sync: error: conflicting project ids: --project-id gives 77 but the manifest's "
        "project_id gives 5040; make them agree or drop one\n");
  CHECK(run_with({"-v", "validate", "-f", manifest}).code == 0);
  CHECK(run_with({"-q", "validate", "-f", manifest}).code == 0);
  // The usual checks still apply: -v with -q, wherever each is.
  CHECK(run_with({"-v", "plan", "-f", manifest, "-q"}).code == 1);
  // A common flag the command does not take, or a value missing, is a usage error.
  CHECK(run_with({"--project-id", "5040", "validate", "-f", manifest}).err ==
        "loadero-sync: error: unknown flag '--project-id'\n"
        "  hint: run `loadero-sync validate --help` for validate's flags\n");
  CHECK(run_with({"--project-id"}).err ==
        "loadero-sync: error: --project-id needs a value\n"
        "  hint: run `loadero-sync --help` or `loadero-sync COMMAND --help`\n");
  // Only common flags go before the command.
  CHECK(run_with({"--fromat", "json", "plan", "-f", manifest}).err ==
        "loadero-sync: error: unknown flag '--fromat'\n"
        "  hint: run `loadero-sync --help` or `loadero-sync COMMAND --help`\n");
  CHECK(run_with({"--verbos", "plan", "-f", manifest})
            .err.rfind("loadero-sync: error: unknown flag '--verbos'; did you mean '--verbose'?\n",
                       0) == 0);
  // --help and --version before the command are still the program's.
  CHECK(run_with({"-v", "--help"}).out == run_with({"--help"}).out);
  CHECK(run_with({"-v", "plan", "--help"}).out == run_with({"plan", "--help"}).out);
}

TEST_CASE("--max-compute-units is a flag of plan and apply only") {
  for (const char* command : {"plan", "apply"}) {
    CAPTURE(command);
    const auto help = run_with({command, "--help"});
    CHECK(help.out.find("--max-compute-units N") != std::string::npos);
  }
  for (const char* command : {"drift", "export", "validate"}) {
    CAPTURE(command);
    CHECK(run_with({command, "--help"}).out.find("--max-compute-units") == std::string::npos);
  }
  const auto drift = run_with({"drift", "-f", "x.yaml", "--max-compute-units", "5"});
  CHECK(drift.code == 1);
  CHECK(drift.err ==
        "loadero-sync: error: unknown flag '--max-compute-units'\n"
        "  hint: run `loadero-sync drift --help` for drift's flags\n");
}

TEST_CASE("--max-compute-units must be a number greater than 0") {
  for (const char* value : {"0", "-5", "-0.5", "0.0", "abc", "5x", "", "inf", "nan", "1e999"}) {
    for (const char* command : {"plan", "apply"}) {
      CAPTURE(value);
      CAPTURE(command);
      const auto outcome = run_with({command, "-f", "x.yaml", "--max-compute-units", value});
      CHECK(outcome.code == 1);
      CHECK(outcome.out.empty());
      CHECK(outcome.err == std::string("loadero-sync: error: --max-compute-units: must be a number "
                                       "greater than 0 (e.g. 500 or 250.5), not '") +
                               value +
                               "'\n  hint: run `loadero-sync --help` or `loadero-sync COMMAND "
                               "--help`\n");
    }
  }
  CHECK(run_with({"plan", "-f", "x.yaml", "--max-compute-units"}).code == 1);
}

TEST_CASE("a valid --max-compute-units is accepted and the run goes on to the next check") {
  // Parsing passes; the run stops where every plan without a token stops, before any request.
  for (const char* value : {"500", "250.5", "0.5", "1e4"}) {
    CAPTURE(value);
    const auto plan =
        run_with({"plan", "-f", write_temp("valid.yaml", valid_manifest), "--api-base",
                  "http://127.0.0.1:9/v2/", "--max-compute-units", value});
    CHECK(plan.code == 1);
    CHECK(plan.err.rfind("loadero-sync: error: no access token", 0) == 0);
    const auto apply =
        run_with({"apply", "-f", write_temp("valid.yaml", valid_manifest), "--api-base",
                  "http://127.0.0.1:9/v2/", "--auto-approve", "--max-compute-units", value});
    CHECK(apply.code == 1);
    CHECK(apply.err.rfind("loadero-sync: error: no access token", 0) == 0);
  }
}

TEST_CASE("apply --plan refuses --max-compute-units: the saved plan was checked when it was made") {
  const auto path = write_temp("saved-plan.json", "{\"hello\": 1}");
  for (const std::vector<std::string>& args :
       {std::vector<std::string>{"apply", "--plan", path, "--max-compute-units", "500"},
        std::vector<std::string>{"apply", "--max-compute-units", "500", "--plan", path,
                                 "--auto-approve"}}) {
    const auto outcome = run_with(args, {{"LOADERO_ACCESS_TOKEN", "tok-123"}});
    CHECK(outcome.code == 1);
    CHECK(outcome.out.empty());
    // Refused before the plan file is even read.
    CHECK(outcome.err ==
          "loadero-sync: error: --max-compute-units cannot be combined with --plan: the saved plan "
          "was checked when it was made\n");
  }
}

TEST_CASE("validate accepts a valid manifest with a one-line summary on stdout") {
  const auto outcome = run_with({"validate", "-f", write_temp("valid.yaml", valid_manifest)});
  CHECK(outcome.code == 0);
  CHECK(outcome.out == "Valid: 1 file, 1 test, 2 groups.\n");
  CHECK(outcome.err.empty());
}

TEST_CASE("validate reports every diagnostic on stderr and exits 1") {
  const auto path = write_temp("invalid.yaml",
                               "version: 1\ntests:\n  - test_id: 6866\n    groups:\n      - name: "
                               "Callers\n        cont: 3\n");
  const auto outcome = run_with({"validate", "-f", path, "--no-color"});
  CHECK(outcome.code == 1);
  CHECK(outcome.out.empty());
  CHECK(outcome.err.find(path + ":6:9: error: ") != std::string::npos);
  CHECK(outcome.err.find("did you mean 'count'?") != std::string::npos);
}

TEST_CASE("plan refuses plain http to a remote host before any request") {
  const auto outcome = run_with({"plan", "-f", write_temp("valid.yaml", valid_manifest),
                                 "--api-base", "http://api.example.com/v2/"},
                                {{"LOADERO_ACCESS_TOKEN", "tok-123"}});
  CHECK(outcome.code == 1);
  CHECK(outcome.err ==
        "loadero-sync: error: --api-base: plain http:// is refused for 'api.example.com' (the "
        "access token would travel "
        "unencrypted); use https:// (http:// is allowed for loopback addresses only)\n");
}

TEST_CASE("plan without a token says how to give one") {
  const auto outcome = run_with({"plan", "-f", write_temp("valid.yaml", valid_manifest),
                                 "--api-base", "http://127.0.0.1:9/v2/"});
  CHECK(outcome.code == 1);
  CHECK(outcome.err.rfind("loadero-sync: error: no access token: set LOADERO_ACCESS_TOKEN or give "
                          "--token-file PATH",
                          0) == 0);
}

TEST_CASE("a project id given twice with different values is an error") {
  const auto outcome =
      run_with({"plan", "-f", write_temp("valid.yaml", valid_manifest), "--project-id", "77"},
               {{"LOADERO_ACCESS_TOKEN", "tok-123"}});
  CHECK(outcome.code == 1);
  CHECK(outcome.err ==
        "loadero-sync: error: conflicting project ids: --project-id gives 77 but the manifest's "
        "project_id gives 5040; "
        "make them agree or drop one\n");
}

TEST_CASE("export needs a project id from the flag or the environment") {
  const auto outcome =
      run_with({"export", "--test-id", "6866"}, {{"LOADERO_ACCESS_TOKEN", "tok-123"}});
  CHECK(outcome.code == 1);
  // Export has no manifest: the message does not send the user looking for one.
  CHECK(outcome.err ==
        "loadero-sync: error: no project id: set --project-id or LOADERO_PROJECT_ID\n");
}

TEST_CASE("a saved plan that is not a plan is refused with the file named") {
  const auto path = write_temp("not-a-plan.json", "{\"hello\": 1}");
  const auto outcome =
      run_with({"apply", "--plan", path, "--auto-approve"}, {{"LOADERO_ACCESS_TOKEN", "tok-123"}});
  CHECK(outcome.code == 1);
  CHECK(outcome.err.rfind(
            "loadero-sync: error: the plan file '" + path + "' is not a loadero-sync plan: ", 0) ==
        0);
  const auto garbage = write_temp("garbage.json", "not json");
  CHECK(run_with({"apply", "--plan", garbage})
            .err.rfind("loadero-sync: error: the plan file '" + garbage + "' is not JSON: ", 0) ==
        0);
}

TEST_CASE("completion prints the script of each shell and refuses others") {
  for (const char* shell : {"bash", "zsh", "fish"}) {
    CAPTURE(shell);
    const auto script = run_with({"completion", shell});
    CHECK(script.code == 0);
    CHECK(script.err.empty());
    // Every command and every flag of plan is in it.
    for (const char* word : {"validate", "plan", "apply", "drift", "export", "completion",
                             "detailed-exitcode", "max-compute-units", "token-file"}) {
      CAPTURE(word);
      CHECK(script.out.find(word) != std::string::npos);
    }
  }
  CHECK(run_with({"completion", "bash"}).out.find("'text json markdown junit'") !=
        std::string::npos);
  const auto unknown = run_with({"completion", "tcsh"});
  CHECK(unknown.code == 1);
  CHECK(unknown.out.empty());
  CHECK(unknown.err.find("tcsh not in {bash,zsh,fish}") != std::string::npos);
  CHECK(run_with({"completion"}).code == 1);
  CHECK(run_with({"help", "completion"}).out == run_with({"completion", "--help"}).out);
}
