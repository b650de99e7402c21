#include "cli.hpp"

#include <spdlog/logger.h>
#include <spdlog/sinks/base_sink.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <iostream>
#include <mutex>
#include <new>
#include <ostream>
#include <stdexcept>
#include <string_view>
#include <system_error>
#include <variant>
#include <vector>

#include "arguments.hpp"
#include "commands.hpp"
#include "completion.hpp"
#include "config.hpp"
#include "interrupt.hpp"
#include "loadero/api_error.hpp"
#include "loadero_sync/cancel.hpp"
#include "loadero_sync/text.hpp"
#include "progress.hpp"
#include "select.hpp"
#include "signals.hpp"
#include "version.hpp"

namespace loadero_sync::cli {
namespace {

// A log sink over the caller's stream whose lock also serialises the progress lines, so log lines
// from worker threads and progress never interleave mid-line. On a terminal it keeps the one
// progress status line under the log: erased before a line is written, drawn again after it.
class StreamSink final : public spdlog::sinks::base_sink<std::mutex> {
 public:
  explicit StreamSink(std::ostream& out) : m_out(out) {}

  void write_raw(const std::string& text) {
    std::lock_guard<std::mutex> lock(mutex_);
    write_under_status(text);
  }

  /// Sets the status line's text ("" erases it). Terminal only.
  void set_status(const std::string& text) {
    std::lock_guard<std::mutex> lock(mutex_);
    if (!m_status.empty() || !text.empty()) m_out << "\r\x1b[K" << text;
    m_status = text;
    m_out.flush();
  }

 protected:
  void sink_it_(const spdlog::details::log_msg& message) override {
    spdlog::memory_buf_t buffer;
    formatter_->format(message, buffer);
    write_under_status(std::string(buffer.data(), buffer.size()));
  }
  void flush_() override { m_out.flush(); }

 private:
  void write_under_status(const std::string& text) {  // mutex_ held
    if (m_status.empty()) {
      m_out << text;
    } else {
      m_out << "\r\x1b[K" << text << m_status;
    }
    m_out.flush();
  }

