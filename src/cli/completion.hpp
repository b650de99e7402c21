#pragma once
// `loadero-sync completion bash|zsh|fish`: a shell completion script made from the command line's
// own definition (the CLI11 app), so commands and flags never drift from what the program accepts.
// It completes command names, each command's flags, flag values that are a fixed list (--format,
// the shell of `completion`, the command of `help`), and file arguments (-f, --out, --plan, ...).

#include <CLI/CLI.hpp>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace loadero_sync::cli {

/// The fixed values of options and positionals (CLI11 keeps an IsMember set out of reach), filled
/// by one_of() as the options are defined.
using Choices = std::map<const CLI::Option*, std::vector<std::string>>;

/// Restricts `option` to `values` (CLI::IsMember) and records them for completion. Returns option.
CLI::Option* one_of(CLI::Option* option, const std::vector<std::string>& values, Choices& choices);

/// The shells `completion` writes scripts for, in the order help lists them.
const std::vector<std::string>& completion_shells();

/// The completion script for `shell` (one of completion_shells()) of the program `app`: every
/// subcommand with its options. An option whose type name is PATH or FILE completes file names.
std::string completion_script(const CLI::App& app, const Choices& choices, std::string_view shell);

}  // namespace loadero_sync::cli
