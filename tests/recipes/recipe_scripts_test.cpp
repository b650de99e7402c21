// The shell scripts in the CI recipes: every loadero-sync command and flag exists in the built
// loadero-sync, every script passes `bash -n` (and shellcheck when it is installed), and no
// script can print a token. Also how the YAML reader reports a broken file.

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <string>
#include <vector>

#include "emulator_support.hpp"
#include "process_support.hpp"
#include "recipe_support.hpp"
#include "recipe_yaml.hpp"
#include "support_paths.hpp"

using recipes_test::contains;
using recipes_test::json;
using recipes_test::Script;

namespace {

std::vector<Script> all_scripts() {
  std::vector<Script> scripts = recipes_test::github_scripts();
  for (auto& script : recipes_test::gitlab_scripts()) scripts.push_back(std::move(script));
  return scripts;
}

// `loadero-sync COMMAND --help` (or `loadero-sync --help` for an empty command), run once each.
const loadero_test::ProcessResult& help_of(const std::string& command) {
  static std::map<std::string, loadero_test::ProcessResult> cache;
  if (auto found = cache.find(command); found != cache.end()) return found->second;
  loadero_test::ProcessOptions options;
  options.argv = {loadero_test::sync_path()};
  if (!command.empty()) options.argv.push_back(command);
  options.argv.push_back("--help");
  return cache.emplace(command, loadero_test::run_process(options)).first->second;
}

// Whether the help text lists the flag as a word of its own: "  -f,--file PATH", "  --out FILE".
bool lists_flag(const std::string& help, const std::string& flag) {
  for (auto at = help.find(flag); at != std::string::npos; at = help.find(flag, at + 1)) {
    const char before = at == 0 ? ' ' : help[at - 1];
    const char after = at + flag.size() == help.size() ? ' ' : help[at + flag.size()];
    if ((before == ' ' || before == ',') &&
        (after == ' ' || after == ',' || after == '\n' || after == '='))
      return true;
  }
  return false;
}

// The choices of `--format` in a help text: "--format TEXT:{text,json,markdown}".
std::vector<std::string> format_choices(const std::string& help) {
  std::smatch match;
  std::vector<std::string> choices;
  if (!std::regex_search(help, match, std::regex(R"(--format TEXT:\{([^}]*)\})"))) return choices;
  std::istringstream list(match[1].str());
  for (std::string choice; std::getline(list, choice, ',');) choices.push_back(choice);
  return choices;
}

// A file name made of the script's place: "gitlab-ci.yml plan" -> "gitlab-ci.yml_plan.sh".
std::string file_name_for(const std::string& where) {
  return std::regex_replace(where, std::regex(R"([^A-Za-z0-9_.-]+)"), "_") + ".sh";
}

loadero_test::ProcessResult run(std::vector<std::string> argv) {
  loadero_test::ProcessOptions options;
  options.argv = std::move(argv);
  return loadero_test::run_process(options);
}

}  // namespace

TEST_CASE("every loadero-sync command and flag in the recipes exists in the built loadero-sync") {
  REQUIRE_FALSE(loadero_test::sync_path().empty());
  const auto invocations = recipes_test::loadero_sync_invocations(all_scripts());
  // validate, plan, apply and drift, in both recipes
  CHECK(invocations.size() >= 8);
  for (const auto& invocation : invocations) {
    CAPTURE(invocation.where);
    REQUIRE_FALSE(invocation.words.empty());
    const bool command_given = !invocation.words[0].starts_with("-");
    const std::string command = command_given ? invocation.words[0] : "";
    const auto& help = help_of(command);
    CHECK_MESSAGE(help.exit_code == 0, "`loadero-sync " << command << " --help`: " << help.err);
    for (std::size_t i = command_given ? 1 : 0; i < invocation.words.size(); ++i) {
      const std::string& word = invocation.words[i];
      if (!word.starts_with("-")) continue;
      const std::string flag = word.substr(0, word.find('='));
      CHECK_MESSAGE(lists_flag(help.out, flag),
                    "`loadero-sync " << command << " --help` does not list " << flag);
      if (flag == "--format" && i + 1 < invocation.words.size()) {
        const auto choices = format_choices(help.out);
        CHECK_MESSAGE(
            std::find(choices.begin(), choices.end(), invocation.words[i + 1]) != choices.end(),
            "--format " << invocation.words[i + 1] << " is not one of " << json(choices).dump());
      }
    }
  }
}

