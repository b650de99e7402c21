#include "arguments.hpp"

#include <cstddef>
#include <optional>
#include <string_view>
#include <utility>

#include "loadero_sync/text.hpp"

namespace loadero_sync::cli {
namespace {

std::string_view without_dashes(std::string_view word) {
  while (word.starts_with('-')) word.remove_prefix(1);
  return word;
}

// The candidate nearest to `word`, leading dashes aside, by the manifest loader's did-you-mean
// (loadero_sync::closest); "" when none is that close or `word` has fewer than 2 letters (every
// one-letter flag is one edit from every other).
std::string closest_flag_or_command(std::string_view word,
                                    const std::vector<std::string>& candidates) {
  const std::string_view bare = without_dashes(word);
  if (bare.size() < 2) return {};
  std::vector<std::string> bare_candidates;
  bare_candidates.reserve(candidates.size());
  for (const auto& candidate : candidates) bare_candidates.emplace_back(without_dashes(candidate));
  const std::string best = closest(bare, bare_candidates);
  if (best.empty()) return {};
  for (std::size_t i = 0; i < candidates.size(); ++i) {
    if (bare_candidates[i] == best) return candidates[i];
  }
  return {};
}

std::string help_hint(const std::string& command = {}) {
  if (command.empty()) return "run `loadero-sync --help` or `loadero-sync COMMAND --help`";
  return "run `loadero-sync " + command + " --help` for " + command + "'s flags";
}

UsageError unknown(const std::string& what, const std::string& word,
                   const std::vector<std::string>& candidates, const std::string& hint) {
  std::string message = "unknown " + what + " '" + word + "'";
  if (const auto best = closest_flag_or_command(word, candidates); !best.empty())
    message += "; did you mean '" + best + "'?";
  return {message, hint};
}

std::vector<const CLI::App*> commands_of(const CLI::App& app) {
  return app.get_subcommands([](const CLI::App*) { return true; });
}

// The command called `name`, or nullptr.
const CLI::App* find_command(const CLI::App& app, const std::string& name) {
  for (const auto* command : commands_of(app)) {
    if (command->get_name() == name) return command;
  }
  return nullptr;
}

std::vector<std::string> flag_names(const CLI::App& command) {
  std::vector<std::string> names;
  for (const auto* option : command.get_options()) {
    for (const auto& name : option->get_lnames()) names.push_back("--" + name);
    for (const auto& name : option->get_snames()) names.push_back("-" + name);
  }
  return names;
}

// The first flag among a command's arguments that the command does not have, as an error. Skips
// the value of an option that takes one (`--out FILE`, `-o FILE`, `-oFILE`, `--out=FILE`) and
// everything after `--`.
std::optional<UsageError> check_flags(const CLI::App& command,
                                      const std::vector<std::string>& args) {
  const std::string& name = command.get_name();
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (arg == "--") break;
    if (arg.size() < 2 || arg[0] != '-') continue;
    if (arg[1] == '-') {
      const std::string flag = arg.substr(0, arg.find('='));
      const CLI::Option* option = command.get_option_no_throw(flag);
      if (option == nullptr) return unknown("flag", flag, flag_names(command), help_hint(name));
      if (option->get_expected_min() > 0 && flag.size() == arg.size()) ++i;
      continue;
    }
    // A long flag with one dash, as Terraform spells them: `-format json` would otherwise be
    // `-f ormat json`.
    if (arg.size() > 2 && command.get_option_no_throw("-" + arg) != nullptr) {
      return UsageError{"unknown flag '" + arg + "'; did you mean '-" + arg + "'?",
                        help_hint(name)};
    }
    // Short flags, possibly bundled (-vv) or with the value attached (-fFILE).
    for (std::size_t at = 1; at < arg.size(); ++at) {
      const std::string flag = std::string("-") + arg[at];
      const CLI::Option* option = command.get_option_no_throw(flag);
      if (option == nullptr) {
        // "-fromat": most likely a long flag with one dash; name the whole word.
        const std::string word = at == 1 ? arg : flag;
        return unknown("flag", word, flag_names(command), help_hint(name));
      }
      if (option->get_expected_min() > 0) {
        if (at + 1 == arg.size()) ++i;
        break;
      }
    }
  }
  return std::nullopt;
}

}  // namespace

