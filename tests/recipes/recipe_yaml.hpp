#pragma once
// Reads a YAML file (a CI recipe) into a JSON tree with libyaml, for structural checks.

#include <filesystem>
#include <nlohmann/json.hpp>

namespace recipes_test {

/// The file's one YAML document as JSON: mappings become objects, sequences arrays, scalars
/// strings (as written; YAML 1.1 typing does not apply, so `on:` stays the key "on"), and an empty
/// plain scalar, `~` or `null` becomes null. Throws std::runtime_error naming `file:line:column`
/// on a syntax error, a duplicate key or a non-scalar key, and when the file has no document.
nlohmann::json load_yaml_file(const std::filesystem::path& path);

}  // namespace recipes_test
