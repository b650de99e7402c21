// Holds the project to an allow-list of layers: each library owns its folders and public headers
// and may include and link only the libraries and third-party families its row names. A renamed
// folder, a new header or a new link edge that the table does not know fails here.

#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <random>
#include <regex>
#include <string>
#include <vector>

#include "layering_check.hpp"

namespace fs = std::filesystem;
using layering::k_pending;
using layering::Library;
using layering::Target;

namespace {

// The layering table: one row per library of the project (its CMake target). Headers are
// spelled as included; "loadero/" owns every header under include/loadero that no other row
// lists by name (loadero_limits owns "loadero/limits.hpp"). Third-party
// families are those of layering::family_of_include and family_of_target; "posix" is the
// operating system's headers (unistd.h, sys/...).
// clang-format off
const std::vector<Library> k_table = {
    {.target = "loadero_limits",  // header-only, standard library only
     .headers = {"loadero/limits.hpp", "loadero/participant_values.hpp"}},
    {.target = "loadero",
     .folders = {"src/loadero", "include/loadero"},
     .headers = {"loadero/"},
     .may_use = {"loadero_limits"},
     .third_party = {"curl", "nlohmann/json"}},
    {.target = "loadero_sync_common",
     .folders = {"src/sync/common"},
     .headers = {"loadero_sync/model.hpp", "loadero_sync/diagnostics.hpp", "loadero_sync/color.hpp",
                 "loadero_sync/glob.hpp", "loadero_sync/text.hpp", "loadero_sync/parallel.hpp",
                 "loadero_sync/source_text.hpp", "loadero_sync/cancel.hpp"}},
    {.target = "loadero_sync_manifest",
     .folders = {"src/sync/manifest"},
     .headers = {"loadero_sync/manifest.hpp"},
     .may_use = {"loadero_sync_common", "loadero_limits"},
     .third_party = {"libyaml", "valijson", "nlohmann/json"}},
    {.target = "loadero_sync_live",
     .folders = {"src/sync/live"},
     .headers = {"loadero_sync/gateway.hpp", "loadero_sync/retry.hpp", "loadero_sync/live_state.hpp"},
     .may_use = {"loadero_sync_common", "loadero"},
     .third_party = {"nlohmann/json"}},
    {.target = "loadero_sync_plan",
     .folders = {"src/sync/plan"},
     .headers = {"loadero_sync/plan.hpp", "loadero_sync/planner.hpp", "loadero_sync/plan_json.hpp",
                 "loadero_sync/apply_result.hpp", "loadero_sync/staleness.hpp"},
     .may_use = {"loadero_sync_common", "loadero_limits"},
     .third_party = {"nlohmann/json", "openssl"},
     // The planner is pure: no I/O, no clock, no threads, no randomness, no logging.
     .banned = {"fstream", "iostream", "thread", "chrono", "random", "filesystem", "cstdio",
                "spdlog"}},
    {.target = "loadero_sync_apply",
     .folders = {"src/sync/apply"},
     .headers = {"loadero_sync/executor.hpp"},
     .may_use = {"loadero_sync_live", "loadero_sync_plan", "loadero_sync_common"},
     .third_party = {"nlohmann/json"}},
    {.target = "loadero_sync_report",
     .folders = {"src/sync/report"},
     .headers = {"loadero_sync/report.hpp", "loadero_sync/drift.hpp", "loadero_sync/export.hpp"},
     .may_use = {"loadero_sync_plan", "loadero_sync_common", "loadero_limits"},
     .third_party = {"nlohmann/json"}},
    {.target = "loadero_sync_pipeline",
     .folders = {"src/sync/pipeline"},
     .headers = {"loadero_sync/pipeline.hpp"},
     .may_use = {"loadero_sync_manifest", "loadero_sync_live", "loadero_sync_plan",
                 "loadero_sync_apply", "loadero_sync_common", "loadero"}},
    {.target = "loadero_sync_cli",
     .folders = {"src/cli"},
     .may_use = {"loadero_sync_pipeline", "loadero_sync_report", "loadero_sync_manifest",
                 "loadero_sync_live", "loadero_sync_plan", "loadero_sync_apply",
                 "loadero_sync_common", "loadero"},
     .third_party = {"CLI11", "spdlog", "nlohmann/json", "posix"}},
    {.target = "loadero_emulator_core",
     .folders = {"src/emulator"},
     .may_use = {"loadero", "loadero_limits"},
     .third_party = {"httplib", "nlohmann/json", "CLI11", "posix"}},
};
// clang-format on

std::string listing(const std::vector<std::string>& problems) {
  std::string out;
  for (const auto& problem : problems) out += "\n  " + problem;
  return out;
}

/// A small source tree in a folder of its own (ctest may run test cases side by side), removed
/// when the test case ends. It starts clean against k_fixture_table below.
class FixtureTree {
 public:
  FixtureTree() {
    std::random_device random;
    m_root = fs::temp_directory_path() /
             ("loadero_layering_" + std::to_string(random()) + std::to_string(random()));
    write("include/loadero_sync/model.hpp", "#pragma once\n#include <string>\n");
    write("include/loadero_sync/parallel.hpp", "#pragma once\n#include <thread>\n");
    write("include/loadero_sync/gateway.hpp",
          "#pragma once\n#include \"loadero_sync/model.hpp\"\n");
    write("include/loadero_sync/planner.hpp",
          "#pragma once\n#include \"loadero_sync/model.hpp\"\n");
    write("src/sync/common/model.cpp", "#include \"loadero_sync/model.hpp\"\n");
    write("src/sync/live/gateway.cpp",
          "#include <nlohmann/json.hpp>\n\n#include \"loadero_sync/gateway.hpp\"\n");
    write("src/sync/plan/planner_detail.hpp", "#pragma once\n#include <vector>\n");
    write("src/sync/plan/CMakeLists.txt",
          "add_library(loadero_sync_plan STATIC planner.cpp)\n"
          "target_link_libraries(loadero_sync_plan\n"
          "  PUBLIC loadero_sync_common nlohmann_json::nlohmann_json\n"
          "  PRIVATE loadero_warnings)\n");
    write_planner("");
  }
  ~FixtureTree() {
    std::error_code ignored;
    fs::remove_all(m_root, ignored);
  }
  FixtureTree(const FixtureTree&) = delete;
  FixtureTree& operator=(const FixtureTree&) = delete;

