#include "routing.hpp"

#include <doctest/doctest.h>

using loadero_emulator::route_pattern_of;
using loadero_emulator::detail::match_route;
using loadero_emulator::detail::method_allowed;
using loadero_emulator::detail::RouteKind;

TEST_CASE("routes are matched as patterns for the stats") {
  CHECK(route_pattern_of("/v2/projects/5040/tests/6866/groups/") ==
        "/v2/projects/{project_id}/tests/{test_id}/groups/");
  CHECK(route_pattern_of("/v2/projects/5040/tests/6866/groups/48797/participants/1/copy/") ==
        "/v2/projects/{project_id}/tests/{test_id}/groups/{group_id}/participants/{participant_id}/"
        "copy/");
  CHECK(route_pattern_of("/v2/projects/5040/tests/6866/groups") == "(unmatched)");
  CHECK(route_pattern_of("/v2/projects/abc/") == "(unmatched)");
  CHECK(route_pattern_of("/v2/projects//tests/") == "(unmatched)");
}

TEST_CASE("a matched route carries the ids its path names and zeros for the others") {
  const auto group = match_route("/v2/projects/5040/tests/6866/groups/48797/");
  REQUIRE(group);
  CHECK(group->spec->kind == RouteKind::group);
  CHECK(group->project_id == 5040);
  CHECK(group->test_id == 6866);
  CHECK(group->group_id == 48797);
  CHECK(group->participant_id == 0);

  const auto participant = match_route("/v2/projects/1/tests/2/participants/3/copy/");
  REQUIRE(participant);
  CHECK(participant->spec->kind == RouteKind::test_participant_copy);
  CHECK(participant->group_id == 0);
  CHECK(participant->participant_id == 3);
}

TEST_CASE("paths outside /v2/, without the trailing slash or with a zero or signed id match none") {
  CHECK_FALSE(match_route("/v2/"));
  CHECK_FALSE(match_route("/v1/projects/1/"));
  CHECK_FALSE(match_route("/v2/projects/1"));
  CHECK_FALSE(match_route("/v2/projects/0/"));
  CHECK_FALSE(match_route("/v2/projects/-1/"));
  CHECK_FALSE(match_route("/v2/projects/1/tests/2/widgets/"));
}

TEST_CASE("a route allows exactly the methods of its Allow value") {
  const auto tests = match_route("/v2/projects/1/tests/");
  REQUIRE(tests);
  CHECK(tests->spec->methods == "GET, POST");
  CHECK(method_allowed(*tests->spec, "GET"));
  CHECK(method_allowed(*tests->spec, "POST"));
  CHECK_FALSE(method_allowed(*tests->spec, "PUT"));
  CHECK_FALSE(method_allowed(*tests->spec, "GE"));
  CHECK_FALSE(method_allowed(*tests->spec, "GET, POST"));
  const auto copy = match_route("/v2/projects/1/tests/2/copy/");
  REQUIRE(copy);
  CHECK(method_allowed(*copy->spec, "POST"));
  CHECK_FALSE(method_allowed(*copy->spec, "GET"));
}
