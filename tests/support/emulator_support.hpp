#pragma once
// Starts the real loadero-emulator binary on a free loopback port for tests, and talks to it
// with plain HTTP.

#include <sys/types.h>

#include <cstdint>
#include <filesystem>
#include <string>
#include <system_error>
#include <vector>

namespace loadero_test {

/// How to start the emulator. The process always gets `--host 127.0.0.1 --port 0`.
struct EmulatorOptions {
  /// More flags, e.g. {"--fail-rate", "0.3", "--seed", "7"}.
  std::vector<std::string> extra_args;
  /// Passed as `--project-id`; 0 passes no project (the emulator then uses --state or its demo
  /// data).
  std::int64_t project_id = 5040;
  /// Passed as `--token` with project_id.
  std::string token = "test-token";
  /// Passed as `--state` when not empty.
  std::string state_file;
  /// The loadero-emulator binary to start; empty = the one built with the tests (emulator_path()).
  std::string binary;
};

/// A running loadero-emulator child process. Not copyable; the destructor stops it (SIGTERM,
/// then SIGKILL after 5 s) and reaps it.
class EmulatorProcess {
 public:
  /// Starts options.binary (default emulator_path()) and waits (up to 10 s) for its `listening on
  /// ...` line. Throws std::runtime_error (with the child's stderr) when the binary is missing,
  /// exits early or does not print the line in time.
  explicit EmulatorProcess(EmulatorOptions options = {});
  ~EmulatorProcess();
  EmulatorProcess(const EmulatorProcess&) = delete;
  EmulatorProcess& operator=(const EmulatorProcess&) = delete;

  /// "http://127.0.0.1:PORT/v2/".
  const std::string& base_url() const;
  int port() const;
  pid_t pid() const;
  const EmulatorOptions& options() const;

  /// Plain GET of http://127.0.0.1:PORT + path_and_query, no Authorization header.
  /// Returns the body; the status is in http_status_of_last(). Throws std::runtime_error when
  /// no HTTP answer arrives at all (connection refused or dropped).
  std::string http_get(const std::string& path_and_query);

  /// `method` (GET, POST, PUT, DELETE, PATCH, ...) on http://127.0.0.1:PORT + path (path
  /// includes any query). Sends `Authorization: LoaderoAuth <token>` when with_token is true,
  /// and `Content-Type: application/json` when body is not empty. Returns the body; throws
  /// std::runtime_error when no HTTP answer arrives.
  std::string http_request(const std::string& method, const std::string& path,
                           const std::string& body = "", bool with_token = true);

  /// Status code of the last http_get/http_request (0 before any).
  int http_status_of_last() const;
  /// A response header of the last http_get/http_request ("" when absent).
  std::string header_of_last(const std::string& name) const;

  /// SIGTERM and wait; returns after the process exited. Idempotent.
  void stop();
  /// SIGKILL and wait (for crash-safety tests). Idempotent.
  void kill_hard();
  /// The raw waitpid status after stop()/kill_hard(); -1 while running.
  int exit_status() const;
  /// Everything the child wrote on stderr so far.
  std::string stderr_text() const;

 private:
  void wait_for_exit(int signal_number);

  EmulatorOptions m_options;
  pid_t m_pid = -1;
  int m_port = 0;
  int m_stdout_fd = -1;
  std::string m_stderr_path;
  std::string m_base_url;
  int m_last_status = 0;
  std::vector<std::pair<std::string, std::string>> m_last_headers;
  int m_exit_status = -1;
};

/// A fresh empty temporary directory (under $TMPDIR or /tmp); the caller removes it if wanted.
std::string make_temp_dir(const std::string& prefix);

/// A fresh temporary directory (make_temp_dir) removed with everything in it when this ends,
/// also when a failed REQUIRE ends the test early.
class TempDir {
 public:
  explicit TempDir(const std::string& prefix) : m_path(make_temp_dir(prefix)) {}
  ~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(m_path, ignored);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  [[nodiscard]] const std::string& path() const { return m_path; }

 private:
  std::string m_path;
};

}  // namespace loadero_test
