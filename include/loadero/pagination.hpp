#pragma once
// loadero::PaginationParams and PagedResponse: the shape of every list ("read_all") answer.

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <vector>

namespace loadero {

/// The "pagination" object of a list answer. Missing fields read as 0; total_items is optional
/// because older API versions do not send it.
struct PaginationParams {
  std::int64_t limit = 0;
  std::int64_t offset = 0;
  std::int64_t page = 0;
  std::int64_t total_pages = 0;
  std::optional<std::int64_t> total_items;

  /// Parses a "pagination" object. Throws std::invalid_argument if `json` is not an object or a
  /// field is not an integer.
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

}  // namespace loadero
