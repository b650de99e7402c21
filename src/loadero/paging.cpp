#include "paging.hpp"

namespace loadero::detail {

namespace {

// No Loadero test has anywhere near this many groups or participants; past it the server is
// almost certainly ignoring offset in a way the repeat check cannot see.
constexpr std::int64_t max_pages = 10000;

}  // namespace

void throw_invalid_response(const std::string& method, const std::string& route,
                            const std::string& why) {
  ApiError::Details details;
  details.kind = ApiError::Kind::invalid_response;
  details.status = 200;
  details.method = method;
  details.route = route;
  details.detail = "invalid response: " + why;
  throw ApiError(std::move(details));
}

std::vector<nlohmann::json> read_every_page(ApiClient& client, const std::string& route,
                                            QueryParams query, std::int64_t page_size) {
  if (page_size < 1) throw std::invalid_argument("page size must be at least 1");
  std::vector<nlohmann::json> items;
  nlohmann::json previous_results;
  std::int64_t offset = 0;
  for (std::int64_t pages = 1;; ++pages) {
    if (pages > max_pages) {
      throw_invalid_response("GET", route,
                             "more than " + std::to_string(max_pages) + " pages; giving up");
    }
    query.limit(page_size).offset(offset);
    const nlohmann::json body = client.get(route, query);
    // Only the envelope is checked here; the caller parses each item.
    const auto page = parse_paged<nlohmann::json>(
        body, [](const nlohmann::json& item) { return item; }, route);
    const auto received = static_cast<std::int64_t>(page.results.size());
    if (received == 0) break;
    nlohmann::json results_json(page.results);
    if (pages > 1 && results_json == previous_results) {
      throw_invalid_response("GET", route,
                             "the page at offset " + std::to_string(offset) +
                                 " repeats the previous page (the server ignores offset?)");
    }
    for (auto& item : page.results) items.push_back(item);
    offset += received;
    if (page.pagination.total_items) {
      if (offset >= *page.pagination.total_items) break;
    } else if (page.pagination.total_pages > 0 &&
               page.pagination.page >= page.pagination.total_pages) {
      break;
    }
    previous_results = std::move(results_json);
  }
  return items;
}

}  // namespace loadero::detail
