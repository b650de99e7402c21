#pragma once
// Internal: validates a YAML node tree against schemas/manifest.schema.json (valijson) and turns
// each schema failure into a human finding at the YAML position of the offending key or value.

#include <cstddef>
#include <string>
#include <utility>
#include <vector>

#include "loadero_sync/diagnostics.hpp"
#include "loadero_sync/text.hpp"  // closest, did_you_mean
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

/// Collects the findings of one file, up to a cap: a broken 4 MB file could otherwise produce
/// millions of them (and the time and memory to match).
class FindingSink {
 public:
  FindingSink(std::vector<Finding>& findings, std::size_t cap) : m_findings(findings), m_cap(cap) {}

  /// Adds `f` unless the cap is reached (then only remembers that something was dropped).
  void add(Finding f) {
    if (m_findings.size() >= m_cap) {
      m_truncated = true;
      return;
    }
    m_findings.push_back(std::move(f));
  }
  [[nodiscard]] bool full() const { return m_findings.size() >= m_cap; }
  /// Records that checking stopped early because the sink is full.
  void note_stopped() { m_truncated = true; }
  [[nodiscard]] bool truncated() const { return m_truncated; }
  [[nodiscard]] std::size_t size() const { return m_findings.size(); }

 private:
  std::vector<Finding>& m_findings;
  std::size_t m_cap;
  bool m_truncated = false;
};

/// Validates `root` against the embedded schema with valijson and adds a finding, in words and at
/// the YAML position, for every violation; also for what JSON cannot show: duplicate keys, keys
/// that are not plain scalars, integers beyond int64, unsupported tags. Linear in the size of the
/// tree; stops once `sink` is full. Never throws except std::bad_alloc.
void check_schema(const Node& root, FindingSink& sink);

/// The key's value in a mapping node (first occurrence), or nullptr. Sets *key_out to the key node.
const Node* find_value(const Node& mapping, std::string_view key, const Node** key_out = nullptr);

/// Human description of a value for hints: "found 0", "found the string \"3\"", "found a list".
std::string describe_found(const Node& node);

}  // namespace loadero_sync::manifest_detail
