#include "output.hpp"

#include <spdlog/spdlog.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <ostream>
#include <sstream>
#include <stdexcept>

#include "loadero_sync/plan_json.hpp"
#include "loadero_sync/text.hpp"
#include "progress.hpp"

namespace loadero_sync::cli {

Color out_color(const Context& ctx) {
  return choose_color(ctx.terminal.stdout_tty, ctx.common, ctx.env);
}

Color err_color(const Context& ctx) {
  return choose_color(ctx.terminal.stderr_tty, ctx.common, ctx.env);
}

void print_errors(Context& ctx, const std::vector<Diagnostic>& errors) {
  for (const auto& error : errors) {
    if (error.pos.file.empty()) {
      ctx.err << "loadero-sync: " << (error.severity == Severity::warning ? "warning: " : "error: ")
              << error.message << '\n';
    } else {
      ctx.err << format_diagnostic(error, err_color(ctx));
    }
  }
}

void print_plan_findings(Context& ctx, const Plan& plan) {
  std::vector<Diagnostic> findings;
  for (const auto& warning : plan.warnings) findings.push_back(warning.diagnostic);
  for (const auto& problem : plan.problems) findings.push_back(problem.diagnostic);
  print_errors(ctx, findings);
}

void print_not_applicable(Context& ctx, const Plan& plan, const std::string& plan_file) {
  ctx.err << "loadero-sync: error: the saved plan cannot be applied: ";
  if (plan.complete()) {
    ctx.err << "it breaks " << plural(plan.problems.size(), "limit") << "; ";
  } else {
    ctx.err << plural(plan.unplanned_tests(), "test") << " could not be planned when it was made; ";
  }
  ctx.err << "nothing was applied\n";
  for (const auto& problem : plan.problems) ctx.err << "  " << problem.diagnostic.message << '\n';
  ctx.err << "  hint: fix the problems, then run `loadero-sync plan --out " << plan_file
          << "` again\n";
}

void print_stale(Context& ctx, const std::vector<StaleTest>& stale, const std::string& plan_file) {
  ctx.err << "loadero-sync: error: the saved plan is stale; nothing was applied\n";
  for (const auto& test : stale) {
    ctx.err << "  " << test_label(test.test_id, test.test_name)
            << " changed since the plan was made:\n";
    for (const auto& change : test.changes) ctx.err << "    " << change << '\n';
  }
  ctx.err << "  hint: run `loadero-sync plan --out " << plan_file
          << "` again, review it, then apply it\n";
}

void write_file(const std::string& path, const std::string& content) {
  const std::string temporary = path + ".tmp";
  {
    std::ofstream file(temporary, std::ios::binary | std::ios::trunc);
    if (!file) throw std::runtime_error("cannot write '" + path + "': " + std::strerror(errno));
    file << content;
    file.flush();
    if (!file) throw std::runtime_error("cannot write '" + path + "': " + std::strerror(errno));
  }
  std::error_code ec;
  std::filesystem::rename(temporary, path, ec);
  if (ec) {
    std::filesystem::remove(temporary, ec);
    throw std::runtime_error("cannot write '" + path + "': " + ec.message());
  }
}

Plan read_plan_file(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  if (!file)
    throw std::runtime_error("cannot read the plan file '" + path + "': " + std::strerror(errno));
  std::stringstream buffer;
  buffer << file.rdbuf();
  nlohmann::json document;
  try {
    document = nlohmann::json::parse(buffer.str());
  } catch (const nlohmann::json::exception& error) {
    throw std::runtime_error("the plan file '" + path + "' is not JSON: " + error.what());
  }
  try {
    return plan_from_json(document);
  } catch (const std::invalid_argument& error) {
    throw std::runtime_error("the plan file '" + path +
                             "' is not a loadero-sync plan: " + error.what());
  }
}

ExecutorOptions executor_options(Context& ctx) {
  ExecutorOptions options;
  options.parallelism = ctx.common.parallelism;
  options.cancel = &ctx.interrupt.token();
  options.on_start = [&ctx](const TestPlan&, const Action&) { ctx.interrupt.write_started(); };
  options.on_progress = [&ctx](const ProgressEvent& event) {
    if (event.status == ActionStatus::applied || event.status == ActionStatus::failed)
      ctx.interrupt.write_ended();
    // Nothing happened to an interrupted action; a line for each would bury the interrupt's note.
    if (event.status == ActionStatus::interrupted) return;
    if (event.test == nullptr || event.action == nullptr) return;
    const Action& action = *event.action;
    std::string line = "[" + std::to_string(event.done) + "/" + std::to_string(event.total) + "] " +
                       symbol(action.kind) + " test " + std::to_string(event.test->test_id);
    if (action.target == ActionTarget::participant) {
      line += " group " + action.group_name + " participant " + action.name;
    } else {
      line += " group " + action.name;
    }
    if (event.status != ActionStatus::applied)
      line += " (" + std::string(to_string(event.status)) + ")";
    // The action itself at -v; the counts on the status line (a terminal) or every few seconds.
    ctx.log->info("{}", line);
    if (ctx.meter != nullptr) ctx.meter->update("applying", event.done, event.total, "actions");
  };
  return options;
}

int apply_exit_code(const ApplyResult& result) {
  if (result.complete()) return exit_ok;
  return result.applied() == 0 ? exit_error : exit_partial;
}

void write_dry_run(std::ostream& out, const std::vector<RecordedWrite>& writes) {
  out << "\nDry run: the requests apply would send (none was sent):\n";
  for (const auto& write : writes) {
    out << "  " << write.method << ' ' << write.route;
    if (!write.body.empty()) out << ' ' << write.body;
    out << '\n';
  }
  out << "\nDry run: " << plural(writes.size(), "write request") << ", nothing changed.\n";
}

}  // namespace loadero_sync::cli
