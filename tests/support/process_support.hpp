#pragma once
// Runs a program as a child process for integration tests: argv, environment and standard input
// given, standard output, standard error and the exit code captured, with a timeout.

#include <chrono>
#include <map>
#include <string>
#include <vector>

namespace loadero_test {

struct ProcessOptions {
  std::vector<std::string> argv;  ///< argv[0] is the program's path
  /// The child's whole environment besides PATH and HOME (inherited): nothing else leaks in from
  /// the test runner (no LOADERO_* or NO_COLOR unless given here).
  std::map<std::string, std::string> env;
  std::string stdin_text;   ///< written to the child's standard input, which is then closed
  std::string working_dir;  ///< empty = the current one
  std::chrono::milliseconds timeout{30000};
};

struct ProcessResult {
  int exit_code = -1;      ///< the exit status; 128 + signal when killed by a signal
  std::string out;         ///< everything written on standard output
  std::string err;         ///< everything written on standard error
  bool timed_out = false;  ///< killed (SIGKILL) after the timeout
};

/// Runs the program and waits for it. Throws std::runtime_error when it cannot be started.
ProcessResult run_process(const ProcessOptions& options);

}  // namespace loadero_test
