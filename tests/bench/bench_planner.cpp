// Planner benchmark (run on demand, never by ctest). Generates 2,000 tests x 50 groups x 4
// participants (participant_defaults in the file and in every test), then:
//  1. plans it from in-memory desired tests (the same tests the manifest declares), and
//  2. writes the manifest as several files of at most 4 MB, loads them with the real loader and
//     plans the result,
// reporting the times and the peak resident memory. Step 2 needs a loader that reads
// participants; when the manifest does not load, step 1's figures still stand and the exit code
// is 1.  Usage: bench_planner [tests] [groups_per_test] [participants_per_group]

#include <sys/resource.h>
#include <unistd.h>

#include <charconv>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include "loadero_sync/manifest.hpp"
#include "loadero_sync/planner.hpp"

using namespace loadero_sync;

namespace {

using F = ParticipantField;

constexpr std::size_t max_file_bytes = 4 * 1024 * 1024;

struct Generated {
  std::vector<std::string> files;  // manifest texts, each under max_file_bytes
  std::vector<DesiredTest> desired;
  std::vector<LiveTest> live;
};

// The settings the API reports for a participant: the managed ones plus what Loadero fills in.
ParticipantSettings reported(const ParticipantSettings& managed) {
  ParticipantSettings out = managed;
  const auto fill = [&](F field, const char* value) {
    if (!out.get(field)) out.set(field, value);
  };
  fill(F::compute_unit, "g2");
  fill(F::browser, "chromeLatest");
  fill(F::location, "eu-central-1");
  fill(F::network, "default");
  fill(F::audio_feed, "default");
  fill(F::video_feed, "default");
  fill(F::record_audio, "false");
  return out;
}

// Per test: most groups match by name (every 7th with another count), some are adopted through
// renamed_from, some pinned by id and renamed, a few created, a few copied, and on every other
// test (prune: true) three stale live groups are deleted. Each declared group lists `participants`
// participants; in matched groups most match (every 5th group recounts one, every 4th group lacks
// the last one live, every 6th has an extra live one to delete).
Generated generate(int tests, int groups, int participants) {
  Generated out;
  std::string yaml;
  const auto start_file = [&] {
    yaml = "version: 1\nproject_id: 5040\n";
    if (participants > 0) yaml += "defaults:\n  participant_defaults:\n    compute_unit: g2\n";
    yaml += "tests:\n";
  };
  start_file();
  std::int64_t next_id = 1;
  std::int64_t next_participant_id = 1'000'000;
  out.desired.reserve(static_cast<std::size_t>(tests));
  out.live.reserve(static_cast<std::size_t>(tests));
  for (int t = 0; t < tests; ++t) {
    const std::int64_t test_id = 10000 + t;
    std::string text = "  - test_id: " + std::to_string(test_id) + "\n";
    DesiredTest desired;
    desired.test_id = test_id;
    LiveTest live{test_id, "Test " + std::to_string(t), {}, std::nullopt};
    if (participants > 0) {
      live.participants.emplace();
      text +=
          "    participant_defaults:\n      browser: chromeLatest\n"
          "      location: eu-central-1\n";
    }
    if (t % 2 == 0) {
      text += "    prune: true\n    keep: [\"manual-*\"]\n";
      desired.prune = Prune::on;
      desired.keep = {"manual-*"};
    }
    text += "    groups:\n";
    for (int g = 0; g < groups; ++g) {
      DesiredGroup group;
      group.name = "group-" + std::to_string(g);
      group.count = 1 + g % 3;
      const std::string count = std::to_string(group.count);
      const int kind = g * 10 / groups;  // 0..9
      std::optional<std::int64_t> live_id;
      if (kind <= 6) {  // match by name
        text += "      - name: " + group.name + "\n        count: " + count + "\n";
        live_id = next_id;
        live.groups.push_back(
            LiveGroup{next_id++, group.name, g % 7 == 0 ? group.count + 1 : group.count, 0});
      } else if (kind == 7) {  // renamed_from
        const std::string old_name = "old-" + std::to_string(g);
        text += "      - name: " + group.name + "\n        count: " + count +
                "\n        renamed_from: [" + old_name + "]\n";
        group.renamed_from = {old_name};
        live_id = next_id;
        live.groups.push_back(LiveGroup{next_id++, old_name, group.count, 0});
      } else if (kind == 8 && g % 2 == 0) {  // pinned
        text += "      - id: " + std::to_string(next_id) + "\n        name: " + group.name +
                "\n        count: " + count + "\n";
        group.id = next_id;
        live_id = next_id;
        live.groups.push_back(
            LiveGroup{next_id++, "pinned-old-" + std::to_string(g), group.count, 0});
      } else if (kind == 8) {  // create
        text += "      - name: " + group.name + "\n        count: " + count + "\n";
      } else {  // copy of group-0
        text += "      - name: " + group.name + "\n        count: " + count +
                "\n        duplicate_from: group-0\n";
        group.duplicate_from = "group-0";
      }
      if (participants > 0) {
        text += "        participants:\n";
        group.participants.emplace();
        group.participants->reserve(static_cast<std::size_t>(participants));
        for (int p = 0; p < participants; ++p) {
          DesiredParticipant participant;
          participant.name = "caller-" + std::to_string(p);
          participant.count = 1 + p % 2;
          participant.settings.set(F::compute_unit, "g2");
          participant.settings.set(F::browser, "chromeLatest");
          participant.settings.set(F::location, "eu-central-1");
          text += "          - name: " + participant.name +
                  "\n            count: " + std::to_string(participant.count) + "\n";
          if (p == 2) {
            text += "            network: 4g\n";
            participant.settings.set(F::network, "4g");
          }
          if (live_id && !(p == participants - 1 && g % 4 == 0)) {
            const std::int64_t live_count =
                p == 1 && g % 5 == 0 ? participant.count + 1 : participant.count;
            live.participants->push_back(LiveParticipant{next_participant_id++, live_id,
                                                         participant.name, live_count,
                                                         reported(participant.settings)});
          }
          group.participants->push_back(std::move(participant));
        }
        if (live_id && g % 6 == 0) {
          live.participants->push_back(LiveParticipant{next_participant_id++, live_id, "stale", 1,
                                                       reported(ParticipantSettings{})});
        }
      }
      desired.groups.push_back(std::move(group));
    }
    for (int s = 0; s < 3; ++s)
      live.groups.push_back(LiveGroup{next_id++, "stale-" + std::to_string(s), 1, 0});
    live.groups.push_back(LiveGroup{next_id++, "manual-check", 1, 0});
    out.desired.push_back(std::move(desired));
    out.live.push_back(std::move(live));

    if (yaml.size() + text.size() > max_file_bytes - 64 * 1024) {
      out.files.push_back(std::move(yaml));
      start_file();
    }
    yaml += text;
  }
  out.files.push_back(std::move(yaml));
  return out;
}

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// CPU time of the process: on a shared machine it says more than wall time.
double cpu_seconds() { return static_cast<double>(std::clock()) / CLOCKS_PER_SEC; }

double peak_rss_mb() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_maxrss) / 1024.0;
}

