#pragma once
// The command line before CLI11 parses it: common flags given before the command moved after it,
// `help [COMMAND]`, and usage errors that name the unknown command or flag and the nearest known
// one ("unknown flag '--fromat'; did you mean '--format'?").

#include <CLI/CLI.hpp>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace loadero_sync::cli {

/// A usage error found before parsing.
struct UsageError {
  std::string message;  ///< after "loadero-sync: error: "
  std::string hint;     ///< after "  hint: "
};

/// What the command line asks for once prepared: CLI11 arguments, or help text to print.
struct Prepared {
  std::vector<std::string> args;  ///< for CLI11, without argv[0]
  std::optional<std::string> help;
};

/// The names of the program's commands, in the order they were defined.
std::vector<std::string> command_names(const CLI::App& app);

/// Rewrites the arguments before CLI11 sees them, or finds a usage error first:
/// - the common options (the "Common options" group: -v, -q, --no-color, --api-base, ...) given
///   before the command are moved to just after its name, so `loadero-sync -v plan` is
///   `loadero-sync plan -v` (a flag the command does not take is then reported as unknown);
/// - `help [COMMAND]` becomes the help text of the program or of COMMAND;
/// - an unknown command or flag becomes an error naming the nearest one.
/// With --help, -h or --version before the command, everything is left to CLI11.
std::variant<Prepared, UsageError> prepare(const CLI::App& app, std::vector<std::string> args);

}  // namespace loadero_sync::cli
