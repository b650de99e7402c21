// export: the manifest written from live groups, and that it loads back to the same groups.

#include "loadero_sync/export.hpp"

#include <doctest/doctest.h>

#include <sstream>

#include "loadero_sync/manifest.hpp"

using namespace loadero_sync;

namespace {

std::vector<LiveTest> live_tests() {
  LiveTest checkout{
      6866, "Checkout flow", {{48797, "Moderators", 1, 15}, {48798, "Callers", 3, 3}}};
  LiveTest video{
      6867, "Video \"call\"", {{50001, "Hosts: EU #1", 2, 1}, {50002, "ünïcode\tname", 1, 0}}};
  return {checkout, video};
}

std::string exported(const std::vector<LiveTest>& tests) {
  std::ostringstream out;
  write_manifest_yaml(out, 5040, tests);
  return out.str();
}

}  // namespace

TEST_CASE("export writes the modeline, the project and every live group with its count") {
  CHECK(exported({live_tests()[0]}) ==
        "# yaml-language-server: $schema=../schemas/manifest.schema.json\n"
        "# Written by loadero-sync export from the live groups. Planning it right away shows no "
        "changes.\n"
        "version: 1\n"
        "project_id: 5040\n"
        "tests:\n"
        "  - test_id: 6866  # Checkout flow\n"
        "    groups:\n"
        "      - name: \"Moderators\"\n"
        "        count: 1\n"
        "      - name: \"Callers\"\n"
        "        count: 3\n");
}

TEST_CASE("exported names are JSON-escaped double-quoted scalars that load back unchanged") {
  const auto tests = live_tests();
  const std::string yaml = exported(tests);
  CHECK(yaml.find("      - name: \"ünïcode\\tname\"\n") != std::string::npos);
  const LoadResult loaded = load_manifest_text(yaml, "exported.yaml");
  INFO(format_diagnostics(loaded.diagnostics));
  REQUIRE(loaded.ok());
  CHECK(loaded.manifest.project_id == 5040);
  REQUIRE(loaded.manifest.tests.size() == 2);
  for (std::size_t t = 0; t < tests.size(); ++t) {
    const DesiredTest& test = loaded.manifest.tests[t];
    CHECK(test.test_id == tests[t].test_id);
    CHECK(test.prune == Prune::off);
    REQUIRE(test.groups.size() == tests[t].groups.size());
    for (std::size_t g = 0; g < test.groups.size(); ++g) {
      CHECK(test.groups[g].name == tests[t].groups[g].name);
      CHECK(test.groups[g].count == tests[t].groups[g].count);
      CHECK_FALSE(test.groups[g].id.has_value());
    }
  }
}

TEST_CASE("live groups sharing a name: the first is pinned by id, the others stay unmanaged") {
  LiveTest test{7000, "", {{1, "Callers", 2, 0}, {2, "Hosts", 1, 0}, {3, "Callers", 5, 0}}};
  const std::string yaml = exported({test});
  CHECK(yaml ==
        "# yaml-language-server: $schema=../schemas/manifest.schema.json\n"
        "# Written by loadero-sync export from the live groups. Planning it right away shows no "
        "changes.\n"
        "version: 1\n"
        "project_id: 5040\n"
        "tests:\n"
        "  - test_id: 7000\n"
        "    groups:\n"
        "      - id: 1  # name shared by 2 live groups\n"
        "        name: \"Callers\"\n"
        "        count: 2\n"
        "      - name: \"Hosts\"\n"
        "        count: 1\n"
        "    # left unmanaged (their names repeat a group above): 3\n");
  const LoadResult loaded = load_manifest_text(yaml, "exported.yaml");
  INFO(format_diagnostics(loaded.diagnostics));
  REQUIRE(loaded.ok());
  CHECK(loaded.manifest.tests[0].groups[0].id == 1);
}

TEST_CASE("a test without groups exports an empty group list that still loads") {
  const std::string yaml = exported({LiveTest{7001, "Empty", {}}});
  CHECK(yaml.find("  - test_id: 7001  # Empty\n    groups: []\n") != std::string::npos);
  const LoadResult loaded = load_manifest_text(yaml, "exported.yaml");
  INFO(format_diagnostics(loaded.diagnostics));
  CHECK(loaded.ok());
}
