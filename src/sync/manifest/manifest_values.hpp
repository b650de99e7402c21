#pragma once
// Internal: reading checked values out of the YAML tree for the rules (manifest_rules.cpp,
// manifest_participants.cpp). Each returns nullopt for a value the schema refuses, so the rules
// skip what the schema check already reports.

#include <cmath>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "yaml_tree.hpp"

namespace loadero_sync::manifest_detail {

inline bool is_blank_text(std::string_view s) {
  return s.find_first_not_of(" \t\r\n") == std::string_view::npos;
}

/// The value of an integer scalar >= 1, else nullopt (also for nullptr).
inline std::optional<std::int64_t> positive_int(const Node* node) {
  if (node == nullptr) return std::nullopt;
  const Scalar s = resolve_scalar(*node);
  if (s.type != Scalar::Type::integer || s.integer < 1) return std::nullopt;
  return s.integer;
}

/// The value of a number scalar (integer or decimal) that is finite and > 0, else nullopt (also for
/// nullptr).
inline std::optional<double> positive_number(const Node* node) {
  if (node == nullptr) return std::nullopt;
  const Scalar s = resolve_scalar(*node);
  double value = 0;
  if (s.type == Scalar::Type::integer) {
    value = static_cast<double>(s.integer);
  } else if (s.type == Scalar::Type::number) {
    value = s.number;
  } else {
    return std::nullopt;
  }
  if (!(value > 0) || !std::isfinite(value)) return std::nullopt;
  return value;
}

/// The value of a boolean scalar, else nullopt (also for nullptr).
inline std::optional<bool> boolean(const Node* node) {
  if (node == nullptr) return std::nullopt;
  const Scalar s = resolve_scalar(*node);
  if (s.type != Scalar::Type::boolean) return std::nullopt;
  return s.boolean;
}

/// The string value of a scalar that resolves to a non-empty string, else nullopt.
inline std::optional<std::string> text_of(const Node* node) {
  if (node == nullptr || node->kind != NodeKind::scalar) return std::nullopt;
  if (resolve_scalar(*node).type != Scalar::Type::string || node->text.empty()) return std::nullopt;
  return node->text;
}

}  // namespace loadero_sync::manifest_detail
