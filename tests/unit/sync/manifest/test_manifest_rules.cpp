// Rules between keys and entries, checked on top of the schema.
#include <doctest/doctest.h>

#include "loadero_sync/manifest.hpp"
#include "manifest_test_util.hpp"

using loadero_sync::DesiredGroup;
using loadero_sync::DesiredTest;
using loadero_sync::Ensure;
using loadero_sync::load_manifest_text;
using loadero_sync::Prune;
using loadero_sync::SourcePos;
using manifest_test::headlines;
using manifest_test::problems;
using manifest_test::with_groups;

namespace {

const char* const k_product_example =
    R"(# yaml-language-server: $schema=../schemas/manifest.schema.json
version: 1
project_id: 5040            # optional where --project-id or LOADERO_PROJECT_ID gives it
defaults:                   # optional; any per-test setting
  prune: false
tests:
  - test_id: 6866           # or test_name: "Checkout flow" (resolved by exact, unique name)
    prune: true             # delete live groups that this test does not declare
    keep: ["manual-*"]      # globs of live group names that pruning never touches
    groups:
      - name: Callers       # a group is identified by its name within its test...
        count: 3            # integer >= 1
      - name: Callers EU
        count: 2
        duplicate_from: Callers   # created by copying Callers, participants included
      - name: Hosts
        count: 1
        renamed_from: [Presenters]   # adopt the live group "Presenters" and rename it
      - id: 48797           # ...or pinned by id: then name and count are enforced on that group
        name: Moderators
        count: 1
      - name: Legacy
        ensure: absent      # make sure no group of this name exists
)";

}  // namespace

TEST_CASE("the README example manifest loads into the model with every key and position") {
  const auto result = load_manifest_text(k_product_example, "loadero.yaml");
  CHECK(result.diagnostics.empty());
  REQUIRE(result.ok());
  const auto& m = result.manifest;
  CHECK(m.project_id == 5040);
  CHECK(m.files == std::vector<std::string>{"loadero.yaml"});
  REQUIRE(m.tests.size() == 1);
  const DesiredTest& t = m.tests[0];
  CHECK(t.test_id == 6866);
  CHECK_FALSE(t.test_name.has_value());
  CHECK(t.prune == Prune::on);
  CHECK(t.keep == std::vector<std::string>{"manual-*"});
  CHECK(t.source == SourcePos{"loadero.yaml", 7, 5});
  REQUIRE(t.groups.size() == 5);
  CHECK(
      t.groups[0] ==
      DesiredGroup{
          std::nullopt, "Callers", 3, Ensure::present, std::nullopt, {}, {"loadero.yaml", 11, 9}});
  CHECK(
      t.groups[1] ==
      DesiredGroup{
          std::nullopt, "Callers EU", 2, Ensure::present, "Callers", {}, {"loadero.yaml", 13, 9}});
  CHECK(t.groups[2] == DesiredGroup{std::nullopt,
                                    "Hosts",
                                    1,
                                    Ensure::present,
                                    std::nullopt,
                                    {"Presenters"},
                                    {"loadero.yaml", 16, 9}});
  CHECK(t.groups[3] ==
        DesiredGroup{
            48797, "Moderators", 1, Ensure::present, std::nullopt, {}, {"loadero.yaml", 19, 9}});
  CHECK(t.groups[4].name == "Legacy");
  CHECK(t.groups[4].ensure == Ensure::absent);
}

TEST_CASE("defaults apply to tests that do not set prune or keep themselves") {
  const auto result = load_manifest_text(
      "version: 1\ndefaults:\n  prune: true\n  keep: [\"manual-*\", \"tmp?\"]\n"
      "tests:\n  - test_id: 1\n  - test_id: 2\n    prune: false\n  - test_name: Checkout flow\n    "
      "keep: [\"x*\"]\n",
      "m.yaml");
  REQUIRE(result.ok());
  const auto& tests = result.manifest.tests;
  REQUIRE(tests.size() == 3);
  CHECK(tests[0].prune == Prune::on);
  CHECK(tests[0].keep == std::vector<std::string>{"manual-*", "tmp?"});
  CHECK(tests[1].prune == Prune::off);
  CHECK(tests[2].test_name == "Checkout flow");
  CHECK(tests[2].prune == Prune::on);
  CHECK(tests[2].keep == std::vector<std::string>{"x*"});
}

