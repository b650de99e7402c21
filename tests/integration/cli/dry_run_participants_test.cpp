// apply --dry-run with participants: the real loadero-sync against the real loadero-emulator.
// The writes on top of a copy the dry run only pretends to make reach the copy's participants by
// their simulated (negative) ids, and no write reaches the API.

#include <doctest/doctest.h>

#include <string>

#include "cli_fixture.hpp"

using namespace cli_test;

namespace {

std::int64_t create_participant(Fixture& fx, std::int64_t test_id, std::int64_t group_id,
                                const json& fields) {
  json body = fields;
  body["group_id"] = group_id;
  return fx.api("POST", "tests/" + std::to_string(test_id) + "/participants/", body)["id"]
      .get<std::int64_t>();
}

}  // namespace

TEST_CASE(
    "apply --dry-run prints the participant writes on top of a copy with simulated ids and sends "
    "no write") {
  Fixture fx;
  const auto test_id = fx.create_test("Conference");
  const auto callers = fx.create_group(test_id, "Callers", 2);
  create_participant(fx, test_id, callers,
                     {{"name", "Caller"},
                      {"count", 1},
                      {"compute_unit", "g1"},
                      {"browser", "chromeLatest"},
                      {"location", "us-west-2"},
                      {"network", "default"}});
  create_participant(fx, test_id, callers, {{"name", "Bot"}, {"count", 1}, {"compute_unit", "g1"}});
  fx.reset_stats();

  const std::string test = std::to_string(test_id);
  const auto manifest = fx.write_file("loadero.yaml",
                                      "version: 1\n"
                                      "project_id: 5040\n"
                                      "tests:\n"
                                      "  - test_id: " +
                                          test +
                                          "\n"
                                          "    groups:\n"
                                          "      - name: Callers\n"
                                          "        count: 2\n"
                                          "      - name: Callers EU\n"
                                          "        count: 2\n"
                                          "        duplicate_from: Callers\n"
                                          "        participants:\n"
                                          "          - name: Caller\n"
                                          "            count: 3\n"
                                          "            location: eu-central-1\n"
                                          "      - name: Viewers\n"
                                          "        count: 4\n"
                                          "        participants:\n"
                                          "          - name: Viewer\n"
                                          "            count: 2\n"
                                          "            compute_unit: g0.5\n");

  const auto dry = fx.sync({"apply", "-f", manifest, "--dry-run", "--parallelism", "1"});
  INFO(dry.out << dry.err);
  CHECK(dry.exit_code == 0);
  // With one write at a time the simulated ids follow the plan: the new group is -1, the copy -2,
  // and the copy's participants, read from its source in the API's order, -3 (Caller) and -4
  // (Bot). The update sends the copied participant whole, with its new group and the managed
  // fields put over it; the create only what the manifest sets.
  const std::string route = "projects/5040/tests/" + test + "/";
  const std::string expected =
      "\nDry run: the requests apply would send (none was sent):\n"
      "  POST " +
      route +
      "groups/ {\"count\":4,\"name\":\"Viewers\"}\n"
      "  POST " +
      route + "groups/" + std::to_string(callers) +
      "/copy/ {\"name\":\"Callers EU\"}\n"
      "  DELETE " +
      route +
      "participants/-4/\n"
      "  PUT " +
      route +
      "participants/-3/ {\"audio_feed\":\"default\",\"browser\":"
      "\"chromeLatest\",\"compute_unit\":\"g1\",\"count\":3,\"group_id\":-2,\"location\":"
      "\"eu-central-1\",\"name\":\"Caller\",\"network\":\"default\",\"record_audio\":false,"
      "\"video_feed\":\"default\"}\n"
      "  POST " +
      route +
      "participants/ {\"compute_unit\":\"g0.5\",\"count\":2,\"group_id\":-1,"
      "\"name\":\"Viewer\"}\n"
      "\n"
      "Dry run: 5 write requests, nothing changed.\n";
  CHECK(dry.out.find(expected) != std::string::npos);
  CHECK(dry.out.find("  - participant \"Bot\" in group \"Callers EU\" (count 1)") !=
        std::string::npos);
  CHECK(dry.out.find("  ~ participant \"Caller\" in group \"Callers EU\" (count 1 -> 3)") !=
        std::string::npos);

  // Reads went to the emulator (the groups, the participants, the copy's source and its
  // participants); not one write, and the live state is as it was.
  CHECK(fx.requests("GET") >= 4);
  CHECK(fx.writes() == 0);
  // The copy's participants: its source's, read once at group scope (never a simulated id).
  const json by_route = fx.stats()["by_route"];
  const std::string source_participants =
      "GET /v2/projects/{project_id}/tests/{test_id}/groups/{group_id}/participants/";
  REQUIRE(by_route.contains(source_participants));
  CHECK(by_route[source_participants] == 1);
  CHECK(fx.groups(test_id) == "Callers=2");
  const json live = fx.api("GET", "tests/" + test + "/participants/");
  CHECK(live["results"].size() == 2);
}

TEST_CASE(
    "apply --dry-run changes the participants of a copy of a copy against a server that pages by "
    "one") {
  // A capped page size makes the copy's source participants come in two pages; the second copy
  // brings what the first one brought, which only the dry run holds.
  Fixture fx({"--max-page-size", "1"});
  const auto test_id = fx.create_test("Conference");
  const auto callers = fx.create_group(test_id, "Callers", 1);
  create_participant(fx, test_id, callers, {{"name", "Caller"}, {"count", 1}});
  create_participant(fx, test_id, callers, {{"name", "Bot"}, {"count", 1}});
  fx.reset_stats();
  const std::string test = std::to_string(test_id);
  const auto manifest = fx.write_file("loadero.yaml",
                                      "version: 1\n"
                                      "project_id: 5040\n"
                                      "tests:\n"
                                      "  - test_id: " +
                                          test +
                                          "\n"
                                          "    groups:\n"
                                          "      - name: Callers EU\n"
                                          "        count: 1\n"
                                          "        duplicate_from: Callers\n"
                                          "      - name: Callers US\n"
                                          "        count: 1\n"
                                          "        duplicate_from: Callers EU\n"
                                          "        participants:\n"
                                          "          - name: Bot\n"
                                          "            count: 2\n");
  const auto dry = fx.sync({"apply", "-f", manifest, "--dry-run", "--parallelism", "1"});
  INFO(dry.out << dry.err);
  CHECK(dry.exit_code == 0);
  const std::string route = "projects/5040/tests/" + test + "/";
  // -1 and -2 are the copies; the first copy's participants are -3 (Caller) and -4 (Bot), the
  // second copy's -5 (Caller) and -6 (Bot).
  CHECK(dry.out.find("  POST " + route + "groups/-1/copy/ {\"name\":\"Callers US\"}\n") !=
        std::string::npos);
  CHECK(dry.out.find("  DELETE " + route + "participants/-5/\n") != std::string::npos);
  CHECK(dry.out.find("  PUT " + route + "participants/-6/ {") != std::string::npos);
  CHECK(dry.out.find("\"count\":2,\"group_id\":-2,") != std::string::npos);
  CHECK(dry.out.find("\nDry run: 4 write requests, nothing changed.\n") != std::string::npos);
  CHECK(fx.writes() == 0);
}
