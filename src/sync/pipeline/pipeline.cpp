#include "loadero_sync/pipeline.hpp"

#include <utility>

#include "loadero_sync/live_state.hpp"
#include "loadero_sync/staleness.hpp"

namespace loadero_sync {

PlanRun read_and_plan(LoaderoGateway& gateway, const Manifest& manifest, const SourceTexts& sources,
                      const PlanOptions& options, int parallelism, const CancelToken& cancel) {
  PlanRun run;
  LiveReadResult live = read_live_state(gateway, manifest.tests, parallelism, sources, cancel);
  if (!live.ok()) {
    for (auto& error : live.errors) run.errors.push_back(std::move(error.diagnostic));
    return run;
  }
  PlanResult result = make_plan(live.resolved, live.live, options, sources);
  for (auto& error : result.errors) run.errors.push_back(std::move(error.diagnostic));
  run.plan = std::move(result.plan);
  return run;
}

std::vector<StaleTest> find_stale_tests(LoaderoGateway& gateway, const Plan& plan, int parallelism,
                                        const CancelToken& cancel) {
  std::vector<std::int64_t> ids;
  ids.reserve(plan.tests.size());
  for (const auto& test : plan.tests) ids.push_back(test.test_id);
  const std::vector<LiveTest> now = read_live_tests(gateway, ids, parallelism, cancel);
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
