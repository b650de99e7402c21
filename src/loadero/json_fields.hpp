#pragma once
// Private helpers for reading API objects field by field with clear messages.

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "loadero/timestamp.hpp"

namespace loadero::detail {

/// Throws std::invalid_argument("<what> is not a JSON object") unless `json` is an object.
void require_object(const nlohmann::json& json, std::string_view what);

// Each reader returns std::nullopt when the field is missing or null, and throws
// std::invalid_argument("<what> field '<key>' is not <type>") when it has the wrong type.
std::optional<std::int64_t> read_int(const nlohmann::json& object, const char* key,
                                     std::string_view what);
/// Any finite JSON number (integer or not).
std::optional<double> read_number(const nlohmann::json& object, const char* key,
                                  std::string_view what);
std::optional<std::string> read_string(const nlohmann::json& object, const char* key,
                                       std::string_view what);
std::optional<bool> read_bool(const nlohmann::json& object, const char* key, std::string_view what);
std::optional<Timestamp> read_timestamp(const nlohmann::json& object, const char* key,
                                        std::string_view what);

/// Who an answer must say it is: the route fixes the id asked for and the parent ids.
struct Identity {
  std::string_view what;  ///< "test", "group", "participant", "project"
  /// The id asked for; nullopt when any id will do (a create, a copy, a list item).
  std::optional<std::int64_t> id;
  /// Parent id fields the route fixes ({"test_id", 6866}): when the answer carries one (not
  /// null), it must hold this value.
  std::vector<std::pair<const char*, std::int64_t>> parents;
};

/// Checks that `object` (already known to be a JSON object) is the resource `identity`
/// describes. Throws std::invalid_argument with `<what> has no "id"`,
/// `<what> has id 5 instead of 48797` or `<what> 48797 has test_id 7 instead of 6866` (and the
/// read_int message when a field is not an integer).
void check_identity(const nlohmann::json& object, const Identity& identity);

}  // namespace loadero::detail