// Resident memory now (Linux /proc/self/statm), to tell what the loaded manifest holds from what
// planning adds on top; 0 when unknown.
double current_rss_mb() {
  std::ifstream statm("/proc/self/statm");
  long long size_pages = 0;
  long long resident_pages = 0;
  if (!(statm >> size_pages >> resident_pages)) return 0;
  return static_cast<double>(resident_pages) * static_cast<double>(::sysconf(_SC_PAGESIZE)) /
         (1024.0 * 1024.0);
}

struct Timed {
  PlanResult result;
  double wall = 0;
  double cpu = 0;
};

Timed timed_plan(const std::vector<DesiredTest>& desired, const std::vector<LiveTest>& live,
                 const SourceTexts& sources = {}) {
  const double cpu_start = cpu_seconds();
  const auto start = std::chrono::steady_clock::now();
  Timed out{make_plan(desired, live, PlanOptions{"http://127.0.0.1/v2/", 5040, "bench"}, sources)};
  out.wall = seconds_since(start);
  out.cpu = cpu_seconds() - cpu_start;
  return out;
}

void print_summary(const PlanSummary& summary) {
  std::printf(
      "plan: groups: %lld to create, %lld to duplicate, %lld to update, %lld to delete, %lld "
      "unchanged; participants: %lld to create, %lld to update, %lld to delete, %lld unchanged\n",
      static_cast<long long>(summary.create), static_cast<long long>(summary.duplicate),
      static_cast<long long>(summary.update), static_cast<long long>(summary.remove),
      static_cast<long long>(summary.unchanged),
      static_cast<long long>(summary.participants.create),
      static_cast<long long>(summary.participants.update),
      static_cast<long long>(summary.participants.remove),
      static_cast<long long>(summary.participants.unchanged));
}

}  // namespace

