#include "loadero_sync/live_state.hpp"

#include <doctest/doctest.h>

#include "fake_gateway.hpp"

using namespace loadero_test;
using loadero_sync::DesiredTest;
using loadero_sync::LiveGroup;
using loadero_sync::LiveTest;

namespace {

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

using Messages = std::vector<std::pair<std::size_t, std::string>>;

// Each error as (test index, message).
Messages messages(const loadero_sync::LiveReadResult& result) {
  Messages out;
  for (const auto& error : result.errors)
    out.emplace_back(error.test_index, error.diagnostic.message);
  return out;
}

}  // namespace

TEST_CASE("tests are read by id or by their exact unique name, with every group") {
  FakeGateway fake;
  fake.add_test(6866, "Checkout", {{1, "Callers", 3, 2}, {2, "Hosts", 1, 0}})
      .add_test(7000, "Smoke flow", {{3, "Solo", 1, 1}})
      .add_test(7001, "Smoke flow 2");

  const auto result = loadero_sync::read_live_state(fake, {by_id(6866), by_name("Smoke flow")}, 4);

  CHECK(result.ok());
  REQUIRE(result.resolved.size() == 2);
  CHECK(result.resolved[0].test_id == 6866);
  CHECK(result.resolved[1].test_id == 7000);
  CHECK(result.resolved[1].test_name == "Smoke flow");
  CHECK(result.live == std::vector<LiveTest>{
                           {6866, "Checkout", {{1, "Callers", 3, 2}, {2, "Hosts", 1, 0}}},
                           {7000, "Smoke flow", {{3, "Solo", 1, 1}}},
                       });
}

TEST_CASE("a test name that no test has is an error that names it") {
  FakeGateway fake;
  fake.add_test(6866, "Checkout");

  const auto result =
      loadero_sync::read_live_state(fake, {by_id(6866), by_name("Checkout flow")}, 2);

  CHECK_FALSE(result.ok());
  CHECK(messages(result) == Messages{{1, "test \"Checkout flow\": no test has this exact name"}});
  CHECK(result.live[0].test_id == 6866);
  CHECK_FALSE(result.resolved[1].test_id.has_value());
}

TEST_CASE("a test name that several tests share is an error that lists their ids") {
  FakeGateway fake;
  fake.add_test(102, "Checkout").add_test(101, "Checkout");

  const auto result = loadero_sync::read_live_state(fake, {by_name("Checkout")}, 1);

  CHECK(messages(result) ==
        Messages{
            {0, "test \"Checkout\": the name is ambiguous, tests 101, 102 have it; use test_id"}});
  CHECK(fake.ops() == std::vector<std::string>{"find_tests"});
}

TEST_CASE("an API error on one test is reported and the other tests are still read") {
  FakeGateway fake;
  fake.add_test(1, "a", {{10, "A", 1, 0}}).add_test(3, "c");
  const auto missing = http_error(404, "GET", "projects/5040/tests/2/");

  const auto result = loadero_sync::read_live_state(fake, {by_id(1), by_id(2), by_id(3)}, 3);

  CHECK(messages(result) == Messages{{1, "test 2: " + std::string(missing.what())}});
  CHECK(result.live[0] == LiveTest{1, "a", {{10, "A", 1, 0}}});
  CHECK(result.live[2] == LiveTest{3, "c", {}});
}

TEST_CASE("live tests are read several at once") {
  FakeGateway fake;
  std::vector<DesiredTest> desired;
  for (std::int64_t id = 1; id <= 8; ++id) {
    fake.add_test(id, "t" + std::to_string(id));
    desired.push_back(by_id(id));
  }
  fake.gate_concurrency(4);

  const auto result = loadero_sync::read_live_state(fake, desired, 4);

  CHECK(result.ok());
  CHECK(fake.max_in_flight() == 4);
  for (std::int64_t id = 1; id <= 8; ++id)
    CHECK(result.live[static_cast<std::size_t>(id - 1)].test_id == id);
}

TEST_CASE("read_live_tests keeps the order of the ids and throws the first failure") {
  FakeGateway fake;
  fake.add_test(5, "five", {{50, "G", 2, 0}}).add_test(4, "four");

  CHECK(loadero_sync::read_live_tests(fake, {5, 4}, 2) ==
        std::vector<LiveTest>{{5, "five", {{50, "G", 2, 0}}}, {4, "four", {}}});
  CHECK_THROWS_WITH_AS(loadero_sync::read_live_tests(fake, {5, 9, 4}, 2),
                       http_error(404, "GET", "projects/5040/tests/9/").what(), loadero::ApiError);
}

TEST_CASE("a test that cannot be read is diagnosed at its manifest entry with the source line") {
  FakeGateway fake;
  loadero_sync::SourceTexts sources;
  sources.add("loadero.yaml", "version: 1\ntests:\n  - test_name: Checkout flow\n");
  DesiredTest test = by_name("Checkout flow");
  test.source = loadero_sync::SourcePos{"loadero.yaml", 3, 5};

  const auto result = loadero_sync::read_live_state(fake, {test}, 1, sources);

  REQUIRE(result.errors.size() == 1);
  CHECK(loadero_sync::format_diagnostic(result.errors[0].diagnostic) ==
        "loadero.yaml:3:5: error: test \"Checkout flow\": no test has this exact name\n"
        "    3 |   - test_name: Checkout flow\n"
        "      |     ^\n"
        "  hint: fix test_name, or declare the test by test_id\n");
  CHECK(result.errors[0].kind == loadero_sync::ProblemKind::conflict);
}
