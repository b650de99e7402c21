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
  CHECK(fake.ops() == std::vector<std::string>{"list_tests"});
}

TEST_CASE("an API error on one test is reported and the other tests are still read") {
  FakeGateway fake;
  fake.add_test(1, "a", {{10, "A", 1, 0}}).add_test(3, "c");
  const auto missing = http_error(404, "GET", "projects/5040/tests/2/groups/");

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
                       http_error(404, "GET", "projects/5040/tests/9/groups/").what(),
                       loadero::ApiError);
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

namespace {

std::size_t count_op(const FakeGateway& fake, const std::string& op) {
  std::size_t n = 0;
  for (const auto& call : fake.calls()) n += call.op == op ? 1 : 0;
  return n;
}

void add_tests(FakeGateway& fake, std::int64_t tests) {
  for (std::int64_t id = 1; id <= tests; ++id) fake.add_test(id, "t" + std::to_string(id));
}

}  // namespace

TEST_CASE("the live read costs the tests list and one groups list per test, nothing more") {
  FakeGateway fake;
  add_tests(fake, 6);
  const auto result = loadero_sync::read_live_state(fake, {by_id(2), by_name("t4"), by_id(6)}, 3);

  CHECK(result.ok());
  CHECK(result.live[1] == LiveTest{4, "t4", {}});
  CHECK(count_op(fake, "list_tests") == 1);
  CHECK(count_op(fake, "list") == 3);
  CHECK(fake.calls().size() == 4);
}

TEST_CASE("the groups of tests declared by id are read while the tests list is") {
  FakeGateway fake;
  add_tests(fake, 3);
  // Nobody waits unless four reads are in flight together: the list and three groups lists.
  fake.gate_concurrency(4);
  const auto result = loadero_sync::read_live_state(fake, {by_id(1), by_id(2), by_id(3)}, 4);
  CHECK(result.ok());
  CHECK(fake.max_in_flight() == 4);
}

TEST_CASE("a long tests list stops after its first page when reading a few tests is cheaper") {
  FakeGateway fake;
  add_tests(fake, 40);
  fake.page_tests(10);  // 3 pages left after the first: more than the 2 tests declared by id

  const auto result = loadero_sync::read_live_state(fake, {by_id(5), by_id(33)}, 1);

  CHECK(result.ok());
  CHECK(result.live[0].name == "t5");   // on the first page
  CHECK(result.live[1].name == "t33");  // read one by one
  CHECK(fake.calls() == std::vector<Call>{{"list_tests", 0, 0, "", 0},
                                          {"list", 5, 0, "", 0},
                                          {"list", 33, 0, "", 0},
                                          {"read_test", 33, 0, "", 0}});
}

TEST_CASE("a long tests list is read whole when it is cheaper or a name must be resolved") {
  SUBCASE("fewer pages left than tests to read") {
    FakeGateway fake;
    add_tests(fake, 20);
    fake.page_tests(10);  // 1 page left, 2 tests by id
    CHECK(loadero_sync::read_live_state(fake, {by_id(15), by_id(16)}, 1).ok());
    CHECK(count_op(fake, "read_test") == 0);
  }
  SUBCASE("a test declared by name") {
    FakeGateway fake;
    add_tests(fake, 40);
    fake.page_tests(10);
    const auto result = loadero_sync::read_live_state(fake, {by_name("t38")}, 1);
    CHECK(result.ok());
    CHECK(result.live[0].test_id == 38);
    CHECK(count_op(fake, "read_test") == 0);
  }
}

TEST_CASE("a refused token or a missing project is one error for the run, not one per test") {
  SUBCASE("401 on a groups list") {
    FakeGateway fake;
    add_tests(fake, 3);
    fake.fail("list", http_error(401, "GET", "projects/5040/tests/2/groups/"), -1);
    CHECK_THROWS_WITH_AS(loadero_sync::read_live_state(fake, {by_id(1), by_id(2)}, 2),
                         http_error(401, "GET", "projects/5040/tests/2/groups/").what(),
                         loadero::ApiError);
  }
  SUBCASE("404 on the tests list") {
    FakeGateway fake;
    add_tests(fake, 3);
    fake.fail("list_tests", http_error(404, "GET", "projects/5040/tests/"), -1);
    CHECK_THROWS_WITH_AS(loadero_sync::read_live_state(fake, {by_id(1), by_name("t2")}, 2),
                         http_error(404, "GET", "projects/5040/tests/").what(), loadero::ApiError);
    CHECK_THROWS_AS(loadero_sync::read_live_tests(fake, {1}, 1), loadero::ApiError);
  }
}

TEST_CASE("when the tests list fails, tests by id are still read and names are unreadable") {
  FakeGateway fake;
  add_tests(fake, 3);
  const auto broken = http_error(500, "GET", "projects/5040/tests/");
  fake.fail("list_tests", broken);

  const auto result = loadero_sync::read_live_state(fake, {by_id(1), by_name("t2")}, 2);

  CHECK(result.live[0] == LiveTest{1, "t1", {}});
  CHECK(messages(result) == Messages{{1, "test \"t2\": " + std::string(broken.what())}});
  CHECK(result.errors[0].kind == loadero_sync::ProblemKind::unreadable);
  CHECK(count_op(fake, "read_test") == 1);  // the name of test 1, which the list did not give
}
