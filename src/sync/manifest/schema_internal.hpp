#pragma once
// Internal to the schema check. schema_compile.cpp parses and compiles the embedded schema,
// schema_check.cpp converts the YAML tree to JSON and lets valijson decide, schema_explain.cpp
// puts each violation into words at its YAML position, with a hint.

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <unordered_set>
#include <utility>
#include <vector>

#include "schema_check.hpp"
#include "yaml_tree.hpp"

namespace valijson {
class Schema;
}  // namespace valijson

namespace loadero_sync::manifest_detail {

/// The schema as JSON with its keys in file order: messages list keys in the schema's own order.
using SchemaJson = nlohmann::ordered_json;

/// schemas/manifest.schema.json as built into the library, for messages (x-expected, x-name,
/// properties). Parsed on first use (thread-safe), lives until exit. Throws only if the embedded
/// schema is broken, which the tests rule out.
const SchemaJson& schema_document();

/// The same schema compiled for valijson (draft-07); built with schema_document.
const valijson::Schema& schema_validator();

/// `schema` with local references ("$ref": "#/definitions/...") followed, at most 8 hops;
/// nullptr when a reference names no definition, `schema` itself when it has no local "$ref".
const SchemaJson* resolve_ref(const SchemaJson* schema);

/// The string at `key` in `schema`, else `fallback` (also when `schema` is nullptr).
std::string string_or(const SchemaJson* schema, const char* key, std::string fallback);

/// An error finding at `node`'s position.
inline Finding finding_at(const Node& node, std::string message, std::string hint) {
  return Finding{Severity::error, node.line, node.column, std::move(message), std::move(hint)};
}

/// Where valijson's context led: the node, the key it hangs under, its schema and how to name it.
struct Location {
  const Node* node = nullptr;
  const Node* key = nullptr;
  const SchemaJson* schema = nullptr;
  std::string what;
};

/// Follows a valijson error context ("[tests]", "[0]", ...; the first entry, the root, is skipped)
/// through the tree and the schema. nullopt when it leaves the tree or is not in that form.
std::optional<Location> locate(const Node& root, const std::vector<std::string>& context);

/// Walks the tree from `loc` along its schema in file order and adds a finding in words for each
/// violation (unknown and missing keys, wrong types, values out of range), skipping the nodes in
/// `reported`. Stops once `sink` is full. Never throws except std::bad_alloc.
void walk(const Location& loc, const std::unordered_set<const Node*>& reported, FindingSink& sink);

}  // namespace loadero_sync::manifest_detail
