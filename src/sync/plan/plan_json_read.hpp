#pragma once
// Reading a saved plan: accessors that name the JSON path they failed at. Internal to plan_json.

#include <cstdint>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>

#include "loadero_sync/model.hpp"

namespace loadero_sync::detail {

/// Throws std::invalid_argument "plan: <path>: <what>".
[[noreturn]] inline void fail(const std::string& path, const std::string& what) {
  throw std::invalid_argument("plan: " + path + ": " + what);
}

/// `object[key]`; throws (fail) when it is missing.
inline const nlohmann::json& member(const nlohmann::json& object, const std::string& path,
                                    const char* key) {
  const auto it = object.find(key);
  if (it == object.end()) fail(path, std::string("missing \"") + key + "\"");
  return *it;
}

/// `value`; throws (fail) when it is not an object.
inline const nlohmann::json& object_at(const nlohmann::json& value, const std::string& path) {
  if (!value.is_object()) fail(path, "expected an object");
  return value;
}

/// The string `object[key]`; throws (fail) when it is missing or not a string.
inline std::string string_at(const nlohmann::json& object, const std::string& path,
                             const char* key) {
  const auto& value = member(object, path, key);
  if (!value.is_string()) fail(path + "." + key, "expected a string");
  return value.get<std::string>();
}

/// The integer `object[key]`; throws (fail) when it is missing or not an integer.
inline std::int64_t integer_at(const nlohmann::json& object, const std::string& path,
                               const char* key) {
  const auto& value = member(object, path, key);
  if (!value.is_number_integer()) fail(path + "." + key, "expected an integer");
  return value.get<std::int64_t>();
}

/// The array `object[key]`; throws (fail) when it is missing or not an array.
inline const nlohmann::json& array_at(const nlohmann::json& object, const std::string& path,
                                      const char* key) {
  const auto& value = member(object, path, key);
  if (!value.is_array()) fail(path + "." + key, "expected an array");
  return value;
}

/// The manifest position `object["source"]` ({"file", "line", "column"?}); throws (fail) when it
/// is malformed.
inline SourcePos source_from(const nlohmann::json& object, const std::string& path) {
  const std::string source_path = path + ".source";
  const auto& source = object_at(object["source"], source_path);
  SourcePos pos;
  pos.file = string_at(source, source_path, "file");
  pos.line = static_cast<int>(integer_at(source, source_path, "line"));
  if (source.contains("column"))
    pos.column = static_cast<int>(integer_at(source, source_path, "column"));
  return pos;
}

}  // namespace loadero_sync::detail
