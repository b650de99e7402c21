// A test's compute-unit budget: `budget:` in a test and in the file's `defaults:`, merged key by
// key, each limit with the position of the value that set it; and every value the loader refuses.
#include <doctest/doctest.h>

#include <string>

#include "loadero_sync/manifest.hpp"
#include "manifest_test_util.hpp"

using loadero_sync::Budget;
using loadero_sync::load_manifest_text;
using loadero_sync::SourcePos;
using manifest_test::headlines;
using manifest_test::problems;

namespace {

const char* const k_example = R"(version: 1
defaults:
  budget: {max_compute_units: 10000, largest_compute_unit: g6}
tests:
  - test_id: 6866
    budget:
      max_compute_units: 500      # overrides the default for this test only
  - test_id: 6867
  - test_id: 6868
    budget:
      largest_compute_unit: g2
      max_compute_units: 250.5
)";

/// A manifest whose one test (id 1) has `budget` as its `budget:` value (on line 4, column 13).
std::string with_budget(const std::string& budget) {
  return "version: 1\ntests:\n  - test_id: 1\n    budget: " + budget + "\n";
}

/// A manifest whose `defaults:` has `budget` as its `budget:` value (on line 3, column 11), and one
/// test (id 1) without a budget of its own.
std::string with_default_budget(const std::string& budget) {
  return "version: 1\ndefaults:\n  budget: " + budget + "\ntests:\n  - test_id: 1\n";
}

}  // namespace

TEST_CASE("the example loads: each limit is the test's own, else the file's default") {
  const auto result = load_manifest_text(k_example, "loadero.yaml");
  CHECK(result.diagnostics.empty());
  REQUIRE(result.ok());
  const auto& tests = result.manifest.tests;
  REQUIRE(tests.size() == 3);
  CHECK(tests[0].budget == Budget{500.0, SourcePos{"loadero.yaml", 7, 26}, "g6",
                                  SourcePos{"loadero.yaml", 3, 60}});
  CHECK(tests[1].budget == Budget{10000.0, SourcePos{"loadero.yaml", 3, 31}, "g6",
                                  SourcePos{"loadero.yaml", 3, 60}});
  CHECK(tests[2].budget == Budget{250.5, SourcePos{"loadero.yaml", 12, 26}, "g2",
                                  SourcePos{"loadero.yaml", 11, 29}});
  // A test whose budget limits the largest compute unit has its live participants read.
  CHECK_FALSE(tests[0].manages_participants());
  CHECK(tests[0].reads_participants());
}

TEST_CASE("without budget: a test has no limit, and the manifests compare by their budgets") {
  const auto plain = load_manifest_text("version: 1\ntests:\n  - test_id: 1\n", "m.yaml");
  REQUIRE(plain.ok());
  CHECK(plain.manifest.tests.at(0).budget == Budget{});
  CHECK(plain.manifest.tests.at(0).budget.empty());
  CHECK_FALSE(plain.manifest.tests.at(0).reads_participants());

  const auto empty = load_manifest_text(with_budget("{}"), "m.yaml");
  CHECK(empty.diagnostics.empty());
  CHECK(empty.manifest.tests.at(0).budget.empty());

  const auto limited = load_manifest_text(with_budget("{max_compute_units: 5}"), "m.yaml");
  REQUIRE(limited.ok());
  CHECK_FALSE(limited.manifest.tests.at(0).budget.empty());
  CHECK_FALSE(limited.manifest.tests.at(0).reads_participants());
  CHECK(limited.manifest.tests.at(0).budget.max_compute_units == 5.0);
  CHECK_FALSE(limited.manifest.tests.at(0).budget.largest_compute_unit.has_value());
  CHECK(limited.manifest.tests.at(0).budget.largest_compute_unit_source == SourcePos{});
  CHECK_FALSE(limited.manifest == plain.manifest);
  CHECK(load_manifest_text(with_budget("{max_compute_units: 5}"), "m.yaml").manifest ==
        limited.manifest);
  CHECK_FALSE(load_manifest_text(with_budget("{max_compute_units: 6}"), "m.yaml").manifest ==
              limited.manifest);
}

TEST_CASE("a test's budget key wins over the default's, the other key still comes from defaults") {
  const auto result = load_manifest_text(
      "version: 1\ndefaults:\n  budget:\n    max_compute_units: 100\n"
      "    largest_compute_unit: g4\ntests:\n"
      "  - test_id: 1\n    budget: {largest_compute_unit: g0.5}\n"
      "  - test_id: 2\n    budget: {max_compute_units: 0.5}\n",
      "m.yaml");
  CHECK(result.diagnostics.empty());
  const auto& tests = result.manifest.tests;
  REQUIRE(tests.size() == 2);
  CHECK(tests[0].budget ==
        Budget{100.0, SourcePos{"m.yaml", 4, 24}, "g0.5", SourcePos{"m.yaml", 8, 36}});
  CHECK(tests[1].budget ==
        Budget{0.5, SourcePos{"m.yaml", 10, 33}, "g4", SourcePos{"m.yaml", 5, 27}});
}