TEST_CASE("without defaults prune is off and keep is empty") {
  const auto result = load_manifest_text("version: 1\ntests:\n  - test_id: 1\n", "m.yaml");
  REQUIRE(result.ok());
  CHECK(result.manifest.tests.at(0).prune == Prune::off);
  CHECK(result.manifest.tests.at(0).keep.empty());
  CHECK_FALSE(result.manifest.project_id.has_value());
}

TEST_CASE("a test with both test_id and test_name is an error") {
  CHECK(problems("version: 1\ntests:\n  - test_id: 1\n    test_name: Checkout\n") ==
        "m.yaml:4:5: error: test sets both test_id and test_name\n"
        "    4 |     test_name: Checkout\n"
        "      |     ^\n"
        "  hint: use either test_id or test_name, not both\n");
}

TEST_CASE("a test with neither test_id nor test_name is an error") {
  CHECK(problems("version: 1\ntests:\n  - prune: true\n    groups: [{name: A, count: 1}]\n") ==
        "m.yaml:3:5: error: test has neither test_id nor test_name\n"
        "    3 |   - prune: true\n"
        "      |     ^\n"
        "  hint: add `test_id: <id>` or `test_name: <exact name>`\n");
}

TEST_CASE("a test declared twice is an error at the second declaration") {
  CHECK(problems("version: 1\ntests:\n  - test_id: 7\n  - test_id: 7\n") ==
        "m.yaml:4:14: error: test 7 is declared twice\n"
        "    4 |   - test_id: 7\n"
        "      |              ^\n"
        "  hint: first declared at line 3; merge the two entries\n");
  CHECK(headlines("version: 1\ntests:\n  - test_name: Checkout\n  - test_name: \"Checkout\"\n") ==
        "m.yaml:4:16: error: test \"Checkout\" is declared twice\n");
}

TEST_CASE("group rules name a test declared by name with its quoted name") {
  CHECK(headlines("version: 1\ntests:\n  - test_name: 'Say \"hi\"'\n    groups:\n"
                  "      - {name: A, count: 1}\n      - {name: A, count: 1}\n") ==
        "m.yaml:6:16: error: group 'A' is declared twice in test \"Say \\\"hi\\\"\"\n");
  CHECK(headlines("version: 1\ntests:\n  - test_name: Checkout\n    groups:\n"
                  "      - {id: 5, name: A, count: 1}\n      - {id: 5, name: B, count: 1}\n") ==
        "m.yaml:6:14: error: group id 5 is pinned twice in test \"Checkout\"\n");
}

TEST_CASE("a blank test_name is an error") {
  CHECK(headlines("version: 1\ntests:\n  - test_name: \"  \"\n") ==
        "m.yaml:3:16: error: test_name must not be blank\n");
}

TEST_CASE("two groups of one name in one test is an error") {
  CHECK(
      problems(with_groups(
          "      - name: Callers\n        count: 1\n      - name: Callers\n        count: 2\n")) ==
      "m.yaml:7:15: error: group 'Callers' is declared twice in test 6866\n"
      "    7 |       - name: Callers\n"
      "      |               ^\n"
      "  hint: first declared at line 5; merge the two entries or rename one\n");
}

TEST_CASE("the same group name in two different tests is fine") {
  CHECK(headlines("version: 1\ntests:\n  - test_id: 1\n    groups: [{name: A, count: 1}]\n"
                  "  - test_id: 2\n    groups: [{name: A, count: 1}]\n") == "");
}

TEST_CASE("two entries pinning the same id is an error") {
  CHECK(problems(with_groups(
            "      - {id: 5, name: A, count: 1}\n      - {id: 5, name: B, count: 1}\n")) ==
        "m.yaml:6:14: error: group id 5 is pinned twice in test 6866\n"
        "    6 |       - {id: 5, name: B, count: 1}\n"
        "      |              ^\n"
        "  hint: first pinned at line 5; a live group matches one entry only\n");
}

