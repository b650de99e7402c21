// Bad input of every kind ends in a clear error: no crash, no hang, no runaway memory.
#include <doctest/doctest.h>

#include <chrono>
#include <string>

#include "loadero_sync/manifest.hpp"
#include "manifest_test_util.hpp"

using loadero_sync::load_manifest_text;
using loadero_sync::LoadLimits;
using manifest_test::headlines;
using manifest_test::problems;

TEST_CASE("malformed YAML is an error at the parser's position") {
  CHECK(problems("version: 1\ntests: [\n  - a\n") ==
        "m.yaml:3:3: error: invalid YAML: did not find expected node content (while parsing a flow "
        "node)\n"
        "    3 |   - a\n"
        "      |   ^\n"
        "  hint: check the indentation and quoting around this position\n");
  CHECK(headlines("version: 1\ntests: [1, 2\n") ==
        "m.yaml:3:1: error: invalid YAML: did not find expected ',' or ']' (while parsing a flow "
        "sequence)\n");
  CHECK(headlines("version: 1\ntests: a: b\n") ==
        "m.yaml:2:9: error: invalid YAML: mapping values are not allowed in this context\n");
}

TEST_CASE("a tab used for indentation is an error with a hint") {
  CHECK(problems("version: 1\ntests:\n\t- test_id: 1\n") ==
        "m.yaml:3:1: error: tab character used for indentation\n"
        "    3 | \t- test_id: 1\n"
        "      | ^\n"
        "  hint: YAML indents with spaces only; replace the tab with spaces\n");
}

TEST_CASE("an empty file or one with only comments is an error") {
  const std::string expected =
      "m.yaml: error: manifest is empty\n"
      "  hint: a manifest starts with `version: 1`; see \"The manifest\" in README.md\n";
  CHECK(problems("") == expected);
  CHECK(problems("\n\n   \n") == expected);
  CHECK(problems("# only a comment\n---\n") == expected);
  CHECK(problems("~\n") == expected);
}

TEST_CASE("non-UTF-8 text is an error at the first bad byte, shown as a replacement character") {
  CHECK(problems("version: 1\ntests:\n  - test_name: \"caf\xE9\"\n") ==
        "m.yaml:3:20: error: file is not valid UTF-8 (byte 0xE9)\n"
        "    3 |   - test_name: \"caf\xEF\xBF\xBD\"\n"
        "      |                    ^\n"
        "  hint: save the manifest as UTF-8\n");
  CHECK(headlines("version: 1\n\xC0\xAF: x\n") ==
        "m.yaml:2:1: error: file is not valid UTF-8 (byte 0xC0)\n");
  CHECK(headlines("version: 1\nx: \xED\xA0\x80\n") ==
        "m.yaml:2:4: error: file is not valid UTF-8 (byte 0xED)\n");
}

TEST_CASE("a control character is an error") {
  CHECK(headlines(std::string("version: 1\x00\n", 12)) ==
        "m.yaml:1:11: error: control character U+0000 is not allowed in a manifest\n");
}

TEST_CASE("a UTF-8 byte order mark and CRLF line ends are accepted") {
  const auto result = load_manifest_text(
      "\xEF\xBB\xBFversion: 1\r\ntests:\r\n  - test_id: 5\r\n    prune: true\r\n", "m.yaml");
  CHECK(result.ok());
  CHECK(headlines("version: 1\r\ntests:\r\n  - test_id: 0\r\n") ==
        "m.yaml:3:14: error: test_id must be an integer >= 1\n");
}

TEST_CASE("a file beyond the size limit is refused before parsing") {
  LoadLimits limits;
  limits.max_file_bytes = 64;
  CHECK(problems("version: 1\n" + std::string(100, '#') + "\n", limits) ==
        "m.yaml: error: file is too large (112 bytes; the limit is 64 bytes)\n"
        "  hint: split the manifest into several files and pass them with -f (a directory works "
        "too)\n");
}

TEST_CASE("deep flow nesting is refused without recursing") {
  const std::string text =
      "version: 1\ntests: " + std::string(100000, '[') + std::string(100000, ']') + "\n";
  CHECK(headlines(text) == "m.yaml:2:39: error: nesting is deeper than 32 levels\n");
  CHECK(problems(text).find("    2 | tests: [[[[[[[[") != std::string::npos);
}

TEST_CASE("deep block nesting is refused without recursing") {
  std::string dashes = "version: 1\ntests:\n";
  for (int i = 0; i < 100000; ++i) dashes += "- ";
  dashes += "x\n";
  CHECK(headlines(dashes) == "m.yaml:3:63: error: nesting is deeper than 32 levels\n");

  std::string indented = "version: 1\ntests:\n";
  for (int i = 1; i < 100; ++i) indented += std::string(static_cast<std::size_t>(i), ' ') + "a:\n";
  CHECK(headlines(indented) == "m.yaml:34:33: error: nesting is deeper than 32 levels\n");
}

TEST_CASE("brackets inside quotes, comments and block scalars do not count as nesting") {
  std::string text =
      "version: 1\n# " + std::string(100, '[') + "\nnote: \"" + std::string(100, '[') + "\"\n";
  text += "other: |\n" + std::string(40, ' ') + "deep text\n";
  const std::string expected =
      "m.yaml:3:1: error: unknown key 'note' at the top level\n"
      "m.yaml:4:1: error: unknown key 'other' at the top level\n";
  CHECK(headlines(text) == "m.yaml: warning: file declares no tests\n" + expected);
}

