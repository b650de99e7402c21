// Selecting tests (--test) and reading a manifest from standard input (-f -), without the API.

#include "select.hpp"

#include <doctest/doctest.h>

#include <sstream>

#include "config.hpp"

using namespace loadero_sync;
using namespace loadero_sync::cli;

namespace {

DesiredTest by_id(std::int64_t id) {
  DesiredTest test;
  test.test_id = id;
  return test;
}

DesiredTest by_name(const std::string& name) {
  DesiredTest test;
  test.test_name = name;
  return test;
}

Manifest three_tests() {
  Manifest manifest;
  manifest.tests = {by_id(6866), by_name("Checkout flow"), by_name("Video call")};
  return manifest;
}

std::string error_of(const std::function<void()>& fn) {
  try {
    fn();
  } catch (const ConfigError& error) {
    return error.what();
  }
  return "no error";
}

}  // namespace

TEST_CASE("--test keeps the tests selected by id or by name, in manifest order") {
  Manifest manifest = three_tests();
  select_manifest_tests(manifest, {"Video call", "6866", "Video call"});
  REQUIRE(manifest.tests.size() == 2);
  CHECK(manifest.tests[0].test_id == 6866);
  CHECK(manifest.tests[1].test_name == "Video call");

  Manifest all = three_tests();
  select_manifest_tests(all, {});
  CHECK(all.tests.size() == 3);
}

TEST_CASE("--test matching no manifest test is an error with a did-you-mean over test names") {
  Manifest manifest = three_tests();
  CHECK(error_of([&] { select_manifest_tests(manifest, {"Chekout flow"}); }) ==
        "--test \"Chekout flow\" matches no test of the manifest (by test_id, or by test_name); "
        "did you mean 'Checkout flow'?");
  CHECK(error_of([&] { select_manifest_tests(manifest, {"999"}); }) ==
        "--test \"999\" matches no test of the manifest (by test_id, or by test_name)");
  CHECK(manifest.tests.size() == 3);
}

TEST_CASE("the partial-run note counts the selected tests of all declared") {
  CHECK(partial_run_note(2, 5) ==
        "--test limits this run to 2 of 5 tests; the others are neither read nor changed");
}

TEST_CASE("export --test takes ids and exact names, each test once") {
  const std::vector<TestInfo> listing = {
      {11, "Checkout flow"}, {12, "Video call"}, {13, "Twin"}, {14, "Twin"}};
  CHECK(export_test_ids({"Video call", "11", "12"}, {11}, listing) ==
        std::vector<std::int64_t>{11, 12});
  CHECK(needs_listing({"12", "Video call"}));
  CHECK_FALSE(needs_listing({"12"}));
  CHECK(error_of([&] { export_test_ids({"Video cal"}, {}, listing); }) ==
        "--test \"Video cal\": no test of the project has this exact name; did you mean 'Video "
        "call'?");
  CHECK(error_of([&] { export_test_ids({"Twin"}, {}, listing); }) ==
        "--test \"Twin\": the name is ambiguous, tests 13, 14 have it; give the id instead");
  CHECK(error_of([&] { export_test_ids({}, {0}, listing); }) ==
        "--test-id must be a positive integer, not 0");
}

TEST_CASE("-f - reads one manifest from standard input, named <stdin> in diagnostics") {
  std::istringstream in(
      "version: 1\ntests:\n  - test_id: 5\n    groups:\n      - name: A\n"
      "        count: 0\n");
  const LoadResult result = load_manifest_paths({"-"}, &in);
  CHECK_FALSE(result.ok());
  REQUIRE_FALSE(result.diagnostics.empty());
  CHECK(result.diagnostics[0].pos.file == "<stdin>");

  std::istringstream good("version: 1\ntests:\n  - test_id: 5\n    groups: []\n");
  const LoadResult loaded = load_manifest_paths({"-"}, &good);
  CHECK(loaded.ok());
  CHECK(loaded.manifest.tests.size() == 1);

  std::istringstream big(std::string(100, '#'));
  LoadLimits limits;
  limits.max_file_bytes = 10;
  const LoadResult too_big = load_manifest_paths({"-"}, &big, limits);
  REQUIRE(too_big.diagnostics.size() == 1);
  CHECK(too_big.diagnostics[0].message == "standard input is too large (more than 10 bytes)");

  std::istringstream unused("");
  CHECK(error_of([&] {
          load_manifest_paths({"-", "other.yaml"}, &unused);
        }).starts_with("-f - (standard input) must be the only -f"));
}