TEST_CASE("a group without count is an error unless it is ensure: absent") {
  CHECK(problems(with_groups("      - name: Callers\n")) ==
        "m.yaml:5:9: error: group 'Callers' has no count\n"
        "    5 |       - name: Callers\n"
        "      |         ^\n"
        "  hint: add `count: 1` (or more), or `ensure: absent` to delete the group\n");
  CHECK(headlines(with_groups("      - name: Legacy\n        ensure: absent\n")) == "");
}

TEST_CASE("a misspelt count is reported once, as an unknown key") {
  CHECK(headlines(with_groups("      - name: Callers\n        cuont: 2\n")) ==
        "m.yaml:6:9: error: unknown key 'cuont' in group\n");
}

TEST_CASE("count with ensure: absent is only a warning") {
  const auto result = load_manifest_text(
      with_groups("      - name: Legacy\n        count: 2\n        ensure: absent\n"), "m.yaml");
  CHECK(result.ok());
  CHECK(
      headlines(with_groups("      - name: Legacy\n        count: 2\n        ensure: absent\n")) ==
      "m.yaml:6:9: warning: count is ignored with ensure: absent\n");
}

TEST_CASE("duplicate_from may not name the group itself") {
  CHECK(problems(with_groups("      - name: A\n        count: 1\n        duplicate_from: A\n")) ==
        "m.yaml:7:25: error: group 'A' cannot be duplicated from itself\n"
        "    7 |         duplicate_from: A\n"
        "      |                         ^\n"
        "  hint: name another group of the same test in duplicate_from\n");
}

TEST_CASE("a duplicate_from that names nothing is an error") {
  CHECK(
      headlines(with_groups("      - name: A\n        count: 1\n        duplicate_from: \"\"\n")) ==
      "m.yaml:7:25: error: duplicate_from must be a non-empty string of at most 255 characters\n");
  CHECK(headlines(
            with_groups("      - name: A\n        count: 1\n        duplicate_from: \" \"\n")) ==
        "m.yaml:7:25: error: duplicate_from names nothing\n");
  CHECK(headlines(with_groups("      - name: A\n        count: 1\n        duplicate_from:\n")) ==
        "m.yaml:7:9: error: duplicate_from must be a non-empty string of at most 255 characters\n");
}

TEST_CASE("duplicate_from may name a live group that the manifest does not declare") {
  const auto result = load_manifest_text(
      with_groups("      - name: B\n        count: 1\n        duplicate_from: Live one\n"),
      "m.yaml");
  REQUIRE(result.ok());
  CHECK(result.manifest.tests.at(0).groups.at(0).duplicate_from == "Live one");
}

TEST_CASE("duplicate_from may not name a group the test deletes") {
  CHECK(headlines(
            with_groups("      - name: Old\n        ensure: absent\n"
                        "      - name: New\n        count: 1\n        duplicate_from: Old\n")) ==
        "m.yaml:9:25: error: duplicate_from names 'Old', which test 6866 marks ensure: absent\n");
}