TEST_CASE("an alias bomb stops at the alias expansion limit, quickly") {
  std::string text = "version: 1\na0: &a0 [x, x, x, x, x, x, x, x, x, x]\n";
  for (int i = 1; i < 10; ++i) {
    const std::string prev = "*a" + std::to_string(i - 1);
    text += "a" + std::to_string(i) + ": &a" + std::to_string(i) + " [";
    for (int k = 0; k < 10; ++k) text += (k != 0 ? ", " : "") + prev;
    text += "]\n";
  }
  const auto start = std::chrono::steady_clock::now();
  const std::string out = headlines(text);
  const auto elapsed = std::chrono::steady_clock::now() - start;
  CHECK(out == "m.yaml:6:45: error: YAML aliases expand to more than 100000 nodes\n");
  CHECK(elapsed < std::chrono::seconds(2));
}

TEST_CASE("aliases within the limits are expanded") {
  const auto result = load_manifest_text(
      "version: 1\ntests:\n  - test_id: 1\n    groups: &common\n      - {name: A, count: 2}\n"
      "  - test_id: 2\n    groups: *common\n",
      "m.yaml");
  REQUIRE(result.ok());
  REQUIRE(result.manifest.tests.size() == 2);
  CHECK(result.manifest.tests[1].groups.at(0).name == "A");
  CHECK(result.manifest.tests[1].groups.at(0).count == 2);
}

TEST_CASE("an alias to an undefined anchor is an error") {
  CHECK(problems("version: *nope\n") ==
        "m.yaml:1:10: error: alias *nope refers to an unknown anchor\n"
        "    1 | version: *nope\n"
        "      |          ^\n"
        "  hint: define the anchor with &name before using *name\n");
}

TEST_CASE("more nodes than the limit is an error") {
  LoadLimits limits;
  limits.max_nodes = 50;
  std::string text = "version: 1\nx: [";
  for (int i = 0; i < 100; ++i) text += "1, ";
  text += "1]\n";
  CHECK(headlines(text, limits) == "m.yaml:2:140: error: manifest has more than 50 YAML nodes\n");
}

TEST_CASE("a second YAML document in one file is an error") {
  CHECK(headlines("version: 1\n---\nversion: 1\n") ==
        "m.yaml:2:1: error: a manifest file holds one YAML document; this is a second one\n");
}

TEST_CASE("a flood of errors stops after the first 1000 and says so") {
  std::string text = "version: 1\ntests:\n";
  for (int i = 0; i < 1500; ++i) text += "  - 5\n";
  const auto result = load_manifest_text(text, "m.yaml");
  REQUIRE(result.diagnostics.size() == 1001);
  CHECK(result.diagnostics.front().pos.line == 3);
  CHECK(result.diagnostics[999].pos.line == 1002);
  CHECK(loadero_sync::format_diagnostic(result.diagnostics.back()) ==
        "m.yaml: error: too many problems; stopped after the first 1000\n"
        "  hint: fix these and run again\n");
  CHECK_FALSE(result.ok());
}

TEST_CASE("a very long line is shown as an excerpt around the column") {
  const std::string text = "version: 1\ntests: [" + std::string(300, ' ') + "5]\n";
  CHECK(problems(text) ==
        "m.yaml:2:309: error: each entry of tests must be a mapping with the keys test_id or "
        "test_name, prune, keep, participant_defaults, budget and groups\n"
        "    2 | ..." +
            std::string(80, ' ') +
            "5]\n"
            "      | " +
            std::string(83, ' ') +
            "^\n"
            "  hint: found 5\n");
}

TEST_CASE("a flood of errors on one long line shows short excerpts") {
  std::string text = "version: 1\ntests: [";
  for (int i = 0; i < 20000; ++i) text += "5,";
  text += "5]\n";
  const auto result = load_manifest_text(text, "m.yaml");
  REQUIRE(result.diagnostics.size() == 1001);
  CHECK(result.diagnostics[0].pos.column == 9);
  CHECK(result.diagnostics[999].pos.column == 9 + 2 * 999);
  for (const auto& d : result.diagnostics) CHECK(d.source_line.size() <= 166);
  CHECK(result.diagnostics[999].source_line.substr(0, 3) == "...");
}

TEST_CASE("a flow list of 300,000 entries on one line is read in one pass, columns in bytes") {
  // A position is turned into a byte column by walking the line from the previous position, not
  // from the line's start: done for every node, the latter takes hours on this line.
  std::string text = "version: 1\ntests: [\"\xC3\xA9\",";
  for (int i = 0; i < 300000; ++i) text += "5,";
  text += "5]\n";
  const auto result = load_manifest_text(text, "m.yaml");
  REQUIRE(result.diagnostics.size() == 1001);
  CHECK(result.diagnostics[0].pos.column == 9);  // the "é" entry
  // Entry k >= 1 starts at character 12 + 2 (k - 1) of the line ("é" is one character).
  CHECK(result.diagnostics[1].pos.column == 13);
  CHECK(result.diagnostics[999].pos.column == 13 + 2 * 998);
}
