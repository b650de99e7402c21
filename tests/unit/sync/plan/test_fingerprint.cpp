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
