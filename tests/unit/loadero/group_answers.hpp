#pragma once
// Group and list answers shaped like the API's, for the group tests.

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace loadero_test {

/// One group of test 6866 as the API answers it.
inline std::string group_json(std::int64_t id, const std::string& name, std::int64_t count = 1) {
  return nlohmann::json{{"id", id},
                        {"test_id", 6866},
                        {"name", name},
                        {"count", count},
                        {"created", "2021-02-02T12:00:25Z"},
                        {"updated", "2021-02-02T12:00:25Z"}}
      .dump();
}

/// A list answer holding `groups` (each a group_json) and the given pagination.
inline std::string page_json(const std::vector<std::string>& groups, std::int64_t limit,
                             std::int64_t offset, std::int64_t page, std::int64_t total_pages,
                             std::optional<std::int64_t> total_items) {
  nlohmann::json results = nlohmann::json::array();
  for (const auto& group : groups) results.push_back(nlohmann::json::parse(group));
  nlohmann::json pagination = {
      {"limit", limit}, {"offset", offset}, {"page", page}, {"total_pages", total_pages}};
  if (total_items) pagination["total_items"] = *total_items;
  return nlohmann::json{
      {"filter", nlohmann::json::object()}, {"pagination", pagination}, {"results", results}}
      .dump();
}

// JV body-all-groups.json (2021 data): no total_items, zero participant_count left out.
inline constexpr const char* jv_all_groups_json =
    R"({"pagination": {"limit": 0, "offset": 0, "page": 1, "total_pages": 1},
   "results": [{"id": 48797, "created": "2021-02-02T12:00:25Z", "updated": "2021-04-08T12:05:12Z",
                "test_id": 6866, "count": 1, "name": "new name", "participant_count": 15},
               {"id": 50335, "created": "2021-03-11T12:29:03Z", "updated": "2021-04-01T05:31:51Z",
                "test_id": 6866, "count": 1, "name": "New name from params"}],
   "filter": {}})";

/// The groups of test 6866 in project 5040.
inline const std::string groups_route = "projects/5040/tests/6866/groups/";

}  // namespace loadero_test
