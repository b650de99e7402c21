// The allow-list layering check: a table of the project's libraries (folders, public headers,
// what each may include and link) and one function that holds a source tree and its CMake link
// edges against it. Kept apart from the table so that tests can run it on small fixture trees.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace layering {

/// A public header owned by a library, spelled as it is included ("loadero_sync/plan.hpp"); a
/// path ending in '/' owns every header under that folder of include/.
struct Header {
  Header(const char* header_path, bool is_pending = false)
      : path(header_path), pending(is_pending) {}
  std::string path;
  bool pending = false;  // may be missing: another branch adds it
};

inline constexpr bool k_pending = true;

/// One row of the table: a library (CMake target) and its rules.
struct Library {
  std::string target = {};
  // Relative to the root; every file under them belongs to this library.
  std::vector<std::string> folders = {};
  std::vector<Header> headers = {};
  // Own libraries it may include and link (itself always).
  std::vector<std::string> may_use = {};
  // Families, as named by family_of_include and family_of_target.
  std::vector<std::string> third_party = {};
  // Standard headers or families that a pure library refuses.
  std::vector<std::string> banned = {};
  // Folders, headers and target may be missing: another branch adds them.
  bool pending = false;
};

/// A CMake target defined under src/, with the link items CMake holds for it (raw, so they may
/// be wrapped in generator expressions such as $<LINK_ONLY:...>).
struct Target {
  std::string name;
  std::string type;    // STATIC_LIBRARY, EXECUTABLE, ...
  std::string folder;  // its CMakeLists.txt folder, relative to the root
  std::vector<std::string> links;
};

/// Every breach of `table` in the tree at `root` and in `targets`, one readable line each
/// ("src/sync/plan/planner.cpp:12: loadero_sync_plan may not include ..."). Empty when clean.
std::vector<std::string> check(const std::filesystem::path& root, const std::vector<Library>& table,
                               const std::vector<Target>& targets);

/// The targets written by tests/unit/layering/CMakeLists.txt: one line per target,
/// "name<TAB>type<TAB>source dir<TAB>LINK_LIBRARIES<TAB>INTERFACE_LINK_LIBRARIES". Source dirs
/// are made relative to `root`. Throws std::runtime_error when the file cannot be read.
std::vector<Target> read_link_edges(const std::filesystem::path& file,
                                    const std::filesystem::path& root);

/// The third-party family an `#include <header>` belongs to ("libyaml", "nlohmann/json"),
/// "std" for the standard library, "posix" for POSIX system headers, "" when unknown.
std::string family_of_include(const std::string& header);

/// The family of a third-party link target ("CURL::libcurl" -> "curl"), "" when unknown.
std::string family_of_target(const std::string& target);

}  // namespace layering
