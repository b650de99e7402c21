#include "stats.hpp"

#include <doctest/doctest.h>

using loadero_emulator::FaultKind;
using loadero_emulator::Stats;

TEST_CASE("stats count requests by method and route and list faults") {
  Stats stats;
  CHECK(
      stats.to_json() ==
      R"({"total":0,"by_method":{},"by_route":{},"faults":{"429":0,"5xx":0,"ambiguous":0},"saves":0})");
  stats.record_request("GET", "/v2/projects/{project_id}/tests/{test_id}/groups/");
  stats.record_request("GET", "/v2/projects/{project_id}/tests/{test_id}/groups/");
  stats.record_request("POST", "/v2/projects/{project_id}/tests/{test_id}/groups/");
  stats.record_fault(FaultKind::rate_limited);
  stats.record_fault(FaultKind::server_error);
  stats.record_fault(FaultKind::server_error);
  stats.record_fault(FaultKind::ambiguous);
  stats.record_save();
  CHECK(
      stats.to_json() ==
      R"({"total":3,"by_method":{"GET":2,"POST":1},"by_route":{"GET /v2/projects/{project_id}/tests/{test_id}/groups/":2,)"
      R"("POST /v2/projects/{project_id}/tests/{test_id}/groups/":1},"faults":{"429":1,"5xx":2,"ambiguous":1},"saves":1})");
}

TEST_CASE("resetting stats zeroes every counter") {
  Stats stats;
  stats.record_request("DELETE", "(unmatched)");
  stats.record_fault(FaultKind::ambiguous);
  stats.record_save();
  stats.reset();
  CHECK(
      stats.to_json() ==
      R"({"total":0,"by_method":{},"by_route":{},"faults":{"429":0,"5xx":0,"ambiguous":0},"saves":0})");
}