  void write(const std::string& path, const std::string& text) const {
    fs::create_directories((m_root / path).parent_path());
    std::ofstream(m_root / path) << text;
  }

  /// src/sync/plan/planner.cpp, with `extra` starting at line 12.
  void write_planner(const std::string& extra) const {
    write("src/sync/plan/planner.cpp",
          "#include \"loadero_sync/planner.hpp\"\n\n#include <string>\n#include <vector>\n\n"
          "#include \"loadero_sync/model.hpp\"\n#include \"planner_detail.hpp\"\n\n"
          "// Lines 9 to 11 stand in for the planner.\n\n\n" +
              extra);
  }

  /// The problems `layering::check` finds with k_fixture_table and `targets`.
  std::vector<std::string> check(const std::vector<Target>& targets) const;

  const fs::path& root() const { return m_root; }

 private:
  fs::path m_root;
};

// clang-format off
const std::vector<Library> k_fixture_table = {
    {.target = "loadero_sync_common",
     .folders = {"src/sync/common"},
     .headers = {"loadero_sync/model.hpp", "loadero_sync/parallel.hpp"}},
    {.target = "loadero_sync_live",
     .folders = {"src/sync/live"},
     .headers = {"loadero_sync/gateway.hpp"},
     .may_use = {"loadero_sync_common"},
     .third_party = {"nlohmann/json"}},
    {.target = "loadero_sync_plan",
     .folders = {"src/sync/plan"},
     .headers = {"loadero_sync/planner.hpp", {"loadero_sync/apply_result.hpp", k_pending}},
     .may_use = {"loadero_sync_common"},
     .third_party = {"nlohmann/json"},
     .banned = {"fstream", "thread", "spdlog"}},
    {.target = "loadero_sync_pipeline",
     .folders = {"src/sync/pipeline"},
     .headers = {"loadero_sync/pipeline.hpp"},
     .may_use = {"loadero_sync_plan", "loadero_sync_common"},
     .pending = k_pending},
};
// clang-format on

/// The link edges of the clean fixture tree, as CMake would write them.
std::vector<Target> fixture_edges() {
  return {
      {"loadero_sync_common",
       "STATIC_LIBRARY",
       "src/sync/common",
       {"$<LINK_ONLY:loadero_warnings>"}},
      {"loadero_sync_live",
       "STATIC_LIBRARY",
       "src/sync/live",
       {"loadero_sync_common", "$<LINK_ONLY:nlohmann_json::nlohmann_json>", "Threads::Threads"}},
      {"loadero_sync_plan",
       "STATIC_LIBRARY",
       "src/sync/plan",
       {"loadero_sync_common", "nlohmann_json::nlohmann_json", "$<LINK_ONLY:loadero_warnings>"}},
  };
}

std::vector<std::string> FixtureTree::check(const std::vector<Target>& targets) const {
  return layering::check(m_root, k_fixture_table, targets);
}

}  // namespace

