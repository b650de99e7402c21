#pragma once
// loadero::QueryParams: the limit, offset and filter_* query parameters of read_all calls.

#include <concepts>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "loadero/timestamp.hpp"

namespace loadero {

/// A filter key enum (GroupFilterKey, TestFilterKey, ParticipantFilterKey): an enum with a
/// `to_string(key)` found by argument-dependent lookup that gives the wire name ("filter_name").
template <class K>
concept FilterKey = std::is_enum_v<K> && requires(K key) {
  { to_string(key) } -> std::convertible_to<std::string_view>;
};

/// Query parameters for a list request. A value type; the builder methods return *this.
///
///   QueryParams().limit(30).filter(GroupFilterKey::NAME, "a b").to_query_string()
///     == "limit=30&filter_name=a%20b"
class QueryParams {
 public:
  /// Sets (replaces) the page size.
  QueryParams& limit(std::int64_t limit);
  /// Sets (replaces) the offset of the first item.
  QueryParams& offset(std::int64_t offset);
  /// Adds one value for a filter key. A key given twice is sent twice (several values).
  QueryParams& filter(std::string_view key, std::string_view value);
  QueryParams& filter(std::string_view key, const char* value) {
    return filter(key, std::string_view(value));
  }
  QueryParams& filter(std::string_view key, const std::string& value) {
    return filter(key, std::string_view(value));
  }
  /// Adds an integer value (sent in decimal).
  QueryParams& filter(std::string_view key, std::int64_t value);
  QueryParams& filter(std::string_view key, int value) {
    return filter(key, static_cast<std::int64_t>(value));
  }

  /// Adds a boolean value, sent as "true" / "false".
  QueryParams& filter(std::string_view key, bool value);
  /// Adds a point in time, sent as integer Unix seconds (how the API takes datetime filters).
  QueryParams& filter(std::string_view key, Timestamp value);

  /// The same for a filter key enum: filter(GroupFilterKey::NAME, "Moderators").
  template <FilterKey K, class V>
  QueryParams& filter(K key, V&& value) {
    return filter(std::string_view(to_string(key)), std::forward<V>(value));
  }

  /// Removes every value of `key`.
  QueryParams& clear_filter(std::string_view key);

  std::optional<std::int64_t> get_limit() const noexcept { return m_limit; }
  std::optional<std::int64_t> get_offset() const noexcept { return m_offset; }

  /// The parameters as (name, value) pairs like the Python client's parse(): limit, offset,
  /// then each filter key in order of first use with all its values in insertion order.
  std::vector<std::pair<std::string, std::string>> parse() const;

  /// The URL-encoded query string without a leading '?' ("" when empty).
  std::string to_query_string() const;

  friend bool operator==(const QueryParams&, const QueryParams&) = default;

 private:
  std::optional<std::int64_t> m_limit;
  std::optional<std::int64_t> m_offset;
  std::vector<std::pair<std::string, std::vector<std::string>>> m_filters;
};

/// Percent-encodes `text` for a query component (RFC 3986 unreserved characters stay as they are).
std::string url_encode(std::string_view text);

}  // namespace loadero
