#include "loadero/pagination.hpp"

#include <limits>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>

#include "json_fields.hpp"
#include "pagination_detail.hpp"

namespace loadero {

namespace {

std::int64_t read_count(const nlohmann::json& json, const char* key, std::int64_t cap) {
  const std::int64_t value = detail::read_int(json, key, "pagination").value_or(0);
  if (value < 0) {
    throw std::invalid_argument(std::string("pagination field '") + key + "' is negative (" +
                                std::to_string(value) + ")");
  }
  if (value > cap) {
    throw std::invalid_argument(std::string("pagination field '") + key + "' is " +
                                std::to_string(value) + ", beyond the cap of " +
                                std::to_string(cap));
  }
  return value;
}

}  // namespace

PaginationParams PaginationParams::from_json(const nlohmann::json& json) {
  detail::require_object(json, "pagination");
  constexpr auto no_cap = std::numeric_limits<std::int64_t>::max();
  PaginationParams params;
  params.limit = read_count(json, "limit", no_cap);
  params.offset = read_count(json, "offset", no_cap);
  params.page = read_count(json, "page", no_cap);
  if (detail::read_int(json, "total_items", "pagination")) {
    params.total_items = read_count(json, "total_items", max_total_items);
  }
  params.total_pages = read_count(json, "total_pages", max_total_pages);
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

// Offset paging is not a snapshot: an item created or deleted between two pages shifts the rest,
// so one item may be seen twice or not at all. A sync tool that missed a group would create it
// again, so a listing that visibly changed is read again from the start, a few times at most.
constexpr int max_attempts = 3;
// A message naming a thousand ids helps nobody; the first few say what happened.
constexpr std::size_t max_ids_named = 10;

enum class Change { none, total_items, repeated_ids };

struct Listing {
  std::vector<nlohmann::json> items;
  Change change = Change::none;
  std::string why;       ///< what showed the change, for the error when the tries run out
  bool complete = true;  ///< false when the caller chose to stop after the first page
};

std::string total_text(const std::optional<std::int64_t>& total) {
  return total ? std::to_string(*total) : std::string("(none)");
}

std::string id_list(const std::vector<std::int64_t>& ids) {
  std::string text;
  for (std::size_t i = 0; i < ids.size() && i < max_ids_named; ++i) {
    if (i > 0) text += ", ";
    text += std::to_string(ids[i]);
  }
  if (ids.size() > max_ids_named)
    text += " and " + std::to_string(ids.size() - max_ids_named) + " more";
  return text;
}

// An item whose id is missing or malformed is left to the caller's parse, which names the problem.
std::optional<std::int64_t> id_of(const nlohmann::json& item) {
  if (!item.is_object()) return std::nullopt;
  try {
    return read_int(item, "id", "item");
  } catch (const std::invalid_argument&) {
    return std::nullopt;
  }
}

// An empty page ends the list only when the pagination agrees; otherwise stopping would return a
// partial list as if it were whole.
void check_empty_page(const PaginationParams& pagination, std::int64_t offset,
                      const std::string& route) {
  if (pagination.total_items && offset < *pagination.total_items) {
    throw_invalid_response("GET", route,
                           "the page at offset " + std::to_string(offset) +
                               " is empty, but total_items is " +
                               std::to_string(*pagination.total_items));
  }
  if (!pagination.total_items && pagination.page < pagination.total_pages) {
    throw_invalid_response("GET", route,
                           "page " + std::to_string(pagination.page) + " (offset " +
                               std::to_string(offset) + ") is empty, but total_pages is " +
                               std::to_string(pagination.total_pages));
  }
}

// The envelope of one list answer: its pagination, and its "results" array moved out of `body`
// (the items are parsed by the caller; moving them avoids a copy of every item).
struct Page {
  PaginationParams pagination;
  nlohmann::json results;
};

Page take_page(nlohmann::json& body, const std::string& route) {
  // parse_paged checks the envelope; an identity "parse" that only counts keeps it from copying.
  const auto checked = parse_paged<int>(
      body, [](const nlohmann::json&) { return 0; }, std::nullopt, route);
  return Page{checked.pagination, std::move(body["results"])};
}

// How many pages remain after one that ended at `offset` (items read so far), as the pagination
// tells: from total_items and the page size when known, else from total_pages.
std::int64_t pages_left(const PaginationParams& pagination, std::int64_t offset,
                        std::int64_t received) {
  if (pagination.total_items) {
    const std::int64_t size = pagination.limit > 0 ? pagination.limit : received;
    const std::int64_t remaining = *pagination.total_items - offset;
    return size > 0 ? (remaining + size - 1) / size : 1;
  }
  return pagination.total_pages - pagination.page;
}

Listing read_listing_once(ApiClient& client, const std::string& route, const QueryParams& base,
                          std::optional<std::int64_t> page_size, const ContinuePaging& go_on) {
  Listing listing;
  std::optional<std::int64_t> first_total;
  std::set<std::int64_t> ids;
  std::vector<std::int64_t> previous_ids;  // the previous page's ids, to spot a repeated page
  nlohmann::json previous_without_ids;     // ... or the page itself when its items have no ids
  std::optional<std::int64_t> limit = page_size;
  std::int64_t offset = 0;
  for (std::int64_t pages = 1;; ++pages) {
    if (pages > PaginationParams::max_total_pages) {
      throw_invalid_response(
          "GET", route,
          "more than " + std::to_string(PaginationParams::max_total_pages) + " pages; giving up");
    }
    // Without a page size the first request has neither limit nor offset: the real API then
    // answers every item at once. Later pages keep the size the server reported.
    QueryParams query = base;
    if (limit) query.limit(*limit);
    if (limit || offset > 0) query.offset(offset);
    nlohmann::json body = client.get(route, query);
    Page page = take_page(body, route);
    if (pages == 1) first_total = page.pagination.total_items;
    if (page.pagination.total_items != first_total) {
      listing.change = Change::total_items;
      listing.why = "total_items went from " + total_text(first_total) + " to " +
                    total_text(page.pagination.total_items);
      return listing;
    }
    const auto received = static_cast<std::int64_t>(page.results.size());
    if (received == 0) {
      check_empty_page(page.pagination, offset, route);
      break;
    }
    std::vector<std::int64_t> page_ids;
    page_ids.reserve(page.results.size());
    std::vector<std::int64_t> repeated;
    bool every_item_has_id = true;
    for (const auto& item : page.results) {
      const auto id = id_of(item);
      if (!id) {
        every_item_has_id = false;
        continue;
      }
      page_ids.push_back(*id);
    }
    const bool same_as_previous =
        pages > 1 &&
        (every_item_has_id ? page_ids == previous_ids : page.results == previous_without_ids);
    if (same_as_previous) {
      throw_invalid_response("GET", route,
                             "the page at offset " + std::to_string(offset) +
                                 " repeats the previous page (the server ignores offset?)");
    }
    for (const auto id : page_ids) {
      if (!ids.insert(id).second) repeated.push_back(id);
    }
    if (!repeated.empty()) {
      listing.change = Change::repeated_ids;
      listing.why = "the page at offset " + std::to_string(offset) + " repeats " +
                    (repeated.size() == 1 ? "an id" : "ids") +
                    " listed before: " + id_list(repeated);
      return listing;
    }
    if (!every_item_has_id) previous_without_ids = page.results;
    previous_ids = std::move(page_ids);
    for (auto& item : page.results) listing.items.push_back(std::move(item));
    offset += received;
    if (page.pagination.total_items) {
      if (offset >= *page.pagination.total_items) break;
    } else if (page.pagination.total_pages > 0 &&
               page.pagination.page >= page.pagination.total_pages) {
      break;
    }
    if (!limit && page.pagination.limit > 0) limit = page.pagination.limit;
    if (pages == 1 && go_on && !go_on(pages_left(page.pagination, offset, received))) {
      listing.complete = false;
      break;
    }
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

PartialListing read_every_page(ApiClient& client, const std::string& route,
                               const QueryParams& query, std::optional<std::int64_t> page_size,
                               const ContinuePaging& go_on) {
  if (page_size && *page_size < 1) throw std::invalid_argument("page size must be at least 1");
  Listing last;
  for (int attempt = 1; attempt <= max_attempts; ++attempt) {
    last = read_listing_once(client, route, query, page_size, go_on);
    if (last.change == Change::none) return PartialListing{std::move(last.items), last.complete};
  }
  const std::string tries = std::to_string(max_attempts);
  if (last.change == Change::repeated_ids) {
    // A list that repeats ids on every read is more likely a server that pages wrongly than a
    // project edited that often; the message names the ids so that either can be checked.
    throw_invalid_response("GET", route,
                           last.why + " (read " + tries +
                               " times from the start; the list kept changing, or the server "
                               "pages wrongly)");
  }
  throw_invalid_response("GET", route,
                         "the list kept changing while it was read page by page (" + last.why +
                             "; tried " + tries + " times)");
}

}  // namespace loadero::detail
