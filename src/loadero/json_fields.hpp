#pragma once
// Private helpers for reading API objects field by field with clear messages.

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "loadero/timestamp.hpp"

namespace loadero::detail {

/// Throws std::invalid_argument("<what> is not a JSON object") unless `json` is an object.
void require_object(const nlohmann::json& json, std::string_view what);

// Each reader returns std::nullopt when the field is missing or null, and throws
// std::invalid_argument("<what> field '<key>' is not <type>") when it has the wrong type.
std::optional<std::int64_t> read_int(const nlohmann::json& object, const char* key,
                                     std::string_view what);
std::optional<std::string> read_string(const nlohmann::json& object, const char* key,
                                       std::string_view what);
std::optional<bool> read_bool(const nlohmann::json& object, const char* key, std::string_view what);
std::optional<Timestamp> read_timestamp(const nlohmann::json& object, const char* key,
                                        std::string_view what);

}  // namespace loadero::detail
