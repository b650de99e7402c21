// Planner benchmark (run on demand, never by ctest): load a generated manifest of 2,000 tests x
// 50 groups with the real loader, plan it against an in-memory live state, and report the times
// and the peak resident memory.  Usage: bench_planner [tests] [groups_per_test]

#include <sys/resource.h>

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <string>
#include <vector>

#include "loadero_sync/manifest.hpp"
#include "loadero_sync/planner.hpp"

using namespace loadero_sync;

namespace {

struct Generated {
  std::string yaml;
  std::vector<LiveTest> live;
};

// Per test: most groups match by name (every 7th with another count), some are adopted through
// renamed_from, some pinned by id and renamed, a few created, a few copied, and on every other
// test (prune: true) three stale live groups are deleted.
Generated generate(int tests, int groups) {
  Generated out;
  out.yaml.reserve(static_cast<std::size_t>(tests) * static_cast<std::size_t>(groups) * 48);
  out.yaml += "version: 1\nproject_id: 5040\ntests:\n";
  std::int64_t next_id = 1;
  for (int t = 0; t < tests; ++t) {
    const std::int64_t test_id = 10000 + t;
    LiveTest live{test_id, "Test " + std::to_string(t), {}, std::nullopt};
    out.yaml += "  - test_id: " + std::to_string(test_id) + "\n";
    if (t % 2 == 0) out.yaml += "    prune: true\n    keep: [\"manual-*\"]\n";
    out.yaml += "    groups:\n";
    for (int g = 0; g < groups; ++g) {
      const std::string name = "group-" + std::to_string(g);
      const std::int64_t count = 1 + g % 3;
      const int kind = g * 10 / groups;  // 0..9
      if (kind <= 6) {                   // match by name
        out.yaml += "      - name: " + name + "\n        count: " + std::to_string(count) + "\n";
        live.groups.push_back(LiveGroup{next_id++, name, g % 7 == 0 ? count + 1 : count, count});
      } else if (kind == 7) {  // renamed_from
        out.yaml += "      - name: " + name + "\n        count: " + std::to_string(count) +
                    "\n        renamed_from: [old-" + std::to_string(g) + "]\n";
        live.groups.push_back(LiveGroup{next_id++, "old-" + std::to_string(g), count, count});
      } else if (kind == 8 && g % 2 == 0) {  // pinned
        out.yaml += "      - id: " + std::to_string(next_id) + "\n        name: " + name +
                    "\n        count: " + std::to_string(count) + "\n";
        live.groups.push_back(
            LiveGroup{next_id++, "pinned-old-" + std::to_string(g), count, count});
      } else if (kind == 8) {  // create
        out.yaml += "      - name: " + name + "\n        count: " + std::to_string(count) + "\n";
      } else {  // copy of group-0
        out.yaml += "      - name: " + name + "\n        count: " + std::to_string(count) +
                    "\n        duplicate_from: group-0\n";
      }
    }
    for (int s = 0; s < 3; ++s)
      live.groups.push_back(LiveGroup{next_id++, "stale-" + std::to_string(s), 1, 1});
    live.groups.push_back(LiveGroup{next_id++, "manual-check", 1, 1});
    out.live.push_back(std::move(live));
  }
  return out;
}

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// CPU time of the process: on a shared machine it says more than wall time.
double cpu_seconds() { return static_cast<double>(std::clock()) / CLOCKS_PER_SEC; }

}  // namespace

int main(int argc, char** argv) {
  const int tests = argc > 1 ? std::atoi(argv[1]) : 2000;
  const int groups = argc > 2 ? std::atoi(argv[2]) : 50;

  const auto generated = generate(tests, groups);
  std::size_t live_groups = 0;
  for (const auto& test : generated.live) live_groups += test.groups.size();

  LoadLimits limits;
  limits.max_file_bytes = 256 * 1024 * 1024;
  limits.max_nodes = 50'000'000;
  const double load_cpu_start = cpu_seconds();
  const auto load_start = std::chrono::steady_clock::now();
  const auto loaded = load_manifest_text(generated.yaml, "bench.yaml", limits);
  const double load_seconds = seconds_since(load_start);
  const double load_cpu = cpu_seconds() - load_cpu_start;
  if (!loaded.ok()) {
    std::fprintf(stderr, "bench_planner: the generated manifest does not load:\n%s",
                 format_diagnostics(loaded.diagnostics).c_str());
    return 1;
  }

  const double plan_cpu_start = cpu_seconds();
  const auto plan_start = std::chrono::steady_clock::now();
  const auto result = make_plan(loaded.manifest.tests, generated.live,
                                PlanOptions{"http://127.0.0.1/v2/", 5040, "bench"});
  const double plan_seconds = seconds_since(plan_start);
  const double plan_cpu = cpu_seconds() - plan_cpu_start;
  if (!result.ok()) {
    std::fprintf(stderr, "bench_planner: planning failed: %s\n",
                 result.errors.front().diagnostic.message.c_str());
    return 1;
  }

  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  const auto& summary = result.plan.summary;
  std::printf("manifest: %d tests x %d groups, %.1f MB of YAML; live: %zu groups\n", tests, groups,
              static_cast<double>(generated.yaml.size()) / (1024.0 * 1024.0), live_groups);
  std::printf(
      "plan: %lld to create, %lld to duplicate, %lld to update, %lld to delete, %lld unchanged\n",
      static_cast<long long>(summary.create), static_cast<long long>(summary.duplicate),
      static_cast<long long>(summary.update), static_cast<long long>(summary.remove),
      static_cast<long long>(summary.unchanged));
  std::printf(
      "load: %.3f s wall, %.3f s CPU\nplan: %.3f s wall, %.3f s CPU\ntotal: %.3f s wall, %.3f s "
      "CPU\n"
      "peak RSS: %.1f MB\n",
      load_seconds, load_cpu, plan_seconds, plan_cpu, load_seconds + plan_seconds,
      load_cpu + plan_cpu, static_cast<double>(usage.ru_maxrss) / 1024.0);
  return 0;
}
