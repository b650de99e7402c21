#include <doctest/doctest.h>

#include "plan_builders.hpp"

using namespace plan_test;

TEST_CASE("the live fingerprint is sha256 over the groups sorted by id") {
  // printf '1\tA\t2\n2\tB\t1\n' | sha256sum
  CHECK(live_fingerprint({live(2, "B", 1), live(1, "A", 2)}) ==
        "sha256:cca7999aa1d2c2dbf128dac9c23eb3b7072100b95911999690b4133633d6ebf3");
}

TEST_CASE("the live fingerprint of no groups is the sha256 of nothing") {
  CHECK(live_fingerprint({}) ==
        "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

TEST_CASE("the live fingerprint changes with a name or a count and ignores listing order") {
  const auto base = live_fingerprint({live(1, "A", 2), live(2, "B", 1)});
  CHECK(live_fingerprint({live(2, "B", 1), live(1, "A", 2)}) == base);
  CHECK(live_fingerprint({live(1, "A", 3), live(2, "B", 1)}) != base);
  CHECK(live_fingerprint({live(1, "A2", 2), live(2, "B", 1)}) != base);
  CHECK(live_fingerprint({live(1, "A", 2)}) != base);
}

TEST_CASE("the plan records each test's live fingerprint") {
  const auto groups = std::vector<LiveGroup>{live(1, "A", 2)};
  const auto result = plan_one(desired_test(6866, {}), live_test(6866, groups));
  REQUIRE(result.plan.tests.size() == 1);
  CHECK(result.plan.tests[0].live_fingerprint == live_fingerprint(groups));
}

TEST_CASE("action kinds have their JSON spelling and symbol") {
  CHECK(to_string(ActionKind::create) == "create");
  CHECK(to_string(ActionKind::duplicate) == "duplicate");
  CHECK(to_string(ActionKind::update) == "update");
  CHECK(to_string(ActionKind::remove) == "delete");
  CHECK(symbol(ActionKind::create) == '+');
  CHECK(symbol(ActionKind::duplicate) == '+');
  CHECK(symbol(ActionKind::update) == '~');
  CHECK(symbol(ActionKind::remove) == '-');
}

TEST_CASE("with participants the fingerprint covers them, sorted by id, every field") {
  // printf '1\tA\t2\nparticipants\n5\t1\t1:P\t2\t-\t=12:chromeLatest\t-\t-\t-\t-\t-\t-\n' |
  // sha256sum
  const auto browser = settings({{ParticipantField::browser, "chromeLatest"}});
  const std::vector<LiveParticipant> participants = {live_participant(5, 1, "P", 2, browser)};
  CHECK(live_fingerprint({live(1, "A", 2)}, participants) ==
        "sha256:9d351def309632d4bcc5c4298e53766fb04c17c03286d1fa508036585bbdbadf");
  // A test that manages participants but has none still differs from one that manages none.
  CHECK(live_fingerprint({live(1, "A", 2)}, std::vector<LiveParticipant>{}) ==
        "sha256:f4cd96d3078b973c207fda46b9cf708e3f153f633c906b346238b97cf7950559");
  CHECK(live_fingerprint({live(1, "A", 2)}, std::nullopt) == live_fingerprint({live(1, "A", 2)}));
}

TEST_CASE("the participant fingerprint changes with any field and ignores listing order") {
  const auto p = [](std::int64_t id, std::optional<std::int64_t> group, std::string name,
                    std::int64_t count, ParticipantSettings values = {}) {
    return live_participant(id, group, std::move(name), count, std::move(values));
  };
  const std::vector<LiveGroup> groups = {live(1, "A", 1), live(2, "B", 1)};
  const auto base =
      live_fingerprint(groups, std::vector<LiveParticipant>{p(5, 1, "P", 1), p(6, 2, "Q", 1)});
  CHECK(live_fingerprint(groups, std::vector<LiveParticipant>{p(6, 2, "Q", 1), p(5, 1, "P", 1)}) ==
        base);
  const std::vector<std::vector<LiveParticipant>> changed = {
      {p(5, 2, "P", 1), p(6, 2, "Q", 1)},
      {p(5, std::nullopt, "P", 1), p(6, 2, "Q", 1)},
      {p(5, 1, "P2", 1), p(6, 2, "Q", 1)},
      {p(5, 1, "P", 2), p(6, 2, "Q", 1)},
      {p(5, 1, "P", 1, settings({{ParticipantField::record_audio, "false"}})), p(6, 2, "Q", 1)},
      {p(5, 1, "P", 1, settings({{ParticipantField::network, ""}})), p(6, 2, "Q", 1)},
      {p(5, 1, "P", 1)},
      // A name cannot pose as the fields after it.
      {p(5, 1, "P\t1", 1), p(6, 2, "Q", 1)},
  };
  for (const auto& participants : changed) CHECK(live_fingerprint(groups, participants) != base);
}
