#include "layering_check.hpp"

#include <algorithm>
#include <fstream>
#include <optional>
#include <regex>
#include <set>
#include <stdexcept>
#include <utility>

namespace layering {
namespace {

namespace fs = std::filesystem;

bool contains(const std::vector<std::string>& items, const std::string& item) {
  return std::find(items.begin(), items.end(), item) != items.end();
}

bool starts_with(const std::string& text, const std::string& prefix) {
  return text.rfind(prefix, 0) == 0;
}

/// True when `path` is `folder` or lies below it (both relative, '/'-separated).
bool is_under(const std::string& path, const std::string& folder) {
  return path == folder || starts_with(path, folder + "/");
}

std::string join(const std::vector<std::string>& items, const std::string& when_empty) {
  if (items.empty()) return when_empty;
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : ", ") + item;
  return out;
}

/// C and C++ sources, headers, and configure_file() templates of them (schema_text.cpp.in).
bool is_source(const fs::path& file) {
  auto ext = file.extension();
  if (ext == ".in") ext = file.stem().extension();
  return ext == ".cpp" || ext == ".hpp" || ext == ".h" || ext == ".ipp";
}

struct Include {
  int line = 0;
  std::string header;
  bool angled = false;
};

std::vector<Include> includes_of(const fs::path& file) {
  static const std::regex include_line(R"(^\s*#\s*include\s*([<"])([^>"]+)[>"])");
  std::vector<Include> found;
  std::ifstream in(file);
  std::string text;
  for (int line = 1; std::getline(in, text); ++line) {
    std::smatch match;
    if (std::regex_search(text, match, include_line)) {
      found.push_back({line, match[2].str(), match[1].str() == "<"});
    }
  }
  return found;
}

/// Splits a CMake list at the semicolons that are not inside a generator expression.
std::vector<std::string> split_cmake_list(const std::string& list) {
  std::vector<std::string> items;
  std::string item;
  int depth = 0;
  for (std::size_t i = 0; i < list.size(); ++i) {
    if (list.compare(i, 2, "$<") == 0) ++depth;
    if (list[i] == '>' && depth > 0) --depth;
    if (list[i] == ';' && depth == 0) {
      items.push_back(std::exchange(item, {}));
    } else {
      item += list[i];
    }
  }
  items.push_back(item);
  return items;
}

/// The target a link item names: "$<LINK_ONLY:x>" and "$<$<BOOL:...>:x>" both give "x", so a
/// conditional edge is held to the rules as if it were always there.
std::string unwrap_genex(std::string item) {
  while (starts_with(item, "$<") && item.back() == '>') {
    const std::string inner = item.substr(2, item.size() - 3);
    int depth = 0;
    std::size_t colon = std::string::npos;
    for (std::size_t i = 0; i < inner.size() && colon == std::string::npos; ++i) {
      if (inner.compare(i, 2, "$<") == 0) ++depth;
      if (inner[i] == '>') --depth;
      if (inner[i] == ':' && depth == 0) colon = i;
    }
    if (colon == std::string::npos) return {};
    item = inner.substr(colon + 1);
  }
  return item;
}

/// Every path under `folder`, sorted so that reports come in a stable order.
std::vector<fs::path> sorted_tree(const fs::path& folder) {
  std::vector<fs::path> paths;
  if (fs::is_directory(folder)) {
    for (const auto& entry : fs::recursive_directory_iterator(folder)) paths.push_back(entry);
  }
  std::sort(paths.begin(), paths.end());
  return paths;
}

std::string escaped(const std::string& literal) {
  static const std::regex special(R"([.+*?^$()\[\]{}|\\])");
  return std::regex_replace(literal, special, R"(\$&)");
}

class Checker {
 public:
  Checker(fs::path root, const std::vector<Library>& table, const std::vector<Target>& targets)
      : m_root(std::move(root)), m_table(table), m_targets(targets) {
    for (const auto& row : m_table) {
      for (const auto& header : row.headers) {
        const auto slash = header.path.find('/');
        if (slash != std::string::npos) m_own_prefixes.insert(header.path.substr(0, slash + 1));
      }
    }
  }

  std::vector<std::string> run() {
    check_folders();
    check_public_headers();
    for (const auto& row : m_table) check_includes(row);
    check_links();
    return m_problems;
  }

 private:
  void report(const std::string& where, const std::string& rule) {
    m_problems.push_back(where + ": " + rule);
  }

  std::string relative(const fs::path& path) const {
    return path.lexically_relative(m_root).generic_string();
  }

  const Library* row_named(const std::string& target) const {
    for (const auto& row : m_table) {
      if (row.target == target) return &row;
    }
    return nullptr;
  }

