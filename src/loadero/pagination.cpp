#include "loadero/pagination.hpp"

#include <optional>
#include <set>

#include "json_fields.hpp"
#include "pagination_detail.hpp"

namespace loadero {

PaginationParams PaginationParams::from_json(const nlohmann::json& json) {
  detail::require_object(json, "pagination");
  PaginationParams params;
  params.limit = detail::read_int(json, "limit", "pagination").value_or(0);
  params.offset = detail::read_int(json, "offset", "pagination").value_or(0);
  params.page = detail::read_int(json, "page", "pagination").value_or(0);
  params.total_pages = detail::read_int(json, "total_pages", "pagination").value_or(0);
  params.total_items = detail::read_int(json, "total_items", "pagination");
  return params;
}

nlohmann::json PaginationParams::to_json() const {
  nlohmann::json json = {
      {"limit", limit}, {"offset", offset}, {"page", page}, {"total_pages", total_pages}};
  if (total_items) json["total_items"] = *total_items;
  return json;
}

}  // namespace loadero

namespace loadero::detail {

namespace {

// No Loadero test has anywhere near this many groups or participants; past it the server is
// almost certainly ignoring offset in a way the repeat check cannot see.
constexpr std::int64_t max_pages = 10000;
// Offset paging is not a snapshot: an item created or deleted between two pages shifts the rest,
// so one item may be seen twice or not at all. A sync tool that missed a group would create it
// again, so a listing that visibly changed is read again from the start, a few times at most.
constexpr int max_attempts = 3;

struct Listing {
  std::vector<nlohmann::json> items;
  std::optional<std::string> changed;  ///< why the listing cannot be trusted, if it cannot
};

Listing read_listing_once(ApiClient& client, const std::string& route, QueryParams query,
                          std::int64_t page_size) {
  Listing listing;
  nlohmann::json previous_results;
  std::optional<std::int64_t> first_total;
  std::set<std::int64_t> ids;
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
    if (pages == 1) first_total = page.pagination.total_items;
    if (page.pagination.total_items != first_total) {
      listing.changed = "total_items went from " +
                        (first_total ? std::to_string(*first_total) : std::string("(none)")) +
                        " to " +
                        (page.pagination.total_items ? std::to_string(*page.pagination.total_items)
                                                     : std::string("(none)"));
      return listing;
    }
    for (auto& item : page.results) {
      const auto id = item.is_object() ? item.find("id") : item.end();
      if (item.is_object() && id != item.end() && id->is_number_integer() &&
          !ids.insert(id->get<std::int64_t>()).second) {
        listing.changed = "id " + std::to_string(id->get<std::int64_t>()) + " was listed twice";
        return listing;
      }
      listing.items.push_back(item);
    }
    offset += received;
    if (page.pagination.total_items) {
      if (offset >= *page.pagination.total_items) break;
    } else if (page.pagination.total_pages > 0 &&
               page.pagination.page >= page.pagination.total_pages) {
      break;
    }
    previous_results = std::move(results_json);
  }
  return listing;
}

}  // namespace

void throw_invalid_response(const std::string& method, const std::string& route,
                            const std::string& why) {
  ApiError::Details details;
  details.kind = ApiError::Kind::invalid_response;
  details.method = method;
  details.route = route;
  details.detail = "invalid response: " + why;
  throw ApiError(std::move(details));
}

std::vector<nlohmann::json> read_every_page(ApiClient& client, const std::string& route,
                                            const QueryParams& query, std::int64_t page_size) {
  if (page_size < 1) throw std::invalid_argument("page size must be at least 1");
  std::string last_change;
  for (int attempt = 1; attempt <= max_attempts; ++attempt) {
    Listing listing = read_listing_once(client, route, query, page_size);
    if (!listing.changed) return std::move(listing.items);
    last_change = *listing.changed;
  }
  throw_invalid_response("GET", route,
                         "the list kept changing while it was read page by page (" + last_change +
                             "; tried " + std::to_string(max_attempts) + " times)");
}

}  // namespace loadero::detail
