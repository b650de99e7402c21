#include "state.hpp"

#include <doctest/doctest.h>

#include <cstdint>
#include <cstdio>
#include <fstream>
#include <set>
#include <sstream>
#include <stdexcept>

#include "emulator_support.hpp"

using namespace loadero_emulator;

TEST_CASE("timestamps are RFC 3339 UTC with milliseconds and parse back") {
  CHECK(format_timestamp(0) == "1970-01-01T00:00:00.000Z");
  Millis parsed = 0;
  REQUIRE(parse_timestamp("2024-01-02T03:04:05.678Z", parsed));
  CHECK(format_timestamp(parsed) == "2024-01-02T03:04:05.678Z");
  REQUIRE(parse_timestamp("2021-02-02T12:00:25Z", parsed));
  CHECK(format_timestamp(parsed) == "2021-02-02T12:00:25.000Z");
  REQUIRE(parse_timestamp("2021-02-02T14:00:25.5+02:00", parsed));
  CHECK(format_timestamp(parsed) == "2021-02-02T12:00:25.500Z");
  CHECK_FALSE(parse_timestamp("2021-02-02 12:00", parsed));
  CHECK_FALSE(parse_timestamp("2021-02-02T12:00:25", parsed));
  CHECK_FALSE(parse_timestamp("yesterday", parsed));
}

TEST_CASE(
    "the demo data has the reference's counts: test 6866 has 6 group copies and 31 participants") {
  const State state = demo_state();
  REQUIRE(state.projects.count(5040) == 1);
  CHECK(state.projects.at(5040).token == "demo-token");
  const auto totals = test_totals(state, 6866);
  CHECK(totals.group_count == 6);
  CHECK(totals.participant_count == 31);
  CHECK(group_totals(state, 48797).participant_count == 15);
  CHECK(group_totals(state, 50335).participant_count == 0);
  CHECK(group_totals(state, 50336).total_cu_count == 6);
  CHECK(test_totals(state, 6867).participant_count == 10);
}

TEST_CASE("a state survives a save and a load unchanged") {
  const State state = demo_state();
  const loadero_test::TempDir temp("emu-state");
  const std::string& folder = temp.path();
  const std::string path = folder + "/state.json";
  save_state_file(path, state);
  const State loaded = load_state_file(path);
  CHECK(state_to_json_text(loaded) == state_to_json_text(state));
  CHECK(loaded.next_group_id == state.next_group_id);
  std::ifstream temporary(path + ".tmp");
  CHECK_FALSE(temporary.good());
  std::remove(path.c_str());
}

TEST_CASE("id counters are raised above the largest id in the file") {
  const State state = state_from_json_text(
      R"({"next_ids": {"group": 3}, "projects": [{"id": 1, "token": "t", "tests": [{"id": 7, "name": "T",
          "groups": [{"id": 10, "name": "G", "count": 1}]}]}]})",
      1000);
  CHECK(state.next_group_id == 11);
  CHECK(state.next_test_id == 8);
  CHECK(state.next_participant_id == 1);
  CHECK(state.groups.at(10).created == 1000);
  CHECK(state.projects.at(1).name == "Project 1");
}

TEST_CASE("a broken state file is refused with a message that names the problem") {
  CHECK_THROWS_WITH_AS(state_from_json_text("{", 0), doctest::Contains("not valid JSON"),
                       std::runtime_error);
  CHECK_THROWS_WITH_AS(state_from_json_text(R"({"projects": [{"id": 1}]})", 0),
                       "project 1: \"token\" must be a string", std::runtime_error);
  CHECK_THROWS_WITH_AS(
      state_from_json_text(R"({"projects": [{"id": 1, "token": "t", "tests": [{"id": 2, "name": "T",
          "participants": [{"id": 3, "name": "P", "count": 1, "group_id": 99}]}]}]})",
                           0),
      "participant 3: group 99 is not a group of its test", std::runtime_error);
  CHECK_THROWS_WITH_AS(state_from_json_text(R"({"format_version": 2})", 0),
                       "unsupported format_version 2 (expected 1)", std::runtime_error);
}

TEST_CASE("a participant's settings default as the API's do, and media_type is kept when set") {
  const State state = state_from_json_text(
      R"({"projects": [{"id": 1, "token": "t", "tests": [{"id": 2, "name": "T",
          "participants": [{"id": 3, "name": "Plain", "count": 1},
                           {"id": 4, "name": "Big", "count": 2, "compute_unit": "g12",
                            "media_type": "audio", "browser": "chrome120"}]}]}]})",
      0);
  const Participant& plain = state.participants.at(3);
  CHECK(plain.compute_unit == "g2");
  CHECK(plain.browser == "chromeLatest");
  CHECK(plain.location == "us-west-2");
  CHECK(plain.network == "default");
  CHECK(plain.audio_feed == "default");
  CHECK(plain.video_feed == "default");
  CHECK(plain.media_type.empty());
  CHECK_FALSE(plain.record_audio);
  const Participant& big = state.participants.at(4);
  CHECK(big.compute_unit == "g12");
  CHECK(big.media_type == "audio");
  CHECK(big.browser == "chrome120");

  const std::string text = state_to_json_text(state);
  CHECK(text.find(R"("media_type": "audio")") != std::string::npos);
  CHECK(text.find("media_type") == text.rfind("media_type"));  // none written for Plain
  CHECK(state_to_json_text(state_from_json_text(text, 0)) == text);
}