TEST_CASE("max_compute_units takes any number above 0, integer or decimal") {
  for (const char* value : {"1", "10000", "250.5", "0.25", "1e3", "0x10"}) {
    CAPTURE(value);
    const auto result =
        load_manifest_text(with_budget(std::string("{max_compute_units: ") + value + "}"), "m.yaml");
    CHECK(result.diagnostics.empty());
    CHECK(result.manifest.tests.at(0).budget.max_compute_units.has_value());
  }
  CHECK(load_manifest_text(with_budget("{max_compute_units: 1e3}"), "m.yaml")
            .manifest.tests.at(0)
            .budget.max_compute_units == 1000.0);
  CHECK(load_manifest_text(with_budget("{max_compute_units: 0x10}"), "m.yaml")
            .manifest.tests.at(0)
            .budget.max_compute_units == 16.0);
}

TEST_CASE("max_compute_units of 0 or below is an error at the value") {
  CHECK(problems(with_budget("{max_compute_units: 0}")) ==
        "m.yaml:4:33: error: max_compute_units must be a number greater than 0\n"
        "    4 |     budget: {max_compute_units: 0}\n"
        "      |                                 ^\n"
        "  hint: found 0\n");
  CHECK(headlines(with_budget("{max_compute_units: -5}")) ==
        "m.yaml:4:33: error: max_compute_units must be a number greater than 0\n");
  CHECK(headlines(with_budget("{max_compute_units: -0.5}")) ==
        "m.yaml:4:33: error: max_compute_units must be a number greater than 0\n");
  CHECK(headlines(with_budget("{max_compute_units: 0.0}")) ==
        "m.yaml:4:33: error: max_compute_units must be a number greater than 0\n");
  CHECK(headlines(with_budget("{max_compute_units: -.inf}")) ==
        "m.yaml:4:33: error: max_compute_units must be a number greater than 0\n");
  CHECK(problems(with_budget("{max_compute_units: .nan}")) ==
        "m.yaml:4:33: error: max_compute_units must be a finite number\n"
        "    4 |     budget: {max_compute_units: .nan}\n"
        "      |                                 ^\n"
        "  hint: found .nan; give the most compute units one run may use, e.g. 10000\n");
  CHECK(problems(with_budget("{max_compute_units: .inf}")) ==
        "m.yaml:4:33: error: max_compute_units must be a finite number\n"
        "    4 |     budget: {max_compute_units: .inf}\n"
        "      |                                 ^\n"
        "  hint: found .inf; give the most compute units one run may use, e.g. 10000\n");
  const auto result = load_manifest_text(with_budget("{max_compute_units: 0}"), "m.yaml");
  CHECK_FALSE(result.ok());
  CHECK_FALSE(result.manifest.tests.at(0).budget.max_compute_units.has_value());
}

TEST_CASE("max_compute_units must be a number: strings, booleans, lists and no value are errors") {
  CHECK(problems(with_budget("{max_compute_units: \"500\"}")) ==
        "m.yaml:4:33: error: max_compute_units must be a number greater than 0\n"
        "    4 |     budget: {max_compute_units: \"500\"}\n"
        "      |                                 ^\n"
        "  hint: found the string \"500\"; remove the quotes\n");
  CHECK(problems(with_budget("{max_compute_units: lots}"))
            .find("  hint: found the string \"lots\"\n") != std::string::npos);
  CHECK(problems(with_default_budget("{max_compute_units: true}")) ==
        "m.yaml:3:31: error: max_compute_units must be a number greater than 0\n"
        "    3 |   budget: {max_compute_units: true}\n"
        "      |                               ^\n"
        "  hint: found true\n");
  CHECK(headlines(with_budget("{max_compute_units: [5]}")) ==
        "m.yaml:4:33: error: max_compute_units must be a number greater than 0\n");
  CHECK(problems("version: 1\ntests:\n  - test_id: 1\n    budget:\n      max_compute_units:\n") ==
        "m.yaml:5:7: error: max_compute_units must be a number greater than 0\n"
        "    5 |       max_compute_units:\n"
        "      |       ^\n"
        "  hint: found no value\n");
}

