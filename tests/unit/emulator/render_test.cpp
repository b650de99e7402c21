#include "render.hpp"

#include <doctest/doctest.h>

using namespace loadero_emulator;
using detail::render_group;
using detail::render_participant;
using detail::render_project;
using detail::render_test;

TEST_CASE("a project is rendered without its token") {
  const Project project{5040, "demo", "secret", 0, 1};
  CHECK(
      render_project(project).dump() ==
      R"({"id":5040,"name":"demo","created":"1970-01-01T00:00:00.000Z","updated":"1970-01-01T00:00:00.001Z"})");
}

TEST_CASE("a test leaves out zero derived counts and never renders its script") {
  State state;
  Test test;
  test.id = 7;
  test.project_id = 5040;
  test.name = "t";
  test.start_interval = 10;
  test.participant_timeout = 60;
  test.mode = "load";
  test.increment_strategy = "linear";
  test.script = "client => {}";
  state.tests[test.id] = test;
  CHECK(
      render_test(state, test).dump() ==
      R"({"id":7,"project_id":5040,"name":"t","start_interval":10,"participant_timeout":60,"mode":"load","increment_strategy":"linear","mos_test":false,"created":"1970-01-01T00:00:00.000Z","updated":"1970-01-01T00:00:00.000Z"})");

  Group group;
  group.id = 8;
  group.test_id = 7;
  group.count = 2;
  state.add_group(group);
  Participant participant;
  participant.id = 9;
  participant.test_id = 7;
  participant.group_id = 8;
  participant.count = 3;
  state.add_participant(participant);
  const auto rendered = render_test(state, test);
  CHECK(rendered["group_count"] == 2);
  CHECK(rendered["participant_count"] == 6);
}

TEST_CASE("a group carries the totals it is given, zeros left out") {
  Group group;
  group.id = 8;
  group.test_id = 7;
  group.name = "g";
  group.count = 2;
  CHECK(
      render_group(group, GroupTotals{}).dump() ==
      R"({"id":8,"test_id":7,"name":"g","count":2,"created":"1970-01-01T00:00:00.000Z","updated":"1970-01-01T00:00:00.000Z"})");
  const auto with_totals = render_group(group, GroupTotals{3, 4});
  CHECK(with_totals["participant_count"] == 3);
  CHECK(with_totals["total_cu_count"] == 4);
}

TEST_CASE("a participant has a group_id only when it is in a group") {
  Participant participant;
  participant.id = 9;
  participant.test_id = 7;
  participant.name = "p";
  CHECK(
      render_participant(participant).dump() ==
      R"({"id":9,"test_id":7,"name":"p","count":1,"compute_unit":"g2","browser":"chromeLatest","location":"us-west-2","network":"default","audio_feed":"default","video_feed":"default","record_audio":false,"created":"1970-01-01T00:00:00.000Z","updated":"1970-01-01T00:00:00.000Z"})");
  participant.group_id = 8;
  CHECK(render_participant(participant).dump().find(R"("test_id":7,"group_id":8,"name":"p")") !=
        std::string::npos);
}

TEST_CASE("a participant's media_type is rendered after video_feed only when it has one") {
  Participant participant;
  participant.id = 9;
  participant.test_id = 7;
  participant.name = "p";
  participant.compute_unit = "g12";
  participant.media_type = "audio";
  participant.record_audio = true;
  CHECK(
      render_participant(participant).dump() ==
      R"({"id":9,"test_id":7,"name":"p","count":1,"compute_unit":"g12","browser":"chromeLatest","location":"us-west-2","network":"default","audio_feed":"default","video_feed":"default","media_type":"audio","record_audio":true,"created":"1970-01-01T00:00:00.000Z","updated":"1970-01-01T00:00:00.000Z"})");
}