TEST_CASE("a state file with a compute_unit the API does not know is refused") {
  CHECK_THROWS_WITH_AS(
      state_from_json_text(R"({"projects": [{"id": 1, "token": "t", "tests": [{"id": 2, "name": "T",
          "participants": [{"id": 3, "name": "P", "count": 1, "compute_unit": "g3"}]}]}]})",
                           0),
      R"(participant 3: "compute_unit" must be one of g0.5, g1, g2, g4, g6, g8, g12, not "g3")",
      std::runtime_error);
}

TEST_CASE("group totals count every listed compute unit, g8 and g12 included") {
  State state;
  state.tests[1].id = 1;
  Group group;
  group.id = 10;
  group.test_id = 1;
  group.count = 3;
  state.add_group(group);
  std::int64_t next_id = 100;
  auto add = [&](const char* unit, std::int64_t count) {
    Participant p;
    p.id = next_id++;
    p.test_id = 1;
    p.group_id = 10;
    p.count = count;
    p.compute_unit = unit;
    state.add_participant(p);
  };
  add("g8", 1);
  add("g12", 2);
  add("g0.5", 1);
  CHECK(group_totals(state, 10).participant_count == 4);
  CHECK(group_totals(state, 10).total_cu_count == 32.5);  // 8 + 2 x 12 + 0.5, exact
  CHECK(test_totals(state, 1).participant_count == 12);
  CHECK(test_totals(state, 1).group_count == 3);
}

TEST_CASE("the per-test indexes follow adds and erases, and travel with a copy of the state") {
  State state;
  state.tests[1].id = 1;
  state.tests[2].id = 2;
  auto group = [](std::int64_t id, std::int64_t test_id) {
    Group g;
    g.id = id;
    g.test_id = test_id;
    return g;
  };
  auto participant = [](std::int64_t id, std::int64_t test_id, std::int64_t group_id) {
    Participant p;
    p.id = id;
    p.test_id = test_id;
    p.group_id = group_id;
    return p;
  };
  REQUIRE(state.add_group(group(20, 1)) != nullptr);
  REQUIRE(state.add_group(group(10, 1)) != nullptr);
  REQUIRE(state.add_group(group(30, 2)) != nullptr);
  CHECK(state.add_group(group(10, 2)) == nullptr);  // the id is taken: nothing changes
  CHECK(state.group_ids_of(1) == std::set<std::int64_t>{10, 20});
  CHECK(state.group_ids_of(2) == std::set<std::int64_t>{30});
  CHECK(state.group_ids_of(3).empty());

  REQUIRE(state.add_participant(participant(101, 1, 10)) != nullptr);
  REQUIRE(state.add_participant(participant(102, 1, 20)) != nullptr);
  REQUIRE(state.add_participant(participant(103, 1, 0)) != nullptr);
  REQUIRE(state.add_participant(participant(104, 2, 30)) != nullptr);
  CHECK(state.add_participant(participant(104, 1, 0)) == nullptr);
  CHECK(state.participant_ids_of(1) == std::set<std::int64_t>{101, 102, 103});

  const State copy = state;
  state.erase_group(10);  // takes participant 101 along
  CHECK(state.group_ids_of(1) == std::set<std::int64_t>{20});
  CHECK(state.participant_ids_of(1) == std::set<std::int64_t>{102, 103});
  CHECK(state.participants.count(101) == 0);
  state.erase_participant(103);
  state.erase_participant(999);  // unknown ids are ignored
  state.erase_group(999);
  CHECK(state.participant_ids_of(1) == std::set<std::int64_t>{102});

  state.erase_test(1);
  CHECK(state.tests.count(1) == 0);
  CHECK(state.group_ids_of(1).empty());
  CHECK(state.participant_ids_of(1).empty());
  CHECK(state.groups.size() == 1);
  CHECK(state.participants.size() == 1);
  CHECK(state.group_ids_of(2) == std::set<std::int64_t>{30});

  // The copy (what the saver writes) kept its own, untouched indexes.
  CHECK(copy.group_ids_of(1) == std::set<std::int64_t>{10, 20});
  CHECK(copy.participant_ids_of(1) == std::set<std::int64_t>{101, 102, 103});
  CHECK(test_totals(copy, 1).group_count == 2);
}