TEST_CASE("largest_compute_unit must be a compute unit, with compute_unit's suggestions") {
  CHECK(problems(with_budget("{largest_compute_unit: 6}")) ==
        "m.yaml:4:36: error: largest_compute_unit must be one of g0.5, g1, g2, g4, g6, g8, g12\n"
        "    4 |     budget: {largest_compute_unit: 6}\n"
        "      |                                    ^\n"
        "  hint: found 6; did you mean 'g6'?\n");
  CHECK(problems(with_budget("{largest_compute_unit: G6}")) ==
        "m.yaml:4:36: error: largest_compute_unit must be one of g0.5, g1, g2, g4, g6, g8, g12\n"
        "    4 |     budget: {largest_compute_unit: G6}\n"
        "      |                                    ^\n"
        "  hint: did you mean 'g6'?\n");
  CHECK(problems(with_default_budget("{largest_compute_unit: 0.5}"))
            .find("  hint: found 0.5; did you mean 'g0.5'?\n") != std::string::npos);
  CHECK(problems(with_budget("{largest_compute_unit: huge}"))
            .find("  hint: found the string \"huge\"\n") != std::string::npos);
  CHECK(headlines(with_budget("{largest_compute_unit: true}")) ==
        "m.yaml:4:36: error: largest_compute_unit must be one of g0.5, g1, g2, g4, g6, g8, g12\n");
  for (const char* unit : {"g0.5", "g1", "g2", "g4", "g6", "g8", "g12"}) {
    CAPTURE(unit);
    const auto result = load_manifest_text(
        with_budget(std::string("{largest_compute_unit: ") + unit + "}"), "m.yaml");
    CHECK(result.diagnostics.empty());
    CHECK(result.manifest.tests.at(0).budget.largest_compute_unit == unit);
  }
  const auto refused = load_manifest_text(with_budget("{largest_compute_unit: g7}"), "m.yaml");
  CHECK_FALSE(refused.ok());
  CHECK_FALSE(refused.manifest.tests.at(0).budget.largest_compute_unit.has_value());
}

TEST_CASE("unknown keys in budget get a suggestion, or the list of allowed keys") {
  CHECK(problems(with_budget("{max_compute_unit: 5}")) ==
        "m.yaml:4:14: error: unknown key 'max_compute_unit' in budget\n"
        "    4 |     budget: {max_compute_unit: 5}\n"
        "      |              ^\n"
        "  hint: did you mean 'max_compute_units'?\n");
  CHECK(problems(with_default_budget("{cap: 5}")) ==
        "m.yaml:3:12: error: unknown key 'cap' in budget\n"
        "    3 |   budget: {cap: 5}\n"
        "      |            ^\n"
        "  hint: allowed keys in budget: max_compute_units, largest_compute_unit\n");
  CHECK(headlines(with_budget("{largest_compute_units: g2}")) ==
        "m.yaml:4:14: error: unknown key 'largest_compute_units' in budget\n");
  // Misspelling budget itself is an unknown key of the test or of defaults.
  CHECK(problems("version: 1\ntests:\n  - test_id: 1\n    budgte: {}\n")
            .find("unknown key 'budgte' in test\n") != std::string::npos);
  CHECK(problems("version: 1\ntests:\n  - test_id: 1\n    budgte: {}\n")
            .find("  hint: did you mean 'budget'?\n") != std::string::npos);
  CHECK(headlines("version: 1\ndefaults:\n  budgets: {}\ntests:\n  - test_id: 1\n") ==
        "m.yaml:3:3: error: unknown key 'budgets' in defaults\n");
}

TEST_CASE("budget must be a mapping, and a duplicate key is an error") {
  CHECK(problems(with_budget("500")) ==
        "m.yaml:4:13: error: budget must be a mapping with the keys max_compute_units and "
        "largest_compute_unit\n"
        "    4 |     budget: 500\n"
        "      |             ^\n"
        "  hint: found 500\n");
  CHECK(headlines(with_default_budget("[g6]")) ==
        "m.yaml:3:11: error: budget must be a mapping with the keys max_compute_units and "
        "largest_compute_unit\n");
  const std::string twice =
      "version: 1\ntests:\n  - test_id: 1\n    budget:\n      max_compute_units: 5\n"
      "      max_compute_units: 7\n";
  CHECK(headlines(twice) == "m.yaml:6:7: error: duplicate key 'max_compute_units'\n");
  // The first of duplicate keys is the one read, as everywhere in the manifest.
  CHECK(load_manifest_text(twice, "m.yaml").manifest.tests.at(0).budget.max_compute_units == 5.0);
}

TEST_CASE("every budget error of a file is reported, defaults and tests alike") {
  CHECK(headlines("version: 1\ndefaults:\n  budget: {max_compute_units: 0, largest_compute_unit: "
                  "g3}\ntests:\n  - test_id: 1\n    budget: {max_compute_units: no}\n"
                  "  - test_id: 2\n    budget: {largest_compute_unit: G12, limit: 1}\n") ==
        "m.yaml:3:31: error: max_compute_units must be a number greater than 0\n"
        "m.yaml:3:56: error: largest_compute_unit must be one of g0.5, g1, g2, g4, g6, g8, g12\n"
        "m.yaml:6:33: error: max_compute_units must be a number greater than 0\n"
        "m.yaml:8:36: error: largest_compute_unit must be one of g0.5, g1, g2, g4, g6, g8, g12\n"
        "m.yaml:8:41: error: unknown key 'limit' in budget\n");
}
