#pragma once
// Private: turning list answers into PagedResponse<T>, and following every page (pagination.cpp).

#include <cstdint>
#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "json_fields.hpp"
#include "loadero/api_client.hpp"
#include "loadero/api_error.hpp"
#include "loadero/pagination.hpp"
#include "loadero/query_params.hpp"

namespace loadero::detail {

/// An ApiError(Kind::invalid_response) for a 2xx answer of `method route` that could not be used.
[[noreturn]] void throw_invalid_response(const std::string& method, const std::string& route,
                                         const std::string& why);

/// Parses one resource object and checks that it is the one asked for (check_identity: an
/// "id", equal to identity.id when set, and matching parent ids). A std::invalid_argument from
/// `parse` or the check becomes an ApiError(invalid_response) naming the request.
template <class T, class Parse>
T parse_resource(const nlohmann::json& json, Parse parse, const Identity& identity,
                 const std::string& method, const std::string& route) {
  try {
    T resource = parse(json);
    check_identity(json, identity);
    return resource;
  } catch (const std::invalid_argument& error) {
    throw_invalid_response(method, route, error.what());
  }
}

/// Parses a paged answer {"results": [...], "pagination": {...}, "filter": {...}}. A missing
/// "pagination" or "filter" reads as defaults; a missing or non-array "results", pagination
/// numbers that PaginationParams::from_json refuses (negative, totals beyond the caps) and an
/// item that fails `parse` or check_identity(item, *item_identity) are invalid: each throws
/// ApiError(invalid_response) naming GET and the route. Without item_identity the items are
/// only parsed (a caller that parses them later).
template <class T, class Parse>
PagedResponse<T> parse_paged(const nlohmann::json& json, Parse parse,
                             const std::optional<Identity>& item_identity,
                             const std::string& route) {
  PagedResponse<T> page;
  try {
    if (!json.is_object()) throw std::invalid_argument("list answer is not a JSON object");
    const auto results = json.find("results");
    if (results == json.end() || !results->is_array()) {
      throw std::invalid_argument("list answer has no \"results\" array");
    }
    page.results.reserve(results->size());
    for (const auto& item : *results) {
      page.results.push_back(parse(item));
      if (item_identity) check_identity(item, *item_identity);
    }
    if (const auto pagination = json.find("pagination");
        pagination != json.end() && !pagination->is_null()) {
      page.pagination = PaginationParams::from_json(*pagination);
    }
    if (const auto filter = json.find("filter"); filter != json.end() && !filter->is_null()) {
      page.filter = *filter;
    }
  } catch (const std::invalid_argument& error) {
    throw_invalid_response("GET", route, error.what());
  }
  return page;
}

/// The raw items of a list read, and whether every page was read.
struct PartialListing {
  std::vector<nlohmann::json> items;
  bool complete = true;
};

/// GETs `route` page by page and returns every raw "results" item. With a page_size every request
/// carries limit=page_size and an offset; without one the first request carries neither (the real
/// API then answers the whole list at once) and later pages, only when the answer says more
/// remain, carry the offset and the limit the server reported. Stops when offset + received >=
/// total_items, or page >= total_pages if total_items is missing (an empty page ends the list
/// only when the pagination agrees that nothing remains), or when `go_on` (may be empty) says
/// stop after the first page. Starts again (3 tries in all) when the list visibly changed while
/// being read (total_items changed, an id seen twice).
/// Throws ApiError(invalid_response) when a page is empty while the pagination says items
/// remain, a page repeats the previous one, the pagination numbers are out of bounds, the pages
/// never end, or the list kept changing (naming the repeated ids when ids repeated); throws
/// std::invalid_argument if page_size < 1.
PartialListing read_every_page(ApiClient& client, const std::string& route,
                               const QueryParams& query, std::optional<std::int64_t> page_size,
                               const ContinuePaging& go_on = {});

/// Each raw list item through parse_resource with `item_identity`.
template <class T, class Parse>
std::vector<T> parse_items(std::vector<nlohmann::json> items, const std::string& route, Parse parse,
                           const Identity& item_identity) {
  std::vector<T> results;
  results.reserve(items.size());
  for (const auto& item : items)
    results.push_back(parse_resource<T>(item, parse, item_identity, "GET", route));
  return results;
}

/// read_every_page, then each item through parse_resource with `item_identity`.
template <class T, class Parse>
std::vector<T> read_all_pages_as(ApiClient& client, const std::string& route,
                                 const QueryParams& query, std::optional<std::int64_t> page_size,
                                 Parse parse, const Identity& item_identity) {
  return parse_items<T>(read_every_page(client, route, query, page_size).items, route, parse,
                        item_identity);
}

}  // namespace loadero::detail
