#include "emulator_support.hpp"

#include <fcntl.h>
#include <httplib.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

#include "support_paths.hpp"

namespace loadero_test {
namespace {

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

std::string temp_root() {
  const char* dir = std::getenv("TMPDIR");
  return (dir != nullptr && *dir != '\0') ? dir : "/tmp";
}

}  // namespace

std::string make_temp_dir(const std::string& prefix) {
  std::string pattern = temp_root() + "/" + prefix + "-XXXXXX";
  if (mkdtemp(pattern.data()) == nullptr) {
    throw std::runtime_error("mkdtemp failed: " + std::string(std::strerror(errno)));
  }
  return pattern;
}

EmulatorProcess::EmulatorProcess(EmulatorOptions options) : m_options(std::move(options)) {
  const std::string binary = m_options.binary.empty() ? emulator_path() : m_options.binary;
  if (binary.empty()) throw std::runtime_error("loadero-emulator is not part of this build");

  std::vector<std::string> args{binary, "--host", "127.0.0.1", "--port", "0"};
  if (m_options.project_id != 0) {
    args.insert(args.end(),
                {"--project-id", std::to_string(m_options.project_id), "--token", m_options.token});
  }
  if (!m_options.state_file.empty()) args.insert(args.end(), {"--state", m_options.state_file});
  args.insert(args.end(), m_options.extra_args.begin(), m_options.extra_args.end());

  std::string stderr_template = temp_root() + "/loadero-emulator-stderr-XXXXXX";
  const int stderr_fd = mkstemp(stderr_template.data());
  if (stderr_fd < 0)
    throw std::runtime_error("mkstemp failed: " + std::string(std::strerror(errno)));
  m_stderr_path = stderr_template;

  int out_pipe[2];
  if (pipe2(out_pipe, O_CLOEXEC) != 0) {
    close(stderr_fd);
    throw std::runtime_error("pipe failed: " + std::string(std::strerror(errno)));
  }

  std::vector<char*> argv;
  for (auto& arg : args) argv.push_back(arg.data());
  argv.push_back(nullptr);

  m_pid = fork();
  if (m_pid < 0) {
    close(stderr_fd);
    close(out_pipe[0]);
    close(out_pipe[1]);
    throw std::runtime_error("fork failed: " + std::string(std::strerror(errno)));
  }
  if (m_pid == 0) {
    dup2(out_pipe[1], STDOUT_FILENO);
    dup2(stderr_fd, STDERR_FILENO);
    const int devnull = open("/dev/null", O_RDONLY);
    if (devnull >= 0) dup2(devnull, STDIN_FILENO);
    // The test process may block signals in threads; the child must start with a clean mask.
    sigset_t empty;
    sigemptyset(&empty);
    sigprocmask(SIG_SETMASK, &empty, nullptr);
    execv(argv[0], argv.data());
    const char message[] = "exec of loadero-emulator failed\n";
    [[maybe_unused]] auto ignored = write(STDERR_FILENO, message, sizeof message - 1);
    _exit(127);
  }
  close(stderr_fd);
  close(out_pipe[1]);
  m_stdout_fd = out_pipe[0];

  const std::string prefix = "listening on http://127.0.0.1:";
  std::string buffer;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (true) {
    const auto newline = buffer.find('\n');
    if (newline != std::string::npos) {
      const std::string line = buffer.substr(0, newline);
      buffer.erase(0, newline + 1);
      if (line.rfind(prefix, 0) == 0) {
        m_port = std::stoi(line.substr(prefix.size()));
        m_base_url = "http://127.0.0.1:" + std::to_string(m_port) + "/v2/";
        return;
      }
      continue;
    }
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    std::string failure;
    if (left.count() <= 0) {
      failure = "loadero-emulator did not print its listening line within 10 s";
    } else {
      pollfd descriptor{m_stdout_fd, POLLIN, 0};
      const int ready = poll(&descriptor, 1, static_cast<int>(left.count()));
      if (ready > 0) {
        char chunk[512];
        const ssize_t got = read(m_stdout_fd, chunk, sizeof chunk);
        if (got > 0) {
          buffer.append(chunk, static_cast<std::size_t>(got));
          continue;
        }
        failure = "loadero-emulator exited before listening";
      } else if (ready < 0 && errno == EINTR) {
        continue;
      } else if (ready == 0) {
        continue;  // the deadline check above ends the loop
      } else {
        failure = "poll failed: " + std::string(std::strerror(errno));
      }
    }
    kill_hard();
    throw std::runtime_error(failure + "; stderr:\n" + stderr_text());
  }
}

EmulatorProcess::~EmulatorProcess() {
  try {
    stop();
  } catch (...) {
  }
  if (m_stdout_fd >= 0) close(m_stdout_fd);
  if (!m_stderr_path.empty()) unlink(m_stderr_path.c_str());
}

const std::string& EmulatorProcess::base_url() const { return m_base_url; }
int EmulatorProcess::port() const { return m_port; }
pid_t EmulatorProcess::pid() const { return m_pid; }
const EmulatorOptions& EmulatorProcess::options() const { return m_options; }
int EmulatorProcess::http_status_of_last() const { return m_last_status; }
int EmulatorProcess::exit_status() const { return m_exit_status; }
std::string EmulatorProcess::stderr_text() const { return read_file(m_stderr_path); }

std::string EmulatorProcess::header_of_last(const std::string& name) const {
  for (const auto& [key, value] : m_last_headers) {
    if (strcasecmp(key.c_str(), name.c_str()) == 0) return value;
  }
  return {};
}

std::string EmulatorProcess::http_get(const std::string& path_and_query) {
  return http_request("GET", path_and_query, "", false);
}

std::string EmulatorProcess::http_request(const std::string& method, const std::string& path,
                                          const std::string& body, bool with_token) {
  httplib::Client client("127.0.0.1", m_port);
  client.set_connection_timeout(5);
  client.set_read_timeout(30);
  client.set_write_timeout(10);
  httplib::Request request;
  request.method = method;
  request.path = path;
  if (with_token) request.set_header("Authorization", "LoaderoAuth " + m_options.token);
  if (!body.empty()) {
    request.set_header("Content-Type", "application/json");
    request.body = body;
  }
  m_last_status = 0;
  m_last_headers.clear();
  auto result = client.send(request);
  if (!result) {
    throw std::runtime_error(method + " " + path + ": no HTTP answer (" +
                             httplib::to_string(result.error()) + ")");
  }
  m_last_status = result->status;
  for (const auto& [key, value] : result->headers) m_last_headers.emplace_back(key, value);
  return result->body;
}

void EmulatorProcess::wait_for_exit(int signal_number) {
  if (m_pid <= 0 || m_exit_status != -1) return;
  kill(m_pid, signal_number);
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
  int status = 0;
  while (true) {
    const pid_t done = waitpid(m_pid, &status, WNOHANG);
    if (done == m_pid) break;
    if (done < 0 && errno != EINTR) {
      status = 0;
      break;
    }
    if (std::chrono::steady_clock::now() > deadline) {
      kill(m_pid, SIGKILL);
      waitpid(m_pid, &status, 0);
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  m_exit_status = status;
}

void EmulatorProcess::stop() { wait_for_exit(SIGTERM); }
void EmulatorProcess::kill_hard() { wait_for_exit(SIGKILL); }

}  // namespace loadero_test
