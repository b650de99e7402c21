#pragma once
// Runs a program as a child process for integration tests: argv, environment and standard input
// given, standard output, standard error and the exit code captured, with a timeout.

#include <chrono>
#include <map>
#include <memory>
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

/// A child started without waiting for it, so a test can signal it while it runs. The child
/// starts with SIGINT and SIGTERM at their default action (whatever the test runner ignores) and
/// no signal blocked. Not copyable; the destructor
/// kills (SIGKILL) and reaps a child that wait() did not. Its output is collected by wait(), so
/// it should write less than a pipe holds (64 KiB) before then.
class ChildProcess {
 public:
  /// Starts the program (options.timeout counts from here). Throws std::runtime_error when it
  /// cannot be started.
  explicit ChildProcess(const ProcessOptions& options);
  ~ChildProcess();
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;

  int pid() const;
  /// Sends `signal_number` (SIGINT, SIGTERM, ...) to the child. Throws std::runtime_error when
  /// kill(2) fails (the child was already reaped).
  void signal(int signal_number);
  /// Collects its output until it exits (or is killed at the timeout) and returns it. Call once.
  ProcessResult wait();

 private:
  struct Impl;
  std::unique_ptr<Impl> m_impl;
};

}  // namespace loadero_test
