#include "listing.hpp"

#include <cctype>

#include "http_errors.hpp"

namespace loadero_emulator::detail {
namespace {

using nlohmann::ordered_json;

std::string lowercase(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return std::tolower(c); });
  return text;
}

std::optional<std::int64_t> parse_integer(std::string_view text) {
  if (!text.empty() && text.front() == '-') {
    const auto magnitude = parse_non_negative(text.substr(1));
    if (!magnitude) return std::nullopt;
    return -*magnitude;
  }
  return parse_non_negative(text);
}

}  // namespace

std::optional<FilterValue> read_filter(const ApiRequest& request, std::string_view key,
                                       FilterKind kind) {
  const std::string query_key = "filter_" + std::string(key);
  FilterValue filter;
  bool present = false;
  for (const auto& [name, value] : request.query) {
    if (name != query_key) continue;
    present = true;
    switch (kind) {
      case FilterKind::text_contains:
      case FilterKind::text_exact:
        filter.texts.push_back(value);
        break;
      case FilterKind::integer_from:
      case FilterKind::integer_to: {
        const auto number = parse_integer(value);
        if (!number) {
          throw HttpError{400, query_key + " must be an integer, got \"" + value + "\""};
        }
        filter.number = *number;
        break;
      }
      case FilterKind::flag:
        if (value == "true" || value == "1") {
          filter.truth = true;
        } else if (value == "false" || value == "0") {
          filter.truth = false;
        } else {
          throw HttpError{400, query_key + " must be true or false, got \"" + value + "\""};
        }
        break;
    }
  }
  if (!present) return std::nullopt;
  return filter;
}

ordered_json filter_echo(FilterKind kind, const FilterValue& value) {
  switch (kind) {
    case FilterKind::text_contains:
    case FilterKind::text_exact:
      return value.texts;
    case FilterKind::integer_from:
    case FilterKind::integer_to:
      return value.number;
    case FilterKind::flag:
      return value.truth;
  }
  return nullptr;
}

bool contains_any_ignoring_case(const std::string& text, const std::vector<std::string>& wanted) {
  const auto value = lowercase(text);
  return std::any_of(wanted.begin(), wanted.end(), [&](const std::string& want) {
    return value.find(lowercase(want)) != std::string::npos;
  });
}

std::optional<std::int64_t> query_number(const ApiRequest& request, std::string_view key) {
  std::optional<std::int64_t> result;
  for (const auto& [name, value] : request.query) {
    if (name != key) continue;
    result = parse_non_negative(value);
    if (!result)
      throw HttpError{400,
                      std::string(key) + " must be a non-negative integer, got \"" + value + "\""};
  }
  return result;
}

ordered_json paged_body(ordered_json echo, const PageWindow& window, ordered_json results) {
  ordered_json body;
  body["filter"] = std::move(echo);
  body["pagination"] = {{"limit", window.limit},
                        {"offset", window.offset},
                        {"page", window.page},
                        {"total_pages", window.total_pages},
                        {"total_items", window.total_items}};
  body["results"] = std::move(results);
  return body;
}

}  // namespace loadero_emulator::detail
