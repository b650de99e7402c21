// End-to-end sync benchmark (run on demand, never by ctest): the real loadero-sync binary runs
// `plan` and `apply --auto-approve` against the real loadero-emulator with an added latency per
// request, for a list of --parallelism values, next to a sequential libloadero baseline (the
// groups of every test read one request at a time, as the official Python client does).
//
// Data: T tests x G groups ("group-0".."group-{G-1}", counts 1 + g % 3, no participants) are
// created once through libloadero against an emulator without latency whose --state file is then
// the starting point of every measured run: each run starts a fresh emulator from a copy of it,
// so plan sees unchanged live state and every apply does the same work.
//
// The manifest (test_id per test) asks per test for: groups 0 and 1 with count + 1 (2 updates),
// group G-1 `ensure: absent` (1 delete), two new groups "new-0" and "new-1" (2 creates), the
// other G-3 groups unchanged.
//
// Per run it measures wall time (steady_clock around the child), the tool's CPU (user + sys) and
// peak RSS (wait4's rusage), the emulator's CPU (/proc/<pid>/stat before and after), and the
// requests and 429s the emulator counted (/_emulator/stats; a refused request counts as a
// request too). bound = requests x latency / P is the wall time of perfect parallelism with no
// client or server cost; ratio = wall / bound.
//
//   bench_sync [--quick] [--tests T] [--groups G] [--latency-ms L[,L...]] [--rate-limit R[,R...]]
//              [--max-rps M] [--parallelism-list 1,2,4] [--runs N] [--baseline-capped]
//              [--csv FILE] [--svg FILE] [--loadero-sync PATH] [--emulator PATH] [--binary-dir DIR]

#include <fcntl.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <loadero/api_client.hpp>
#include <loadero/group.hpp>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "emulator_support.hpp"
#include "support_paths.hpp"

namespace fs = std::filesystem;

namespace {

constexpr std::int64_t project_id = 5040;
constexpr const char* token = "bench-token";

volatile std::sig_atomic_t g_stop_signal = 0;

void on_stop_signal(int signal_number) { g_stop_signal = signal_number; }

void throw_if_stopped() {
  if (g_stop_signal != 0) {
    throw std::runtime_error("interrupted by signal " + std::to_string(g_stop_signal));
  }
}

struct Settings {
  int tests = 200;
  int groups = 20;
  std::vector<int> latencies{25};
  std::vector<int> rate_limits{0};
  double max_rps = 0;
  std::vector<int> parallelism{1, 2, 4, 8, 16, 32};
  int runs = 1;
  bool baseline_capped = false;
  std::vector<std::string> commands = {"plan", "apply"};
  std::string csv = "bench_sync.csv";
  std::string svg = "bench_sync.svg";
  std::string sync_binary;
  std::string emulator_binary;
};

/// One emulator configuration: every command runs against it.
struct Config {
  int latency_ms = 0;
  int rate_limit = 0;
};

struct Row {
  std::string command;
  int parallelism = 1;
  Config config;
  double max_rps = 0;
  std::int64_t requests = 0;
  double wall = 0;
  std::int64_t rate_limited = 0;
  double tool_cpu = 0;
  double emulator_cpu = 0;
  std::optional<double> peak_rss_mb;  ///< none for the in-process baseline
  int exit_code = 0;

