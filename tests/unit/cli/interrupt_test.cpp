// Interrupting a run: the notes, the Interrupt shared by the signal watcher and the command, the
// signal handlers (installed and restored in this process), and cli::run with an interrupt that
// was requested before the command could read anything.

#include "interrupt.hpp"

#include <doctest/doctest.h>
#include <signal.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

#include "cli.hpp"
#include "signals.hpp"

using namespace loadero_sync::cli;

namespace {

bool wait_for(const std::function<bool()>& condition) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
  while (!condition()) {
    if (std::chrono::steady_clock::now() > deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  return true;
}

void* handler_of(int signal_number) {
  struct sigaction current {};
  ::sigaction(signal_number, nullptr, &current);
  return reinterpret_cast<void*>(current.sa_handler);
}

extern "C" void test_handler(int) {}

}  // namespace

TEST_CASE("the note of a first signal says what the run does next") {
  CHECK(interrupt_note(SIGINT, Phase::applying, 2) ==
        "loadero-sync: interrupt received: finishing the 2 writes in flight, starting no new one "
        "(press Ctrl-C again to exit at once)\n");
  CHECK(interrupt_note(SIGINT, Phase::applying, 1) ==
        "loadero-sync: interrupt received: finishing the write in flight, starting no new one "
        "(press Ctrl-C again to exit at once)\n");
  CHECK(interrupt_note(SIGTERM, Phase::applying, 0) ==
        "loadero-sync: SIGTERM received: starting no new write (a second signal exits at once)\n");
  CHECK(interrupt_note(SIGINT, Phase::reading, 0) ==
        "loadero-sync: interrupt received: nothing was changed; stopping once the reads in flight "
        "end (press Ctrl-C again to exit at once)\n");
  CHECK(interrupt_note(SIGINT, Phase::confirming, 0) ==
        "\nloadero-sync: interrupt received: nothing was applied\n");
  CHECK(second_signal_note(Phase::applying) ==
        "loadero-sync: interrupted again: exiting now; a write in flight may still complete, run "
        "`loadero-sync plan` to see the live state\n");
  CHECK(second_signal_note(Phase::reading) ==
        "loadero-sync: interrupted again: exiting now; nothing was changed\n");
  CHECK(signal_exit_code(SIGINT) == exit_interrupted);
  CHECK(signal_exit_code(SIGTERM) == exit_terminated);
}

TEST_CASE("the first request cancels the token and prints the note, later ones change nothing") {
  Interrupt interrupt;
  std::vector<std::string> notes;
  interrupt.set_notifier([&](const std::string& line) { notes.push_back(line); });
  CHECK_FALSE(interrupt.requested());
  CHECK(interrupt.exit_code() == 0);
  CHECK(interrupt.phase() == Phase::reading);

  interrupt.set_phase(Phase::applying);
  interrupt.write_started();
  interrupt.write_started();
  interrupt.write_ended();
  CHECK(interrupt.request(SIGTERM));
  CHECK_FALSE(interrupt.request(SIGINT));

  CHECK(interrupt.token().cancelled());
  CHECK(interrupt.signal_number() == SIGTERM);
  CHECK(interrupt.exit_code() == 143);
  CHECK(notes == std::vector<std::string>{interrupt_note(SIGTERM, Phase::applying, 1)});
}

TEST_CASE("a notifier set after the request still gets the note") {
  Interrupt interrupt;
  interrupt.request(SIGINT);
  std::string note;
  interrupt.set_notifier([&](const std::string& line) { note = line; });
  CHECK(note == interrupt_note(SIGINT, Phase::reading, 0));
}

TEST_CASE("installed handlers turn SIGINT into a request and are restored afterwards") {
  struct sigaction mine {};
  mine.sa_handler = test_handler;
  ::sigemptyset(&mine.sa_mask);
  struct sigaction before_int {};
  struct sigaction before_term {};
  ::sigaction(SIGINT, &mine, &before_int);
  ::sigaction(SIGTERM, &mine, &before_term);

  Interrupt interrupt;
  std::string note;
  interrupt.set_notifier([&](const std::string& line) { note = line; });
  {
    const SignalHandlers handlers(interrupt);
    CHECK(handler_of(SIGINT) != reinterpret_cast<void*>(test_handler));
    CHECK_THROWS_AS(SignalHandlers{interrupt}, std::logic_error);
    ::kill(::getpid(), SIGINT);
    CHECK(wait_for([&] { return interrupt.requested(); }));
    CHECK(interrupt.exit_code() == 130);
    CHECK(interrupt.token().cancelled());
  }
  CHECK(note == interrupt_note(SIGINT, Phase::reading, 0));
  CHECK(handler_of(SIGINT) == reinterpret_cast<void*>(test_handler));
  CHECK(handler_of(SIGTERM) == reinterpret_cast<void*>(test_handler));

  // They can be installed again: each run of the process gets its own.
  Interrupt again;
  {
    const SignalHandlers handlers(again);
    ::kill(::getpid(), SIGTERM);
    CHECK(wait_for([&] { return again.requested(); }));
    CHECK(again.exit_code() == 143);
  }
  ::sigaction(SIGINT, &before_int, nullptr);
  ::sigaction(SIGTERM, &before_term, nullptr);
}

TEST_CASE("a signal that was ignored stays ignored") {
  struct sigaction ignore {};
  ignore.sa_handler = SIG_IGN;
  ::sigemptyset(&ignore.sa_mask);
  struct sigaction before {};
  ::sigaction(SIGTERM, &ignore, &before);
  Interrupt interrupt;
  {
    const SignalHandlers handlers(interrupt);
    CHECK(handler_of(SIGTERM) == reinterpret_cast<void*>(SIG_IGN));
    ::kill(::getpid(), SIGTERM);
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    CHECK_FALSE(interrupt.requested());
  }
  CHECK(handler_of(SIGTERM) == reinterpret_cast<void*>(SIG_IGN));
  ::sigaction(SIGTERM, &before, nullptr);
}

TEST_CASE("plan interrupted before it reads exits 130 with nothing on stdout") {
  const auto path = std::filesystem::temp_directory_path() /
                    ("loadero-sync-interrupt-" + std::to_string(::getpid()) + ".yaml");
  std::ofstream(path) << "version: 1\nproject_id: 5040\ntests:\n  - test_id: 6866\n    groups:\n"
                         "      - name: Callers\n        count: 3\n";
  const std::string file = path.string();
  for (const char* command : {"plan", "drift", "apply"}) {
    CAPTURE(command);
    std::vector<const char*> argv = {"loadero-sync", command,      "-f",
                                     file.c_str(),   "--api-base", "http://127.0.0.1:9/v2/"};
    if (std::string(command) == "apply") argv.push_back("--auto-approve");
    Interrupt interrupt;
    interrupt.request(SIGINT);
    std::ostringstream out;
    std::ostringstream err;
    const EnvLookup env = [](const std::string& name) -> std::optional<std::string> {
      if (name == "LOADERO_ACCESS_TOKEN") return "tok-123";
      return std::nullopt;
    };
    const int code =
        run(static_cast<int>(argv.size()), argv.data(), out, err, Terminal{}, env, interrupt);
    CHECK(code == 130);
    CHECK(out.str().empty());
    CHECK(err.str() == interrupt_note(SIGINT, Phase::reading, 0));
  }
  std::vector<const char*> argv = {
      "loadero-sync", "export", "--test-id",  "1",
      "--project-id", "5040",   "--api-base", "http://127.0.0.1:9/v2/"};
  Interrupt interrupt;
  interrupt.request(SIGTERM);
  std::ostringstream out;
  std::ostringstream err;
  const EnvLookup env = [](const std::string&) -> std::optional<std::string> { return "tok-1"; };
  CHECK(run(static_cast<int>(argv.size()), argv.data(), out, err, Terminal{}, env, interrupt) ==
        143);
  CHECK(out.str().empty());
  std::filesystem::remove(path);
}
