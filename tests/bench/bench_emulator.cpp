// Read throughput of loadero-emulator: starts the real binary, seeds a test with 50 groups (one
// participant each), then N client threads with keep-alive connections list the groups for a
// fixed time. Prints requests per second and latency percentiles.
//
//   bench_emulator [--threads N] [--seconds S] [--groups G]

#include <httplib.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <iostream>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "emulator_support.hpp"

namespace {

struct Settings {
  int threads = 4;
  double seconds = 5;
  int groups = 50;
};

Settings parse(int argc, char** argv) {
  Settings settings;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string flag = argv[i];
    if (flag == "--threads") {
      settings.threads = std::stoi(argv[i + 1]);
    } else if (flag == "--seconds") {
      settings.seconds = std::stod(argv[i + 1]);
    } else if (flag == "--groups") {
      settings.groups = std::stoi(argv[i + 1]);
    } else {
      throw std::invalid_argument("unknown flag " + flag +
                                  " (use --threads N, --seconds S, --groups G)");
    }
  }
  if (argc % 2 == 0) throw std::invalid_argument("every flag needs a value");
  return settings;
}

double percentile(const std::vector<double>& sorted, double share) {
  if (sorted.empty()) return 0;
  const auto index = static_cast<std::size_t>(share * static_cast<double>(sorted.size() - 1));
  return sorted[index];
}

}  // namespace

int main(int argc, char** argv) {
  try {
    const Settings settings = parse(argc, argv);
    loadero_test::EmulatorOptions options;
    options.token = "bench-token";
    loadero_test::EmulatorProcess emulator(options);

    const auto test = nlohmann::json::parse(emulator.http_request(
        "POST", "/v2/projects/5040/tests/",
        R"({"name": "Bench", "start_interval": 1, "participant_timeout": 600, "mode": "load", "increment_strategy": "linear"})"));
    const std::string groups_path =
        "/v2/projects/5040/tests/" + std::to_string(test["id"].get<std::int64_t>()) + "/groups/";
    for (int i = 0; i < settings.groups; ++i) {
      const auto group = nlohmann::json::parse(
          emulator.http_request("POST", groups_path,
                                R"({"name": "Group )" + std::to_string(i) + R"(", "count": )" +
                                    std::to_string(1 + i % 3) + "}"));
      emulator.http_request(
          "POST", groups_path + std::to_string(group["id"].get<std::int64_t>()) + "/participants/",
          R"({"name": "P", "count": 2})");
    }
    const auto check = nlohmann::json::parse(emulator.http_request("GET", groups_path));
    if (check["results"].size() != static_cast<std::size_t>(settings.groups)) {
      throw std::runtime_error("seeding failed: " + check.dump());
    }
    emulator.http_request("POST", "/_emulator/reset", "", false);

    std::atomic<bool> stop{false};
    std::vector<std::vector<double>> latencies(static_cast<std::size_t>(settings.threads));
    std::vector<long> errors(static_cast<std::size_t>(settings.threads), 0);
    std::vector<std::thread> workers;
    const httplib::Headers headers{{"Authorization", "LoaderoAuth bench-token"}};
    const auto start = std::chrono::steady_clock::now();
    for (int t = 0; t < settings.threads; ++t) {
      workers.emplace_back([&, t] {
        httplib::Client client("127.0.0.1", emulator.port());
        client.set_keep_alive(true);
        auto& mine = latencies[static_cast<std::size_t>(t)];
        mine.reserve(200000);
        while (!stop.load(std::memory_order_relaxed)) {
          const auto before = std::chrono::steady_clock::now();
          const auto result = client.Get(groups_path.c_str(), headers);
          const auto after = std::chrono::steady_clock::now();
          if (!result || result->status != 200 || result->body.size() < 1000) {
            ++errors[static_cast<std::size_t>(t)];
            continue;
          }
          mine.push_back(std::chrono::duration<double, std::milli>(after - before).count());
        }
      });
    }
    std::this_thread::sleep_for(std::chrono::duration<double>(settings.seconds));
    stop.store(true);
    for (auto& worker : workers) worker.join();
    const double elapsed =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

    std::vector<double> all;
    long failed = 0;
    for (std::size_t t = 0; t < latencies.size(); ++t) {
      all.insert(all.end(), latencies[t].begin(), latencies[t].end());
      failed += errors[t];
    }
    std::sort(all.begin(), all.end());
    const auto stats = nlohmann::json::parse(emulator.http_get("/_emulator/stats"));
    const double rate = static_cast<double>(all.size()) / elapsed;
    std::printf("bench_emulator: GET groups list (%d groups), %d keep-alive clients, %.1f s\n",
                settings.groups, settings.threads, elapsed);
    std::printf("  requests ok %zu, failed %ld, server counted %lld\n", all.size(), failed,
                static_cast<long long>(stats["total"].get<std::int64_t>()));
    std::printf("  throughput %.0f requests/s (target >= 2000: %s)\n", rate,
                rate >= 2000 ? "met" : "NOT met");
    std::printf("  latency ms: p50 %.3f  p90 %.3f  p99 %.3f  max %.3f\n", percentile(all, 0.5),
                percentile(all, 0.9), percentile(all, 0.99), all.empty() ? 0.0 : all.back());
    return failed == 0 ? 0 : 1;
  } catch (const std::exception& error) {
    std::fprintf(stderr, "bench_emulator: error: %s\n", error.what());
    return 1;
  }
}
