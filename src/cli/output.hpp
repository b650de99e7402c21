#pragma once
// What the commands print, and the files they read and write, apart from the reports (which live
// in the report library).

#include <string>
#include <vector>

#include "commands.hpp"
#include "loadero_sync/apply_result.hpp"
#include "loadero_sync/color.hpp"
#include "loadero_sync/diagnostics.hpp"
#include "loadero_sync/executor.hpp"
#include "loadero_sync/pipeline.hpp"

namespace loadero_sync::cli {

/// Colour for stdout / stderr: on a terminal, unless --no-color or NO_COLOR says otherwise.
Color out_color(const Context& ctx);
Color err_color(const Context& ctx);

/// Prints each diagnostic to ctx.err as format_diagnostic renders it (no summary line).
void print_errors(Context& ctx, const std::vector<Diagnostic>& errors);

/// The plan's warnings, then its problems, as print_errors prints them.
void print_plan_findings(Context& ctx, const Plan& plan);

/// Says why the saved plan at `plan_file` cannot be applied: the tests it could not plan.
void print_not_applicable(Context& ctx, const Plan& plan, const std::string& plan_file);

/// Says that the saved plan at `plan_file` is stale, naming each changed test and its changes.
void print_stale(Context& ctx, const std::vector<StaleTest>& stale, const std::string& plan_file);

/// Writes `content` to `path` through a temporary file next to it and a rename, so a reader never
/// sees half a file. Throws std::runtime_error naming the path.
void write_file(const std::string& path, const std::string& content);

/// Reads a plan saved by `plan --out`. Throws std::runtime_error naming the path when it cannot be
/// read, is not JSON or is not a loadero-sync plan.
Plan read_plan_file(const std::string& path);

/// The executor's options for this run: --parallelism, ctx.interrupt's token and its count of
/// writes in flight, and one progress line per action that ran (an updating line on a terminal,
/// an info log line otherwise).
ExecutorOptions executor_options(Context& ctx);

/// exit_ok when every action was applied, exit_partial when some were and others not, exit_error
/// when none was and some failed or were not attempted.
int apply_exit_code(const ApplyResult& result);

/// "Dry run: the requests apply would send (none was sent):", one line per write
/// (`  POST projects/5040/tests/6866/groups/ {"count":3,"name":"Callers"}`), and the count.
void write_dry_run(std::ostream& out, const std::vector<RecordedWrite>& writes);

}  // namespace loadero_sync::cli
