#pragma once
// loadero::PaginationParams and PagedResponse: the shape of every list ("read_all") answer.

#include <cstdint>
#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <vector>

namespace loadero {

/// The "pagination" object of a list answer. Missing fields read as 0; total_items is optional
/// because older API versions do not send it.
struct PaginationParams {
  /// The most items one list may report (total_items). No real Loadero project comes near it
  /// (a test holds tens of groups); a larger number means a broken server, and following it
  /// would send requests for ever.
  static constexpr std::int64_t max_total_items = 100'000;
  /// The most pages one list may report (total_pages), and the most pages read_all_pages
  /// follows, for the same reason.
  static constexpr std::int64_t max_total_pages = 10'000;

  std::int64_t limit = 0;
  std::int64_t offset = 0;
  std::int64_t page = 0;
  std::int64_t total_pages = 0;
  std::optional<std::int64_t> total_items;

  /// Parses a "pagination" object. Throws std::invalid_argument if `json` is not an object, a
  /// field is not an integer or is negative (`pagination field 'offset' is negative (-2)`), or
  /// total_items / total_pages is beyond max_total_items / max_total_pages
  /// (`pagination field 'total_items' is 1000000000, beyond the cap of 100000`).
  static PaginationParams from_json(const nlohmann::json& json);
  /// The object form; total_items only when known.
  nlohmann::json to_json() const;

  friend bool operator==(const PaginationParams&, const PaginationParams&) = default;
};

/// One page of a list answer: the parsed results, the pagination and the echoed filter
/// (an empty object when no filter was applied).
template <class T>
struct PagedResponse {
  std::vector<T> results;
  PaginationParams pagination;
  nlohmann::json filter = nlohmann::json::object();
};

/// Asked once, after the first page of a list when the pagination says more pages remain, with the
/// number of pages left (from total_items and the page size, else total_pages): true reads on,
/// false stops there. Lets a caller that only needs some items pick the cheaper way to get them.
using ContinuePaging = std::function<bool(std::int64_t pages_left)>;

/// The items of a list read that may have stopped after its first page (see ContinuePaging).
template <class T>
struct PartialList {
  std::vector<T> items;
  bool complete = true;  ///< false: more pages remained and the caller chose not to read them
};

}  // namespace loadero
