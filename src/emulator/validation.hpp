#pragma once
// Request bodies: parsing them, and checking their fields with the real API's per-field messages.

#include <cstddef>
#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace loadero_emulator::detail {

/// Returns the JSON object a request body holds; an empty object when the body is blank.
/// Throws HttpError 400 when the body is not JSON, or is JSON but not an object.
nlohmann::json parse_body(const std::string& body);

/// Reads the fields of one request body and collects every problem, by field, instead of stopping
/// at the first. A getter that records a problem returns a placeholder (named below), so a caller
/// reads all fields, then calls throw_if_failed before using any of them.
class Validator {
 public:
  /// `body` is read in place and must outlive the validator.
  explicit Validator(const nlohmann::json& body);

  /// Returns the string at `key`. Problem (placeholder ""): absent or null, not a string, only
  /// whitespace, or longer than `max_length` characters (loadero::name_length).
  std::string required_name(const char* key, std::size_t max_length);

  /// Returns the string at `key`, nullopt when absent or null. Problems as for required_name
  /// (placeholder "").
  std::optional<std::string> optional_name(const char* key, std::size_t max_length);

  /// Returns the integer at `key`. Problem (placeholder `minimum`): absent or null, not an
  /// integer, or outside [minimum, maximum].
  std::int64_t required_integer(const char* key, std::int64_t minimum, std::int64_t maximum);

  /// Returns the string at `key`, or `fallback` when absent or null. Problem (placeholder ""):
  /// absent or null without a fallback, not a string, or not one of `choices`; the last says
  /// `"x" is not a valid choice. Choose one of: a, b, c.` with `choices` in their order.
  std::string choice(const char* key, std::span<const std::string_view> choices,
                     std::optional<std::string_view> fallback);

  /// Returns the string at `key`, or `fallback` when absent or null. Problem (placeholder ""): not
  /// a string, or empty.
  std::string optional_text(const char* key, std::string_view fallback);

  /// Returns the string at `key`, empty ones included; "" when absent or null. Problem
  /// (placeholder ""): not a string.
  std::string optional_any_text(const char* key);

  /// Returns the boolean at `key`, or `fallback` when absent or null. Problem (placeholder
  /// `fallback`): not a boolean.
  bool optional_bool(const char* key, bool fallback);

  /// Returns the id at `key`, nullopt when absent or null. Problem (placeholder nullopt): not a
  /// non-negative integer.
  std::optional<std::int64_t> optional_id(const char* key);

  /// Records a problem with the field `key` (for checks only the caller can make).
  void fail(const std::string& key, std::string message);

  /// Throws ValidationFailure with every problem recorded so far; returns when there is none.
  void throw_if_failed();

 private:
  std::string checked_name(const char* key, const nlohmann::json& value, std::size_t max_length);

  const nlohmann::json& m_body;
  std::map<std::string, std::vector<std::string>> m_errors;
};

}  // namespace loadero_emulator::detail
