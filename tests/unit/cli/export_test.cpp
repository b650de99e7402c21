// export: the manifest written from live groups (and participants when read), and that it loads
// back to the same groups.

#include "loadero_sync/export.hpp"

#include <doctest/doctest.h>

#include <initializer_list>
#include <optional>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "loadero_sync/manifest.hpp"
#include "loadero_sync/planner.hpp"

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

TEST_CASE("export writes no modeline for an empty schema reference, else the one given") {
  std::ostringstream none;
  write_manifest_yaml(none, 5040, {live_tests()[0]}, "");
  CHECK(none.str().rfind("# Written by loadero-sync export", 0) == 0);
  std::ostringstream url;
  write_manifest_yaml(url, 5040, {live_tests()[0]}, "https://example.com/m.json");
  CHECK(url.str().rfind("# yaml-language-server: $schema=https://example.com/m.json\n# Written",
                        0) == 0);
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

namespace {

ParticipantSettings settings_of(
    std::initializer_list<std::pair<ParticipantField, std::string>> values) {
  ParticipantSettings out;
  for (const auto& [field, value] : values) out.set(field, value);
  return out;
}

// Test 6866 with its participants read: Callers has two, Hosts none, Bots two of one name; one
// participant is in no group.
LiveTest test_with_participants() {
  using F = ParticipantField;
  LiveTest test{6866,
                "Checkout flow",
                {{48795, "Callers", 2, 4}, {48796, "Hosts", 1, 0}, {48797, "Bots", 1, 2}}};
  test.participants = std::vector<LiveParticipant>{
      {94633, 48795, "Caller", 3,
       settings_of({{F::compute_unit, "g2"},
                    {F::browser, "chromeLatest"},
                    {F::location, "eu-central-1"},
                    {F::network, "4g"},
                    {F::audio_feed, "default"},
                    {F::video_feed, "720p"},
                    {F::media_type, "custom"},
                    {F::record_audio, "false"}})},
      {94650, 48797, "Bot", 1, {}},
      {94640, std::nullopt, "Orphan", 1, settings_of({{F::compute_unit, "g1"}})},
      {94634, 48795, "Lurker \"quiet\"", 1,
       settings_of({{F::record_audio, "true"}, {F::compute_unit, "g1"}})},
      {94651, 48797, "Bot", 2, {}},
  };
  return test;
}

}  // namespace

TEST_CASE("export lists each group's live participants with every reported setting") {
  CHECK(exported({test_with_participants()}) ==
        "# yaml-language-server: $schema=../schemas/manifest.schema.json\n"
        "# Written by loadero-sync export from the live groups and participants. Planning it "
        "right away shows no changes.\n"
        "version: 1\n"
        "project_id: 5040\n"
        "tests:\n"
        "  - test_id: 6866  # Checkout flow\n"
        "    groups:\n"
        "      - name: \"Callers\"\n"
        "        count: 2\n"
        "        participants:\n"
        "          - name: \"Caller\"\n"
        "            count: 3\n"
        "            compute_unit: \"g2\"\n"
        "            browser: \"chromeLatest\"\n"
        "            location: \"eu-central-1\"\n"
        "            network: \"4g\"\n"
        "            audio_feed: \"default\"\n"
        "            video_feed: \"720p\"\n"
        "            media_type: \"custom\"\n"
        "            record_audio: false\n"
        "          - name: \"Lurker \\\"quiet\\\"\"\n"
        "            count: 1\n"
        "            compute_unit: \"g1\"\n"
        "            record_audio: true\n"
        "      - name: \"Hosts\"\n"
        "        count: 1\n"
        "        participants: []\n"
        "      - name: \"Bots\"\n"
        "        count: 1\n"
        "        # participants not managed: several live participants are named \"Bot\" (a "
        "manifest names each participant of a group once)\n");
}

TEST_CASE("the group pinned among groups sharing a name exports its own participants only") {
  LiveTest test{7000, "", {{1, "Callers", 2, 1}, {3, "Callers", 5, 1}}};
  test.participants =
      std::vector<LiveParticipant>{{11, 3, "Second", 1, {}}, {10, 1, "First", 2, {}}};
  CHECK(exported({test}) ==
        "# yaml-language-server: $schema=../schemas/manifest.schema.json\n"
        "# Written by loadero-sync export from the live groups and participants. Planning it "
        "right away shows no changes.\n"
        "version: 1\n"
        "project_id: 5040\n"
        "tests:\n"
        "  - test_id: 7000\n"
        "    groups:\n"
        "      - id: 1  # name shared by 2 live groups\n"
        "        name: \"Callers\"\n"
        "        count: 2\n"
        "        participants:\n"
        "          - name: \"First\"\n"
        "            count: 2\n"
        "    # left unmanaged (their names repeat a group above): 3\n");
}

TEST_CASE("a test whose participants were not read exports no participants key") {
  LiveTest read = test_with_participants();
  read.test_id = 6870;
  const std::string yaml = exported({live_tests()[0], read});
  CHECK(yaml.find("  - test_id: 6866  # Checkout flow\n"
                  "    groups:\n"
                  "      - name: \"Moderators\"\n"
                  "        count: 1\n"
                  "      - name: \"Callers\"\n"
                  "        count: 3\n"
                  "  - test_id: 6870  # Checkout flow\n"
                  "    groups:\n"
                  "      - name: \"Callers\"\n"
                  "        count: 2\n"
                  "        participants:\n") != std::string::npos);
}

TEST_CASE("a setting value the manifest lists do not have is exported as a comment, unmanaged") {
  using F = ParticipantField;
  LiveTest test{6867, "Video call", {{50400, "Hosts", 1, 1}}};
  test.participants = std::vector<LiveParticipant>{
      {94700, 50400, "Host", 1,
       settings_of({{F::compute_unit, "g2"},
                    {F::browser, "chrome120"},
                    {F::location, "eu-west-2"},
                    {F::network, "default"}})},
  };
  const std::string yaml = exported({test});
  CHECK(yaml.find("            browser: \"chrome120\"\n") != std::string::npos);
  CHECK(yaml.find("            # location: \"eu-west-2\"  (not a value loadero-sync knows: left "
                  "unmanaged)\n") != std::string::npos);

  // It loads (a versioned browser is only a warning) and plans to no changes.
  const LoadResult loaded = load_manifest_text(yaml, "exported.yaml");
  CHECK(loaded.ok());
  REQUIRE(loaded.manifest.tests.size() == 1);
  const PlanResult planned = make_plan(loaded.manifest.tests, {test}, {});
  CHECK(planned.ok());
  CHECK(planned.plan.empty());
  CHECK(planned.plan.summary.participants.unchanged == 1);
}

TEST_CASE("an export of participants loads back and plans to no changes") {
  // The group whose participants share a name is left unmanaged, so it plans to no change too.
  const LiveTest test = test_with_participants();
  const LoadResult loaded = load_manifest_text(exported({test}), "exported.yaml");
  CHECK(loaded.ok());
  const PlanResult planned = make_plan(loaded.manifest.tests, {test}, {});
  CHECK(planned.ok());
  CHECK(planned.plan.empty());
  CHECK(planned.plan.summary.participants.unchanged == 2);
  CHECK(planned.plan.summary.unchanged == 3);
}