TEST_CASE("a duplicate_from cycle among declared groups is an error at the duplicate_from value") {
  CHECK(problems(with_groups("      - name: A\n        count: 1\n        duplicate_from: B\n"
                             "      - name: B\n        count: 1\n        duplicate_from: A\n")) ==
        "m.yaml:7:25: error: duplicate_from cycle in test 6866: \"A\" -> \"B\" -> \"A\"\n"
        "    7 |         duplicate_from: B\n"
        "      |                         ^\n"
        "  hint: a copy needs a source that exists first; remove duplicate_from from one of these "
        "groups\n");
  // Reported once per loop, where the walk in manifest order comes back; a chain leading into the
  // loop is not part of it.
  CHECK(headlines("version: 1\ntests:\n  - test_name: Checkout\n    groups:\n"
                  "      - {name: Lead, count: 1, duplicate_from: X}\n"
                  "      - {name: X, count: 1, duplicate_from: Y}\n"
                  "      - {name: Y, count: 1, duplicate_from: Z}\n"
                  "      - {name: Z, count: 1, duplicate_from: X}\n"
                  "      - {name: P, count: 1, duplicate_from: Q}\n"
                  "      - {name: Q, count: 1, duplicate_from: P}\n") ==
        "m.yaml:6:45: error: duplicate_from cycle in test \"Checkout\": \"X\" -> \"Y\" -> \"Z\" -> "
        "\"X\"\n"
        "m.yaml:9:45: error: duplicate_from cycle in test \"Checkout\": \"P\" -> \"Q\" -> \"P\"\n");
  // A group copying itself has its own message, and is no loop of two.
  CHECK(headlines(with_groups("      - name: A\n        count: 1\n        duplicate_from: A\n")) ==
        "m.yaml:7:25: error: group 'A' cannot be duplicated from itself\n");
  // Chains that end (at a declared group without duplicate_from, or at a live one) are fine.
  CHECK(headlines(with_groups("      - {name: C, count: 1, duplicate_from: B}\n"
                              "      - {name: B, count: 1, duplicate_from: A}\n"
                              "      - {name: A, count: 1}\n"
                              "      - {name: D, count: 1, duplicate_from: Live}\n")) == "");
}

TEST_CASE("ensure: absent cannot be combined with duplicate_from or renamed_from") {
  CHECK(problems(
            with_groups("      - name: A\n        ensure: absent\n        duplicate_from: B\n")) ==
        "m.yaml:7:9: error: duplicate_from cannot be used with ensure: absent\n"
        "    7 |         duplicate_from: B\n"
        "      |         ^\n"
        "  hint: remove duplicate_from, or remove `ensure: absent`\n");
  CHECK(headlines(
            with_groups("      - name: A\n        ensure: absent\n        renamed_from: [B]\n")) ==
        "m.yaml:7:9: error: renamed_from cannot be used with ensure: absent\n");
}

TEST_CASE("renamed_from entries must be former names, each claimed once") {
  CHECK(problems(with_groups(
            "      - name: Hosts\n        count: 1\n        renamed_from: [Hosts]\n")) ==
        "m.yaml:7:24: error: renamed_from lists the group's own name 'Hosts'\n"
        "    7 |         renamed_from: [Hosts]\n"
        "      |                        ^\n"
        "  hint: list only former names of the group\n");
  CHECK(headlines(
            with_groups("      - name: Hosts\n        count: 1\n        renamed_from: [P, P]\n")) ==
        "m.yaml:7:27: error: renamed_from lists 'P' twice\n");
  CHECK(headlines(with_groups(
            "      - name: Hosts\n        count: 1\n        renamed_from: [\" \"]\n")) ==
        "m.yaml:7:24: error: renamed_from entry names nothing\n");
  CHECK(problems(
            with_groups("      - name: Hosts\n        count: 1\n        renamed_from: [P]\n"
                        "      - name: Speakers\n        count: 1\n        renamed_from: [P]\n")) ==
        "m.yaml:10:24: error: 'P' is already in renamed_from of group 'Hosts'\n"
        "   10 |         renamed_from: [P]\n"
        "      |                        ^\n"
        "  hint: first listed at line 5; a live group can be adopted by one entry only\n");
  CHECK(headlines(
            with_groups("      - name: Hosts\n        count: 1\n        renamed_from: [Callers]\n"
                        "      - name: Callers\n        count: 1\n")) ==
        "m.yaml:7:24: error: renamed_from names 'Callers', which test 6866 declares as a group\n");
}