TEST_CASE("every shell script in the recipes passes bash -n, and shellcheck when installed") {
  const std::string bash = recipes_test::find_program("bash");
  REQUIRE_FALSE(bash.empty());
  const std::string shellcheck = recipes_test::find_program("shellcheck");
  if (shellcheck.empty()) MESSAGE("shellcheck is not installed: only bash -n checks the scripts");
  const loadero_test::TempDir dir("loadero-recipes");
  const auto scripts = all_scripts();
  CHECK(scripts.size() >= 8);
  for (const auto& script : scripts) {
    CAPTURE(script.where);
    const std::string path = dir.path() + "/" + file_name_for(script.where);
    std::ofstream(path) << script.text;
    const auto syntax = run({bash, "-n", path});
    CHECK_MESSAGE(syntax.exit_code == 0, syntax.err);
    if (shellcheck.empty()) continue;
    const auto lint = run({shellcheck, "--shell=bash", "--format=gcc", path});
    CHECK_MESSAGE(lint.exit_code == 0, lint.out << lint.err);
  }
}

TEST_CASE("the recipes take the tokens from secrets and never print them") {
  const json& github_env = recipes_test::github_workflow().at("env");
  CHECK(github_env.value("LOADERO_ACCESS_TOKEN", "") == "${{ secrets.LOADERO_ACCESS_TOKEN }}");
  const json variables = recipes_test::gitlab_pipeline().value("variables", json::object());
  CHECK_FALSE(variables.contains("LOADERO_ACCESS_TOKEN"));
  CHECK_FALSE(variables.contains("LOADERO_BOT_TOKEN"));

  const std::regex token_expansion(R"(\$\{?[A-Z_]*TOKEN\b)");
  const std::regex echo(R"(\becho\b)");
  const std::regex header_argument(R"((-H|--header)\s+["']?[A-Za-z-]+:)");
  for (const auto& script : all_scripts()) {
    CAPTURE(script.where);
    CHECK_FALSE(std::regex_search(script.text, std::regex(R"(set\s+(-[a-z]*x|-o\s+xtrace))")));
    // loadero-sync reads LOADERO_ACCESS_TOKEN from the environment: no script needs its value.
    CHECK_FALSE(contains(script.text, "$LOADERO_ACCESS_TOKEN"));
    CHECK_FALSE(contains(script.text, "${LOADERO_ACCESS_TOKEN"));
    std::istringstream lines(script.text);
    for (std::string line; std::getline(lines, line);) {
      if (!std::regex_search(line, token_expansion)) continue;
      CAPTURE(line);
      CHECK_FALSE(std::regex_search(line, echo));
      // a token in an argument shows in the process list: it goes to curl on stdin instead
      CHECK_FALSE(std::regex_search(line, header_argument));
    }
  }
}

TEST_CASE("a broken YAML file is reported with its file and line") {
  const loadero_test::TempDir dir("loadero-recipes");
  const std::string path = dir.path() + "/broken.yml";
  std::ofstream(path) << "jobs:\n  plan:\n    steps: [a, b\n  apply: {}\n";
  CHECK_THROWS_WITH_AS(recipes_test::load_yaml_file(path),
                       doctest::Contains((path + ":4:").c_str()), std::runtime_error);

  std::ofstream(path) << "jobs:\n  plan: {}\n  plan: {}\n";
  CHECK_THROWS_WITH_AS(recipes_test::load_yaml_file(path),
                       doctest::Contains((path + ":3:3: duplicate key 'plan'").c_str()),
                       std::runtime_error);

  std::ofstream(path) << "on:\n  push: ~\nname: \"~\"\n";
  const json tree = recipes_test::load_yaml_file(path);
  CHECK(tree.at("on").at("push").is_null());
  CHECK(tree.at("name") == "~");
}
