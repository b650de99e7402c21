#pragma once
// Internal: raw manifest text -> a light YAML node tree with positions, guarded against hostile
// input. libyaml's event parser feeds a compact tree of our own (a DOM would share aliased nodes,
// which makes both memory and alias bombs hard to bound).
// Implemented in yaml_input_check.cpp (checks before parsing), yaml_reader.cpp (parser events ->
// tree) and yaml_scalar.cpp (YAML 1.2 core-schema resolution).

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "loadero_sync/manifest.hpp"

namespace loadero_sync::manifest_detail {

enum class NodeKind : std::uint8_t { null, scalar, sequence, mapping };

/// How a scalar was written: plain scalars are resolved (int, bool, null...), quoted ones are
/// strings.
enum class ScalarStyle : std::uint8_t { plain, quoted };

/// One YAML node. Mappings keep their entries as alternating key, value children, in file order
/// (duplicate keys included, so the checker can report them).
struct Node {
  NodeKind kind = NodeKind::null;
  ScalarStyle style = ScalarStyle::plain;
  int line = 0;      ///< 0-based, as libyaml marks
  int column = 0;    ///< 0-based byte column
  std::string text;  ///< scalar value
  std::string
      tag;  ///< explicit tag other than "!" / "?" (e.g. "tag:yaml.org,2002:str"), else empty
  std::vector<Node> children;
};

/// A problem found while reading; line/column are 0-based bytes, or -1 when there is no position.
struct RawProblem {
  int line = -1;
  int column = -1;
  std::string message;
  std::string hint;
};

/// Result of read_yaml: either a root node or the one problem that stopped reading.
struct YamlReadResult {
  std::optional<Node> root;  ///< empty when the document is empty or reading failed
  std::optional<RawProblem> problem;
};

/// Checks the raw text (size, UTF-8, control characters, tabs in indentation, nesting depth) and
/// then parses it with libyaml's event parser into a Node tree, expanding aliases while counting
/// nodes against limits.max_nodes. Never throws except std::bad_alloc.
YamlReadResult read_yaml(std::string_view text, const LoadLimits& limits);

/// A scalar resolved by the YAML 1.2 core schema: plain `3` is an integer, `"3"` a string.
struct Scalar {
  enum class Type { null, boolean, integer, number, string, invalid } type = Type::null;
  bool boolean = false;
  std::int64_t integer = 0;
  double number = 0;
  std::string problem;  ///< for Type::invalid: "is beyond the integer range", "has the unsupported
                        ///< tag '!x'"
  std::string hint;     ///< for Type::invalid
};

/// Resolves a scalar or null node (for a collection returns Type::null). Never throws except
/// bad_alloc.
Scalar resolve_scalar(const Node& node);

}  // namespace loadero_sync::manifest_detail
