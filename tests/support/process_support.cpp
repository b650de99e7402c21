#include "process_support.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <stdexcept>

namespace loadero_test {
namespace {

void close_fd(int& fd) {
  if (fd >= 0) ::close(fd);
  fd = -1;
}

}  // namespace

struct ChildProcess::Impl {
  ProcessOptions options;
  pid_t pid = -1;
  int stdin_fd = -1;
  int stdout_fd = -1;
  int stderr_fd = -1;
  std::chrono::steady_clock::time_point deadline;
  bool reaped = false;
};

ChildProcess::ChildProcess(const ProcessOptions& options) : m_impl(std::make_unique<Impl>()) {
  if (options.argv.empty()) throw std::runtime_error("run_process: empty argv");
  m_impl->options = options;
  int in_pipe[2];
  int out_pipe[2];
  int err_pipe[2];
  if (::pipe2(in_pipe, O_CLOEXEC) != 0 || ::pipe2(out_pipe, O_CLOEXEC) != 0 ||
      ::pipe2(err_pipe, O_CLOEXEC) != 0) {
    throw std::runtime_error(std::string("run_process: pipe: ") + std::strerror(errno));
  }

  std::vector<std::string> env_strings;
  for (const char* name : {"PATH", "HOME", "TMPDIR"}) {
    if (const char* value = std::getenv(name); value != nullptr && options.env.count(name) == 0) {
      env_strings.push_back(std::string(name) + "=" + value);
    }
  }
  for (const auto& [name, value] : options.env) env_strings.push_back(name + "=" + value);
  std::vector<char*> envp;
  for (auto& entry : env_strings) envp.push_back(entry.data());
  envp.push_back(nullptr);
  std::vector<std::string> args = options.argv;
  std::vector<char*> argv;
  for (auto& arg : args) argv.push_back(arg.data());
  argv.push_back(nullptr);

  const pid_t pid = ::fork();
  if (pid < 0) throw std::runtime_error(std::string("run_process: fork: ") + std::strerror(errno));
  if (pid == 0) {
    // A test runner may ignore or block these; the program under test must see them as a shell
    // in the foreground would deliver them.
    ::signal(SIGINT, SIG_DFL);
    ::signal(SIGTERM, SIG_DFL);
    sigset_t none;
    ::sigemptyset(&none);
    ::sigprocmask(SIG_SETMASK, &none, nullptr);
    ::dup2(in_pipe[0], STDIN_FILENO);
    ::dup2(out_pipe[1], STDOUT_FILENO);
    ::dup2(err_pipe[1], STDERR_FILENO);
    if (!options.working_dir.empty() && ::chdir(options.working_dir.c_str()) != 0) ::_exit(126);
    ::execve(argv[0], argv.data(), envp.data());
    const char message[] = "run_process: execve failed\n";
    [[maybe_unused]] auto ignored = ::write(STDERR_FILENO, message, sizeof message - 1);
    ::_exit(127);
  }
  ::close(in_pipe[0]);
  ::close(out_pipe[1]);
  ::close(err_pipe[1]);
  m_impl->pid = pid;
  m_impl->stdin_fd = in_pipe[1];
  m_impl->stdout_fd = out_pipe[0];
  m_impl->stderr_fd = err_pipe[0];
  m_impl->deadline = std::chrono::steady_clock::now() + options.timeout;
  ::fcntl(m_impl->stdin_fd, F_SETFL, O_NONBLOCK);
  // No input: the child sees its end at once, not only once wait() is called.
  if (options.stdin_text.empty()) close_fd(m_impl->stdin_fd);
}

ChildProcess::~ChildProcess() {
  close_fd(m_impl->stdin_fd);
  close_fd(m_impl->stdout_fd);
  close_fd(m_impl->stderr_fd);
  if (!m_impl->reaped) {
    ::kill(m_impl->pid, SIGKILL);
    int status = 0;
    while (::waitpid(m_impl->pid, &status, 0) < 0 && errno == EINTR) {
    }
  }
}

int ChildProcess::pid() const { return m_impl->pid; }

void ChildProcess::signal(int signal_number) {
  if (m_impl->reaped || ::kill(m_impl->pid, signal_number) != 0) {
    throw std::runtime_error("ChildProcess::signal: the child is gone");
  }
}

ProcessResult ChildProcess::wait() {
  Impl& child = *m_impl;
  const ProcessOptions& options = child.options;
  int& stdin_fd = child.stdin_fd;
  int& stdout_fd = child.stdout_fd;
  int& stderr_fd = child.stderr_fd;
  const pid_t pid = child.pid;

  ProcessResult result;
  std::size_t written = 0;
  if (options.stdin_text.empty()) close_fd(stdin_fd);
  const auto deadline = child.deadline;
  ::signal(SIGPIPE, SIG_IGN);
  while (stdout_fd >= 0 || stderr_fd >= 0) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) {
      ::kill(pid, SIGKILL);
      result.timed_out = true;
      break;
    }
    pollfd fds[3];
    int count = 0;
    if (stdout_fd >= 0) fds[count++] = {stdout_fd, POLLIN, 0};
    if (stderr_fd >= 0) fds[count++] = {stderr_fd, POLLIN, 0};
    if (stdin_fd >= 0) fds[count++] = {stdin_fd, POLLOUT, 0};
    const int ready = ::poll(fds, static_cast<nfds_t>(count),
                             static_cast<int>(std::min<long long>(left.count(), 1000)));
    if (ready < 0 && errno != EINTR) break;
    for (int i = 0; i < count; ++i) {
      if (fds[i].revents == 0) continue;
      if (fds[i].fd == stdin_fd) {
        const auto n = ::write(stdin_fd, options.stdin_text.data() + written,
                               options.stdin_text.size() - written);
        if (n > 0) written += static_cast<std::size_t>(n);
        if (n < 0 || written == options.stdin_text.size()) close_fd(stdin_fd);
        continue;
      }
      char buffer[8192];
      const auto n = ::read(fds[i].fd, buffer, sizeof buffer);
      if (n > 0) {
        (fds[i].fd == stdout_fd ? result.out : result.err)
            .append(buffer, static_cast<std::size_t>(n));
      } else if (n == 0 || (errno != EINTR && errno != EAGAIN)) {
        if (fds[i].fd == stdout_fd) {
          close_fd(stdout_fd);
        } else {
          close_fd(stderr_fd);
        }
      }
    }
  }
  close_fd(stdin_fd);
  close_fd(stdout_fd);
  close_fd(stderr_fd);
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  child.reaped = true;
  if (WIFEXITED(status)) {
    result.exit_code = WEXITSTATUS(status);
  } else if (WIFSIGNALED(status)) {
    result.exit_code = 128 + WTERMSIG(status);
  }
  return result;
}

ProcessResult run_process(const ProcessOptions& options) { return ChildProcess(options).wait(); }

}  // namespace loadero_test
