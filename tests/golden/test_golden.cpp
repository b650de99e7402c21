// Golden tests: each folder tests/golden/<case>/ holds manifest.yaml (read by the real loader),
// live.json (the live groups of each test) and the expected plan as expected.txt, expected.json
// and expected.md. The outputs must match byte for byte.
//
// Regenerate after an intended change:  LOADERO_UPDATE_GOLDEN=1 ctest -R golden
// (or run the test_golden binary with that variable), then review the diff with git.

#include <doctest/doctest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "loadero_sync/diagnostics.hpp"
#include "loadero_sync/manifest.hpp"
#include "loadero_sync/plan_json.hpp"
#include "loadero_sync/planner.hpp"
#include "loadero_sync/report.hpp"

namespace fs = std::filesystem;
using namespace loadero_sync;

namespace {

const fs::path golden_dir = fs::path(LOADERO_SOURCE_DIR) / "tests" / "golden";

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

std::vector<LiveTest> read_live(const fs::path& path) {
  const auto json = nlohmann::json::parse(read_file(path));
  std::vector<LiveTest> tests;
  for (const auto& test : json.at("tests")) {
    LiveTest live;
    live.test_id = test.at("test_id").get<std::int64_t>();
    live.name = test.at("name").get<std::string>();
    for (const auto& group : test.at("groups")) {
      live.groups.push_back(
          LiveGroup{group.at("id").get<std::int64_t>(), group.at("name").get<std::string>(),
                    group.at("count").get<std::int64_t>(), group.value("participant_count", 0)});
    }
    tests.push_back(std::move(live));
  }
  return tests;
}

// What the CLI does before planning: test_name -> test_id by exact, unique live name.
void resolve_test_names(std::vector<DesiredTest>& tests, const std::vector<LiveTest>& live) {
  for (auto& test : tests) {
    if (test.test_id || !test.test_name) continue;
    for (const auto& candidate : live) {
      if (candidate.name == *test.test_name) test.test_id = candidate.test_id;
    }
  }
}

struct Outputs {
  std::string text;
  std::string json;
  std::string markdown;
};

Outputs render_case(const fs::path& dir) {
  const auto loaded = load_manifest_text(read_file(dir / "manifest.yaml"), "manifest.yaml");
  INFO(format_diagnostics(loaded.diagnostics));
  REQUIRE(loaded.ok());
  const auto live = read_live(dir / "live.json");
  auto desired = loaded.manifest.tests;
  resolve_test_names(desired, live);
  const PlanOptions options{"https://api.loadero.com/v2/",
                            loaded.manifest.project_id.value_or(5040), "0.1.0"};
  const auto result = make_plan(desired, live, options);
  std::string errors;
  for (const auto& error : result.errors) errors += error.diagnostic.message + "\n";
  INFO(errors);
  REQUIRE(result.ok());
  Outputs out;
  std::ostringstream text;
  write_plan_text(text, result.plan, Color::off);
  out.text = text.str();
  std::ostringstream json;
  write_plan_json(json, result.plan);
  out.json = json.str();
  std::ostringstream markdown;
  write_plan_markdown(markdown, result.plan);
  out.markdown = markdown.str();
  return out;
}

std::vector<fs::path> case_dirs() {
  std::vector<fs::path> dirs;
  for (const auto& entry : fs::directory_iterator(golden_dir)) {
    if (entry.is_directory() && fs::exists(entry.path() / "manifest.yaml"))
      dirs.push_back(entry.path());
  }
  std::sort(dirs.begin(), dirs.end());
  return dirs;
}

bool updating() {
  const char* value = std::getenv("LOADERO_UPDATE_GOLDEN");
  return value != nullptr && std::string(value) == "1";
}

}  // namespace

TEST_CASE("every golden case renders its expected text, JSON and Markdown plan byte for byte") {
  const auto dirs = case_dirs();
  CHECK(dirs.size() >= 8);
  for (const auto& dir : dirs) {
    CAPTURE(dir.filename().string());
    const auto outputs = render_case(dir);
    const std::pair<const char*, const std::string*> files[] = {{"expected.txt", &outputs.text},
                                                                {"expected.json", &outputs.json},
                                                                {"expected.md", &outputs.markdown}};
    for (const auto& [name, actual] : files) {
      const std::string file_name = name;
      CAPTURE(file_name);
      if (updating()) {
        std::ofstream(dir / name, std::ios::binary) << *actual;
        MESSAGE("updated " << (dir / name).string());
        continue;
      }
      REQUIRE_MESSAGE(fs::exists(dir / name),
                      "missing; run with LOADERO_UPDATE_GOLDEN=1 to create it");
      CHECK(read_file(dir / name) == *actual);
    }
  }
}

TEST_CASE("every golden JSON plan reads back into the same plan") {
  for (const auto& dir : case_dirs()) {
    CAPTURE(dir.filename().string());
    if (!fs::exists(dir / "expected.json")) continue;
    const auto json = nlohmann::json::parse(read_file(dir / "expected.json"));
    std::ostringstream again;
    write_plan_json(again, plan_from_json(json));
    CHECK(again.str() == read_file(dir / "expected.json"));
  }
}