  /// The rows owning a header spelled as included ("loadero_sync/plan.hpp"): one when all is well.
  /// A row listing it by name owns it, even in a folder another row owns ("loadero/limits.hpp").
  std::vector<const Library*> owners_of(const std::string& header) const {
    std::vector<const Library*> by_name;
    std::vector<const Library*> by_folder;
    for (const auto& row : m_table) {
      for (const auto& owned : row.headers) {
        const bool folder = owned.path.back() == '/';
        if (!folder && header == owned.path) by_name.push_back(&row);
        const bool listed = !by_folder.empty() && by_folder.back() == &row;
        if (folder && !listed && starts_with(header, owned.path)) by_folder.push_back(&row);
      }
    }
    return by_name.empty() ? by_folder : by_name;
  }

  bool is_own(const std::string& header) const {
    return std::any_of(m_own_prefixes.begin(), m_own_prefixes.end(),
                       [&](const std::string& prefix) { return starts_with(header, prefix); });
  }

  // Listed folders exist, and nothing under src/ lives outside them: a renamed folder fails
  // here instead of silently escaping every rule.
  void check_folders() {
    std::vector<std::string> listed;
    for (const auto& row : m_table) {
      for (const auto& folder : row.folders) {
        listed.push_back(folder);
        if (!row.pending && !fs::is_directory(m_root / folder)) {
          report(folder, "folder of " + row.target + " is missing");
        }
      }
    }
    std::vector<std::string> unlisted;  // reported folders: their contents are not repeated
    for (const auto& entry : sorted_tree(m_root / "src")) {
      const std::string path = relative(entry);
      const auto in = [&](const std::string& folder) { return is_under(path, folder); };
      if (std::any_of(listed.begin(), listed.end(), in) ||
          std::any_of(unlisted.begin(), unlisted.end(), in)) {
        continue;
      }
      if (fs::is_directory(entry)) {
        const auto holds_listed = [&](const std::string& folder) { return is_under(folder, path); };
        if (!std::any_of(listed.begin(), listed.end(), holds_listed)) {
          report(path, "folder is in no row of the layering table");
          unlisted.push_back(path);
        }
      } else if (is_source(entry)) {
        report(path, "source file is in no library folder of the layering table");
      }
    }
  }

  // Every header under include/ has exactly one owner, and every listed header exists.
  void check_public_headers() {
    for (const auto& entry : sorted_tree(m_root / "include")) {
      if (!fs::is_regular_file(entry) || !is_source(entry)) continue;
      const std::string header = entry.lexically_relative(m_root / "include").generic_string();
      const auto owners = owners_of(header);
      if (owners.empty()) {
        report("include/" + header, "public header is owned by no library in the layering table");
      } else if (owners.size() > 1) {
        report("include/" + header,
               "public header is owned by both " + owners[0]->target + " and " + owners[1]->target);
      }
    }
    for (const auto& row : m_table) {
      for (const auto& owned : row.headers) {
        if (!row.pending && !owned.pending && !fs::exists(m_root / "include" / owned.path)) {
          report("include/" + owned.path, "public header of " + row.target + " is missing");
        }
      }
    }
  }

  /// The files of a row: everything under its folders plus the public headers it owns.
  std::set<fs::path> files_of(const Library& row) const {
    std::set<fs::path> files;
    const auto add_tree = [&](const fs::path& folder) {
      if (!fs::is_directory(folder)) return;
      for (const auto& entry : fs::recursive_directory_iterator(folder)) {
        if (entry.is_regular_file() && is_source(entry.path())) files.insert(entry.path());
      }
    };
    for (const auto& folder : row.folders) add_tree(m_root / folder);
    for (const auto& owned : row.headers) {
      const fs::path path = m_root / "include" / owned.path;
      if (owned.path.back() == '/') {
        add_tree(path);
      } else if (fs::is_regular_file(path)) {
        files.insert(path);
      }
    }
    // A header that another row lists by name follows that row's rules only.
    std::erase_if(files, [&](const fs::path& file) {
      const auto owners = owners_of(file.lexically_relative(m_root / "include").generic_string());
      return !owners.empty() && owners[0] != &row;
    });
    return files;
  }

  void check_includes(const Library& row) {
    for (const auto& file : files_of(row)) {
      for (const auto& include : includes_of(file)) check_include(row, file, include);
    }
  }