TEST_CASE("a malformed keep glob is an error at the pattern") {
  CHECK(problems("version: 1\ntests:\n  - test_id: 1\n    prune: true\n    keep: [\"ok-*\", "
                 "\"[abc\"]\n    groups: [{name: A, count: 1}]\n") ==
        "m.yaml:5:20: error: malformed keep glob '[abc': unclosed '[' at offset 0\n"
        "    5 |     keep: [\"ok-*\", \"[abc\"]\n"
        "      |                    ^\n"
        "  hint: globs use * (any run), ? (one character) and [abc] or [a-z] sets; write \\[ for a "
        "literal [\n");
  CHECK(headlines("version: 1\ndefaults:\n  keep: [\"x\\\\\"]\ntests:\n  - test_id: 1\n") ==
        "m.yaml:3:10: error: malformed keep glob 'x\\': trailing backslash\n");
  CHECK(headlines("version: 1\ntests:\n  - test_id: 1\n    prune: true\n    keep: [\"\"]\n"
                  "    groups: [{name: A, count: 1}]\n") ==
        "m.yaml:5:12: error: each entry of keep must be a non-empty glob pattern\n");
}

TEST_CASE("keep on a test whose prune is off is a warning") {
  CHECK(problems("version: 1\ntests:\n  - test_id: 1\n    keep: [\"x*\"]\n") ==
        "m.yaml:4:5: warning: keep has no effect because prune is off for this test\n"
        "    4 |     keep: [\"x*\"]\n"
        "      |     ^\n"
        "  hint: set `prune: true` to delete undeclared groups, or remove keep\n");
}

TEST_CASE("a blank group name is an error") {
  CHECK(headlines(with_groups("      - name: \"   \"\n        count: 1\n")) ==
        "m.yaml:5:15: error: name must not be blank\n");
}

TEST_CASE("a file without tests gets a warning but is valid") {
  const auto result = load_manifest_text("version: 1\nproject_id: 9\n", "m.yaml");
  CHECK(result.ok());
  CHECK(headlines("version: 1\nproject_id: 9\n") == "m.yaml: warning: file declares no tests\n");
}

TEST_CASE("every error of a file is reported, in file order") {
  CHECK(headlines(
            "version: 1\ntests:\n  - test_id: 0\n    groups:\n      - name: A\n        count: 0\n"
            "      - name: A\n        count: 1\n        colour: red\n  - test_id: 3\n    prune: "
            "maybe\n") ==
        "m.yaml:3:14: error: test_id must be an integer >= 1\n"
        "m.yaml:6:16: error: count must be an integer from 1 to 1000000\n"
        "m.yaml:7:15: error: group 'A' is declared twice in this test\n"
        "m.yaml:9:9: error: unknown key 'colour' in group\n"
        "m.yaml:11:12: error: prune must be true or false\n");
}

TEST_CASE("positions count characters, not bytes, after non-ASCII text") {
  CHECK(headlines(with_groups("      - {name: \"Zürich ☎\", count: 0}\n")) ==
        "m.yaml:5:35: error: count must be an integer from 1 to 1000000\n");
}

TEST_CASE("prune: true with no groups declared is a warning at the prune key") {
  CHECK(problems("version: 1\ntests:\n  - test_id: 6866\n    prune: true\n") ==
        "m.yaml:4:5: warning: prune: true with no groups declared: every live group of test 6866 "
        "will be deleted\n"
        "    4 |     prune: true\n"
        "      |     ^\n"
        "  hint: declare the test's groups under `groups:`, or set `prune: false` if that is not "
        "meant\n");
  CHECK(headlines("version: 1\ntests:\n  - test_id: 6866\n    prune: true\n    groups: []\n") ==
        "m.yaml:4:5: warning: prune: true with no groups declared: every live group of test 6866 "
        "will be deleted\n");
  CHECK(headlines("version: 1\ntests:\n  - test_id: 6866\n    prune: true\n    keep: [\"x*\"]\n") ==
        "m.yaml:4:5: warning: prune: true with no groups declared: every live group of test 6866 "
        "that keep does not match will be deleted\n");
  // From the defaults: at the test.
  CHECK(headlines("version: 1\ndefaults:\n  prune: true\ntests:\n  - test_id: 6866\n") ==
        "m.yaml:5:5: warning: prune: true (from defaults) with no groups declared: every live "
        "group of test 6866 will be deleted\n");
  // Not a warning: prune off, or groups declared.
  CHECK(problems("version: 1\ntests:\n  - test_id: 6866\n") == "");
  CHECK(problems(with_groups("      - name: Hosts\n        count: 1\n")).find("prune") ==
        std::string::npos);
}
