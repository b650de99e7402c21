#include <cstdlib>
#include <limits>
#include <optional>
#include <string>
#include <string_view>

#include "loadero/limits.hpp"
#include "yaml_tree.hpp"

namespace loadero_sync::manifest_detail {
namespace {

bool all_of_chars(std::string_view s, std::string_view allowed) {
  return !s.empty() && s.find_first_not_of(allowed) == std::string_view::npos;
}

constexpr std::string_view k_digits = "0123456789";

std::string out_of_range_hint() {
  return "ids are whole numbers from 1 to 9223372036854775807, counts from " +
         std::to_string(loadero::min_group_count) + " to " +
         std::to_string(loadero::max_group_count);
}

std::optional<Scalar> as_integer(std::string_view text) {
  std::string_view body = text;
  bool negative = false;
  if (!body.empty() && (body.front() == '-' || body.front() == '+')) {
    negative = body.front() == '-';
    body.remove_prefix(1);
  }
  int base = 10;
  if (!negative && text.front() != '+' && body.size() > 2 && body[0] == '0' &&
      (body[1] == 'x' || body[1] == 'o')) {
    base = body[1] == 'x' ? 16 : 8;
    body.remove_prefix(2);
    if (!all_of_chars(body, base == 16 ? "0123456789abcdefABCDEF" : "01234567"))
      return std::nullopt;
  } else if (!all_of_chars(body, k_digits)) {
    return std::nullopt;
  }
  Scalar s;
  s.type = Scalar::Type::integer;
  // Accumulate as a negative number so INT64_MIN fits; overflow is reported, not wrapped.
  constexpr std::int64_t min = std::numeric_limits<std::int64_t>::min();
  std::int64_t value = 0;
  for (const char c : body) {
    const int digit = c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
    if (value < (min + digit) / base) {
      s.type = Scalar::Type::invalid;
      s.problem = "is beyond the integer range";
      s.hint = out_of_range_hint();
      return s;
    }
    value = value * base - digit;
  }
  if (!negative) {
    if (value == min) {
      s.type = Scalar::Type::invalid;
      s.problem = "is beyond the integer range";
      s.hint = out_of_range_hint();
      return s;
    }
    value = -value;
  }
  s.integer = value;
  return s;
}

std::optional<Scalar> as_float(std::string_view text) {
  std::string_view body = text;
  if (!body.empty() && (body.front() == '-' || body.front() == '+')) body.remove_prefix(1);
  Scalar s;
  s.type = Scalar::Type::number;
  if (body == ".inf" || body == ".Inf" || body == ".INF") {
    s.number = text.front() == '-' ? -std::numeric_limits<double>::infinity()
                                   : std::numeric_limits<double>::infinity();
    return s;
  }
  if (text == ".nan" || text == ".NaN" || text == ".NAN") {
    s.number = std::numeric_limits<double>::quiet_NaN();
    return s;
  }
  // [0-9]*(\.[0-9]*)?([eE][-+]?[0-9]+)? with at least one digit before the exponent.
  std::size_t i = 0;
  std::size_t digits = 0;
  while (i < body.size() && body[i] >= '0' && body[i] <= '9') ++i, ++digits;
  if (i < body.size() && body[i] == '.') {
    ++i;
    while (i < body.size() && body[i] >= '0' && body[i] <= '9') ++i, ++digits;
  }
  if (digits == 0) return std::nullopt;
  if (i < body.size() && (body[i] == 'e' || body[i] == 'E')) {
    ++i;
    if (i < body.size() && (body[i] == '-' || body[i] == '+')) ++i;
    if (!all_of_chars(body.substr(i), k_digits)) return std::nullopt;
    i = body.size();
  }
  if (i != body.size()) return std::nullopt;
  s.number = std::strtod(std::string(text).c_str(), nullptr);
  return s;
}

Scalar plain_scalar(std::string_view text) {
  Scalar s;
  if (text.empty() || text == "~" || text == "null" || text == "Null" || text == "NULL") return s;
  if (text == "true" || text == "True" || text == "TRUE" || text == "false" || text == "False" ||
      text == "FALSE") {
    s.type = Scalar::Type::boolean;
    s.boolean = text.front() == 't' || text.front() == 'T';
    return s;
  }
  if (auto i = as_integer(text)) return *i;
  if (auto f = as_float(text)) return *f;
  s.type = Scalar::Type::string;
  return s;
}

}  // namespace

Scalar resolve_scalar(const Node& node) {
  Scalar s;
  if (node.kind != NodeKind::scalar) return s;
  if (node.tag.empty()) {
    if (node.style == ScalarStyle::quoted) {
      s.type = Scalar::Type::string;
      return s;
    }
    return plain_scalar(node.text);
  }
  constexpr std::string_view core = "tag:yaml.org,2002:";
  const std::string_view tag = node.tag;
  if (tag.substr(0, core.size()) == core) {
    const std::string_view kind = tag.substr(core.size());
    if (kind == "str") {
      s.type = Scalar::Type::string;
      return s;
    }
    const Scalar resolved = plain_scalar(node.text);
    const bool fits = (kind == "int" && resolved.type == Scalar::Type::integer) ||
                      (kind == "int" && resolved.type == Scalar::Type::invalid) ||
                      (kind == "bool" && resolved.type == Scalar::Type::boolean) ||
                      (kind == "null" && resolved.type == Scalar::Type::null) ||
                      (kind == "float" && (resolved.type == Scalar::Type::number ||
                                           resolved.type == Scalar::Type::integer));
    if (fits) {
      Scalar out = resolved;
      if (kind == "float" && out.type == Scalar::Type::integer) {
        out.type = Scalar::Type::number;
        out.number = static_cast<double>(out.integer);
      }
      return out;
    }
    s.type = Scalar::Type::invalid;
    s.problem = "is not a valid !!" + std::string(kind);
    s.hint = "remove the tag or fix the value";
    return s;
  }
  s.type = Scalar::Type::invalid;
  s.problem = "has the unsupported tag '" + std::string(tag) + "'";
  s.hint = "remove the tag; a manifest needs no YAML tags";
  return s;
}

}  // namespace loadero_sync::manifest_detail
