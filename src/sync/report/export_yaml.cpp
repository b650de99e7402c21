#include <map>
#include <nlohmann/json.hpp>
#include <ostream>
#include <string>

#include "loadero_sync/export.hpp"

namespace loadero_sync {
namespace {

// JSON string syntax is a subset of YAML's double-quoted scalars, so this round-trips any name.
std::string yaml_string(const std::string& text) {
  return nlohmann::json(text).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

// A comment must stay on one line whatever the name holds.
std::string comment_text(const std::string& text) {
  std::string out;
  for (const char c : text) out += (c == '\n' || c == '\r') ? ' ' : c;
  return out;
}

}  // namespace

void write_manifest_yaml(std::ostream& out, std::int64_t project_id,
                         const std::vector<LiveTest>& tests, const std::string& schema_ref) {
  out << "# yaml-language-server: $schema=" << schema_ref << "\n";
  out << "# Written by loadero-sync export from the live groups. Planning it right away shows no "
         "changes.\n";
  out << "version: 1\n";
  if (project_id != 0) out << "project_id: " << project_id << "\n";
  if (tests.empty()) {
    out << "tests: []\n";
    return;
  }
  out << "tests:\n";
  for (const auto& test : tests) {
    out << "  - test_id: " << test.test_id;
    if (!test.name.empty()) out << "  # " << comment_text(test.name);
    out << "\n";
    std::map<std::string, int> name_uses;
    for (const auto& group : test.groups) ++name_uses[group.name];
    if (test.groups.empty()) {
      out << "    groups: []\n";
      continue;
    }
    out << "    groups:\n";
    std::map<std::string, bool> declared;
    std::string left_unmanaged;
    for (const auto& group : test.groups) {
      const bool shared = name_uses[group.name] > 1;
      if (declared[group.name]) {
        left_unmanaged += " " + std::to_string(group.id);
        continue;
      }
      declared[group.name] = true;
      if (shared) {
        out << "      - id: " << group.id << "  # name shared by " << name_uses[group.name]
            << " live groups\n";
        out << "        name: " << yaml_string(group.name) << "\n";
      } else {
        out << "      - name: " << yaml_string(group.name) << "\n";
      }
      out << "        count: " << group.count << "\n";
    }
    if (!left_unmanaged.empty()) {
      out << "    # left unmanaged (their names repeat a group above):" << left_unmanaged << "\n";
    }
  }
}

}  // namespace loadero_sync
