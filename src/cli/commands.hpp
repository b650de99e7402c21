#pragma once
// The five commands of loadero-sync, each a function from parsed arguments to an exit code.
// Parsing (CLI11) lives in cli.cpp; settings resolution in config.hpp.

#include <spdlog/fwd.h>

#include <cstdint>
#include <functional>
#include <iosfwd>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "cli.hpp"
#include "config.hpp"
#include "interrupt.hpp"
#include "loadero_sync/pipeline.hpp"
#include "prompt.hpp"

namespace loadero_sync::cli {

class Progress;  // progress.hpp

/// Everything a command needs from its surroundings. Streams, terminal and environment are not
/// owned.
struct Context {
  std::ostream& out;
  std::ostream& err;
  const Terminal& terminal;
  const EnvLookup& env;
  Interrupt& interrupt;  ///< cancels the reads and the apply when a signal (or a test) asks
  CommonOptions common;
  std::shared_ptr<spdlog::logger> log;  ///< writes to `err`
  std::string
      secret;  ///< the access token once known, so the catch site can scrub it from any message
  std::function<void(const std::string&)>
      progress;  ///< writes one whole line to `err`, serialised with the log
  /// Progress of reads and applies, and the retry counts of the run (not owned; may be null).
  Progress* meter = nullptr;
};

enum class ReportFormat { text, json, markdown, junit };

struct ValidateArgs {
  std::vector<std::string> files;
};

struct PlanArgs {
  std::vector<std::string> files;
  std::vector<std::string> tests;  ///< --test ID|NAME: only these manifest tests (empty: all)
  std::optional<std::string> out_file;
  ReportFormat format = ReportFormat::text;
  bool detailed_exitcode = false;
  std::optional<double> max_compute_units;  ///< --max-compute-units: every test's, over its budget
};

struct ApplyArgs {
  std::vector<std::string> files;
  std::vector<std::string> tests;  ///< --test ID|NAME: only these manifest tests (empty: all)
  std::optional<std::string> plan_file;
  AutoApprove auto_approve = AutoApprove::no;
  DryRun dry_run = DryRun::no;
  std::optional<double> max_compute_units;  ///< --max-compute-units (never with plan_file)
  /// --format: text, or json (the results as JSON on stdout; the plan text goes to stderr).
  ReportFormat format = ReportFormat::text;
};

struct DriftArgs {
  std::vector<std::string> files;
  std::vector<std::string> tests;  ///< --test ID|NAME: only these manifest tests (empty: all)
  ReportFormat format = ReportFormat::text;
};

struct ExportArgs {
  std::vector<std::int64_t> test_ids;     ///< --test-id N
  std::vector<std::string> tests;         ///< --test ID|NAME: an id, or the exact name of one test
  bool all = false;                       ///< --all: every test of the project
  std::optional<std::string> schema_url;  ///< --schema-url URL: the modeline's schema (else none)
  std::optional<std::string> output;
  bool no_participants = false;  ///< --no-participants: groups only
};

/// Each returns the command's exit code (cli.hpp ExitCode). They throw ConfigError,
/// loadero::ApiError, std::invalid_argument or std::runtime_error for the single catch site in
/// run() to report; user-input problems (manifest diagnostics, plan errors) are printed here and
/// returned as exit_error. Once ctx.interrupt is requested a read stops and Cancelled is thrown
/// before any report is printed; apply reports what it did and which actions it did not start.
int run_validate(Context& ctx, const ValidateArgs& args);
int run_plan(Context& ctx, const PlanArgs& args);
int run_apply(Context& ctx, const ApplyArgs& args);
int run_drift(Context& ctx, const DriftArgs& args);
int run_export(Context& ctx, const ExportArgs& args);

}  // namespace loadero_sync::cli
