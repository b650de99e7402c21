// -f paths: files and directories, several of them, I/O problems, rules across files.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <random>
#include <string>

#include "loadero_sync/manifest.hpp"

namespace fs = std::filesystem;
using loadero_sync::format_diagnostic;
using loadero_sync::load_manifests;

namespace {

/// A fresh folder under the system temp dir, removed again at the end of the test.
class TempDir {
 public:
  TempDir() {
    std::random_device rd;
    m_path = fs::temp_directory_path() /
             ("loadero-manifest-test-" + std::to_string(rd()) + std::to_string(rd()));
    fs::create_directories(m_path);
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(m_path, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  std::string write(const std::string& relative, const std::string& text) const {
    const fs::path p = m_path / relative;
    fs::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << text;
    return p.string();
  }
  std::string path(const std::string& relative = "") const { return (m_path / relative).string(); }

 private:
  fs::path m_path;
};

std::string headlines(const loadero_sync::LoadResult& result, const std::string& strip) {
  std::string out;
  for (const auto& d : result.diagnostics) {
    std::string full = format_diagnostic(d);
    full = full.substr(0, full.find('\n') + 1);
    for (std::size_t at; (at = full.find(strip)) != std::string::npos;)
      full.erase(at, strip.size());
    out += full;
  }
  return out;
}

std::string test_file(int id) {
  return "version: 1\ntests:\n  - test_id: " + std::to_string(id) + "\n";
}

}  // namespace

TEST_CASE("a directory loads every *.yaml and *.yml directly inside it, sorted by name") {
  TempDir dir;
  dir.write("m/b.yml", test_file(2));
  dir.write("m/a.yaml", test_file(1));
  dir.write("m/c.yaml", test_file(3));
  dir.write("m/notes.txt", "not yaml");
  dir.write("m/nested/d.yaml", test_file(4));
  const auto result = load_manifests({dir.path("m")});
  CHECK(result.ok());
  REQUIRE(result.manifest.tests.size() == 3);
  CHECK(result.manifest.tests[0].test_id == 1);
  CHECK(result.manifest.tests[1].test_id == 2);
  CHECK(result.manifest.tests[2].test_id == 3);
  CHECK(result.manifest.files ==
        std::vector<std::string>{dir.path("m/a.yaml"), dir.path("m/b.yml"), dir.path("m/c.yaml")});
  CHECK(result.manifest.tests[1].source.file == dir.path("m/b.yml"));
}

TEST_CASE("paths load in the order given and a file named twice is read once") {
  TempDir dir;
  const std::string a = dir.write("a.yaml", test_file(1));
  const std::string b = dir.write("b.yaml", test_file(2));
  const auto result = load_manifests({b, a, dir.path() + "/./b.yaml"});
  CHECK(result.ok());
  REQUIRE(result.manifest.tests.size() == 2);
  CHECK(result.manifest.tests[0].test_id == 2);
  CHECK(result.manifest.tests[1].test_id == 1);
}

TEST_CASE("a file given by name is read whatever its extension") {
  TempDir dir;
  const auto result = load_manifests({dir.write("manifest.txt", test_file(9))});
  CHECK(result.ok());
  CHECK(result.manifest.tests.at(0).test_id == 9);
}

TEST_CASE("errors of all files are reported, files in load order and lines in order") {
  TempDir dir;
  dir.write("m/a.yaml", "version: 1\ntests:\n  - test_id: 0\n  - test_id: 5\n    prune: 3\n");
  dir.write("m/b.yaml", "version: 1\nbogus: 1\ntests:\n  - test_id: 5\n");
  const auto result = load_manifests({dir.path("m")});
  CHECK_FALSE(result.ok());
  CHECK(headlines(result, dir.path("m/")) ==
        "a.yaml:3:14: error: test_id must be an integer >= 1\n"
        "a.yaml:5:12: error: prune must be true or false\n"
        "b.yaml:2:1: error: unknown key 'bogus' at the top level\n"
        "b.yaml:4:14: error: test 5 is declared twice\n");
  CHECK(result.diagnostics.back().hint ==
        "first declared at " + dir.path("m/a.yaml") + ":4:14; merge the two entries");
}

TEST_CASE("project_id may be repeated across files but not changed") {
  TempDir dir;
  const std::string a =
      dir.write("a.yaml", "version: 1\nproject_id: 5040\ntests:\n  - test_id: 1\n");
  const std::string b =
      dir.write("b.yaml", "version: 1\nproject_id: 5040\ntests:\n  - test_id: 2\n");
  const std::string c = dir.write("c.yaml", "version: 1\nproject_id: 77\ntests:\n  - test_id: 3\n");
  const std::string d = dir.write("d.yaml", "version: 1\ntests:\n  - test_id: 4\n");
  const auto same = load_manifests({a, b, d});
  CHECK(same.ok());
  CHECK(same.manifest.project_id == 5040);
  const auto conflict = load_manifests({a, c});
  REQUIRE(conflict.diagnostics.size() == 1);
  CHECK(format_diagnostic(conflict.diagnostics[0]) ==
        c + ":2:13: error: project_id 77 differs from project_id 5040 at " + a +
            ":2:13\n"
            "    2 | project_id: 77\n"
            "      |             ^\n"
            "  hint: all manifest files of one run must name the same project\n");
}

TEST_CASE(
    "a missing path, an empty directory and an oversized file are errors that name the path") {
  TempDir dir;
  fs::create_directories(dir.path("empty"));
  dir.write("empty/readme.md", "x");
  const std::string big = dir.write("big.yaml", "version: 1\n" + std::string(200, '#') + "\n");
  loadero_sync::LoadLimits limits;
  limits.max_file_bytes = 100;
  const auto result = load_manifests({dir.path("nope.yaml"), dir.path("empty"), big}, limits);
  CHECK(headlines(result, dir.path()) ==
        "nope.yaml: error: no such file or directory\n"
        "empty: error: directory holds no *.yaml or *.yml file\n"
        "big.yaml: error: file is too large (212 bytes; the limit is 100 bytes)\n");
  CHECK(result.manifest.files.empty());
}

TEST_CASE("one bad file does not hide the errors of the others") {
  TempDir dir;
  const std::string a = dir.write("a.yaml", "version: 1\ntests: [\n");
  const std::string b =
      dir.write("b.yaml", "version: 1\ntests:\n  - test_id: 1\n    groups: [{name: A}]\n");
  const auto result = load_manifests({a, b});
  CHECK(headlines(result, dir.path()) ==
        "a.yaml:3:1: error: invalid YAML: did not find expected node content (while parsing a "
        "flow node)\n"
        "b.yaml:4:14: error: group 'A' has no count\n");
}

TEST_CASE("the result keeps the text of every file read, and only of those") {
  TempDir dir;
  const std::string a_text = "version: 1\r\ntests:\r\n  - test_id: 1\r\n";
  const std::string a = dir.write("a.yaml", a_text);
  const std::string b = dir.write("b.yaml", "version: 1\ntests: [\n");
  const auto result = load_manifests({a, dir.path("nope.yaml"), b, a});
  CHECK(result.sources.text(a) == a_text);
  CHECK(result.sources.line(a, 3) == "  - test_id: 1");
  CHECK(result.sources.line(b, 2) == "tests: [");
  CHECK_FALSE(result.sources.contains(dir.path("nope.yaml")));
  // A later stage reports at a manifest position exactly as the loader would.
  const loadero_sync::SourcePos at = result.manifest.tests.at(0).source;
  CHECK(format_diagnostic(result.sources.diagnose(loadero_sync::Severity::error, at, "late")) ==
        a + ":3:5: error: late\n    3 |   - test_id: 1\n      |     ^\n");
}

TEST_CASE("a file's participant_defaults reach the participants of that file only") {
  TempDir dir;
  const std::string participants =
      "    groups: [{name: A, count: 1, participants: [{name: P, count: 1}]}]\n";
  dir.write("a.yaml",
            "version: 1\ndefaults:\n  participant_defaults: {compute_unit: g4}\ntests:\n"
            "  - test_id: 1\n" +
                participants);
  dir.write("b.yaml", test_file(2) + participants);
  const auto result = load_manifests({dir.path()});
  REQUIRE(result.ok());
  const auto& tests = result.manifest.tests;
  REQUIRE(tests.size() == 2);
  CHECK(tests[0].groups.at(0).participants->at(0).settings.get(
            loadero_sync::ParticipantField::compute_unit) == "g4");
  CHECK(tests[1].groups.at(0).participants->at(0).settings == loadero_sync::ParticipantSettings{});
}

TEST_CASE("a file's defaults: budget reaches the tests of that file only, positions in that file") {
  TempDir dir;
  const std::string a = dir.write(
      "a.yaml",
      "version: 1\ndefaults:\n  budget: {max_compute_units: 300, largest_compute_unit: g4}\n"
      "tests:\n  - test_id: 1\n  - test_id: 2\n    budget:\n      largest_compute_unit: g1\n");
  const std::string b =
      dir.write("b.yaml", test_file(3) + "    budget: {max_compute_units: 12.5}\n");
  dir.write("c.yaml", test_file(4));
  const auto result = load_manifests({dir.path()});
  CHECK(result.diagnostics.empty());
  REQUIRE(result.ok());
  const auto& tests = result.manifest.tests;
  REQUIRE(tests.size() == 4);
  using loadero_sync::Budget;
  using loadero_sync::SourcePos;
  CHECK(tests[0].budget == Budget{300.0, SourcePos{a, 3, 31}, "g4", SourcePos{a, 3, 58}});
  CHECK(tests[1].budget == Budget{300.0, SourcePos{a, 3, 31}, "g1", SourcePos{a, 8, 29}});
  CHECK(tests[2].budget == Budget{12.5, SourcePos{b, 4, 33}, std::nullopt, SourcePos{}});
  CHECK(tests[3].budget == Budget{});
}

TEST_CASE("files parsed ahead on other threads are still checked and reported in load order") {
  TempDir dir;
  std::vector<std::string> paths;
  for (int i = 0; i < 12; ++i) {
    // Every third file repeats test 1: the rules see the files in order, so the first file keeps
    // test 1 and each repeat is the error.
    const int id = i % 3 == 0 ? 1 : 100 + i;
    paths.push_back(dir.write("f" + std::to_string(i) + ".yaml", test_file(id)));
    if (i == 5) paths.push_back(dir.path("missing.yaml"));
  }
  const auto result = load_manifests(paths);
  CHECK(headlines(result, dir.path()) ==
        "f3.yaml:3:14: error: test 1 is declared twice\n"
        "missing.yaml: error: no such file or directory\n"
        "f6.yaml:3:14: error: test 1 is declared twice\n"
        "f9.yaml:3:14: error: test 1 is declared twice\n");
  REQUIRE(result.manifest.files.size() == 12);
  CHECK(result.manifest.files.front() == paths.front());
  CHECK(result.manifest.files.back() == paths.back());
  REQUIRE(result.manifest.tests.size() == 12);
  CHECK(result.manifest.tests[1].test_id == 101);
  CHECK(result.manifest.tests[11].test_id == 111);
}