  void check_include(const Library& row, const fs::path& file, const Include& include) {
    const std::string where = relative(file) + ":" + std::to_string(include.line);
    const std::string& header = include.header;
    if (is_own(header)) {
      const auto owners = owners_of(header);
      if (owners.empty()) {
        report(where, row.target + " includes " + header + ", which no library owns");
      } else if (owners[0] != &row && !contains(row.may_use, owners[0]->target)) {
        report(where, row.target + " may not include " + header + " (owned by " +
                          owners[0]->target + "); allowed: " + join(row.may_use, "none"));
      } else if (owners[0] != &row && !row.banned.empty()) {
        std::set<std::string> seen;
        if (auto reached = banned_through(row, header, seen)) {
          report(where, row.target + " is pure and may not include " + *reached);
        }
      }
      return;
    }
    // A quoted include of a private header beside the file (or below it, inside the row).
    if (!include.angled) {
      const std::string beside = relative((file.parent_path() / header).lexically_normal());
      const auto in_row = [&](const std::string& folder) { return is_under(beside, folder); };
      if (fs::is_regular_file(m_root / beside) &&
          std::any_of(row.folders.begin(), row.folders.end(), in_row)) {
        return;
      }
      if (family_of_include(header).empty()) {
        report(where, row.target + " includes \"" + header +
                          "\", which is not a header in its own folders");
        return;
      }
    }
    if (auto rule = third_party_rule(row, header)) report(where, *rule);
  }

  /// Why `row` may not include a non-own `header`, or nothing when it may.
  std::optional<std::string> third_party_rule(const Library& row, const std::string& header) {
    const std::string family = family_of_include(header);
    const std::string shown = "<" + header + ">";
    if (family.empty()) {
      return row.target + " includes " + shown +
             ", whose family the layering check does not know (add it to family_of_include)";
    }
    if (is_banned(row, header, family)) return row.target + " is pure and may not include " + shown;
    if (family == "std" || contains(row.third_party, family)) return std::nullopt;
    return row.target + " may not include " + shown + " (" + family +
           "); third-party allowed: " + join(row.third_party, "none");
  }

  static bool is_banned(const Library& row, const std::string& header, const std::string& family) {
    // <stdio.h> is <cstdio> under its C name.
    const bool c_name = family == "std" && header.size() > 2 && header.ends_with(".h");
    const std::string cpp_name = c_name ? "c" + header.substr(0, header.size() - 2) : header;
    return contains(row.banned, header) || contains(row.banned, cpp_name) ||
           contains(row.banned, family);
  }

  // A pure library stays pure through the headers of other libraries it may include:
  // "loadero_sync/parallel.hpp" would bring <thread> into the planner.
  std::optional<std::string> banned_through(const Library& row, const std::string& header,
                                            std::set<std::string>& seen) {
    if (!seen.insert(header).second) return std::nullopt;
    const fs::path file = m_root / "include" / header;
    for (const auto& include : includes_of(file)) {
      std::optional<std::string> reached;
      if (is_own(include.header)) {
        reached = banned_through(row, include.header, seen);
      } else {
        const std::string family = family_of_include(include.header);
        if (!family.empty() && is_banned(row, include.header, family)) {
          reached = "<" + include.header + ">";
        }
      }
      if (reached) return *reached + " (through " + header + ")";
    }
    return std::nullopt;
  }

  /// "folder/CMakeLists.txt:line" of the line naming `item` after the target's
  /// target_link_libraries(, or just the file when it is not found there.
  std::string link_where(const Target& target, const std::string& item) const {
    const std::string file = target.folder + "/CMakeLists.txt";
    const std::regex call("target_link_libraries\\s*\\(\\s*" + escaped(target.name) + "($|\\s)");
    const std::regex word("(^|[\\s(:])" + escaped(item) + "($|[\\s)>])");
    std::ifstream in(m_root / file);
    std::string text;
    bool in_call = false;
    for (int line = 1; std::getline(in, text); ++line) {
      in_call = in_call || std::regex_search(text, call);
      if (in_call && std::regex_search(text, word)) return file + ":" + std::to_string(line);
    }
    return file;
  }

  const Library* row_of_target(const Target& target) const {
    if (const Library* row = row_named(target.name)) return row;
    if (target.type != "EXECUTABLE") return nullptr;
    // An executable (main.cpp only) follows the rules of the library whose folder it shares.
    for (const auto& row : m_table) {
      for (const auto& folder : row.folders) {
        if (is_under(target.folder, folder)) return &row;
      }
    }
    return nullptr;
  }

  /// The row an own link item names, through an alias such as loadero::loadero too.
  const Library* own_link(const std::string& item) const {
    if (const Library* row = row_named(item)) return row;
    const auto colons = item.find("::");
    return colons == std::string::npos ? nullptr : row_named(item.substr(colons + 2));
  }

