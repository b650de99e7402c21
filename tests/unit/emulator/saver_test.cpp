// The state saver behind Api: coalesced background saves, sync saves, and a flush that holds
// every write.

#include "saver.hpp"

#include <doctest/doctest.h>

#include <atomic>
#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include "api.hpp"
#include "emulator_support.hpp"
#include "state.hpp"

using namespace loadero_emulator;
using namespace std::chrono_literals;

namespace {

ApiRequest create_group(int i) {
  return ApiRequest{"POST",
                    "/v2/projects/5040/tests/6866/groups/",
                    {},
                    "LoaderoAuth demo-token",
                    R"({"name": "Burst )" + std::to_string(i) + R"(", "count": 1})"};
}

std::size_t groups_in_file(const std::string& path) {
  const State saved = load_state_file(path);
  std::size_t count = 0;
  for (const auto& [id, group] : saved.groups) count += group.test_id == 6866 ? 1 : 0;
  return count;
}

}  // namespace

TEST_CASE("1000 writes in a burst take far fewer saves, and a flush holds every write") {
  const loadero_test::TempDir temp("emu-saver");
  const std::string path = temp.path() + "/state.json";
  std::atomic<int> counted{0};
  ApiOptions options;
  options.state_file = path;
  options.save_interval = 50ms;
  options.on_saved = [&] { ++counted; };
  Api api{demo_state(), options};
  api.save();
  CHECK(groups_in_file(path) == 4);
  const auto start = std::chrono::steady_clock::now();
  for (int i = 0; i < 1000; ++i) REQUIRE(api.handle(create_group(i)).status == 201);
  const auto elapsed = std::chrono::steady_clock::now() - start;
  api.save();
  const auto saves = api.saves();
  // One save at start, one at the end, and at most one per 50 ms in between.
  MESSAGE("1000 writes: " << saves << " saves in "
                          << std::chrono::duration_cast<std::chrono::milliseconds>(elapsed).count()
                          << " ms");
  CHECK(saves <= 2 + elapsed / 50ms + 1);
  CHECK(saves < 100);
  CHECK(counted.load() == saves);
  CHECK(groups_in_file(path) == 1004);
}

TEST_CASE("a background save follows a write within the interval, without a flush") {
  const loadero_test::TempDir temp("emu-saver");
  const std::string path = temp.path() + "/state.json";
  ApiOptions options;
  options.state_file = path;
  options.save_interval = 20ms;
  Api api{demo_state(), options};
  api.save();
  REQUIRE(api.handle(create_group(0)).status == 201);
  const auto deadline = std::chrono::steady_clock::now() + 5s;
  while (api.saves() < 2 && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(5ms);
  }
  CHECK(api.saves() == 2);
  CHECK(groups_in_file(path) == 5);
}

TEST_CASE("with sync_save an answered write is already in the file, and waiting writers share") {
  const loadero_test::TempDir temp("emu-saver");
  const std::string path = temp.path() + "/state.json";
  ApiOptions options;
  options.state_file = path;
  options.sync_save = true;
  Api api{demo_state(), options};
  api.save();
  for (int i = 0; i < 5; ++i) {
    REQUIRE(api.handle(create_group(i)).status == 201);
    CHECK(groups_in_file(path) == 5 + static_cast<std::size_t>(i));
  }
  CHECK(api.saves() == 6);
  std::vector<std::thread> writers;
  for (int t = 0; t < 8; ++t) {
    writers.emplace_back([&api, t] {
      for (int i = 0; i < 25; ++i) api.handle(create_group(100 + t * 25 + i));
    });
  }
  for (auto& writer : writers) writer.join();
  CHECK(groups_in_file(path) == 209);
  MESSAGE("200 writes from 8 threads: " << api.saves() - 6 << " saves");
  CHECK(api.saves() - 6 <= 200);
}

TEST_CASE("without a state file nothing is saved") {
  Api api{demo_state(), ApiOptions{}};
  REQUIRE(api.handle(create_group(0)).status == 201);
  api.save();
  CHECK(api.saves() == 0);
}
