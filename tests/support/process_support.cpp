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

ProcessResult run_process(const ProcessOptions& options) {
  if (options.argv.empty()) throw std::runtime_error("run_process: empty argv");
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
  int stdin_fd = in_pipe[1];
  int stdout_fd = out_pipe[0];
  int stderr_fd = err_pipe[0];
  ::fcntl(stdin_fd, F_SETFL, O_NONBLOCK);

  ProcessResult result;
  std::size_t written = 0;
  if (options.stdin_text.empty()) close_fd(stdin_fd);
  const auto deadline = std::chrono::steady_clock::now() + options.timeout;
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
  if (WIFEXITED(status)) {
    result.exit_code = WEXITSTATUS(status);
  } else if (WIFSIGNALED(status)) {
    result.exit_code = 128 + WTERMSIG(status);
  }
  return result;
}

}  // namespace loadero_test
