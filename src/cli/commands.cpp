#include "commands.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <ostream>
#include <set>
#include <sstream>

#include "loadero/api_client.hpp"
#include "loadero/api_error.hpp"
#include "loadero_sync/diagnostics.hpp"
#include "loadero_sync/drift.hpp"
#include "loadero_sync/executor.hpp"
#include "loadero_sync/export.hpp"
#include "loadero_sync/gateway.hpp"
#include "loadero_sync/live_state.hpp"
#include "loadero_sync/manifest.hpp"
#include "loadero_sync/plan_json.hpp"
#include "loadero_sync/planner.hpp"
#include "loadero_sync/report.hpp"
#include "loadero_sync/retry.hpp"
#include "loadero_sync/text.hpp"
#include "staleness.hpp"
#include "version.hpp"

namespace loadero_sync::cli {
namespace {

// ---------------------------------------------------------------------------------------------
// Small helpers

// Written next to the target, then renamed, so a reader never sees half a file.
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

std::string describe_action(const Action& action) {
  std::string text(1, symbol(action.kind));
  text += " group ";
  if (action.group_id) text += std::to_string(*action.group_id) + " ";
  switch (action.kind) {
    case ActionKind::create:
      text += quote_name(action.name) + " (count " +
              std::to_string(action.after ? action.after->count : 0) + ")";
      break;
    case ActionKind::duplicate:
      text += quote_name(action.name) + " (count " +
              std::to_string(action.after ? action.after->count : 0) + ")";
      if (action.copy_source) text += ", copy of " + quote_name(action.copy_source->name);
      break;
    case ActionKind::update: {
      const GroupState before = action.before.value_or(GroupState{action.name, 0});
      const GroupState after = action.after.value_or(GroupState{action.name, 0});
      text += quote_name(before.name);
      if (before.name != after.name) text += " -> " + quote_name(after.name);
      if (before.count != after.count) {
        text += ", count " + std::to_string(before.count) + " -> " + std::to_string(after.count);
      }
      break;
    }
    case ActionKind::remove:
      text += quote_name(action.name) + " (count " +
              std::to_string(action.before ? action.before->count : 0) + ")";
      break;
  }
  return text;
}

Color out_color(const Context& ctx) {
  return choose_color(ctx.terminal.stdout_tty, ctx.common, ctx.env);
}
Color err_color(const Context& ctx) {
  return choose_color(ctx.terminal.stderr_tty, ctx.common, ctx.env);
}

void print_error(Context& ctx, const SourcePos& pos, const std::string& message) {
  if (pos.file.empty()) {
    ctx.err << "loadero-sync: error: " << message << '\n';
    return;
  }
  Diagnostic diagnostic;
  diagnostic.pos = pos;
  diagnostic.message = message;
  // Show the manifest line with a caret, as manifest diagnostics do.
  if (pos.line > 0) {
    std::ifstream file(pos.file, std::ios::binary);
    std::string line;
    for (int number = 1; number <= pos.line && std::getline(file, line); ++number) {
      if (number == pos.line) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
        diagnostic.source_line = line;
      }
    }
  }
  ctx.err << format_diagnostic(diagnostic, err_color(ctx));
}

// ---------------------------------------------------------------------------------------------
// Manifests

std::optional<Manifest> load_and_report(Context& ctx, const std::vector<std::string>& files) {
  LoadResult result = load_manifests(files);
  if (!result.diagnostics.empty())
    ctx.err << format_diagnostics(result.diagnostics, err_color(ctx));
  if (!result.ok()) return std::nullopt;
  ctx.log->info("read {} from {}", plural(result.manifest.tests.size(), "test"),
                plural(result.manifest.files.size(), "file"));
  return std::move(result.manifest);
}

// ---------------------------------------------------------------------------------------------
// The API: client, real gateway, retries. Logging goes through the client's observer, which never
// sees the token.

class ApiSession {
 public:
  ApiSession(Context& ctx, const std::string& api_base, std::int64_t project_id)
      : m_client(make_config(ctx, api_base, project_id)),
        m_api(make_api_gateway(m_client)),
        m_retrying(*m_api,
                   RetryPolicy{ctx.common.retries, std::chrono::milliseconds(500),
                               std::chrono::milliseconds(20000)},
                   m_sleeper,
                   [log = ctx.log](const std::string& line) { log->debug("retry: {}", line); }) {
    m_client.set_observer([log = ctx.log](const loadero::RequestEvent& event) {
      if (event.status == 0) {
        log->debug("{} {} -> no answer after {} ms: {}", loadero::to_string(event.method),
                   event.route, event.duration.count(), event.error);
      } else {
        log->debug("{} {} -> {} in {} ms", loadero::to_string(event.method), event.route,
                   event.status, event.duration.count());
      }
    });
    check_access();
  }

