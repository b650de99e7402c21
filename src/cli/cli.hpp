#pragma once
// loadero-sync's command line: `run` parses the arguments, runs one command and returns the
// process exit code. main.cpp only calls it; tests call it with their own streams, terminal and
// environment.

#include <functional>
#include <iosfwd>
#include <optional>
#include <string>

namespace loadero_sync::cli {

/// Exit codes (README.md, "Commands").
enum ExitCode : int {
  exit_ok = 0,  ///< success; for plan --detailed-exitcode and drift: no changes / in sync
  exit_error =
      1,  ///< an error: bad input, API failure, refused or cancelled apply, nothing applied
  exit_changes = 2,        ///< plan --detailed-exitcode: changes planned; drift: live state drifted
  exit_partial = 3,        ///< apply: some actions applied, others failed or were not attempted
  exit_interrupted = 130,  ///< SIGINT (128 + 2): the run stopped early, see interrupt.hpp
  exit_terminated = 143,   ///< SIGTERM (128 + 15): the same as exit_interrupted
};

/// What the process is attached to. Injected so tests can play a terminal.
struct Terminal {
  bool stdin_tty = false;      ///< confirmation prompts are only shown when true
  bool stdout_tty = false;     ///< colour on stdout only when true
  bool stderr_tty = false;     ///< progress lines and colour on stderr only when true
  std::istream* in = nullptr;  ///< where confirmation answers are read (not owned; null = no input)
};

/// Looks up an environment variable; nullopt when unset.
using EnvLookup = std::function<std::optional<std::string>(const std::string& name)>;

/// The real process's terminal: isatty() on fds 0, 1, 2 and std::cin.
Terminal process_terminal();

/// The real process's environment (std::getenv).
EnvLookup process_environment();

class Interrupt;  // interrupt.hpp

/// Runs loadero-sync as the real process: the real terminal and environment, and SIGINT/SIGTERM
/// handlers (signals.hpp) installed for the duration of the run. See the last overload.
int run(int argc, const char* const argv[], std::ostream& out, std::ostream& err);

/// The last overload with an Interrupt nobody requests: no signal handling.
int run(int argc, const char* const argv[], std::ostream& out, std::ostream& err,
        const Terminal& terminal, const EnvLookup& env);

/// Parses `argv` (argv[0] is the program name), runs the command and returns its exit code.
/// Reports go to `out`; logs, diagnostics, prompts and errors (`loadero-sync: error: ...`) go to
/// `err`. Every exception is caught here and turned into an error line and exit code 1; the access
/// token never appears in either stream. `--help` and `--version` print to `out` and return 0.
/// `interrupt` may be requested from any thread (a signal watcher, a test): its note goes to `err`,
/// a read stops without printing a report, an apply finishes its writes in flight and reports the
/// rest as not attempted, and the run returns interrupt.exit_code() (130, 143). Installs no
/// signal handler.
int run(int argc, const char* const argv[], std::ostream& out, std::ostream& err,
        const Terminal& terminal, const EnvLookup& env, Interrupt& interrupt);

}  // namespace loadero_sync::cli
