#include "loadero_sync/pipeline.hpp"

#include <utility>

#include "loadero_sync/live_state.hpp"
#include "loadero_sync/staleness.hpp"

namespace loadero_sync {

namespace {

Diagnostic error_at(const SourcePos& pos, std::string message) {
  Diagnostic diagnostic;
  diagnostic.pos = pos;
  diagnostic.message = std::move(message);
  return diagnostic;
}

}  // namespace

PlanRun read_and_plan(LoaderoGateway& gateway, const Manifest& manifest, const PlanOptions& options,
                      int parallelism) {
  PlanRun run;
  LiveReadResult live = read_live_state(gateway, manifest.tests, parallelism);
  if (!live.ok()) {
    for (auto& error : live.errors) {
      const SourcePos pos = error.test_index < manifest.tests.size()
                                ? manifest.tests[error.test_index].source
                                : SourcePos{};
      run.errors.push_back(error_at(pos, std::move(error.message)));
    }
    return run;
  }
  PlanResult result = make_plan(live.resolved, live.live, options);
  for (auto& error : result.errors) {
    std::string message = std::move(error.message);
    if (error.pos.file.empty() && error.test_id != 0)
      message = "test " + std::to_string(error.test_id) + ": " + message;
    run.errors.push_back(error_at(error.pos, std::move(message)));
  }
  run.plan = std::move(result.plan);
  return run;
}

std::vector<StaleTest> find_stale_tests(LoaderoGateway& gateway, const Plan& plan,
                                        int parallelism) {
  std::vector<std::int64_t> ids;
  ids.reserve(plan.tests.size());
  for (const auto& test : plan.tests) ids.push_back(test.test_id);
  const std::vector<LiveTest> now = read_live_tests(gateway, ids, parallelism);
  std::vector<StaleTest> stale;
  for (std::size_t i = 0; i < plan.tests.size() && i < now.size(); ++i) {
    const TestPlan& test = plan.tests[i];
    if (live_fingerprint(now[i].groups) == test.live_fingerprint) continue;
    stale.push_back(StaleTest{test.test_id, test.test_name.empty() ? now[i].name : test.test_name,
                              describe_staleness(test, now[i].groups)});
  }
  return stale;
}

}  // namespace loadero_sync