std::vector<std::string> command_names(const CLI::App& app) {
  std::vector<std::string> names;
  for (const auto* command : commands_of(app)) names.push_back(command->get_name());
  return names;
}

std::variant<Prepared, UsageError> prepare(const CLI::App& app, std::vector<std::string> args) {
  std::vector<std::string> hoisted;
  std::vector<std::string> globals = {"--help", "-h", "--version"};
  const auto common_option = [&app](const std::string& flag) -> const CLI::Option* {
    for (const auto* command : commands_of(app)) {
      const CLI::Option* option = command->get_option_no_throw(flag);
      if (option != nullptr && option->get_group() == "Common options") return option;
    }
    return nullptr;
  };
  for (const auto* command : commands_of(app)) {
    for (const auto* option : command->get_options()) {
      if (option->get_group() != "Common options") continue;
      for (const auto& name : option->get_lnames()) globals.push_back("--" + name);
      for (const auto& name : option->get_snames()) globals.push_back("-" + name);
    }
  }

  std::size_t i = 0;
  for (; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (arg == "--help" || arg == "-h" || arg == "--version") return Prepared{std::move(args), {}};
    if (arg.size() < 2 || arg[0] != '-' || arg == "--") break;
    if (arg[1] == '-') {
      const std::string flag = arg.substr(0, arg.find('='));
      const CLI::Option* option = common_option(flag);
      if (option == nullptr) return unknown("flag", flag, globals, help_hint());
      hoisted.push_back(arg);
      if (option->get_expected_min() > 0 && flag.size() == arg.size()) {
        if (i + 1 == args.size()) return UsageError{flag + " needs a value", help_hint()};
        hoisted.push_back(args[++i]);
      }
      continue;
    }
    // Short common flags take no value: -v, -vv, -q.
    for (std::size_t at = 1; at < arg.size(); ++at) {
      const std::string flag = std::string("-") + arg[at];
      const CLI::Option* option = common_option(flag);
      if (option == nullptr || option->get_expected_min() > 0)
        return unknown("flag", at == 1 ? arg : flag, globals, help_hint());
    }
    hoisted.push_back(arg);
  }

  if (i == args.size() || args[i] == "--") {
    auto names = command_names(app);
    const std::string last = names.back();
    names.pop_back();
    std::string list;
    for (const auto& command : names) list += (list.empty() ? "" : ", ") + command;
    return UsageError{"no command given; choose one of " + list + " or " + last, help_hint()};
  }
  const std::string& name = args[i];
  const std::vector<std::string> rest(args.begin() + static_cast<std::ptrdiff_t>(i) + 1,
                                      args.end());
  if (name.starts_with('-')) return unknown("flag", name, globals, help_hint());
  if (name == "help") {
    if (!hoisted.empty()) {
      return UsageError{"help takes no flags",
                        "run `loadero-sync help` or `loadero-sync help COMMAND`"};
    }
    if (rest.empty()) return Prepared{{}, app.help()};
    if (rest.size() == 1 && (rest[0] == "--help" || rest[0] == "-h"))
      return Prepared{{}, find_command(app, "help")->help(app.get_name())};
    if (rest.size() > 1 || rest[0].starts_with('-')) {
      return UsageError{"help takes one command name at most",
                        "run `loadero-sync help` or `loadero-sync help COMMAND`"};
    }
    const CLI::App* command = find_command(app, rest[0]);
    if (command == nullptr || command->get_name() == "help")
      return unknown("command", rest[0], command_names(app), help_hint());
    // The same text as `loadero-sync COMMAND --help`.
    return Prepared{{}, command->help(app.get_name())};
  }
  const CLI::App* command = find_command(app, name);
  if (command == nullptr) return unknown("command", name, command_names(app), help_hint());
  if (auto error = check_flags(*command, hoisted)) return *error;
  if (auto error = check_flags(*command, rest)) return *error;

  Prepared prepared;
  prepared.args.push_back(name);
  prepared.args.insert(prepared.args.end(), hoisted.begin(), hoisted.end());
  prepared.args.insert(prepared.args.end(), rest.begin(), rest.end());
  return prepared;
}

}  // namespace loadero_sync::cli
