// The live read of participants: one test-scope list per test that manages them, read beside the
// groups lists; nothing for tests that do not.

#include <doctest/doctest.h>

#include <optional>
#include <string>
#include <vector>

#include "fake_gateway.hpp"
#include "loadero_sync/live_state.hpp"

using namespace loadero_test;
using loadero_sync::DesiredTest;
using loadero_sync::LiveParticipant;
using loadero_sync::ParticipantField;
using loadero_sync::ParticipantSettings;
using loadero_sync::ReadParticipants;

namespace {

// A test whose group "Callers" declares participants (here none), so they are read.
DesiredTest managing(DesiredTest test) {
  loadero_sync::DesiredGroup group;
  group.name = "Callers";
  group.participants = std::vector<loadero_sync::DesiredParticipant>{};
  test.groups.push_back(std::move(group));
  return test;
}

DesiredTest by_id(std::int64_t id) {
  DesiredTest test;
  test.test_id = id;
  return test;
}

DesiredTest by_name(std::string name) {
  DesiredTest test;
  test.test_name = std::move(name);
  return test;
}

ParticipantSettings unit(std::string compute_unit) {
  ParticipantSettings settings;
  settings.set(ParticipantField::compute_unit, std::move(compute_unit));
  return settings;
}

// Tests 1..3 ("t1".."t3"), each with group 10*id "Callers" and participant 100*id "Caller".
void add_tests(FakeGateway& fake) {
  for (std::int64_t id = 1; id <= 3; ++id) {
    fake.add_test(id, "t" + std::to_string(id), {{10 * id, "Callers", 1, 1}});
    fake.set_participants(id, {{100 * id, 10 * id, "Caller", 1, unit("g" + std::to_string(id))}});
  }
}

std::vector<LiveParticipant> caller_of(std::int64_t id) {
  return {{100 * id, 10 * id, "Caller", 1, unit("g" + std::to_string(id))}};
}

}  // namespace

TEST_CASE("a test that manages participants costs one participants list, the others none") {
  FakeGateway fake;
  add_tests(fake);

  const auto result = loadero_sync::read_live_state(
      fake, {managing(by_id(1)), managing(by_name("t2")), by_id(3)}, 2);

  REQUIRE(result.ok());
  CHECK(result.live[0].participants == caller_of(1));
  CHECK(result.live[1].participants == caller_of(2));
  CHECK(result.live[2].participants == std::nullopt);
  CHECK(fake.count("list_tests") == 1);
  CHECK(fake.count("list") == 3);
  CHECK(fake.count("list_participants") == 2);
  CHECK(fake.calls().size() == 6);
  for (const auto& call : fake.calls())
    CHECK_FALSE((call.op == "list_participants" && call.test_id == 3));
}

TEST_CASE(
    "the participants of a test declared by id are read beside its groups and the tests list") {
  FakeGateway fake;
  add_tests(fake);
  // Nobody waits unless three reads are in flight together: tests, groups and participants lists.
  fake.gate_concurrency(3);

  const auto result = loadero_sync::read_live_state(fake, {managing(by_id(1))}, 3);

  CHECK(result.ok());
  CHECK(fake.max_in_flight() == 3);
}

TEST_CASE("a failed participants list makes its test unreadable while other tests are read") {
  FakeGateway fake;
  add_tests(fake);
  const auto broken = http_error(500, "GET", "projects/5040/tests/1/participants/");
  fake.fail("list_participants", broken, -1, Commit::no, std::nullopt, 1);

  const auto result =
      loadero_sync::read_live_state(fake, {managing(by_id(1)), managing(by_id(2))}, 2);

  REQUIRE(result.errors.size() == 1);
  CHECK(result.errors[0].test_index == 0);
  CHECK(result.errors[0].kind == loadero_sync::ProblemKind::unreadable);
  CHECK(result.errors[0].diagnostic.message == "test 1: " + std::string(broken.what()));
  CHECK(result.live[1].participants == caller_of(2));
}

