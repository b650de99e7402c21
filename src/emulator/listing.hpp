#pragma once
// List answers: the filter_* query parameters, limit and offset, and the paged body
// {"filter": ..., "pagination": ..., "results": [...]}. The window arithmetic itself is
// compute_page (paging.hpp).

#include <algorithm>
#include <cstdint>
#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "api.hpp"
#include "paging.hpp"

namespace loadero_emulator::detail {

/// How a filter compares a field of a resource with the values in the query.
enum class FilterKind {
  text_contains,  ///< the text contains one of the values, ignoring ASCII case
  text_exact,     ///< the text equals one of the values
  integer_from,   ///< the number is at least the value
  integer_to,     ///< the number is at most the value
  flag,           ///< the truth equals the value (true/1 or false/0)
};

/// One filter a list route offers over resources of type T; only the getter of its kind is set.
template <typename T>
struct FilterField {
  std::string_view key;  ///< the query key without "filter_", also the echo key
  FilterKind kind;
  std::function<std::string(const T&)> text = {};
  std::function<std::int64_t(const T&)> number = {};
  std::function<bool(const T&)> truth = {};
  /// Where the echo puts this filter: empty for the top level of "filter", else the name of an
  /// object inside it ("profile" for a participant's settings, as the real API echoes them).
  std::string_view echo_under = {};
};

/// What the query asks of one filter.
struct FilterValue {
  std::vector<std::string> texts;  ///< text kinds: every value given, in query order
  std::int64_t number = 0;         ///< integer kinds: the last value given
  bool truth = false;              ///< flag: the last value given
};

/// Returns what the query of `request` asks of the filter "filter_`key`" of `kind`; nullopt when
/// the query does not name it. Throws HttpError 400 when any value of an integer filter is not a
/// decimal integer, or any value of a flag is not true, false, 1 or 0.
std::optional<FilterValue> read_filter(const ApiRequest& request, std::string_view key,
                                       FilterKind kind);

/// Returns the filter's entry in the "filter" echo of a list answer: the list of texts, the
/// number or the truth, as `kind` says.
nlohmann::ordered_json filter_echo(FilterKind kind, const FilterValue& value);

/// Returns whether `text` contains one of `wanted`, ignoring ASCII case.
bool contains_any_ignoring_case(const std::string& text, const std::vector<std::string>& wanted);

/// A filter the query names, bound to its field.
template <typename T>
struct AppliedFilter {
  const FilterField<T>* field;
  FilterValue value;

  /// Returns whether `item` passes this filter.
  bool accepts(const T& item) const {
    switch (field->kind) {
      case FilterKind::text_contains:
        return contains_any_ignoring_case(field->text(item), value.texts);
      case FilterKind::text_exact:
        return std::find(value.texts.begin(), value.texts.end(), field->text(item)) !=
               value.texts.end();
      case FilterKind::integer_from:
        return field->number(item) >= value.number;
      case FilterKind::integer_to:
        return field->number(item) <= value.number;
      case FilterKind::flag:
        return field->truth(item) == value.truth;
    }
    return true;
  }
};

/// Returns the filters among `fields` that the query of `request` names, in the order of
/// `fields`, and sets `echo` to an object with each one's filter_echo under its key, nested in
/// the object named by its echo_under when that is set (the nested object takes the place of the
/// first filter it holds), e.g. {"has_group":true,"profile":{"browser":["chromeLatest"]}}; an
/// empty object when the query names none. Throws HttpError 400 as read_filter does.
template <typename T>
std::vector<AppliedFilter<T>> parse_filters(const ApiRequest& request,
                                            const std::vector<FilterField<T>>& fields,
                                            nlohmann::ordered_json& echo) {
  std::vector<AppliedFilter<T>> applied;
  echo = nlohmann::ordered_json::object();
  for (const auto& field : fields) {
    auto value = read_filter(request, field.key, field.kind);
    if (!value) continue;
    auto& target = field.echo_under.empty() ? echo : echo[std::string(field.echo_under)];
    target[std::string(field.key)] = filter_echo(field.kind, *value);
    applied.push_back(AppliedFilter<T>{&field, std::move(*value)});
  }
  return applied;
}

/// Returns the last value of the query parameter `key` ("limit", "offset"); nullopt when the
/// query has none. Throws HttpError 400 when any value is not a non-negative decimal integer.
std::optional<std::int64_t> query_number(const ApiRequest& request, std::string_view key);

/// Returns the body of a list answer: {"filter": echo, "pagination": {"limit", "offset", "page",
/// "total_pages", "total_items"} from `window`, "results": results}.
nlohmann::ordered_json paged_body(nlohmann::ordered_json echo, const PageWindow& window,
                                  nlohmann::ordered_json results);

/// Answers a list request: keeps the `candidates` that pass every filter of `fields` the query
/// names, takes the page that limit, offset and `max_page_size` select (see compute_page) and
/// renders each item of it with `render`. Returns a 200 answer with paged_body; throws
/// HttpError 400 for a bad filter, limit or offset value (filters are checked first).
template <typename T>
ApiResponse paged(const ApiRequest& request, const std::vector<const T*>& candidates,
                  const std::vector<FilterField<T>>& fields,
                  std::optional<std::int64_t> max_page_size,
                  const std::function<nlohmann::ordered_json(const T&)>& render) {
  nlohmann::ordered_json echo;
  const auto filters = parse_filters(request, fields, echo);
  const auto limit = query_number(request, "limit");
  const auto offset = query_number(request, "offset").value_or(0);
  std::vector<const T*> matching;
  for (const T* item : candidates) {
    if (std::all_of(filters.begin(), filters.end(),
                    [&](const auto& filter) { return filter.accepts(*item); })) {
      matching.push_back(item);
    }
  }
  const auto window = compute_page(matching.size(), limit, offset, max_page_size);
  nlohmann::ordered_json results = nlohmann::ordered_json::array();
  for (std::size_t i = window.begin; i < window.end; ++i) results.push_back(render(*matching[i]));
  return ApiResponse{
      200, paged_body(std::move(echo), window, std::move(results)).dump(), {}, false};
}

}  // namespace loadero_emulator::detail
