#pragma once
// Internal: validates a YAML node tree against schemas/manifest.schema.json (valijson) and turns
// each schema failure into a human finding at the YAML position of the offending key or value.

#include <string>
#include <vector>

#include "loadero_sync/diagnostics.hpp"
#include "yaml_tree.hpp"

namespace loadero_sync::manifest_detail {

/// One finding in one file; line/column are 0-based bytes, -1 when the finding has no position.
struct Finding {
  Severity severity = Severity::error;
  int line = -1;
  int column = -1;
  std::string message;
  std::string hint;
};

/// Appends a finding for every schema violation in `root`, and for what the schema cannot see in
/// JSON: duplicate keys, keys that are not plain scalars, integers beyond int64, unsupported tags.
/// Never throws except std::bad_alloc.
void check_schema(const Node& root, std::vector<Finding>& findings);

/// The key's value in a mapping node (first occurrence), or nullptr. Sets *key_out to the key node.
const Node* find_value(const Node& mapping, std::string_view key, const Node** key_out = nullptr);

/// "did you mean 'count'?" when a candidate is close to `word`, else "".
std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates);

/// Human description of a value for hints: "found 0", "found the string \"3\"", "found a list".
std::string describe_found(const Node& node);

}  // namespace loadero_sync::manifest_detail