int main(int argc, char** argv) {
  // Each argument a whole number: tests >= 1, groups >= 1, participants >= 0.
  const auto number = [&](int index, int fallback, int minimum) {
    if (argc <= index) return fallback;
    const std::string text = argv[index];
    int value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc() || end != text.data() + text.size() || value < minimum) {
      std::cerr << "usage: bench_planner [tests >= 1] [groups_per_test >= 1] "
                   "[participants_per_group >= 0]\n";
      std::exit(2);
    }
    return value;
  };
  const int tests = number(1, 2000, 1);
  const int groups = number(2, 50, 1);
  const int participants = number(3, 4, 0);

  auto generated = generate(tests, groups, participants);
  std::size_t live_groups = 0;
  std::size_t live_participants = 0;
  std::size_t yaml_bytes = 0;
  for (const auto& test : generated.live) {
    live_groups += test.groups.size();
    live_participants += test.participants ? test.participants->size() : 0;
  }
  for (const auto& file : generated.files) yaml_bytes += file.size();
  std::printf(
      "manifest: %d tests x %d groups x %d participants, %.1f MB of YAML in %zu files; live: %zu "
      "groups, %zu participants\n",
      tests, groups, participants, static_cast<double>(yaml_bytes) / (1024.0 * 1024.0),
      generated.files.size(), live_groups, live_participants);

  // The manifest files, written first so that their text is not held while planning.
  const auto dir = std::filesystem::temp_directory_path() /
                   ("bench_planner." + std::to_string(static_cast<long long>(::getpid())));
  std::filesystem::create_directories(dir);
  std::vector<std::string> paths;
  for (std::size_t i = 0; i < generated.files.size(); ++i) {
    char name[32];
    std::snprintf(name, sizeof name, "part-%03zu.yaml", i);
    const auto path = dir / name;
    std::ofstream(path, std::ios::binary) << generated.files[i];
    paths.push_back(path.string());
  }
  generated.files = {};

  // 1. Plan only, from the in-memory desired tests.
  {
    const auto planned = timed_plan(generated.desired, generated.live);
    if (!planned.result.ok()) {
      std::fprintf(stderr, "bench_planner: planning failed: %s\n",
                   planned.result.errors.front().diagnostic.message.c_str());
      std::filesystem::remove_all(dir);
      return 1;
    }
    print_summary(planned.result.plan.summary);
    std::printf("plan only (in memory): %.3f s wall, %.3f s CPU; peak RSS so far: %.1f MB\n",
                planned.wall, planned.cpu, peak_rss_mb());
  }
  generated.desired = {};
  generated.desired.shrink_to_fit();
  std::printf("resident with the live state alone: %.1f MB\n", current_rss_mb());

  // 2. Load the manifest files, then plan.
  LoadLimits limits;
  limits.max_nodes = 50'000'000;
  const double load_cpu_start = cpu_seconds();
  const auto load_start = std::chrono::steady_clock::now();
  const auto loaded = load_manifests(paths, limits);
  const double load_seconds = seconds_since(load_start);
  const double load_cpu = cpu_seconds() - load_cpu_start;
  std::filesystem::remove_all(dir);
  if (!loaded.ok()) {
    std::fprintf(stderr, "bench_planner: the generated manifest does not load:\n%s",
                 format_diagnostics(loaded.diagnostics).substr(0, 2000).c_str());
    return 1;
  }
  std::printf("resident after load (live state + loaded manifest): %.1f MB\n", current_rss_mb());
  const auto planned = timed_plan(loaded.manifest.tests, generated.live, loaded.sources);
  if (!planned.result.ok()) {
    std::fprintf(stderr, "bench_planner: planning the loaded manifest failed: %s\n",
                 planned.result.errors.front().diagnostic.message.c_str());
    return 1;
  }
  print_summary(planned.result.plan.summary);
  std::printf(
      "load: %.3f s wall, %.3f s CPU\nplan: %.3f s wall, %.3f s CPU\ntotal: %.3f s wall, %.3f s "
      "CPU\npeak RSS: %.1f MB\n",
      load_seconds, load_cpu, planned.wall, planned.cpu, load_seconds + planned.wall,
      load_cpu + planned.cpu, peak_rss_mb());
  return 0;
}