  LoaderoGateway& gateway() { return m_retrying; }

  const std::string& api_base() const { return m_client.config().api_base; }
  std::int64_t project_id() const { return m_client.config().project_id; }

 private:
  // One cheap read of the project when the session opens, so a wrong token or project id is
  // reported as such (with a hint) instead of as a failure of every test.
  void check_access() {
    m_retrying.retry_read("read project " + std::to_string(project_id()),
                          [this] { m_client.get(m_client.project_route()); });
  }

  static loadero::ClientConfig make_config(Context& ctx, const std::string& api_base,
                                           std::int64_t project_id) {
    loadero::ClientConfig config;
    config.api_base = api_base;
    config.project_id = project_id;
    config.access_token = resolve_token(ctx.common, ctx.env);
    ctx.secret = config.access_token;
    config.timeout = request_timeout(ctx.common);
    config.max_requests_per_second = ctx.common.max_rps;
    config.user_agent = std::string("loadero-sync/") + tool_version;
    return config;
  }

  loadero::ApiClient m_client;
  std::unique_ptr<LoaderoGateway> m_api;
  ThreadSleeper m_sleeper;
  RetryingGateway m_retrying;
};

// Reads the live state of the manifest's tests and plans; prints every error and returns nullopt
// when there is one.
std::optional<Plan> plan_live(Context& ctx, ApiSession& session, const Manifest& manifest) {
  ctx.log->info("reading the live groups of {}", plural(manifest.tests.size(), "test"));
  LiveReadResult live = read_live_state(session.gateway(), manifest.tests, ctx.common.parallelism);
  if (!live.ok()) {
    for (const auto& error : live.errors) {
      const SourcePos pos = error.test_index < manifest.tests.size()
                                ? manifest.tests[error.test_index].source
                                : SourcePos{};
      print_error(ctx, pos, error.message);
    }
    return std::nullopt;
  }
  PlanOptions options;
  options.api_base = session.api_base();
  options.project_id = session.project_id();
  options.tool_version = tool_version;
  PlanResult result = make_plan(live.resolved, live.live, options);
  if (!result.ok()) {
    for (const auto& error : result.errors) {
      std::string message = error.message;
      if (error.pos.file.empty() && error.test_id != 0)
        message = "test " + std::to_string(error.test_id) + ": " + message;
      print_error(ctx, error.pos, message);
    }
    return std::nullopt;
  }
  return std::move(result.plan);
}

struct ManifestPlan {
  Manifest manifest;
  std::string api_base;
  std::int64_t project_id = 0;
};

// Loads the manifests and resolves the settings that depend on them.
std::optional<ManifestPlan> load_for_api(Context& ctx, const std::vector<std::string>& files) {
  auto manifest = load_and_report(ctx, files);
  if (!manifest) return std::nullopt;
  check_limits(ctx.common);
  ManifestPlan result;
  result.api_base = resolve_api_base(ctx.common, ctx.env);
  result.project_id = resolve_project_id(ctx.common, ctx.env, manifest->project_id);
  result.manifest = std::move(*manifest);
  return result;
}

// ---------------------------------------------------------------------------------------------
// apply --plan: is the saved plan still valid?

Plan load_saved_plan(const std::string& path) {
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

// ---------------------------------------------------------------------------------------------
// Reports of an apply

void write_apply_report(std::ostream& out, const Plan& plan, const ApplyResult& result) {
  out << "\nApply results:\n";
  for (std::size_t t = 0; t < plan.tests.size() && t < result.tests.size(); ++t) {
    const TestPlan& test = plan.tests[t];
    if (test.actions.empty()) continue;
    out << "\n  # " << test_label(test.test_id, test.test_name) << '\n';
    for (std::size_t a = 0; a < test.actions.size() && a < result.tests[t].actions.size(); ++a) {
      const ActionOutcome& outcome = result.tests[t].actions[a];
      std::string status(to_string(outcome.status));
      status.resize(15, ' ');
      out << "  " << status << describe_action(test.actions[a]);
      if ((test.actions[a].kind == ActionKind::create ||
           test.actions[a].kind == ActionKind::duplicate) &&
          outcome.status == ActionStatus::applied && outcome.group_id) {
        out << ", id " << *outcome.group_id;
      }
      if (!outcome.error.empty()) out << ": " << outcome.error;
      out << '\n';
    }
  }
  out << "\nApply " << (result.failed() + result.not_attempted() == 0 ? "complete" : "incomplete")
      << ": " << result.applied() << " applied, " << result.failed() << " failed, "
      << result.not_attempted() << " not attempted.\n";
  if (result.failed() + result.not_attempted() > 0) {
    out << "Fix the cause and run apply again: it plans from the live state and finishes the "
           "job.\n";
  }
}

ExecutorOptions executor_options(Context& ctx) {
  ExecutorOptions options;
  options.parallelism = ctx.common.parallelism;
  const bool show_progress = ctx.terminal.stderr_tty && !ctx.common.quiet;
  options.on_progress = [&ctx, show_progress](const ProgressEvent& event) {
    if (event.test == nullptr || event.action == nullptr) return;
    std::string line = "[" + std::to_string(event.done) + "/" + std::to_string(event.total) + "] " +
                       symbol(event.action->kind) + " test " + std::to_string(event.test->test_id) +
                       " group " + event.action->name;
    if (event.status != ActionStatus::applied)
      line += " (" + std::string(to_string(event.status)) + ")";
    if (show_progress && ctx.progress) {
      ctx.progress(line + "\n");
    } else {
      ctx.log->info("{}", line);
    }
  };
  return options;
}

int apply_plan(Context& ctx, ApiSession& session, const Plan& plan, const ApplyArgs& args) {
  write_plan_text(ctx.out, plan, out_color(ctx));
  ctx.out << std::flush;
  if (plan.empty()) return exit_ok;

  if (args.dry_run == DryRun::yes) {
    DryRunGateway dry_run(session.gateway(), plan.project_id);
    // One test at a time: the placeholder ids of simulated groups (-1, -2, ...) then follow the
    // plan's order, so the same plan always prints the same requests.
    ExecutorOptions options = executor_options(ctx);
    options.parallelism = 1;
    const ApplyResult result = execute_plan(plan, dry_run, options);
    ctx.out << "\nDry run: the requests apply would send (none was sent):\n";
    // Threads record in any order; print test by test in plan order, each test's requests in order.
    std::vector<RecordedRequest> requests = dry_run.requests();
    std::map<std::int64_t, std::size_t> test_rank;
    for (std::size_t i = 0; i < plan.tests.size(); ++i) test_rank.emplace(plan.tests[i].test_id, i);
    std::stable_sort(requests.begin(), requests.end(),
                     [&](const RecordedRequest& a, const RecordedRequest& b) {
                       return test_rank[a.test_id] < test_rank[b.test_id];
                     });
    for (const auto& request : requests) {
      ctx.out << "  " << request.method << ' ' << request.route;
      if (!request.body.empty()) ctx.out << ' ' << request.body;
      ctx.out << '\n';
    }
    ctx.out << "\nDry run: " << plural(dry_run.requests().size(), "write request")
            << ", nothing changed.\n";
    if (result.failed() > 0) {
      for (std::size_t t = 0; t < result.tests.size(); ++t) {
        for (const auto& outcome : result.tests[t].actions) {
          if (outcome.status == ActionStatus::failed) {
            ctx.err << "loadero-sync: error: dry run of test " << plan.tests[t].test_id << ": "
                    << outcome.error << '\n';
          }
        }
      }
      return exit_error;
    }
    return exit_ok;
  }

  switch (confirm_apply(ctx.terminal, ctx.err, args.auto_approve)) {
    case Confirmation::approved:
      break;
    case Confirmation::cancelled:
      ctx.err << "Apply cancelled.\n";
      return exit_error;
    case Confirmation::refused_no_terminal:
      ctx.err << "loadero-sync: error: refusing to apply without confirmation: standard input is "
                 "not a terminal\n"
              << "  hint: review the plan above and run again with --auto-approve (or save it with "
                 "`plan --out FILE` "
                 "and run `apply --plan FILE --auto-approve`)\n";
      return exit_error;
  }

  const ApplyResult result = execute_plan(plan, session.gateway(), executor_options(ctx));
  write_apply_report(ctx.out, plan, result);
  return result.exit_code();
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// Commands

int run_validate(Context& ctx, const ValidateArgs& args) {
  auto manifest = load_and_report(ctx, args.files);
  if (!manifest) return exit_error;
  std::size_t groups = 0;
  for (const auto& test : manifest->tests) groups += test.groups.size();
  ctx.out << "Valid: " << plural(manifest->files.size(), "file") << ", "
          << plural(manifest->tests.size(), "test") << ", " << plural(groups, "group") << ".\n";
  return exit_ok;
}

int run_plan(Context& ctx, const PlanArgs& args) {
  auto loaded = load_for_api(ctx, args.files);
  if (!loaded) return exit_error;
  ApiSession session(ctx, loaded->api_base, loaded->project_id);
  auto plan = plan_live(ctx, session, loaded->manifest);
  if (!plan) return exit_error;
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
      write_plan_markdown(ctx.out, *plan);
      break;
    default:
      write_plan_text(ctx.out, *plan, out_color(ctx));
      break;
  }
  if (args.out_file && args.format == ReportFormat::text) {
    ctx.out << "\nSaved the plan to " << *args.out_file
            << ". Apply exactly this plan with:\n  loadero-sync apply --plan " << *args.out_file
            << '\n';
  }
  if (args.detailed_exitcode && !plan->empty()) return exit_changes;
  return exit_ok;
}

int run_apply(Context& ctx, const ApplyArgs& args) {
  if (!args.plan_file) {
    auto loaded = load_for_api(ctx, args.files);
    if (!loaded) return exit_error;
    ApiSession session(ctx, loaded->api_base, loaded->project_id);
    auto plan = plan_live(ctx, session, loaded->manifest);
    if (!plan) return exit_error;
    return apply_plan(ctx, session, *plan, args);
  }

  check_limits(ctx.common);
  const Plan plan = load_saved_plan(*args.plan_file);
  const std::string api_base = resolve_api_base(ctx.common, ctx.env);
  if (api_base != plan.api_base) {
    ctx.err << "loadero-sync: error: the saved plan was made against " << plan.api_base
            << " but this run uses " << api_base << "; nothing was applied\n"
            << "  hint: use the same --api-base / LOADERO_API_BASE as for `plan`, or plan again\n";
    return exit_error;
  }
  const std::int64_t project_id =
      resolve_project_id(ctx.common, ctx.env, plan.project_id, "the saved plan");
  ApiSession session(ctx, api_base, project_id);

  std::vector<std::int64_t> ids;
  for (const auto& test : plan.tests) ids.push_back(test.test_id);
  ctx.log->info("checking that the live groups of {} did not change since the plan",
                plural(ids.size(), "test"));
  const std::vector<LiveTest> now = read_live_tests(session.gateway(), ids, ctx.common.parallelism);
  bool stale = false;
  for (std::size_t i = 0; i < plan.tests.size() && i < now.size(); ++i) {
    const TestPlan& test = plan.tests[i];
    if (live_fingerprint(now[i].groups) == test.live_fingerprint) continue;
    if (!stale) ctx.err << "loadero-sync: error: the saved plan is stale; nothing was applied\n";
    stale = true;
    ctx.err << "  "
            << test_label(test.test_id, test.test_name.empty() ? now[i].name : test.test_name)
            << " changed since the plan was made:\n";
    for (const auto& change : describe_staleness(test, now[i].groups))
      ctx.err << "    " << change << '\n';
  }
  if (stale) {
    ctx.err << "  hint: run `loadero-sync plan --out " << *args.plan_file
            << "` again, review it, then apply it\n";
    return exit_error;
  }
  return apply_plan(ctx, session, plan, args);
}

int run_drift(Context& ctx, const DriftArgs& args) {
  auto loaded = load_for_api(ctx, args.files);
  if (!loaded) return exit_error;
  ApiSession session(ctx, loaded->api_base, loaded->project_id);
  auto plan = plan_live(ctx, session, loaded->manifest);
  if (!plan) return exit_error;
  const DriftReport report = make_drift(*plan);
  switch (args.format) {
    case ReportFormat::json:
      write_drift_json(ctx.out, report);
      break;
    case ReportFormat::markdown:
      write_drift_markdown(ctx.out, report);
      break;
    case ReportFormat::junit:
      write_drift_junit(ctx.out, report);
      break;
    case ReportFormat::text:
      write_drift_text(ctx.out, report, out_color(ctx));
      break;
  }
  return report.in_sync() ? exit_ok : exit_changes;
}

int run_export(Context& ctx, const ExportArgs& args) {
  check_limits(ctx.common);
  const std::string api_base = resolve_api_base(ctx.common, ctx.env);
  const std::int64_t project_id = resolve_project_id(ctx.common, ctx.env, std::nullopt);
  std::vector<std::int64_t> ids;
  for (const auto id : args.test_ids) {
    if (id < 1)
      throw ConfigError("--test-id must be a positive integer, not " + std::to_string(id));
    if (std::find(ids.begin(), ids.end(), id) == ids.end()) ids.push_back(id);
  }
  ApiSession session(ctx, api_base, project_id);
  const std::vector<LiveTest> tests =
      read_live_tests(session.gateway(), ids, ctx.common.parallelism);
  std::ostringstream yaml;
  write_manifest_yaml(yaml, project_id, tests);
  std::size_t groups = 0;
  for (const auto& test : tests) groups += test.groups.size();
  if (args.output) {
    write_file(*args.output, yaml.str());
    if (!ctx.common.quiet) {
      ctx.err << "Exported " << plural(tests.size(), "test") << " (" << plural(groups, "group")
              << ") to " << *args.output << ".\n";
    }
  } else {
    ctx.out << yaml.str();
  }
  return exit_ok;
}

}  // namespace loadero_sync::cli
