// The five commands: each calls the pipeline's stages in order and prints what they return.

#include "commands.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <ostream>
#include <sstream>

#include "loadero_sync/drift.hpp"
#include "loadero_sync/executor.hpp"
#include "loadero_sync/export.hpp"
#include "loadero_sync/live_state.hpp"
#include "loadero_sync/manifest.hpp"
#include "loadero_sync/pipeline.hpp"
#include "loadero_sync/report.hpp"
#include "loadero_sync/text.hpp"
#include "output.hpp"
#include "progress.hpp"
#include "select.hpp"
#include "session.hpp"
#include "version.hpp"

namespace loadero_sync::cli {
namespace {

// Load: prints the manifest stage's diagnostics (errors and warnings); nullopt on an error.
std::optional<LoadResult> load(Context& ctx, const std::vector<std::string>& files) {
  LoadResult result = load_manifest_paths(files, ctx.terminal.in);
  if (!result.diagnostics.empty())
    ctx.err << format_diagnostics(result.diagnostics, err_color(ctx));
  if (!result.ok()) return std::nullopt;
  ctx.log->info("read {} from {}", plural(result.manifest.tests.size(), "test"),
                plural(result.manifest.files.size(), "file"));
  return result;
}

// How a command has its plan's limits checked: plan and apply check them (budgets, the largest
// compute unit, test-mode caps), with --max-compute-units over every test's budget; drift does not.
struct LimitChecks {
  bool check = false;
  std::optional<double> max_compute_units;
};

// Load, keep the tests --test selects, open a session against the manifest's project, read live
// and plan. nullopt when the manifest has errors (printed); a plan with problems is returned for
// the command to judge. `partial` gets the note of a run that --test limits to some of the tests
// (printed on stderr here, unless -q; the command adds it to a text or Markdown report).
std::optional<Plan> load_and_plan(Context& ctx, const std::vector<std::string>& files,
                                  const std::vector<std::string>& selected, DryRun dry_run,
                                  std::optional<ApiSession>& session, const LimitChecks& limits,
                                  std::optional<std::string>& partial) {
  auto loaded = load(ctx, files);
  if (!loaded) return std::nullopt;
  ctx.interrupt.token().throw_if_cancelled();
  const std::size_t declared = loaded->manifest.tests.size();
  select_manifest_tests(loaded->manifest, selected);
  if (loaded->manifest.tests.size() < declared) {
    partial = partial_run_note(loaded->manifest.tests.size(), declared);
    if (!ctx.common.quiet) ctx.err << "loadero-sync: note: " << *partial << '\n';
  }
  const Manifest& manifest = loaded->manifest;
  check_limits(ctx.common);
  const std::string api_base = resolve_api_base(ctx.common, ctx.env);
  const std::int64_t project_id = resolve_project_id(ctx.common, ctx.env, manifest.project_id);
  session.emplace(session_options(ctx, api_base, project_id, dry_run));
  ctx.log->info("reading the live groups of {}", plural(manifest.tests.size(), "test"));
  PlanOptions options{session->api_base(), session->project_id(), tool_version, limits.check,
                      limits.max_compute_units};
  // About one request for the tests list, one groups list per test and one participants list
  // per test that reads them (more pages grow the total as they come).
  std::size_t estimate = 1 + manifest.tests.size();
  for (const auto& test : manifest.tests) estimate += test.reads_participants() ? 1 : 0;
  if (ctx.meter != nullptr) ctx.meter->start("reading live state", estimate, "requests");
  Plan plan = read_and_plan(session->gateway(), manifest, loaded->sources, options,
                            ctx.common.parallelism, ctx.interrupt.token());
  if (ctx.meter != nullptr) ctx.meter->finish();
  // No report, not even a list of errors, once interrupted.
  ctx.interrupt.token().throw_if_cancelled();
  return plan;
}

// apply --format json keeps stdout for the results document: the plan (and a dry run's
// requests) go to stderr for the people watching.
std::ostream& human_out(Context& ctx, const ApplyArgs& args) {
  return args.format == ReportFormat::json ? ctx.err : ctx.out;
}
Color human_color(const Context& ctx, const ApplyArgs& args) {
  return args.format == ReportFormat::json ? err_color(ctx) : out_color(ctx);
}

int apply_plan(Context& ctx, ApiSession& session, const Plan& plan, const ApplyArgs& args) {
  const bool json = args.format == ReportFormat::json;
  write_plan_text(human_out(ctx, args), plan, human_color(ctx, args));
  human_out(ctx, args) << std::flush;
  if (plan.empty()) {
    if (json) write_apply_json(ctx.out, plan, ApplyResult{}, args.dry_run == DryRun::yes);
    return exit_ok;
  }

  if (args.dry_run == DryRun::yes) {
    // One action at a time: simulated ids (-1, -2, ...) and the printed requests then follow the
    // plan's order, so the same plan always prints the same requests.
    ExecutorOptions options = executor_options(ctx);
    options.parallelism = 1;
    // Nothing is sent and it ends in moments: a dry run is always listed whole.
    options.cancel = nullptr;
    const ApplyResult result = execute_plan(plan, session.gateway(), options);
    if (ctx.meter != nullptr) ctx.meter->finish();
    write_dry_run(human_out(ctx, args), session.recorded_writes());
    if (json) write_apply_json(ctx.out, plan, result, true);
    for (std::size_t t = 0; t < result.tests.size(); ++t) {
      for (const auto& outcome : result.tests[t].actions) {
        if (outcome.status == ActionStatus::failed) {
          ctx.err << "loadero-sync: error: dry run of test " << plan.tests[t].test_id << ": "
                  << outcome.error << '\n';
        }
      }
    }
    return result.failed() > 0 ? exit_error : exit_ok;
  }

  ctx.interrupt.set_phase(Phase::confirming);
  const Confirmation confirmation =
      confirm_apply(ctx.terminal, ctx.err, args.auto_approve,
                    "project " + std::to_string(plan.project_id) + " at " + plan.api_base);
  ctx.interrupt.set_phase(Phase::reading);
  switch (confirmation) {
    case Confirmation::approved:
      break;
    case Confirmation::cancelled:
      ctx.err << "Apply cancelled.\n";
      return exit_error;
    case Confirmation::refused_no_terminal:
      ctx.err << "loadero-sync: error: refusing to apply without confirmation: standard input is "
                 "not a terminal\n"
              << "  hint: review the plan above and run again with --auto-approve (or save it with "
                 "`plan --out FILE` and run `apply --plan FILE --auto-approve`)\n";
      return exit_error;
  }
  ctx.interrupt.set_phase(Phase::applying);
  const ApplyResult result = execute_plan(plan, session.gateway(), executor_options(ctx));
  if (ctx.meter != nullptr) ctx.meter->finish();
  if (json)
    write_apply_json(ctx.out, plan, result);
  else
    write_apply_text(ctx.out, plan, result);
  return apply_exit_code(result);
}

// apply --plan FILE: the saved plan, if it was made against this API and its tests did not change.
int apply_saved_plan(Context& ctx, const ApplyArgs& args) {
  check_limits(ctx.common);
  const Plan plan = read_plan_file(*args.plan_file);
  if (!plan.applicable()) {
    print_not_applicable(ctx, plan, *args.plan_file);
    return exit_error;
  }
  const std::string api_base = resolve_api_base(ctx.common, ctx.env);
  if (api_base != plan.api_base) {
    ctx.err << "loadero-sync: error: the saved plan was made against " << plan.api_base
            << " but this run uses " << api_base << "; nothing was applied\n"
            << "  hint: use the same --api-base / LOADERO_API_BASE as for `plan`, or plan again\n";
    return exit_error;
  }
  const std::int64_t project_id =
      resolve_project_id(ctx.common, ctx.env, plan.project_id, "the saved plan");
  ApiSession session(session_options(ctx, api_base, project_id, args.dry_run));
  ctx.log->info("checking that the live groups of {} did not change since the plan",
                plural(plan.tests.size(), "test"));
  const auto stale =
      find_stale_tests(session.gateway(), plan, ctx.common.parallelism, ctx.interrupt.token());
  if (stale.empty()) return apply_plan(ctx, session, plan, args);
  print_stale(ctx, stale, *args.plan_file);
  return exit_error;
}

}  // namespace

int run_validate(Context& ctx, const ValidateArgs& args) {
  const auto loaded = load(ctx, args.files);
  if (!loaded) return exit_error;
  const Manifest& manifest = loaded->manifest;
  std::size_t groups = 0;
  for (const auto& test : manifest.tests) groups += test.groups.size();
  ctx.out << "Valid: " << plural(manifest.files.size(), "file") << ", "
          << plural(manifest.tests.size(), "test") << ", " << plural(groups, "group") << ".\n";
  return exit_ok;
}

int run_plan(Context& ctx, const PlanArgs& args) {
  std::optional<ApiSession> session;
  std::optional<std::string> partial;
  auto plan = load_and_plan(ctx, args.files, args.tests, DryRun::no, session,
                            LimitChecks{true, args.max_compute_units}, partial);
  if (!plan) return exit_error;
  // A plan that could not be made whole is told by its errors first; a whole plan that breaks a
  // limit is shown, then told why it is refused.
  if (!plan->complete()) print_plan_findings(ctx, *plan);
  if (args.out_file) {
    std::ostringstream json;
    write_plan_json(json, *plan);
    write_file(*args.out_file, json.str());
    ctx.log->info("saved the plan to {}", *args.out_file);
  }
  switch (args.format) {
    case ReportFormat::json:
      write_plan_json(ctx.out, *plan);
      break;
    case ReportFormat::markdown:
      if (partial) ctx.out << "> **Note:** " << *partial << "\n\n";
      write_plan_markdown(ctx.out, *plan);
      break;
    default:
      // The diagnostics above say it all; a partial plan in text would read as the whole one.
      if (plan->complete()) {
        if (partial) ctx.out << "Note: " << *partial << ".\n\n";
        write_plan_text(ctx.out, *plan, out_color(ctx));
      }
      break;
  }
  if (plan->complete()) print_plan_findings(ctx, *plan);
  if (!plan->applicable()) return exit_error;
  if (args.out_file && args.format == ReportFormat::text) {
    ctx.out << "\nSaved the plan to " << *args.out_file
            << ". Apply exactly this plan with:\n  loadero-sync apply --plan " << *args.out_file
            << '\n';
  }
  return args.detailed_exitcode && !plan->empty() ? exit_changes : exit_ok;
}

int run_apply(Context& ctx, const ApplyArgs& args) {
  if (args.plan_file) return apply_saved_plan(ctx, args);
  std::optional<ApiSession> session;
  std::optional<std::string> partial;
  auto plan = load_and_plan(ctx, args.files, args.tests, args.dry_run, session,
                            LimitChecks{true, args.max_compute_units}, partial);
  if (!plan) return exit_error;
  if (partial && plan->complete()) ctx.out << "Note: " << *partial << ".\n\n";
  if (!plan->applicable()) {
    // Refused before any write: a whole plan that breaks a limit is shown with the reasons.
    if (plan->complete()) write_plan_text(human_out(ctx, args), *plan, human_color(ctx, args));
    print_plan_findings(ctx, *plan);
    if (plan->complete())
      ctx.err << "loadero-sync: error: the plan breaks a limit; nothing was applied\n";
    return exit_error;
  }
  print_plan_findings(ctx, *plan);
  return apply_plan(ctx, *session, *plan, args);
}

int run_drift(Context& ctx, const DriftArgs& args) {
  std::optional<ApiSession> session;
  // Drift reports how live differs from the manifest; limits are for plan and apply to enforce.
  std::optional<std::string> partial;
  auto plan =
      load_and_plan(ctx, args.files, args.tests, DryRun::no, session, LimitChecks{}, partial);
  if (!plan) return exit_error;
  const DriftReport report = make_drift(*plan);
  switch (args.format) {
    case ReportFormat::json:
      write_drift_json(ctx.out, report);
      break;
    case ReportFormat::markdown:
      if (partial) ctx.out << "> **Note:** " << *partial << "\n\n";
      write_drift_markdown(ctx.out, report);
      break;
    case ReportFormat::junit:
      write_drift_junit(ctx.out, report);
      break;
    case ReportFormat::text:
      if (partial) ctx.out << "Note: " << *partial << ".\n\n";
      write_drift_text(ctx.out, report, out_color(ctx));
      break;
  }
  if (report.summary.unreadable > 0) return exit_error;
  return report.in_sync() ? exit_ok : exit_changes;
}

int run_export(Context& ctx, const ExportArgs& args) {
  if (args.all && (!args.tests.empty() || !args.test_ids.empty())) {
    throw ConfigError(
        "--all cannot be combined with --test or --test-id: --all exports every test of the "
        "project");
  }
  if (!args.all && args.tests.empty() && args.test_ids.empty())
    throw ConfigError("export needs the tests to write: --test ID|NAME, --test-id N or --all");
  check_limits(ctx.common);
  const std::string api_base = resolve_api_base(ctx.common, ctx.env);
  // Export has no manifest: the project id comes from the flag or the environment only.
  const std::int64_t project_id = resolve_project_id(ctx.common, ctx.env, std::nullopt, "");
  for (const auto id : args.test_ids) {
    if (id < 1)
      throw ConfigError("--test-id must be a positive integer, not " + std::to_string(id));
  }
  ctx.interrupt.token().throw_if_cancelled();
  ApiSession session(session_options(ctx, api_base, project_id));
  // Names and --all need the project's tests list (one more request than ids alone).
  std::vector<TestInfo> listing;
  if (args.all || needs_listing(args.tests)) listing = session.gateway().list_tests().tests;
  ctx.interrupt.token().throw_if_cancelled();
  std::vector<std::int64_t> ids;
  if (args.all) {
    for (const auto& test : listing) ids.push_back(test.id);
    if (ids.empty())
      throw ConfigError("--all: project " + std::to_string(project_id) + " has no tests");
  } else {
    ids = export_test_ids(args.tests, args.test_ids, listing);
  }
  const std::vector<LiveTest> tests =
      read_live_tests(session.gateway(), ids, ctx.common.parallelism, ctx.interrupt.token(),
                      args.no_participants ? ReadParticipants::no : ReadParticipants::yes);
  std::ostringstream yaml;
  write_manifest_yaml(yaml, project_id, tests, args.schema_url.value_or(""));
  if (!args.output) {
    ctx.out << yaml.str();
    return exit_ok;
  }
  write_file(*args.output, yaml.str());
  std::size_t groups = 0;
  std::size_t participants = 0;
  for (const auto& test : tests) {
    groups += test.groups.size();
    if (test.participants) participants += test.participants->size();
  }
  if (!ctx.common.quiet) {
    ctx.err << "Exported " << plural(tests.size(), "test") << " (" << plural(groups, "group");
    if (!args.no_participants) ctx.err << ", " << plural(participants, "participant");
    ctx.err << ") to " << *args.output << ".\n";
  }
  return exit_ok;
}

}  // namespace loadero_sync::cli
