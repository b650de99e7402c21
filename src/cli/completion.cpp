#include "completion.hpp"

#include <optional>
#include <sstream>
#include <stdexcept>
#include <utility>

namespace loadero_sync::cli {
namespace {

const char* const program = "loadero-sync";

/// What follows an option (or fills a positional) on the command line.
enum class ValueKind {
  none,    ///< a flag
  any,     ///< a value the shell cannot guess (an id, a URL, a number)
  file,    ///< a file name
  choice,  ///< one of `values`
};

struct OptionSpec {
  std::vector<std::string> names;  ///< "-f", "--file"
  std::string description;
  ValueKind kind = ValueKind::none;
  std::string value_name;  ///< PATH, N, format
  std::vector<std::string> values;
  bool repeatable = false;
};

struct CommandSpec {
  std::string name;
  std::string description;
  std::vector<OptionSpec> options;
  std::optional<OptionSpec> positional;  ///< `completion SHELL`, `help COMMAND`
};

struct ProgramSpec {
  std::vector<OptionSpec> options;  ///< before the command: --help, --version
  std::vector<CommandSpec> commands;
};

// The first clause of a help text without a parenthesis at its end, for a one-line completion
// hint: "manifest file or directory (repeatable); - reads one from standard input" -> "manifest
// file or directory".
std::string short_description(std::string text) {
  for (const std::string_view stop : {"; ", ", exit"}) {
    if (const auto at = text.find(stop); at != std::string::npos && at > 0) text.resize(at);
  }
  if (const auto open = text.rfind(" (");
      open != std::string::npos && open > 0 && text.ends_with(')'))
    text.resize(open);
  return text;
}

// CLI11's type name with its validators ("TEXT:{text,json,markdown}") without them.
std::string base_type_name(const CLI::Option& option) {
  std::string name = option.get_type_name();
  if (const auto colon = name.find(':'); colon != std::string::npos) name.resize(colon);
  return name;
}

OptionSpec option_spec(const CLI::Option& option, const Choices& choices) {
  OptionSpec spec;
  for (const auto& name : option.get_snames()) spec.names.push_back("-" + name);
  for (const auto& name : option.get_lnames()) spec.names.push_back("--" + name);
  spec.description = short_description(option.get_description());
  spec.repeatable = option.get_items_expected_max() > 1;
  if (option.get_expected_min() == 0) return spec;  // a flag
  const std::string type = base_type_name(option);
  spec.value_name = option.get_positional() ? option.get_name() : type;
  if (const auto found = choices.find(&option); found != choices.end()) {
    spec.kind = ValueKind::choice;
    spec.values = found->second;
    if (spec.value_name.empty() || spec.value_name == "TEXT") spec.value_name = "value";
  } else if (type == "PATH" || type == "FILE") {
    spec.kind = ValueKind::file;
  } else {
    spec.kind = ValueKind::any;
  }
  return spec;
}

ProgramSpec program_spec(const CLI::App& app, const Choices& choices) {
  ProgramSpec spec;
  for (const auto* option : app.get_options())
    spec.options.push_back(option_spec(*option, choices));
  for (const auto* command : app.get_subcommands([](const CLI::App*) { return true; })) {
    CommandSpec entry{command->get_name(), short_description(command->get_description()), {}, {}};
    for (const auto* option : command->get_options()) {
      if (option->get_positional()) {
        entry.positional = option_spec(*option, choices);
      } else {
        entry.options.push_back(option_spec(*option, choices));
      }
    }
    spec.commands.push_back(std::move(entry));
  }
  return spec;
}

std::string join(const std::vector<std::string>& words, std::string_view separator) {
  std::string text;
  for (const auto& word : words) {
    if (!text.empty()) text += separator;
    text += word;
  }
  return text;
}

// Inside '...' for bash/zsh: ' becomes '\''.
std::string sh_quote(std::string_view text) {
  std::string quoted = "'";
  for (const char c : text) {
    if (c == '\'') {
      quoted += "'\\''";
    } else {
      quoted += c;
    }
  }
  return quoted + "'";
}

// --- bash ---------------------------------------------------------------------------------------

std::string bash_script(const ProgramSpec& spec) {
  std::vector<std::string> command_names;
  for (const auto& command : spec.commands) command_names.push_back(command.name);

  std::ostringstream values;  // case "$command $opt" arms
  std::ostringstream words;   // case $command arms
  for (const auto& command : spec.commands) {
    std::vector<std::string> flags;
    std::vector<std::string> file_patterns;
    std::vector<std::string> any_patterns;
    for (const auto& option : command.options) {
      for (const auto& name : option.names) {
        flags.push_back(name);
        const std::string pattern = "\"" + command.name + " " + name + "\"";
        if (option.kind == ValueKind::file) file_patterns.push_back(pattern);
        if (option.kind == ValueKind::any) any_patterns.push_back(pattern);
        if (option.kind == ValueKind::choice) {
          values << "        " << pattern << ") _loadero_sync_values \"$pre\" \"$value\" "
                 << sh_quote(join(option.values, " ")) << "; return ;;\n";
        }
      }
    }
    if (!file_patterns.empty())
      values << "        " << join(file_patterns, "|")
             << ") _loadero_sync_files \"$pre\" \"$value\"; return ;;\n";
    if (!any_patterns.empty())
      values << "        " << join(any_patterns, "|") << ") return ;;  # nothing to guess\n";
    words << "        " << command.name << ")\n"
          << "            words=" << sh_quote(join(flags, " ")) << "\n";
    if (command.positional && command.positional->kind == ValueKind::choice) {
      words << "            [[ $cur == -* ]] || words="
            << sh_quote(join(command.positional->values, " ")) << "\n";
    }
    words << "            ;;\n";
  }
  std::vector<std::string> top = command_names;
  for (const auto& option : spec.options)
    top.insert(top.end(), option.names.begin(), option.names.end());

  std::ostringstream out;
  out << "# bash completion for loadero-sync, made by `loadero-sync completion bash`.\n"
         "# Load it in this shell with:  source <(loadero-sync completion bash)\n"
         "# or install it as /usr/share/bash-completion/completions/loadero-sync.\n"
         "\n"
         "_loadero_sync_values() {  # PREFIX PARTIAL VALUES\n"
         "    local pre=$1 partial=$2\n"
         "    local IFS=$' \\t\\n'\n"
         "    COMPREPLY=($(compgen -P \"$pre\" -W \"$3\" -- \"$partial\"))\n"
         "}\n"
         "\n"
         "_loadero_sync_files() {  # PREFIX PARTIAL\n"
         "    local IFS=$'\\n'\n"
         "    compopt -o filenames 2>/dev/null\n"
         "    COMPREPLY=($(compgen -f -P \"$1\" -- \"$2\"))\n"
         "}\n"
         "\n"
         "_loadero_sync() {\n"
         "    local cur=${COMP_WORDS[COMP_CWORD]} prev='' command='' opt='' value='' pre='' words "
         "i\n"
         "    (( COMP_CWORD > 0 )) && prev=${COMP_WORDS[COMP_CWORD-1]}\n"
         "    for (( i = 1; i < COMP_CWORD; i++ )); do\n"
         "        case ${COMP_WORDS[i]} in\n"
         "            "
      << join(command_names, "|")
      << ") command=${COMP_WORDS[i]}; break ;;\n"
         "        esac\n"
         "    done\n"
         "\n"
         "    # The option whose value is typed: `--format j`, or `--format=j` (which bash splits\n"
         "    # at '=' unless COMP_WORDBREAKS lacks it).\n"
         "    value=$cur\n"
         "    if [[ $cur == = ]]; then\n"
         "        opt=$prev value=''\n"
         "    elif [[ $prev == = ]] && (( COMP_CWORD > 1 )); then\n"
         "        opt=${COMP_WORDS[COMP_CWORD-2]}\n"
         "    elif [[ $cur == --*=* ]]; then\n"
         "        opt=${cur%%=*} value=${cur#*=} pre=${cur%%=*}=\n"
         "    elif [[ $prev == -* ]]; then\n"
         "        opt=$prev\n"
         "    fi\n"
         "    case \"$command $opt\" in\n"
      << values.str()
      << "    esac\n"
         "\n"
         "    case $command in\n"
         "        '') words="
      << sh_quote(join(top, " ")) << " ;;\n"
      << words.str()
      << "    esac\n"
         "    local IFS=$' \\t\\n'\n"
         "    COMPREPLY=($(compgen -W \"$words\" -- \"$cur\"))\n"
         "}\n"
         "\n"
         "complete -F _loadero_sync "
      << program << "\n";
  return out.str();
}

// --- zsh ----------------------------------------------------------------------------------------

// A description inside an _arguments spec's [...]: no quote, bracket or colon left bare.
std::string zsh_description(std::string_view text) {
  std::string escaped;
  for (const char c : text) {
    if (c == '[' || c == ']' || c == ':' || c == '\\') escaped += '\\';
    escaped += c;
  }
  return escaped;
}

// One _arguments spec (a shell word, quoted), e.g. '(-f
// --file)'{-f,--file}'[manifest]:PATH:_files'.
std::string zsh_option(const OptionSpec& option) {
  std::string names;
  std::string prefix;
  if (option.repeatable) {
    prefix = "'*'";
  } else if (option.names.size() > 1) {
    prefix = sh_quote("(" + join(option.names, " ") + ")");
  }
  if (option.names.size() > 1) {
    names = "{" + join(option.names, ",") + "}";
  } else {
    names = option.names.front();
  }
  std::string rest = "[" + zsh_description(option.description) + "]";
  switch (option.kind) {
    case ValueKind::none:
      break;
    case ValueKind::any:
      rest += ":" + option.value_name + ": ";
      break;
    case ValueKind::file:
      rest += ":" + option.value_name + ":_files";
      break;
    case ValueKind::choice:
      rest += ":" + option.value_name + ":(" + join(option.values, " ") + ")";
      break;
  }
  return prefix + names + sh_quote(rest);
}

std::string zsh_script(const ProgramSpec& spec) {
  std::ostringstream out;
  out << "#compdef loadero-sync\n"
         "# zsh completion for loadero-sync, made by `loadero-sync completion zsh`.\n"
         "# Install it as _loadero-sync in a directory of $fpath (before compinit runs), or load\n"
         "# it in this shell with:  source <(loadero-sync completion zsh)\n"
         "\n"
         "_loadero-sync() {\n"
         "  local curcontext=$curcontext state line ret=1\n"
         "  local -a commands\n"
         "  commands=(\n";
  for (const auto& command : spec.commands) {
    out << "    " << sh_quote(command.name + ":" + command.description) << "\n";
  }
  out << "  )\n"
         "  _arguments -C \\\n";
  for (const auto& option : spec.options) out << "    " << zsh_option(option) << " \\\n";
  out << "    '1:command:->command' \\\n"
         "    '*::argument:->argument' && return 0\n"
         "  case $state in\n"
         "    command) _describe -t commands 'loadero-sync command' commands && ret=0 ;;\n"
         "    argument)\n"
         "      curcontext=${curcontext%:*:*}:loadero-sync-$words[1]:\n"
         "      case $words[1] in\n";
  for (const auto& command : spec.commands) {
    out << "        " << command.name << ")\n"
        << "          _arguments";
    for (const auto& option : command.options) out << " \\\n            " << zsh_option(option);
    if (command.positional) {
      const OptionSpec& positional = *command.positional;
      std::string rest = ":" + positional.value_name + ":";
      if (positional.kind == ValueKind::choice) rest += "(" + join(positional.values, " ") + ")";
      out << " \\\n            " << sh_quote("1" + rest);
    }
    out << " && ret=0\n"
        << "          ;;\n";
  }
  out << "      esac\n"
         "      ;;\n"
         "  esac\n"
         "  return ret\n"
         "}\n"
         "\n"
         "# Autoloaded from $fpath, this file is the function's body: run it. Sourced: register "
         "it.\n"
         "if [[ $funcstack[1] == _loadero-sync ]]; then\n"
         "  _loadero-sync \"$@\"\n"
         "else\n"
         "  compdef _loadero-sync loadero-sync\n"
         "fi\n";
  return out.str();
}

// --- fish ---------------------------------------------------------------------------------------

// Inside '...' for fish: \ and ' are escaped with a backslash.
std::string fish_quote(std::string_view text) {
  std::string quoted = "'";
  for (const char c : text) {
    if (c == '\\' || c == '\'') quoted += '\\';
    quoted += c;
  }
  return quoted + "'";
}

std::string fish_option(const std::string& condition, const OptionSpec& option) {
  std::string line = "complete -c loadero-sync -n " + condition;
  for (const auto& name : option.names) {
    line += name.starts_with("--") ? " -l " + name.substr(2) : " -s " + name.substr(1);
  }
  switch (option.kind) {
    case ValueKind::none:
      break;
    case ValueKind::any:
      line += " -x";
      break;
    case ValueKind::file:
      line += " -r -F";
      break;
    case ValueKind::choice:
      line += " -x -a " + fish_quote(join(option.values, " "));
      break;
  }
  return line + " -d " + fish_quote(option.description) + "\n";
}

std::string fish_script(const ProgramSpec& spec) {
  std::ostringstream out;
  out << "# fish completion for loadero-sync, made by `loadero-sync completion fish`.\n"
         "# Install it as ~/.config/fish/completions/loadero-sync.fish, or load it in this shell\n"
         "# with:  loadero-sync completion fish | source\n"
         "\n"
         "complete -c loadero-sync -f\n";
  for (const auto& option : spec.options) out << fish_option("__fish_use_subcommand", option);
  for (const auto& command : spec.commands) {
    out << "complete -c loadero-sync -n __fish_use_subcommand -a " << fish_quote(command.name)
        << " -d " << fish_quote(command.description) << "\n";
  }
  for (const auto& command : spec.commands) {
    const std::string condition = fish_quote("__fish_seen_subcommand_from " + command.name);
    for (const auto& option : command.options) out << fish_option(condition, option);
    if (command.positional && command.positional->kind == ValueKind::choice) {
      out << "complete -c loadero-sync -n " << condition << " -a "
          << fish_quote(join(command.positional->values, " ")) << "\n";
    }
  }
  return out.str();
}

}  // namespace

CLI::Option* one_of(CLI::Option* option, const std::vector<std::string>& values, Choices& choices) {
  choices[option] = values;
  return option->check(CLI::IsMember(values));
}

const std::vector<std::string>& completion_shells() {
  static const std::vector<std::string> shells{"bash", "zsh", "fish"};
  return shells;
}

std::string completion_script(const CLI::App& app, const Choices& choices, std::string_view shell) {
  const ProgramSpec spec = program_spec(app, choices);
  if (shell == "bash") return bash_script(spec);
  if (shell == "zsh") return zsh_script(spec);
  if (shell == "fish") return fish_script(spec);
  throw std::invalid_argument("no completion for the shell '" + std::string(shell) +
                              "' (bash, zsh or fish)");
}

}  // namespace loadero_sync::cli
