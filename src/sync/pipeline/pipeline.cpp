#include "loadero_sync/pipeline.hpp"

#include <algorithm>
#include <map>
#include <optional>
#include <utility>

#include "loadero_sync/live_state.hpp"
#include "loadero_sync/staleness.hpp"

namespace loadero_sync {

Plan read_and_plan(LoaderoGateway& gateway, const Manifest& manifest, const SourceTexts& sources,
                   const PlanOptions& options, int parallelism, const CancelToken& cancel) {
  LiveReadResult live = read_live_state(gateway, manifest.tests, parallelism, sources, cancel);

  // Problems keyed by manifest index, so they come out in manifest order whichever stage found
  // them.
  std::vector<std::pair<std::size_t, PlanProblem>> problems;
  std::vector<bool> unread(manifest.tests.size(), false);
  for (auto& error : live.errors) {
    unread[error.test_index] = true;
    const DesiredTest& test = manifest.tests[error.test_index];
    problems.emplace_back(error.test_index,
                          PlanProblem{test.test_id.value_or(0), test.test_name.value_or(""),
                                      error.kind, std::move(error.diagnostic)});
  }

  std::vector<DesiredTest> desired;
  std::vector<LiveTest> read;
  std::map<std::int64_t, std::size_t> index_of;  // test id -> manifest index, for planner errors
  for (std::size_t i = 0; i < manifest.tests.size(); ++i) {
    if (unread[i]) continue;
    desired.push_back(std::move(live.resolved[i]));
    read.push_back(std::move(live.live[i]));
    if (desired.back().test_id) index_of.emplace(*desired.back().test_id, i);
  }

  PlanResult result = make_plan(desired, read, options, sources);
  for (auto& error : result.errors) {
    std::string name;
    for (const auto& test : read) {
      if (test.test_id == error.test_id) name = test.name;
    }
    const auto index = index_of.find(error.test_id);
    problems.emplace_back(index == index_of.end() ? manifest.tests.size() : index->second,
                          PlanProblem{error.test_id, std::move(name), error.kind,
                                      std::move(error.diagnostic)});
  }
  std::stable_sort(problems.begin(), problems.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  Plan plan = std::move(result.plan);
  for (auto& [index, problem] : problems) plan.problems.push_back(std::move(problem));
  return plan;
}

std::vector<Diagnostic> problem_diagnostics(const Plan& plan) {
  std::vector<Diagnostic> out;
  out.reserve(plan.problems.size());
  for (const auto& problem : plan.problems) out.push_back(problem.diagnostic);
  return out;
}

std::vector<StaleTest> find_stale_tests(LoaderoGateway& gateway, const Plan& plan, int parallelism,
                                        const CancelToken& cancel) {
  // Only a test with actions can be hurt by a change since the plan; its groups tell (its name is
  // in the plan), and its participants too when the plan manages them: one list read each.
  std::vector<const TestPlan*> changing;
  std::vector<std::int64_t> ids;
  std::vector<std::int64_t> participant_ids;
  for (const auto& test : plan.tests) {
    if (test.actions.empty()) continue;
    changing.push_back(&test);
    ids.push_back(test.test_id);
    if (test.live_participants) participant_ids.push_back(test.test_id);
  }
  const auto now = read_groups_of(gateway, ids, parallelism, cancel);
  auto participants_now = read_participants_of(gateway, participant_ids, parallelism, cancel);
  std::vector<StaleTest> stale;
  std::size_t next_participants = 0;
  for (std::size_t i = 0; i < changing.size(); ++i) {
    const TestPlan& test = *changing[i];
    std::optional<std::vector<LiveParticipant>> participants;
    if (test.live_participants) participants = std::move(participants_now[next_participants++]);
    if (live_fingerprint(now[i], participants) == test.live_fingerprint) continue;
    stale.push_back(
        StaleTest{test.test_id, test.test_name, describe_staleness(test, now[i], participants)});
  }
  return stale;
}

}  // namespace loadero_sync