  void check_links() {
    for (const auto& row : m_table) {
      const auto named = [&](const Target& target) { return target.name == row.target; };
      if (!row.pending && std::none_of(m_targets.begin(), m_targets.end(), named)) {
        report(row.target, "library of the layering table has no CMake target of that name");
      }
    }
    for (const auto& target : m_targets) {
      const Library* row = row_of_target(target);
      if (!row) {
        report(target.folder + "/CMakeLists.txt",
               "CMake target " + target.name + " is in no row of the layering table");
        continue;
      }
      const std::string who =
          target.name == row->target ? row->target : target.name + " (in " + row->target + ")";
      for (const auto& raw : target.links) {
        const std::string item = unwrap_genex(raw);
        if (item.empty() || item == "Threads::Threads" || item == "loadero_warnings") continue;
        if (const Library* own = own_link(item)) {
          if (own != row && !contains(row->may_use, own->target)) {
            report(link_where(target, item),
                   who + " may not link " + item + "; allowed: " + join(row->may_use, "none"));
          }
          continue;
        }
        const std::string family = family_of_target(item);
        if (family.empty()) {
          report(link_where(target, item),
                 who + " links " + item +
                     ", which the layering check does not know (add it to family_of_target)");
        } else if (contains(row->banned, family)) {
          report(link_where(target, item), who + " is pure and may not link " + item);
        } else if (!contains(row->third_party, family)) {
          report(link_where(target, item),
                 who + " may not link " + item + " (" + family +
                     "); third-party allowed: " + join(row->third_party, "none"));
        }
      }
    }
  }

  fs::path m_root;
  const std::vector<Library>& m_table;
  const std::vector<Target>& m_targets;
  std::set<std::string> m_own_prefixes;  // "loadero/", "loadero_sync/"
  std::vector<std::string> m_problems;
};

}  // namespace

std::vector<std::string> check(const fs::path& root, const std::vector<Library>& table,
                               const std::vector<Target>& targets) {
  return Checker(root.lexically_normal(), table, targets).run();
}

std::vector<Target> read_link_edges(const fs::path& file, const fs::path& root) {
  std::ifstream in(file);
  if (!in) throw std::runtime_error("cannot read " + file.string());
  std::vector<Target> targets;
  std::string line;
  while (std::getline(in, line)) {
    std::vector<std::string> fields;
    std::size_t start = 0;
    for (std::size_t tab; (tab = line.find('\t', start)) != std::string::npos; start = tab + 1) {
      fields.push_back(line.substr(start, tab - start));
    }
    fields.push_back(line.substr(start));
    if (fields.size() != 5) continue;
    Target target{fields[0],
                  fields[1],
                  fs::path(fields[2]).lexically_relative(root.lexically_normal()).generic_string(),
                  {}};
    for (const auto& list : {fields[3], fields[4]}) {
      for (auto& item : split_cmake_list(list)) {
        if (!item.empty() && !contains(target.links, item)) target.links.push_back(item);
      }
    }
    targets.push_back(std::move(target));
  }
  return targets;
}

std::string family_of_include(const std::string& header) {
  static const std::vector<std::pair<std::string, std::string>> prefixes = {
      {"curl/", "curl"},         {"yaml.h", "libyaml"},
      {"valijson/", "valijson"}, {"httplib.h", "httplib"},
      {"CLI/", "CLI11"},         {"spdlog/", "spdlog"},
      {"fmt/", "fmt"},           {"nlohmann/", "nlohmann/json"},
      {"openssl/", "openssl"},   {"doctest/", "doctest"},
      {"sys/", "posix"},         {"arpa/", "posix"},
      {"netinet/", "posix"}};
  for (const auto& [prefix, family] : prefixes) {
    if (starts_with(header, prefix)) return family;
  }
  static const std::set<std::string> c_headers = {
      "assert.h", "ctype.h",  "errno.h",  "float.h",  "limits.h", "locale.h",
      "math.h",   "setjmp.h", "signal.h", "stdarg.h", "stddef.h", "stdint.h",
      "stdio.h",  "stdlib.h", "string.h", "time.h",   "wchar.h"};
  static const std::set<std::string> posix_headers = {"unistd.h", "fcntl.h", "dirent.h",
                                                      "poll.h",   "netdb.h", "pthread.h"};
  if (header.find_first_of("./") == std::string::npos || c_headers.contains(header)) return "std";
  if (posix_headers.contains(header)) return "posix";
  return {};
}

std::string family_of_target(const std::string& target) {
  static const std::vector<std::pair<std::string, std::string>> prefixes = {
      {"CURL::", "curl"},
      {"PkgConfig::LIBYAML", "libyaml"},
      {"valijson", "valijson"},
      {"ValiJSON::", "valijson"},
      {"nlohmann_json::", "nlohmann/json"},
      {"PkgConfig::HTTPLIB", "httplib"},
      {"httplib::", "httplib"},
      {"CLI11::", "CLI11"},
      {"spdlog::", "spdlog"},
      {"fmt::", "fmt"},
      {"OpenSSL::", "openssl"},
      {"doctest::", "doctest"}};
  for (const auto& [prefix, family] : prefixes) {
    if (target == prefix || (prefix.back() == ':' && starts_with(target, prefix)) ||
        starts_with(target, prefix + "::")) {
      return family;
    }
  }
  return {};
}

}  // namespace layering
