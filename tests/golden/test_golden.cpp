// Golden tests: each folder tests/golden/<case>/ holds manifest.yaml (read by the real loader),
// live.json (the live groups of each test and, for a test given "participants", its live
// participants) and the expected plan as expected.txt, expected.json and expected.md. The outputs
// must match byte for byte.
//
// A case whose plan has problems (a conflict in the live state) is kept as `loadero-sync plan`
// shows it: expected.txt holds the diagnostics it prints (the text plan is withheld then), and
// expected.json / expected.md the plan with its problems. A case whose plan is whole but breaks a
// limit (a budget, a test-mode cap) shows the text plan, then its warnings and problems.
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
#include "loadero_sync/source_text.hpp"

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

// A participant of live.json: "id", "group_id" (null or absent: in no group), "name", "count", and
// any ParticipantField key; record_audio may be a JSON boolean.
LiveParticipant read_participant(const nlohmann::json& json) {
  LiveParticipant participant;
  participant.id = json.at("id").get<std::int64_t>();
  if (json.contains("group_id") && !json.at("group_id").is_null())
    participant.group_id = json.at("group_id").get<std::int64_t>();
  participant.name = json.at("name").get<std::string>();
  participant.count = json.at("count").get<std::int64_t>();
  for (const auto& [key, value] : json.items()) {
    if (key == "id" || key == "group_id" || key == "name" || key == "count") continue;
    const auto field = participant_field_from_key(key);
    REQUIRE_MESSAGE(field, "unknown participant key in live.json: " << key);
    participant.settings.set(*field, value.is_boolean() ? (value.get<bool>() ? "true" : "false")
                                                        : value.get<std::string>());
  }
  return participant;
}

std::vector<LiveTest> read_live(const fs::path& path) {
  const auto json = nlohmann::json::parse(read_file(path));
  std::vector<LiveTest> tests;
  for (const auto& test : json.at("tests")) {
    LiveTest live;
    live.test_id = test.at("test_id").get<std::int64_t>();
    live.name = test.at("name").get<std::string>();
    if (test.contains("mode")) live.mode = test.at("mode").get<std::string>();
    for (const auto& group : test.at("groups")) {
      live.groups.push_back(
          LiveGroup{group.at("id").get<std::int64_t>(), group.at("name").get<std::string>(),
                    group.at("count").get<std::int64_t>(), group.value("participant_count", 0)});
      if (group.contains("total_cu_count"))
        live.groups.back().total_cu_count = group.at("total_cu_count").get<double>();
    }
    if (test.contains("participants")) {
      live.participants.emplace();
      for (const auto& participant : test.at("participants"))
        live.participants->push_back(read_participant(participant));
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
  const std::string manifest_text = read_file(dir / "manifest.yaml");
  const auto loaded = load_manifest_text(manifest_text, "manifest.yaml");
  INFO(format_diagnostics(loaded.diagnostics));
  REQUIRE(loaded.ok());
  const auto live = read_live(dir / "live.json");
  auto desired = loaded.manifest.tests;
  resolve_test_names(desired, live);
  PlanOptions options{"https://api.loadero.com/v2/",
                      loaded.manifest.project_id.value_or(5040), "0.1.0"};
  options.check_limits = true;  // as plan and apply do
  SourceTexts sources;
  sources.add("manifest.yaml", manifest_text);
  auto result = make_plan(desired, live, options, sources);
  // As the CLI does: each error becomes a problem of the plan, named by its test.
  Plan plan = std::move(result.plan);
  for (auto& error : result.errors) {
    std::string name;
    for (const auto& test : live) {
      if (test.test_id == error.test_id) name = test.name;
    }
    plan.problems.push_back(
        PlanProblem{error.test_id, std::move(name), error.kind, error.diagnostic});
  }
  Outputs out;
  std::ostringstream text;
  // As the CLI prints them: with their manifest position when they have one.
  const auto print = [&](const Diagnostic& diagnostic) {
    if (diagnostic.pos.file.empty()) {
      text << "loadero-sync: "
           << (diagnostic.severity == Severity::warning ? "warning: " : "error: ")
           << diagnostic.message << '\n';
    } else {
      text << format_diagnostic(diagnostic);
    }
  };
  // A whole plan (every test planned, limits broken or not) is shown, then its warnings and
  // problems; a partial one only by its problems.
  if (plan.complete()) {
    write_plan_text(text, plan, Color::off);
    for (const auto& warning : plan.warnings) print(warning.diagnostic);
  }
  for (const auto& problem : plan.problems) print(problem.diagnostic);
  out.text = text.str();
  std::ostringstream json;
  write_plan_json(json, plan);
  out.json = json.str();
  std::ostringstream markdown;
  write_plan_markdown(markdown, plan);
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