  double bound() const {
    return static_cast<double>(requests) * config.latency_ms / 1000.0 / parallelism;
  }
};

/// A temporary folder, removed with everything in it when the bench ends (also on errors).
class TempDir {
 public:
  TempDir() : m_path(loadero_test::make_temp_dir("bench-sync")) {}
  ~TempDir() {
    std::error_code ignored;
    fs::remove_all(m_path, ignored);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  std::string file(const std::string& name) const { return m_path + "/" + name; }

 private:
  std::string m_path;
};

double seconds(const timeval& value) {
  return static_cast<double>(value.tv_sec) + static_cast<double>(value.tv_usec) / 1e6;
}

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

/// utime + stime of a live process, in seconds.
double process_cpu(pid_t pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
  const std::string stat((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const auto close_paren = stat.rfind(')');
  if (close_paren == std::string::npos) {
    throw std::runtime_error("cannot read /proc/" + std::to_string(pid) + "/stat");
  }
  // After "pid (comm)": state is field 3, utime field 14, stime field 15.
  std::istringstream fields(stat.substr(close_paren + 2));
  std::string field;
  unsigned long long utime = 0;
  unsigned long long stime = 0;
  for (int number = 3; number <= 15 && fields >> field; ++number) {
    if (number == 14) utime = std::stoull(field);
    if (number == 15) stime = std::stoull(field);
  }
  return static_cast<double>(utime + stime) / static_cast<double>(sysconf(_SC_CLK_TCK));
}

std::string read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

struct Measured {
  double wall = 0;
  double cpu = 0;
  double peak_rss_mb = 0;
  int exit_code = -1;
};

/// Runs argv with exactly `env` (plus PATH, HOME and TMPDIR), stdin and stdout on /dev/null and
/// stderr into `stderr_path`, and measures it with wait4. A SIGINT/SIGTERM to the bench is passed
/// on to the child as SIGTERM.
Measured run_measured(const std::vector<std::string>& args,
                      const std::map<std::string, std::string>& env,
                      const std::string& stderr_path) {
  std::vector<std::string> env_strings;
  for (const char* name : {"PATH", "HOME", "TMPDIR"}) {
    if (const char* value = std::getenv(name); value != nullptr && env.count(name) == 0) {
      env_strings.push_back(std::string(name) + "=" + value);
    }
  }
  for (const auto& [name, value] : env) env_strings.push_back(name + "=" + value);
  std::vector<char*> envp;
  for (auto& entry : env_strings) envp.push_back(entry.data());
  envp.push_back(nullptr);
  std::vector<std::string> arg_copy = args;
  std::vector<char*> argv;
  for (auto& arg : arg_copy) argv.push_back(arg.data());
  argv.push_back(nullptr);

  const auto start = std::chrono::steady_clock::now();
  const pid_t pid = fork();
  if (pid < 0) throw std::runtime_error(std::string("fork: ") + std::strerror(errno));
  if (pid == 0) {
    std::signal(SIGINT, SIG_DFL);
    std::signal(SIGTERM, SIG_DFL);
    const int null_fd = open("/dev/null", O_RDWR);
    const int err_fd = open(stderr_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    if (null_fd < 0 || err_fd < 0) _exit(126);
    dup2(null_fd, STDIN_FILENO);
    dup2(null_fd, STDOUT_FILENO);
    dup2(err_fd, STDERR_FILENO);
    execve(argv[0], argv.data(), envp.data());
    const char message[] = "bench_sync: execve failed\n";
    [[maybe_unused]] auto ignored = write(STDERR_FILENO, message, sizeof message - 1);
    _exit(127);
  }
  int status = 0;
  rusage usage{};
  bool forwarded = false;
  while (wait4(pid, &status, 0, &usage) < 0) {
    if (errno != EINTR) throw std::runtime_error(std::string("wait4: ") + std::strerror(errno));
    if (g_stop_signal != 0 && !forwarded) {
      kill(pid, SIGTERM);
      forwarded = true;
    }
  }
  Measured measured;
  measured.wall = seconds_since(start);
  measured.cpu = seconds(usage.ru_utime) + seconds(usage.ru_stime);
  measured.peak_rss_mb = static_cast<double>(usage.ru_maxrss) / 1024.0;  // ru_maxrss is in KiB
  if (WIFEXITED(status)) {
    measured.exit_code = WEXITSTATUS(status);
  } else if (WIFSIGNALED(status)) {
    measured.exit_code = 128 + WTERMSIG(status);
  }
  return measured;
}

class Bench {
 public:
  explicit Bench(Settings settings) : m_settings(std::move(settings)) {}

  void run() {
    std::printf(
        "bench_sync: %d tests x %d groups; per test the manifest updates 2 groups, creates 2 and "
        "deletes 1; tool --max-rps %g; min of %d run(s)\n",
        m_settings.tests, m_settings.groups, m_settings.max_rps, m_settings.runs);
    std::printf("  loadero-sync:     %s\n  loadero-emulator: %s\n", m_settings.sync_binary.c_str(),
                m_settings.emulator_binary.c_str());
    seed();
    write_manifest();
    print_header();
    for (const int latency : m_settings.latencies) {
      for (const int rate_limit : m_settings.rate_limits) {
        const Config config{latency, rate_limit};
        add(best_of([&] { return baseline(config, m_settings.max_rps, "baseline"); }));
        if (m_settings.baseline_capped) {
          add(best_of([&] { return baseline(config, 4.0, "baseline@4rps"); }));
        }
        for (const std::string& command : m_settings.commands) {
          for (const int parallelism : m_settings.parallelism) {
            add(best_of([&] { return run_tool(command, parallelism, config); }));
          }
        }
      }
    }
    write_csv();
    plot();
  }

 private:
  loadero_test::EmulatorOptions emulator_options(const std::string& state_file,
                                                 const Config& config) const {
    loadero_test::EmulatorOptions options;
    options.binary = m_settings.emulator_binary;
    options.project_id = project_id;
    options.token = token;
    options.state_file = state_file;
    // No background saves during a run: they would cost emulator CPU that the real API does not
    // spend; the state file is a throw-away copy anyway (saved once more at exit).
    options.extra_args = {"--save-interval-ms", "600000", "--latency-ms",
                          std::to_string(config.latency_ms)};
    if (config.rate_limit > 0) {
      options.extra_args.insert(options.extra_args.end(),
                                {"--rate-limit", std::to_string(config.rate_limit)});
    }
    return options;
  }

  /// Creates the tests and groups against an emulator without latency and keeps its state file.
  void seed() {
    const auto start = std::chrono::steady_clock::now();
    {
      loadero_test::EmulatorProcess emulator(emulator_options(m_base_state, Config{}));
      loadero::ClientConfig client_config;
      client_config.api_base = emulator.base_url();
      client_config.project_id = project_id;
      client_config.access_token = token;
      client_config.max_requests_per_second = 0;
      loadero::ApiClient client(client_config);
      loadero::GroupAPI groups(client);
      for (int t = 0; t < m_settings.tests; ++t) {
        throw_if_stopped();
        const auto test =
            client.post(client.project_route() + "tests/", {{"name", "Bench " + std::to_string(t)},
                                                            {"start_interval", 1},
                                                            {"participant_timeout", 600},
                                                            {"mode", "load"},
                                                            {"increment_strategy", "linear"}});
        const std::int64_t test_id = test.at("id").get<std::int64_t>();
        m_test_ids.push_back(test_id);
        for (int g = 0; g < m_settings.groups; ++g) {
          groups.create(loadero::GroupParams()
                            .in_test(test_id)
                            .with_name("group-" + std::to_string(g))
                            .with_count(1 + g % 3));
        }
      }
      emulator.stop();  // saves the state file
      if (emulator.exit_status() != 0) {
        throw std::runtime_error("the seeding emulator did not stop cleanly:\n" +
                                 emulator.stderr_text());
      }
    }
    if (!fs::exists(m_base_state)) throw std::runtime_error("the emulator saved no state file");
    std::printf("  seeded %d tests x %d groups in %.1f s (not measured)\n\n", m_settings.tests,
                m_settings.groups, seconds_since(start));
  }

  /// The manifest, split into files of at most 500 tests (a file may hold 4 MiB), in one folder
  /// that `-f` takes whole.
  void write_manifest() const {
    constexpr std::size_t tests_per_file = 500;
    fs::create_directories(m_manifest);
    std::ofstream out;
    std::string path;
    for (std::size_t i = 0; i < m_test_ids.size(); ++i) {
      if (i % tests_per_file == 0) {
        if (out.is_open() && !out) throw std::runtime_error("cannot write " + path);
        out.close();
        char name[32];
        std::snprintf(name, sizeof name, "/part-%03zu.yaml", i / tests_per_file);
        path = m_manifest + name;
        out.open(path);
        out << "version: 1\nproject_id: " << project_id << "\ntests:\n";
      }
      out << "  - test_id: " << m_test_ids[i] << "\n    groups:\n";
      for (int g = 0; g + 1 < m_settings.groups; ++g) {
        const int count = 1 + g % 3 + (g < 2 ? 1 : 0);  // groups 0 and 1: count + 1
        out << "      - name: group-" << g << "\n        count: " << count << "\n";
      }
      out << "      - name: group-" << m_settings.groups - 1 << "\n        ensure: absent\n";
      out << "      - name: new-0\n        count: 1\n      - name: new-1\n        count: 2\n";
    }
    if (!out) throw std::runtime_error("cannot write " + path);
  }

  template <typename Run>
  Row best_of(Run run_once) {
    std::optional<Row> best;
    for (int i = 0; i < m_settings.runs; ++i) {
      throw_if_stopped();
      Row row = run_once();
      if (!best || (row.exit_code == 0 && (best->exit_code != 0 || row.wall < best->wall))) {
        best = row;
      }
    }
    return *best;
  }

  /// Starts a fresh emulator from a copy of the seeded state, so writes of earlier runs are gone.
  loadero_test::EmulatorProcess fresh_emulator(const Config& config) const {
    fs::copy_file(m_base_state, m_work_state, fs::copy_options::overwrite_existing);
    return loadero_test::EmulatorProcess(emulator_options(m_work_state, config));
  }

  static void reset_stats(loadero_test::EmulatorProcess& emulator) {
    emulator.http_request("POST", "/_emulator/reset", "", false);
    if (emulator.http_status_of_last() != 200) {
      throw std::runtime_error("POST /_emulator/reset answered " +
                               std::to_string(emulator.http_status_of_last()));
    }
  }

  static void read_stats(loadero_test::EmulatorProcess& emulator, Row& row) {
    const auto stats = nlohmann::json::parse(emulator.http_get("/_emulator/stats"));
    row.requests = stats.at("total").get<std::int64_t>();
    row.rate_limited = stats.at("faults").at("429").get<std::int64_t>();
  }

  Row run_tool(const std::string& command, int parallelism, const Config& config) {
    auto emulator = fresh_emulator(config);
    reset_stats(emulator);
    std::vector<std::string> args{m_settings.sync_binary,
                                  command,
                                  "-f",
                                  m_manifest,
                                  "--parallelism",
                                  std::to_string(parallelism),
                                  "--max-rps",
                                  format_number(m_settings.max_rps)};
    if (command == "plan") args.insert(args.end(), {"--format", "json"});
    if (command == "apply") args.emplace_back("--auto-approve");
    const std::map<std::string, std::string> env{{"LOADERO_API_BASE", emulator.base_url()},
                                                 {"LOADERO_PROJECT_ID", std::to_string(project_id)},
                                                 {"LOADERO_ACCESS_TOKEN", token},
                                                 {"NO_COLOR", "1"}};

    const double emulator_cpu_before = process_cpu(emulator.pid());
    const Measured measured = run_measured(args, env, m_tool_stderr);
    const double emulator_cpu_after = process_cpu(emulator.pid());
    throw_if_stopped();

    Row row;
    row.command = command;
    row.parallelism = parallelism;
    row.config = config;
    row.max_rps = m_settings.max_rps;
    row.wall = measured.wall;
    row.tool_cpu = measured.cpu;
    row.peak_rss_mb = measured.peak_rss_mb;
    row.exit_code = measured.exit_code;
    row.emulator_cpu = emulator_cpu_after - emulator_cpu_before;
    read_stats(emulator, row);
    if (command == "apply" && row.exit_code == 0 && !m_apply_checked) {
      check_converged(env);
      m_apply_checked = true;
    }
    if (row.exit_code != 0) {
      std::string err = read_text(m_tool_stderr);
      if (err.size() > 2000) err = "..." + err.substr(err.size() - 2000);
      std::fprintf(stderr, "bench_sync: %s -P %d exited %d; its stderr ends with:\n%s\n",
                   command.c_str(), parallelism, row.exit_code, err.c_str());
    }
    emulator.stop();
    return row;
  }

  /// Once: a plan right after an apply must show no changes (`--detailed-exitcode` exits 0), so
  /// the rows time an apply that did its work. Not measured.
  void check_converged(const std::map<std::string, std::string>& env) const {
    const Measured plan =
        run_measured({m_settings.sync_binary, "plan", "-f", m_manifest, "--detailed-exitcode",
                      "--parallelism", "8", "--max-rps", "0"},
                     env, m_tool_stderr);
    if (plan.exit_code != 0) {
      throw std::runtime_error("a plan after apply exited " + std::to_string(plan.exit_code) +
                               " (0 = no changes expected):\n" + read_text(m_tool_stderr));
    }
  }

  /// What the official Python client does: the groups of each test, one request at a time, and
  /// with a cap its rate limit: each request starts at least 1/max_rps after the one before
  /// (api_client.py's spacing, not libloadero's sliding window).
  /// The emulator enforces no rate limit here: the spacing lets rate + 1 requests into some
  /// one-second windows, which a server enforcing the same rate answers with 429, and the official
  /// client does not retry. The row shows the client's own pace.
  Row baseline(const Config& measured, double max_rps, const std::string& name) {
    const Config config{measured.latency_ms, 0};
    auto emulator = fresh_emulator(config);
    loadero::ClientConfig client_config;
    client_config.api_base = emulator.base_url();
    client_config.project_id = project_id;
    client_config.access_token = token;
    client_config.max_requests_per_second = 0;
    const auto spacing = std::chrono::duration_cast<std::chrono::steady_clock::duration>(
        std::chrono::duration<double>(max_rps > 0 ? 1.0 / max_rps : 0.0));
    std::optional<std::chrono::steady_clock::time_point> last_start;
    loadero::ApiClient client(client_config);
    loadero::GroupAPI groups(client);
    reset_stats(emulator);

    rusage before{};
    getrusage(RUSAGE_SELF, &before);
    const double emulator_cpu_before = process_cpu(emulator.pid());
    const auto start = std::chrono::steady_clock::now();
    std::size_t read = 0;
    for (const std::int64_t test_id : m_test_ids) {
      throw_if_stopped();
      if (last_start) std::this_thread::sleep_until(*last_start + spacing);
      last_start = std::chrono::steady_clock::now();
      read += groups.read_all_pages(test_id).size();
    }
    Row row;
    row.wall = seconds_since(start);
    row.emulator_cpu = process_cpu(emulator.pid()) - emulator_cpu_before;
    rusage after{};
    getrusage(RUSAGE_SELF, &after);
    row.tool_cpu = seconds(after.ru_utime) + seconds(after.ru_stime) - seconds(before.ru_utime) -
                   seconds(before.ru_stime);
    row.command = name;
    row.config = config;
    row.max_rps = max_rps;
    read_stats(emulator, row);
    const auto expected = static_cast<std::size_t>(m_settings.tests) * m_settings.groups;
    if (read != expected) {
      throw std::runtime_error("baseline read " + std::to_string(read) + " groups, expected " +
                               std::to_string(expected));
    }
    emulator.stop();
    return row;
  }

  static std::string format_number(double value) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%g", value);
    return buffer;
  }

  static void print_header() {
    std::printf("%-13s %3s %6s %5s %7s %8s %8s %6s %8s %5s %8s %8s %7s %4s\n", "command", "P",
                "lat_ms", "rl", "reqs", "wall_s", "bound_s", "ratio", "rps", "429s", "tool_cpu",
                "emu_cpu", "rss_mb", "exit");
    std::fflush(stdout);
  }

  void add(const Row& row) {
    const double bound = row.bound();
    char ratio[16] = "-";
    char bound_text[16] = "-";
    if (row.config.latency_ms > 0) {
      std::snprintf(ratio, sizeof ratio, "%.2f", row.wall / bound);
      std::snprintf(bound_text, sizeof bound_text, "%.3f", bound);
    }
    char rss[16] = "-";
    if (row.peak_rss_mb) std::snprintf(rss, sizeof rss, "%.1f", *row.peak_rss_mb);
    char rate_limit[16] = "-";
    if (row.config.rate_limit > 0)
      std::snprintf(rate_limit, sizeof rate_limit, "%d", row.config.rate_limit);
    std::printf("%-13s %3d %6d %5s %7lld %8.3f %8s %6s %8.1f %5lld %8.3f %8.3f %7s %4d\n",
                row.command.c_str(), row.parallelism, row.config.latency_ms, rate_limit,
                static_cast<long long>(row.requests), row.wall, bound_text, ratio,
                row.wall > 0 ? static_cast<double>(row.requests) / row.wall : 0.0,
                static_cast<long long>(row.rate_limited), row.tool_cpu, row.emulator_cpu, rss,
                row.exit_code);
    std::fflush(stdout);
    m_rows.push_back(row);
  }

  void write_csv() const {
    std::ofstream out(m_settings.csv);
    out << "command,parallelism,latency_ms,rate_limit,max_rps,requests,wall_s,bound_s,ratio,rps,"
           "rate_limited,tool_cpu_s,emulator_cpu_s,peak_rss_mb,exit_code\n";
    for (const Row& row : m_rows) {
      const bool timed = row.config.latency_ms > 0;
      out << row.command << ',' << row.parallelism << ',' << row.config.latency_ms << ','
          << row.config.rate_limit << ',' << row.max_rps << ',' << row.requests << ',' << row.wall
          << ',' << (timed ? std::to_string(row.bound()) : "") << ','
          << (timed ? std::to_string(row.wall / row.bound()) : "") << ','
          << (row.wall > 0 ? static_cast<double>(row.requests) / row.wall : 0.0) << ','
          << row.rate_limited << ',' << row.tool_cpu << ',' << row.emulator_cpu << ','
          << (row.peak_rss_mb ? std::to_string(*row.peak_rss_mb) : "") << ',' << row.exit_code
          << '\n';
    }
    if (!out) throw std::runtime_error("cannot write " + m_settings.csv);
    std::printf("\nCSV: %s\n", m_settings.csv.c_str());
  }

  static std::string quoted(const std::string& text) {
    std::string out = "'";
    for (const char c : text) out += c == '\'' ? std::string("''") : std::string(1, c);
    return out + "'";
  }

  /// Wall time against parallelism per command and emulator configuration, with the bound as a
  /// dashed line, drawn by gnuplot from the CSV.
  void plot() const {
    if (m_settings.svg.empty()) return;
    if (std::system("command -v gnuplot >/dev/null 2>&1") != 0) {
      std::printf("gnuplot not found (apt-get install -y gnuplot-nox): no SVG\n");
      return;
    }
    // Kept next to the SVG, so the plot can be redrawn (another size, a PNG) without a rerun.
    const std::string script_path = m_settings.svg + ".gp";
    std::ofstream script(script_path);
    script << "set terminal svg size 960,600 dynamic background rgb 'white'\n"
           << "set output " << quoted(fs::absolute(m_settings.svg).string()) << "\n"
           << "set datafile separator ','\n"
           << "set title 'loadero-sync against loadero-emulator: " << m_settings.tests
           << " tests x " << m_settings.groups << " groups, --max-rps "
           << format_number(m_settings.max_rps) << "'\n"
           << "set xlabel '--parallelism'\nset ylabel 'wall time (s)'\n"
           << "set logscale x 2\nset logscale y\nset grid\nset key outside right top\n"
           << "set xrange [0.8:"
           << 1.25 * *std::max_element(m_settings.parallelism.begin(), m_settings.parallelism.end())
           << "]\n"
           << "csv = " << quoted(fs::absolute(m_settings.csv).string()) << "\n"
           << "match(c, l, r) = strcol(1) eq c && $3 == l && $4 == r\n"
           << "plot \\\n";
    std::vector<std::string> series;
    int color = 1;
    for (const int latency : m_settings.latencies) {
      for (const int rate_limit : m_settings.rate_limits) {
        const std::string label =
            std::to_string(latency) + " ms" +
            (rate_limit > 0 ? ", " + std::to_string(rate_limit) + " rps" : "");
        const std::string args =
            std::to_string(latency) + ", " + std::to_string(rate_limit) + ") ? ";
        for (const std::string& command : m_settings.commands) {
          const std::string c = std::string("'") + command + "'";
          series.push_back("  csv skip 1 using 2:(match(" + c + ", " + args +
                           "$7 : 1/0) with linespoints lc " + std::to_string(color) +
                           " pt 7 title '" + command + " (" + label + ")'");
          if (latency > 0) {
            series.push_back("  csv skip 1 using 2:(match(" + c + ", " + args +
                             "$8 : 1/0) with lines lc " + std::to_string(color) + " dt 2 title '" +
                             command + " bound (" + label + ")'");
          }
          ++color;
        }
        series.push_back("  csv skip 1 using 2:(match('baseline', " + args +
                         "$7 : 1/0) with points pt 5 ps 1.5 lc " + std::to_string(color++) +
                         " title 'sequential baseline (" + label + ")'");
      }
    }
    for (std::size_t i = 0; i < series.size(); ++i) {
      script << series[i] << (i + 1 < series.size() ? ", \\\n" : "\n");
    }
    script.close();
    const std::string command = "gnuplot " + quoted(script_path);
    if (std::system(command.c_str()) != 0) {
      std::fprintf(stderr, "bench_sync: gnuplot failed; no SVG\n");
      return;
    }
    std::printf("SVG: %s (gnuplot script %s)\n", m_settings.svg.c_str(), script_path.c_str());
  }

  Settings m_settings;
  TempDir m_dir;
  std::string m_base_state = m_dir.file("seeded-state.json");
  std::string m_work_state = m_dir.file("run-state.json");
  std::string m_manifest = m_dir.file("manifest");
  std::string m_tool_stderr = m_dir.file("tool-stderr.txt");
  std::vector<std::int64_t> m_test_ids;
  std::vector<Row> m_rows;
  bool m_apply_checked = false;
};

bool executable(const std::string& path) { return access(path.c_str(), X_OK) == 0; }

}  // namespace

int main(int argc, char** argv) {
  Settings settings;
  CLI::App app{"Times loadero-sync plan and apply against loadero-emulator per --parallelism",
               "bench_sync"};
  bool quick = false;
  std::optional<int> tests;
  std::optional<int> groups;
  std::string binary_dir;
  app.add_flag("--quick", quick, "20 tests x 5 groups (unless --tests / --groups say otherwise)");
  app.add_option("--tests", tests, "Tests to create (default 200)")->check(CLI::Range(1, 100000));
  app.add_option("--groups", groups, "Groups per test (default 20; at least 3)")
      ->check(CLI::Range(3, 10000));
  app.add_option("--latency-ms", settings.latencies,
                 "Emulator latency per request; repeat or give a list (default 25)")
      ->delimiter(',')
      ->check(CLI::Range(0, 10000));
  app.add_option("--rate-limit", settings.rate_limits,
                 "Emulator rate limit in requests/s, 0 = none; repeat or give a list (default 0)")
      ->delimiter(',')
      ->check(CLI::Range(0, 1000000));
  app.add_option("--max-rps", settings.max_rps,
                 "The tool's --max-rps and the baseline's rate cap (default 0 = no cap)")
      ->check(CLI::Range(0.0, 1e6));
  app.add_option("--parallelism-list", settings.parallelism,
                 "The tool's --parallelism values (default 1,2,4,8,16,32)")
      ->delimiter(',')
      ->check(CLI::Range(1, 64));
  app.add_option("--runs", settings.runs, "Runs per row; the fastest is kept (default 1)")
      ->check(CLI::Range(1, 100));
  app.add_option("--commands", settings.commands, "Commands to time (default plan,apply)")
      ->delimiter(',')
      ->check(CLI::IsMember({"plan", "apply"}));
  app.add_flag("--baseline-capped", settings.baseline_capped,
               "Also time the baseline at 4 requests/s (the official client's cap; takes T/4 s)");
  app.add_option("--csv", settings.csv, "CSV output")->capture_default_str();
  app.add_option("--svg", settings.svg, "SVG plot (needs gnuplot; empty = none)")
      ->capture_default_str();
  app.add_option("--loadero-sync", settings.sync_binary, "loadero-sync binary")
      ->default_str(loadero_test::sync_path());
  app.add_option("--emulator", settings.emulator_binary, "loadero-emulator binary")
      ->default_str(loadero_test::emulator_path());
  app.add_option("--binary-dir", binary_dir,
                 "A build folder holding src/cli/loadero-sync and src/emulator/loadero-emulator");
  try {
    app.parse(argc, argv);
    if (quick) {
      settings.tests = 20;
      settings.groups = 5;
    }
    std::sort(settings.parallelism.begin(), settings.parallelism.end());
    settings.parallelism.erase(
        std::unique(settings.parallelism.begin(), settings.parallelism.end()),
        settings.parallelism.end());
    if (tests) settings.tests = *tests;
    if (groups) settings.groups = *groups;
    if (!binary_dir.empty()) {
      if (settings.sync_binary.empty()) settings.sync_binary = binary_dir + "/src/cli/loadero-sync";
      if (settings.emulator_binary.empty()) {
        settings.emulator_binary = binary_dir + "/src/emulator/loadero-emulator";
      }
    }
    if (settings.sync_binary.empty()) settings.sync_binary = loadero_test::sync_path();
    if (settings.emulator_binary.empty()) settings.emulator_binary = loadero_test::emulator_path();
    for (const std::string& binary : {settings.sync_binary, settings.emulator_binary}) {
      if (!executable(binary)) throw CLI::ValidationError("no executable at '" + binary + "'");
    }
  } catch (const CLI::ParseError& error) {
    const int code = app.exit(error);
    return code == 0 ? 0 : 2;
  }

  struct sigaction action {};
  action.sa_handler = on_stop_signal;
  sigemptyset(&action.sa_mask);
  action.sa_flags = 0;  // no SA_RESTART: wait4 returns EINTR so the child gets the signal
  sigaction(SIGINT, &action, nullptr);
  sigaction(SIGTERM, &action, nullptr);

  try {
    Bench bench(std::move(settings));
    bench.run();
    return 0;
  } catch (const std::exception& error) {
    std::fprintf(stderr, "bench_sync: error: %s\n", error.what());
    return 1;
  }
}