TEST_CASE("a refused token on a participants list is one error for the run") {
  FakeGateway fake;
  add_tests(fake);
  const auto refused = http_error(403, "GET", "projects/5040/tests/2/participants/");
  fake.fail("list_participants", refused, -1);

  CHECK_THROWS_WITH_AS(
      loadero_sync::read_live_state(fake, {managing(by_id(1)), managing(by_name("t2"))}, 2),
      refused.what(), loadero::ApiError);
}

TEST_CASE("export reads the participants of every test only when asked to") {
  FakeGateway fake;
  add_tests(fake);

  const auto without = loadero_sync::read_live_tests(fake, {2, 1}, 2);
  CHECK(without[0].participants == std::nullopt);
  CHECK(fake.count("list_participants") == 0);

  const auto with = loadero_sync::read_live_tests(
      fake, {2, 1}, 2, loadero_sync::CancelToken::never(), ReadParticipants::yes);
  REQUIRE(with.size() == 2);
  CHECK(with[0].test_id == 2);
  CHECK(with[0].participants == caller_of(2));
  CHECK(with[1].participants == caller_of(1));
  CHECK(fake.count("list_participants") == 2);
}

TEST_CASE("export throws the failure of a participants list") {
  FakeGateway fake;
  add_tests(fake);
  const auto broken = http_error(500, "GET", "projects/5040/tests/1/participants/");
  fake.fail("list_participants", broken, -1);

  CHECK_THROWS_WITH_AS(loadero_sync::read_live_tests(
                           fake, {1}, 1, loadero_sync::CancelToken::never(), ReadParticipants::yes),
                       broken.what(), loadero::ApiError);
}

TEST_CASE("read_participants_of lists the participants of each test, in the order given") {
  FakeGateway fake;
  add_tests(fake);

  const auto participants = loadero_sync::read_participants_of(fake, {3, 1}, 2);

  CHECK(participants == std::vector{caller_of(3), caller_of(1)});
  CHECK(fake.ops() == std::vector<std::string>(2, "list_participants"));
}

TEST_CASE("read_participants_of stops at an interruption and otherwise throws the failed read") {
  FakeGateway fake;
  add_tests(fake);
  SUBCASE("interrupted") {
    loadero_sync::CancelToken cancel;
    cancel.cancel();
    CHECK_THROWS_AS(loadero_sync::read_participants_of(fake, {1, 2}, 2, cancel),
                    loadero_sync::Cancelled);
    CHECK(fake.calls().empty());
  }
  SUBCASE("a failed read") {
    const auto missing = http_error(404, "GET", "projects/5040/tests/9/participants/");
    CHECK_THROWS_WITH_AS(loadero_sync::read_participants_of(fake, {1, 9}, 1), missing.what(),
                         loadero::ApiError);
  }
}

TEST_CASE("an interrupted live read starts no participants list") {
  FakeGateway fake;
  add_tests(fake);
  loadero_sync::CancelToken cancel;
  cancel.cancel();

  CHECK_THROWS_AS(loadero_sync::read_live_state(fake, {managing(by_id(1))}, 2, {}, cancel),
                  loadero_sync::Cancelled);
  CHECK(fake.count("list_participants") == 0);
}

TEST_CASE("a test whose budget limits the largest compute unit reads its participants too") {
  FakeGateway fake;
  add_tests(fake);
  fake.set_mode(2, "performance");
  auto limited = by_id(2);
  limited.budget.largest_compute_unit = "g6";
  auto capped = by_id(3);
  capped.budget.max_compute_units = 100;  // a compute-unit cap alone needs no participants

  const auto result = loadero_sync::read_live_state(fake, {by_id(1), limited, capped}, 2);

  REQUIRE(result.ok());
  CHECK(result.live[0].participants == std::nullopt);
  CHECK(result.live[1].participants == caller_of(2));
  CHECK(result.live[2].participants == std::nullopt);
  CHECK(fake.count("list_participants") == 1);
  // The mode comes with the tests list.
  CHECK(result.live[1].mode == "performance");
  CHECK(result.live[0].mode == std::nullopt);
}