TEST_CASE("the repository keeps to the layering table, in its includes and its link edges") {
  const auto targets = layering::read_link_edges(LOADERO_LINK_EDGES_FILE, LOADERO_SOURCE_DIR);
  // The edges file is read at all: the planner's edge to the common library is in it.
  const auto plan = std::find_if(targets.begin(), targets.end(),
                                 [](const Target& t) { return t.name == "loadero_sync_plan"; });
  REQUIRE(plan != targets.end());
  CHECK(plan->folder == "src/sync/plan");
  CHECK(std::find(plan->links.begin(), plan->links.end(), "loadero_sync_common") !=
        plan->links.end());

  const auto problems = layering::check(LOADERO_SOURCE_DIR, k_table, targets);
  CHECK_MESSAGE(problems.empty(), "layering problems:" << listing(problems));
}

TEST_CASE("the clean fixture tree passes, so each fault below is the only one reported") {
  const FixtureTree tree;
  const auto problems = tree.check(fixture_edges());
  CHECK_MESSAGE(problems.empty(), "layering problems:" << listing(problems));
}

TEST_CASE("a planner file including another library's public header is reported") {
  const FixtureTree tree;
  tree.write_planner("#include \"loadero_sync/gateway.hpp\"\n");
  CHECK(tree.check(fixture_edges()) ==
        std::vector<std::string>{
            "src/sync/plan/planner.cpp:12: loadero_sync_plan may not include "
            "loadero_sync/gateway.hpp (owned by loadero_sync_live); allowed: loadero_sync_common"});
}

TEST_CASE("a third-party header outside the libraries allowed to use it is reported") {
  const FixtureTree tree;
  tree.write_planner("#include <yaml.h>\n#include <boost/asio.hpp>\n");
  CHECK(tree.check(fixture_edges()) ==
        std::vector<std::string>{
            "src/sync/plan/planner.cpp:12: loadero_sync_plan may not include "
            "<yaml.h> (libyaml); third-party allowed: nlohmann/json",
            "src/sync/plan/planner.cpp:13: loadero_sync_plan includes <boost/asio.hpp>, whose "
            "family the layering check does not know (add it to family_of_include)"});
}

TEST_CASE("the pure planner may not include a banned header, even through an allowed header") {
  const FixtureTree tree;
  tree.write_planner("#include <fstream>\n#include \"loadero_sync/parallel.hpp\"\n");
  CHECK(tree.check(fixture_edges()) ==
        std::vector<std::string>{
            "src/sync/plan/planner.cpp:12: loadero_sync_plan is pure and may not include <fstream>",
            "src/sync/plan/planner.cpp:13: loadero_sync_plan is pure and may not include <thread> "
            "(through loadero_sync/parallel.hpp)"});
}

TEST_CASE("a quoted include of a header outside the file's own folder is reported") {
  const FixtureTree tree;
  tree.write_planner("#include \"../live/gateway.cpp\"\n");
  CHECK(tree.check(fixture_edges()) ==
        std::vector<std::string>{
            "src/sync/plan/planner.cpp:12: loadero_sync_plan includes \"../live/gateway.cpp\", "
            "which is not a header in its own folders"});
}

TEST_CASE("a forbidden link edge read from CMake is reported with its CMakeLists.txt line") {
  const FixtureTree tree;
  tree.write("src/sync/plan/CMakeLists.txt",
             "add_library(loadero_sync_plan STATIC planner.cpp)\n"
             "target_link_libraries(loadero_sync_plan\n"
             "  PUBLIC loadero_sync_common nlohmann_json::nlohmann_json\n"
             "  PRIVATE loadero_sync_live spdlog::spdlog CURL::libcurl loadero_warnings)\n"
             "add_library(loadero_sync_plan_extra STATIC extra.cpp)\n");
  auto edges = fixture_edges();
  edges[2].links.insert(edges[2].links.end(), {"loadero_sync_live", "$<LINK_ONLY:spdlog::spdlog>",
                                               "$<$<BOOL:ON>:CURL::libcurl>"});
  edges.push_back({"loadero_sync_plan_extra", "STATIC_LIBRARY", "src/sync/plan", {}});
  CHECK(tree.check(edges) ==
        std::vector<std::string>{
            "src/sync/plan/CMakeLists.txt:4: loadero_sync_plan may not link loadero_sync_live; "
            "allowed: loadero_sync_common",
            "src/sync/plan/CMakeLists.txt:4: loadero_sync_plan is pure and may not link "
            "spdlog::spdlog",
            "src/sync/plan/CMakeLists.txt:4: loadero_sync_plan may not link CURL::libcurl (curl); "
            "third-party allowed: nlohmann/json",
            "src/sync/plan/CMakeLists.txt: CMake target loadero_sync_plan_extra is in no row of "
            "the layering table"});
}