  std::ostream& m_out;
  std::string m_status;
};

ReportFormat parse_format(const std::string& text) {
  if (text == "json") return ReportFormat::json;
  if (text == "markdown") return ReportFormat::markdown;
  if (text == "junit") return ReportFormat::junit;
  return ReportFormat::text;
}

// "projects/5040/tests/": the list that every plan, drift and export reads first.
bool is_tests_list_route(const std::string& route) {
  constexpr std::string_view prefix = "projects/";
  constexpr std::string_view suffix = "/tests/";
  if (route.size() <= prefix.size() + suffix.size() || !route.starts_with(prefix) ||
      !route.ends_with(suffix))
    return false;
  const auto id =
      std::string_view(route).substr(prefix.size(), route.size() - prefix.size() - suffix.size());
  return std::all_of(id.begin(), id.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// Never let the token out, whatever an exception message holds.
std::string scrub(std::string text, const std::string& secret) {
  if (secret.empty()) return text;
  for (auto pos = text.find(secret); pos != std::string::npos; pos = text.find(secret, pos)) {
    text.replace(pos, secret.size(), "***");
  }
  return text;
}

const char* const footer_text =
    "Common options (-v, -q, --no-color, --api-base, --project-id, --token-file, --parallelism,\n"
    "--max-rps, --timeout, --retries) go after SUBCOMMAND or before it:\n"
    "  loadero-sync -v --project-id 5040 plan -f loadero.yaml\n"
    "Environment:\n"
    "  LOADERO_API_BASE      API base URL (default https://api.loadero.com/v2/)\n"
    "  LOADERO_PROJECT_ID    project id, unless --project-id is given (the one used must agree "
    "with the\n"
    "                        manifest's project_id)\n"
    "  LOADERO_ACCESS_TOKEN  project access token (or --token-file PATH)\n"
    "  NO_COLOR              disables colour\n"
    "Exit codes: 0 ok / in sync / no changes, 1 error, 2 changes (plan --detailed-exitcode) or "
    "drift,\n"
    "            3 apply partly applied, 130/143 interrupted by SIGINT/SIGTERM.";

const char* const completion_footer =
    "Load it in the current shell:\n"
    "  bash:  source <(loadero-sync completion bash)\n"
    "  zsh:   source <(loadero-sync completion zsh)    (after compinit)\n"
    "  fish:  loadero-sync completion fish | source\n"
    "or install it where the shell looks (the Debian package does this):\n"
    "  bash:  /usr/share/bash-completion/completions/loadero-sync\n"
    "  zsh:   /usr/share/zsh/vendor-completions/_loadero-sync\n"
    "  fish:  /usr/share/fish/vendor_completions.d/loadero-sync.fish";

// --max-compute-units N: a finite number above 0, checked before CLI11 converts it, so the message
// says what is wanted rather than how the conversion failed.
CLI::Validator positive_compute_units() {
  return CLI::Validator(
      [](std::string& text) -> std::string {
        double value = 0;
        const char* const end = text.data() + text.size();
        const auto [stop, error] = std::from_chars(text.data(), end, value);
        if (error == std::errc() && stop == end && std::isfinite(value) && value > 0) return {};
        return "must be a number greater than 0 (e.g. 500 or 250.5), not '" + text + "'";
      },
      "N > 0");
}

const char* const max_compute_units_help =
    "refuse the plan when a test would use more compute units per run than N (over every test's "
    "budget: max_compute_units)";

struct CommonFlags {
  std::string api_base;
  std::int64_t project_id = 0;
  std::string token_file;
  std::vector<CLI::Option*> api_base_options;
  std::vector<CLI::Option*> project_id_options;
  std::vector<CLI::Option*> token_file_options;
};

bool any_given(const std::vector<CLI::Option*>& options) {
  for (const auto* option : options) {
    if (option->count() > 0) return true;
  }
  return false;
}

void add_common_options(CLI::App* command, CommonOptions& common, CommonFlags& flags,
                        bool uses_api) {
  const std::string group = "Common options";
  if (uses_api) {
    flags.api_base_options.push_back(
        command->add_option("--api-base", flags.api_base, "API base URL (env LOADERO_API_BASE)")
            ->type_name("URL")
            ->group(group));
    flags.project_id_options.push_back(
        command
            ->add_option("--project-id", flags.project_id,
                         "Loadero project id (env LOADERO_PROJECT_ID)")
            ->type_name("N")
            ->group(group));
    flags.token_file_options.push_back(
        command
            ->add_option("--token-file", flags.token_file,
                         "read the access token from the first line of this file (else env "
                         "LOADERO_ACCESS_TOKEN)")
            ->type_name("PATH")
            ->group(group));
    command
        ->add_option("--parallelism", common.parallelism,
                     "requests in flight at once: reads, and writes of apply (default 4)")
        ->type_name("N")
        ->group(group);
    command
        ->add_option("--max-rps", common.max_rps,
                     "client-side request rate cap, 0 = none (default 4)")
        ->type_name("R")
        ->group(group);
    command
        ->add_option("--timeout", common.timeout_seconds,
                     "per-request timeout in seconds (default 30)")
        ->type_name("S")
        ->group(group);
    command
        ->add_option("--retries", common.retries,
                     "retries of a failed request on 429, 5xx and network errors (default 3)")
        ->type_name("N")
        ->group(group);
  }
  command->add_flag("--no-color", common.no_color, "no ANSI colours (also env NO_COLOR)")
      ->group(group);
  auto* verbose = command
                      ->add_flag("-v,--verbose", common.verbose,
                                 "log each request (method, route, status, duration) and retry on "
                                 "stderr; -vv for more")
                      ->group(group);
  command->add_flag("-q,--quiet", common.quiet, "only errors on stderr, no progress")
      ->group(group)
      ->excludes(verbose);
}

// Points an Interrupt's note at a stream for the duration of a command, and away from it after.
class NotifierScope {
 public:
  NotifierScope(Interrupt& interrupt, std::function<void(const std::string&)> notifier)
      : m_interrupt(interrupt) {
    m_interrupt.set_notifier(std::move(notifier));
  }
  ~NotifierScope() { m_interrupt.set_notifier({}); }
  NotifierScope(const NotifierScope&) = delete;
  NotifierScope& operator=(const NotifierScope&) = delete;

 private:
  Interrupt& m_interrupt;
};

// Writes an interrupt's note through the sink, so it never splits a progress or log line.
std::function<void(const std::string&)> note_writer(const std::shared_ptr<StreamSink>& sink,
                                                    bool stderr_tty) {
  return [sink, stderr_tty](const std::string& line) {
    // A terminal has just echoed "^C": the note starts on a line of its own.
    const bool newline = stderr_tty && !line.empty() && line.front() != '\n';
    sink->write_raw(newline ? '\n' + line : line);
  };
}

// At the end of a run, on stderr unless --quiet: "loadero-sync: note: 3 requests retried, 1
// ambiguous write settled" when any was.
struct RetrySummary {
  Progress& meter;
  StreamSink& sink;
  bool quiet = false;
  RetrySummary(Progress& progress, StreamSink& stream, bool no_notes)
      : meter(progress), sink(stream), quiet(no_notes) {}
  RetrySummary(const RetrySummary&) = delete;
  RetrySummary& operator=(const RetrySummary&) = delete;
  ~RetrySummary() {
    try {
      meter.finish();
      const std::string summary = meter.retry_summary();
      if (!quiet && !summary.empty()) sink.write_raw("loadero-sync: note: " + summary + "\n");
    } catch (...) {  // NOLINT(bugprone-empty-catch): a destructor must not throw
    }
  }
};

std::shared_ptr<spdlog::logger> make_logger(const std::shared_ptr<StreamSink>& sink,
                                            const CommonOptions& common) {
  auto logger = std::make_shared<spdlog::logger>("loadero-sync", sink);
  logger->set_pattern("loadero-sync: %l: %v");
  if (common.quiet) {
    logger->set_level(spdlog::level::err);
  } else if (common.verbose >= 2) {
    logger->set_level(spdlog::level::trace);
  } else if (common.verbose == 1) {
    logger->set_level(spdlog::level::debug);
  } else {
    logger->set_level(spdlog::level::warn);
  }
  return logger;
}

// The command itself; run() adds the exit code of an interrupt.
int run_command(int argc, const char* const argv[], std::ostream& out, std::ostream& err,
                const Terminal& terminal, const EnvLookup& env, Interrupt& interrupt);

}  // namespace

Terminal process_terminal() {
  Terminal terminal;
  terminal.stdin_tty = ::isatty(STDIN_FILENO) == 1;
  terminal.stdout_tty = ::isatty(STDOUT_FILENO) == 1;
  terminal.stderr_tty = ::isatty(STDERR_FILENO) == 1;
  terminal.in = &std::cin;
  return terminal;
}

EnvLookup process_environment() {
  return [](const std::string& name) -> std::optional<std::string> {
    const char* value = std::getenv(name.c_str());
    if (value == nullptr) return std::nullopt;
    return std::string(value);
  };
}

int run(int argc, const char* const argv[], std::ostream& out, std::ostream& err) {
  Interrupt interrupt;
  std::optional<SignalHandlers> handlers;
  try {
    handlers.emplace(interrupt);
  } catch (const std::exception& error) {
    // Without handlers a signal ends the process at once, as it did before they existed.
    err << "loadero-sync: warning: " << error.what() << "; an interrupt will not be graceful\n";
  }
  return run(argc, argv, out, err, process_terminal(), process_environment(), interrupt);
}

int run(int argc, const char* const argv[], std::ostream& out, std::ostream& err,
        const Terminal& terminal, const EnvLookup& env) {
  Interrupt interrupt;
  return run(argc, argv, out, err, terminal, env, interrupt);
}

int run(int argc, const char* const argv[], std::ostream& out, std::ostream& err,
        const Terminal& terminal, const EnvLookup& env, Interrupt& interrupt) {
  const int code = run_command(argc, argv, out, err, terminal, env, interrupt);
  // An interrupted run says so in its exit code, whatever it managed to finish.
  return interrupt.requested() ? interrupt.exit_code() : code;
}

namespace {

int run_command(int argc, const char* const argv[], std::ostream& out, std::ostream& err,
                const Terminal& terminal, const EnvLookup& env, Interrupt& interrupt) {
  CLI::App app{
      "Declarative sync of Loadero test groups: keep them in git, plan, apply, detect drift.",
      "loadero-sync"};
  app.set_version_flag("--version", version_line(), "print the version and exit");
  app.require_subcommand(1);
  app.footer(footer_text);

  CommonOptions common;
  CommonFlags flags;
  Choices choices;  // fixed option values, for `completion`

  ValidateArgs validate_args;
  auto* validate = app.add_subcommand(
      "validate", "check manifests offline (schema and cross-references); exit 0 valid, 1 invalid");
  validate
      ->add_option("-f,--file", validate_args.files,
                   "manifest file or directory (repeatable); - reads one from standard input")
      ->type_name("PATH")
      ->required();
  add_common_options(validate, common, flags, false);

  PlanArgs plan_args;
  std::string plan_format = "text";
  std::string plan_out;
  auto* plan = app.add_subcommand("plan",
                                  "print what apply would change; exit 0 ok (--detailed-exitcode: "
                                  "0 no changes, 2 changes), 1 error");
  plan->add_option("-f,--file", plan_args.files,
                   "manifest file or directory (repeatable); - reads one from standard input")
      ->type_name("PATH")
      ->required();
  auto* plan_out_option =
      plan->add_option("--out", plan_out, "save the plan (JSON) for `apply --plan FILE`")
          ->type_name("FILE");
  plan->add_option("--test", plan_args.tests,
                   "only this test of the manifest: its test_id, or its test_name (repeatable); "
                   "the others are neither read nor changed")
      ->type_name("ID|NAME");
  one_of(plan->add_option("--format", plan_format,
                          "report format on stdout: text, json or markdown (default text)"),
         {"text", "json", "markdown"}, choices);
  plan->add_flag("--detailed-exitcode", plan_args.detailed_exitcode,
                 "exit 2 when there are changes");
  double plan_max_compute_units = 0;
  auto* plan_max_compute_units_option =
      plan->add_option("--max-compute-units", plan_max_compute_units, max_compute_units_help)
          ->type_name("N")
          ->check(positive_compute_units());
  add_common_options(plan, common, flags, true);

  ApplyArgs apply_args;
  bool auto_approve = false;
  bool dry_run = false;
  std::string plan_file;
  auto* apply = app.add_subcommand("apply",
                                   "plan (or load a saved plan) and apply it; exit 0 all applied, "
                                   "1 nothing applied (error), 3 partly applied");
  auto* apply_files =
      apply
          ->add_option("-f,--file", apply_args.files,
                       "manifest file or directory (repeatable); - reads one from standard input")
          ->type_name("PATH");
  auto* apply_plan =
      apply
          ->add_option(
              "--plan", plan_file,
              "apply this saved plan (from `plan --out`) if the live groups did not change")
          ->type_name("FILE")
          ->excludes(apply_files);
  apply
      ->add_option("--test", apply_args.tests,
                   "only this test of the manifest: its test_id, or its test_name (repeatable); "
                   "the others are neither read nor changed")
      ->type_name("ID|NAME");
  apply->add_flag("--auto-approve", auto_approve,
                  "apply without asking (required without a terminal)");
  apply->add_flag("--dry-run", dry_run,
                  "print the plan and the requests it would send; send no write");
  std::string apply_format = "text";
  one_of(apply->add_option("--format", apply_format,
                           "results on stdout: text or json (json: the plan goes to stderr)"),
         {"text", "json"}, choices);
  double apply_max_compute_units = 0;
  auto* apply_max_compute_units_option =
      apply
          ->add_option("--max-compute-units", apply_max_compute_units,
                       std::string(max_compute_units_help) + "; not with --plan")
          ->type_name("N")
          ->check(positive_compute_units());
  add_common_options(apply, common, flags, true);

  DriftArgs drift_args;
  std::string drift_format = "text";
  auto* drift = app.add_subcommand(
      "drift", "report how live groups differ from the manifest; exit 0 in sync, 2 drift, 1 error");
  drift
      ->add_option("-f,--file", drift_args.files,
                   "manifest file or directory (repeatable); - reads one from standard input")
      ->type_name("PATH")
      ->required();
  drift
      ->add_option("--test", drift_args.tests,
                   "only this test of the manifest: its test_id, or its test_name (repeatable); "
                   "the others are neither read nor changed")
      ->type_name("ID|NAME");
  one_of(
      drift->add_option("--format", drift_format, "text, json, markdown or junit (default text)"),
      {"text", "json", "markdown", "junit"}, choices);
  add_common_options(drift, common, flags, true);

  ExportArgs export_args;
  std::string export_output;
  auto* export_command = app.add_subcommand(
      "export",
      "write a manifest reproducing the live groups and participants of tests; exit 0 ok, 1 error");
  export_command->add_option("--test-id", export_args.test_ids, "Loadero test id (repeatable)")
      ->type_name("N");
  export_command
      ->add_option("--test", export_args.tests,
                   "a test id, or the exact name of one test of the project (repeatable)")
      ->type_name("ID|NAME");
  export_command->add_flag("--all", export_args.all,
                           "every test of the project (not with --test or --test-id)");
  std::string export_schema_url;
  auto* export_schema_url_option =
      export_command
          ->add_option("--schema-url", export_schema_url,
                       "start the YAML with the modeline `# yaml-language-server: $schema=URL` "
                       "(else no modeline)")
          ->type_name("URL");
  auto* export_output_option =
      export_command->add_option("-o,--output", export_output, "write to FILE instead of stdout")
          ->type_name("FILE");
  export_command->add_flag("--no-participants", export_args.no_participants,
                           "export groups only: no participants: keys, so the manifest leaves "
                           "participants unmanaged (and reads no participants list)");
  add_common_options(export_command, common, flags, true);

  std::string completion_shell;
  auto* completion = app.add_subcommand(
      "completion", "print a shell completion script for bash, zsh or fish; exit 0 ok, 1 error");
  completion->footer(completion_footer);
  one_of(completion->add_option("shell", completion_shell, "bash, zsh or fish")
             ->type_name("SHELL")
             ->required(),
         completion_shells(), choices);

  // `help COMMAND` takes any command defined above (not `help` itself).
  const std::vector<std::string> helped_commands = command_names(app);
  // Only defined here: prepare() answers it before CLI11 parses.
  auto* help = app.add_subcommand(
      "help", "print this help; `help COMMAND` prints the same as `COMMAND --help`");
  std::string help_command;
  one_of(help->add_option("command", help_command, "the command to describe")->type_name("COMMAND"),
         helped_commands, choices);

  auto prepared = prepare(app, std::vector<std::string>(argv + std::min(argc, 1), argv + argc));
  if (const auto* usage = std::get_if<UsageError>(&prepared)) {
    err << "loadero-sync: error: " << usage->message << "\n"
        << "  hint: " << usage->hint << "\n";
    return exit_error;
  }
  const auto& ready = std::get<Prepared>(prepared);
  if (ready.help) {
    out << *ready.help;
    return exit_ok;
  }
  std::vector<const char*> args{"loadero-sync"};
  for (const auto& arg : ready.args) args.push_back(arg.c_str());

  try {
    app.parse(static_cast<int>(args.size()), args.data());
  } catch (const CLI::ParseError& error) {
    if (error.get_exit_code() == 0) {
      app.exit(error, out, err);
      return exit_ok;
    }
    err << "loadero-sync: error: " << error.what() << "\n"
        << "  hint: run `loadero-sync --help` or `loadero-sync COMMAND --help`\n";
    return exit_error;
  }

  if (completion->parsed()) {
    out << completion_script(app, choices, completion_shell);
    return exit_ok;
  }

  if (any_given(flags.api_base_options)) common.api_base = flags.api_base;
  if (any_given(flags.project_id_options)) common.project_id = flags.project_id;
  if (any_given(flags.token_file_options)) common.token_file = flags.token_file;

  auto sink = std::make_shared<StreamSink>(err);
  Context ctx{out, err, terminal, env, interrupt, common, make_logger(sink, common), {}, {}};
  ctx.progress = [sink](const std::string& line) { sink->write_raw(line); };
  const bool show_progress = !common.quiet;
  Progress meter(Progress::Output{terminal.stderr_tty,
                                  [sink, show_progress](const std::string& text) {
                                    if (show_progress) sink->set_status(text);
                                  },
                                  [sink, show_progress](const std::string& line) {
                                    if (show_progress) sink->write_raw("loadero-sync: " + line);
                                  }});
  ctx.meter = &meter;
  const NotifierScope notifier(interrupt, note_writer(sink, terminal.stderr_tty));
  // Whatever the command's outcome: how many requests were retried and writes settled.
  const RetrySummary retry_summary(meter, *sink, common.quiet);

  try {
    if (validate->parsed()) return run_validate(ctx, validate_args);
    if (plan->parsed()) {
      plan_args.format = parse_format(plan_format);
      if (plan_out_option->count() > 0) plan_args.out_file = plan_out;
      if (plan_max_compute_units_option->count() > 0)
        plan_args.max_compute_units = plan_max_compute_units;
      return run_plan(ctx, plan_args);
    }
    if (apply->parsed()) {
      if (apply_plan->count() > 0) apply_args.plan_file = plan_file;
      if (apply_args.plan_file && !apply_args.tests.empty()) {
        throw ConfigError(
            "--test cannot be combined with --plan: a saved plan is applied whole (plan with "
            "--test to save a partial one)");
      }
      if (apply_max_compute_units_option->count() > 0) {
        if (apply_args.plan_file) {
          throw ConfigError(
              "--max-compute-units cannot be combined with --plan: the saved plan was checked "
              "when it was made");
        }
        apply_args.max_compute_units = apply_max_compute_units;
      }
      if (apply_args.files.empty() && !apply_args.plan_file) {
        throw ConfigError("apply needs the manifests (-f PATH...) or a saved plan (--plan FILE)");
      }
      // The manifest took standard input: there is no answer left to read from it.
      if (reads_stdin(apply_args.files) && !auto_approve && !dry_run) {
        throw ConfigError(
            "apply -f - reads the manifest from standard input, so it cannot ask for "
            "confirmation there; add --auto-approve (or --dry-run)");
      }
      apply_args.auto_approve = auto_approve ? AutoApprove::yes : AutoApprove::no;
      apply_args.dry_run = dry_run ? DryRun::yes : DryRun::no;
      apply_args.format = parse_format(apply_format);
      return run_apply(ctx, apply_args);
    }
    if (drift->parsed()) {
      drift_args.format = parse_format(drift_format);
      return run_drift(ctx, drift_args);
    }
    if (export_command->parsed()) {
      if (export_output_option->count() > 0) export_args.output = export_output;
      if (export_schema_url_option->count() > 0) export_args.schema_url = export_schema_url;
      return run_export(ctx, export_args);
    }
    throw ConfigError("no command given");
  } catch (const Cancelled&) {
    // The note was printed when the interrupt came; run() turns this into 130 or 143.
    out.flush();
    return exit_error;
  } catch (const loadero::ApiError& error) {
    out.flush();
    err << "loadero-sync: error: " << scrub(error.what(), ctx.secret) << '\n';
    if (error.status() == 401 || error.status() == 403) {
      err << "  hint: the API refused the access token; check LOADERO_ACCESS_TOKEN / --token-file "
             "and that the token "
             "belongs to the project\n";
    } else if (error.status() == 404 && is_tests_list_route(error.route())) {
      err << "  hint: the API knows no such project; check --project-id / LOADERO_PROJECT_ID and "
             "the manifest's project_id\n";
    }
    return exit_error;
  } catch (const std::bad_alloc&) {
    err << "loadero-sync: error: out of memory\n";
    return exit_error;
  } catch (const std::exception& error) {
    out.flush();
    err << "loadero-sync: error: " << scrub(error.what(), ctx.secret) << '\n';
    return exit_error;
  }
}

}  // namespace

}  // namespace loadero_sync::cli
