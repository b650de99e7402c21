// Keeps the include rules of STYLE.md: each third-party transport or parser stays in its one
// folder, the planner stays pure, and the resource layer does not know the sync core.

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <string>
#include <vector>

namespace fs = std::filesystem;

namespace {

struct Include {
  std::string file;  // relative to the repository
  std::string header;
};

/// Every `#include` line of the .hpp/.cpp files under `folder` (relative to the repository).
std::vector<Include> includes_under(const std::string& folder) {
  const fs::path root = LOADERO_SOURCE_DIR;
  std::vector<Include> found;
  if (!fs::exists(root / folder)) return found;
  static const std::regex include_line(R"(^\s*#\s*include\s*[<"]([^>"]+)[>"])");
  for (const auto& entry : fs::recursive_directory_iterator(root / folder)) {
    const auto ext = entry.path().extension();
    if (!entry.is_regular_file() || (ext != ".hpp" && ext != ".cpp" && ext != ".h")) continue;
    std::ifstream in(entry.path());
    std::string line;
    while (std::getline(in, line)) {
      std::smatch match;
      if (std::regex_search(line, match, include_line)) {
        found.push_back({fs::relative(entry.path(), root).string(), match[1].str()});
      }
    }
  }
  return found;
}

bool starts_with_any(const std::string& header, const std::vector<std::string>& prefixes) {
  for (const auto& prefix : prefixes) {
    if (header.rfind(prefix, 0) == 0) return true;
  }
  return false;
}

/// The includes under `folders` (recursively) that start with one of `banned`, as "file -> header".
std::vector<std::string> violations(const std::vector<std::string>& folders,
                                    const std::vector<std::string>& banned) {
  std::vector<std::string> out;
  for (const auto& folder : folders) {
    for (const auto& inc : includes_under(folder)) {
      if (starts_with_any(inc.header, banned)) out.push_back(inc.file + " -> " + inc.header);
    }
  }
  return out;
}

const std::vector<std::string> all_code = {"include", "src"};

}  // namespace

TEST_CASE("the layering test finds the project's sources") {
  CHECK_FALSE(includes_under("src").empty());
}

TEST_CASE("only src/loadero includes curl") {
  CHECK(violations({"include", "src/sync", "src/cli", "src/emulator"}, {"curl/"}).empty());
}

TEST_CASE("only src/sync/manifest includes yaml-cpp") {
  CHECK(violations({"include", "src/loadero", "src/sync/plan", "src/sync/apply", "src/sync/report",
                    "src/cli", "src/emulator"},
                   {"yaml-cpp/"})
            .empty());
}

TEST_CASE("only src/emulator includes httplib") {
  CHECK(violations({"include", "src/loadero", "src/sync", "src/cli"}, {"httplib"}).empty());
}

TEST_CASE("only src/cli includes CLI11 apart from the emulator's own main") {
  CHECK(violations({"include", "src/loadero", "src/sync"}, {"CLI/"}).empty());
}

TEST_CASE("the resource layer does not know the sync core") {
  CHECK(violations({"include/loadero", "src/loadero"}, {"loadero_sync/"}).empty());
}

TEST_CASE(
    "the planner is pure: no resource layer, no I/O streams, no logging, no clock, no threads") {
  CHECK(violations({"src/sync/plan"},
                   {"loadero/", "loadero_sync/executor", "loadero_sync/gateway",
                    "loadero_sync/report", "loadero_sync/manifest", "spdlog/", "fstream",
                    "iostream", "chrono", "thread", "filesystem", "cstdio", "random"})
            .empty());
}

TEST_CASE("reporters see plans and results, not the resource layer or the network") {
  CHECK(violations({"src/sync/report"}, {"loadero/", "loadero_sync/gateway", "spdlog/"}).empty());
}

TEST_CASE("the executor does not render reports or parse manifests") {
  CHECK(violations({"src/sync/apply"},
                   {"loadero_sync/report", "loadero_sync/manifest", "loadero_sync/drift"})
            .empty());
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
  std::string listing;
  for (const auto& name : bad) listing += "\n  " + name;
  CHECK_MESSAGE(bad.empty(), "test names with ';':" << listing);
}