TEST_CASE("a library of the table without its CMake target is reported") {
  const FixtureTree tree;
  auto edges = fixture_edges();
  edges.erase(edges.begin() + 1);  // loadero_sync_live
  CHECK(tree.check(edges) ==
        std::vector<std::string>{
            "loadero_sync_live: library of the layering table has no CMake target of that name"});
}

TEST_CASE("a missing listed folder, and the folder it was renamed to, are reported") {
  const FixtureTree tree;
  fs::rename(tree.root() / "src/sync/live", tree.root() / "src/sync/reader");
  CHECK(tree.check(fixture_edges()) ==
        std::vector<std::string>{"src/sync/live: folder of loadero_sync_live is missing",
                                 "src/sync/reader: folder is in no row of the layering table"});
}

TEST_CASE("a public header nobody owns, and a source file outside every folder, are reported") {
  const FixtureTree tree;
  tree.write("include/loadero_sync/stray.hpp", "#pragma once\n");
  tree.write("src/sync/helpers.cpp", "#include <string>\n");
  tree.write_planner("#include \"loadero_sync/stray.hpp\"\n");
  CHECK(tree.check(fixture_edges()) ==
        std::vector<std::string>{
            "src/sync/helpers.cpp: source file is in no library folder of the layering table",
            "include/loadero_sync/stray.hpp: public header is owned by no library in the "
            "layering table",
            "src/sync/plan/planner.cpp:12: loadero_sync_plan includes loadero_sync/stray.hpp, "
            "which no library owns"});
}

TEST_CASE("a header a row lists by name is that row's alone, inside another row's header folder") {
  const FixtureTree tree;
  tree.write("include/loadero/group.hpp", "#pragma once\n#include \"loadero/limits.hpp\"\n");
  tree.write("include/loadero/limits.hpp", "#pragma once\n#include <nlohmann/json.hpp>\n");
  tree.write_planner("#include \"loadero/limits.hpp\"\n#include \"loadero/group.hpp\"\n");
  auto table = k_fixture_table;
  // Only the header's own row allows nlohmann/json, and only its rules apply to the header.
  table.push_back({.target = "loadero",
                   .headers = {"loadero/"},
                   .may_use = {"loadero_limits"},
                   .third_party = {"curl"},
                   .pending = k_pending});
  table.push_back({.target = "loadero_limits",
                   .headers = {"loadero/limits.hpp"},
                   .third_party = {"nlohmann/json"},
                   .pending = k_pending});
  table[2].may_use.push_back("loadero_limits");  // loadero_sync_plan
  CHECK(layering::check(tree.root(), table, fixture_edges()) ==
        std::vector<std::string>{
            "src/sync/plan/planner.cpp:13: loadero_sync_plan may not include loadero/group.hpp "
            "(owned by loadero); allowed: loadero_sync_common, loadero_limits"});
}

TEST_CASE("a pending row or header may be missing, and is checked like any other once it exists") {
  const FixtureTree tree;
  tree.write("include/loadero_sync/apply_result.hpp", "#pragma once\n#include <fstream>\n");
  tree.write("include/loadero_sync/pipeline.hpp", "#pragma once\n");
  tree.write("src/sync/pipeline/pipeline.cpp",
             "#include \"loadero_sync/pipeline.hpp\"\n#include \"loadero_sync/gateway.hpp\"\n");
  CHECK(tree.check(fixture_edges()) ==
        std::vector<std::string>{
            "include/loadero_sync/apply_result.hpp:2: loadero_sync_plan is pure and may not "
            "include <fstream>",
            "src/sync/pipeline/pipeline.cpp:2: loadero_sync_pipeline may not include "
            "loadero_sync/gateway.hpp (owned by loadero_sync_live); allowed: loadero_sync_plan, "
            "loadero_sync_common"});
}

TEST_CASE(
    "no test case name holds a semicolon, which ctest would split into tests that never run") {
  const fs::path root = LOADERO_SOURCE_DIR;
  static const std::regex test_case(R"(TEST_CASE\s*\(\s*"((?:[^"\\]|\\.)*)\")");
  std::vector<std::string> bad;
  for (const auto& entry : fs::recursive_directory_iterator(root / "tests")) {
    if (!entry.is_regular_file() || entry.path().extension() != ".cpp") continue;
    std::ifstream in(entry.path());
    std::string line;
    while (std::getline(in, line)) {
      std::smatch match;
      if (std::regex_search(line, match, test_case) &&
          match[1].str().find(';') != std::string::npos) {
        bad.push_back(fs::relative(entry.path(), root).string() + ": " + match[1].str());
      }
    }
  }
  CHECK_MESSAGE(bad.empty(), "test names with ';':" << listing(bad));
}
