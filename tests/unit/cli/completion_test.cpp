// The completion scripts made from a CLI11 app: every command and flag, fixed values and file
// arguments, for bash, zsh and fish. tests/completion runs the scripts in the real shells.

#include "completion.hpp"

#include <doctest/doctest.h>

#include <stdexcept>
#include <string>

using loadero_sync::cli::Choices;
using loadero_sync::cli::completion_script;
using loadero_sync::cli::one_of;

namespace {

// A small program shaped like loadero-sync: a command with a file flag, a fixed-value flag, a
// repeatable free value and a plain flag, and a command with a fixed-value positional.
struct Program {
  CLI::App app{"test program", "loadero-sync"};
  Choices choices;
  std::vector<std::string> files;
  std::string format;
  std::vector<std::string> tests;
  bool quiet = false;
  std::string shell;

  Program() {
    auto* plan = app.add_subcommand("plan", "print what apply would change; exit 0 ok");
    plan->add_option("-f,--file", files, "manifest file or directory (repeatable)")
        ->type_name("PATH");
    one_of(plan->add_option("--format", format, "report format"), {"text", "json"}, choices);
    plan->add_option("--test", tests, "only this test")->type_name("ID|NAME");
    plan->add_flag("-q,--quiet", quiet, "only errors");
    auto* completion = app.add_subcommand("completion", "print a completion script");
    one_of(completion->add_option("shell", shell, "the shell")->type_name("SHELL")->required(),
           {"bash", "zsh", "fish"}, choices);
  }
};

bool has(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

}  // namespace

TEST_CASE("one_of restricts the option to its values and records them") {
  Program program;
  const char* const good[] = {"loadero-sync", "plan", "--format", "json"};
  CHECK_NOTHROW(program.app.parse(4, good));
  CHECK(program.format == "json");
  CHECK(program.choices.size() == 2);
  Program other;
  const char* const bad[] = {"loadero-sync", "plan", "--format", "yaml"};
  CHECK_THROWS_AS(other.app.parse(4, bad), CLI::ValidationError);
}

TEST_CASE("the bash script completes commands, flags, fixed values and files") {
  const Program program;
  const std::string script = completion_script(program.app, program.choices, "bash");
  CHECK(has(script, "plan|completion) command=${COMP_WORDS[i]}; break ;;"));
  CHECK(has(script, "words='-h --help -f --file --format --test -q --quiet'"));
  CHECK(has(script, "\"plan --format\") _loadero_sync_values \"$pre\" \"$value\" 'text json'"));
  CHECK(has(script, "\"plan -f\"|\"plan --file\") _loadero_sync_files"));
  CHECK(has(script, "\"plan --test\") return ;;"));
  CHECK(has(script, "[[ $cur == -* ]] || words='bash zsh fish'"));
  CHECK(has(script, "complete -F _loadero_sync loadero-sync\n"));
}

TEST_CASE("the zsh script describes each command and flag for _arguments") {
  const Program program;
  const std::string script = completion_script(program.app, program.choices, "zsh");
  CHECK(script.rfind("#compdef loadero-sync\n", 0) == 0);
  // The first clause of a description, without its parenthesis or exit codes.
  CHECK(has(script, "'plan:print what apply would change'"));
  CHECK(has(script, "'*'{-f,--file}'[manifest file or directory]:PATH:_files'"));
  CHECK(has(script, "--format'[report format]:value:(text json)'"));
  CHECK(has(script, "'*'--test'[only this test]:ID|NAME: '"));
  CHECK(has(script, "'(-q --quiet)'{-q,--quiet}'[only errors]'"));
  CHECK(has(script, "'1:shell:(bash zsh fish)'"));
  CHECK(has(script, "compdef _loadero-sync loadero-sync"));
}

TEST_CASE("the fish script gives each flag its condition, files and values") {
  const Program program;
  const std::string script = completion_script(program.app, program.choices, "fish");
  CHECK(has(script,
            "complete -c loadero-sync -n __fish_use_subcommand -a 'plan' -d 'print what "
            "apply would change'\n"));
  CHECK(has(script,
            "-n '__fish_seen_subcommand_from plan' -s f -l file -r -F -d 'manifest file "
            "or directory'\n"));
  CHECK(has(script, "-l format -x -a 'text json' -d 'report format'\n"));
  CHECK(has(script, "-l test -x -d 'only this test'\n"));
  CHECK(has(script, "-s q -l quiet -d 'only errors'\n"));
  CHECK(has(script, "-n '__fish_seen_subcommand_from completion' -a 'bash zsh fish'\n"));
}

TEST_CASE("quotes in descriptions are escaped for each shell") {
  CLI::App app{"test program", "loadero-sync"};
  bool flag = false;
  app.add_subcommand("it's", "it's [here]: now")->add_flag("--x", flag, "a 'quoted' [word]");
  const Choices none;
  CHECK(has(completion_script(app, none, "bash"), "it's)"));
  CHECK(has(completion_script(app, none, "zsh"), "--x'[a '\\''quoted'\\'' \\[word\\]]'"));
  CHECK(has(completion_script(app, none, "fish"), "-d 'a \\'quoted\\' [word]'"));
}

TEST_CASE("a shell without a script is refused") {
  const Program program;
  CHECK_THROWS_WITH_AS(completion_script(program.app, program.choices, "tcsh"),
                       "no completion for the shell 'tcsh' (bash, zsh or fish)",
                       std::invalid_argument);
}
