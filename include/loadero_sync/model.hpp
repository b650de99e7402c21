#pragma once
// Model types shared by the manifest loader, the planner, the executor and the reporters.
// Plain values: no I/O, no ownership beyond their members.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace loadero_sync {

/// A position in a manifest file. `line` and `column` are 1-based; 0 means unknown.
struct SourcePos {
  std::string file;
  int line = 0;
  int column = 0;

  friend bool operator==(const SourcePos&, const SourcePos&) = default;
};

/// Whether a declared group must exist (`ensure: present`, the default) or must not.
enum class Ensure { present, absent };

/// Whether live groups that a test does not declare are deleted.
enum class Prune { off, on };

/// One group as a manifest declares it.
struct DesiredGroup {
  std::optional<std::int64_t> id;  ///< `id:` pins the group to this live id
  std::string name;                ///< exact group name (non-empty)
  std::int64_t count = 1;          ///< >= 1; meaningless when ensure == absent
  Ensure ensure = Ensure::present;
  std::optional<std::string> duplicate_from;  ///< name of a live or planned group of the same test
  std::vector<std::string> renamed_from;      ///< live names this group may adopt, in order
  SourcePos source;                           ///< where the group's entry starts

  friend bool operator==(const DesiredGroup&, const DesiredGroup&) = default;
};

/// One test as a manifest declares it. Exactly one of test_id / test_name is set after loading;
/// the CLI resolves test_name into test_id before planning.
struct DesiredTest {
  std::optional<std::int64_t> test_id;
  std::optional<std::string> test_name;
  Prune prune = Prune::off;
  std::vector<std::string>
      keep;  ///< glob patterns (`*`, `?`, `[...]`) of live names prune never touches
  std::vector<DesiredGroup> groups;
  SourcePos source;

  friend bool operator==(const DesiredTest&, const DesiredTest&) = default;
};

/// Every manifest file of a run, merged.
struct Manifest {
  std::optional<std::int64_t> project_id;  ///< from `project_id:`, if any file gives it
  std::vector<DesiredTest> tests;          ///< in file order, files sorted as loaded
  std::vector<std::string> files;          ///< the files that were read, in load order

  friend bool operator==(const Manifest&, const Manifest&) = default;
};

/// Why a declared test could not be planned.
enum class ProblemKind {
  /// The live state makes planning impossible: a test name that matches no test (or several), a
  /// test id that is gone, a group name two live groups share, a pinned id or a copy source
  /// deleted by hand. Drift reports it as the test being out of sync.
  conflict,
  /// The test could not be read (the API failed). Drift reports it as an error.
  unreadable,
};

/// "conflict", "unreadable".
std::string_view to_string(ProblemKind kind);

/// One group as the Loadero API reports it (only what planning needs).
struct LiveGroup {
  std::int64_t id = 0;
  std::string name;
  std::int64_t count = 0;
  std::int64_t participant_count = 0;

  friend bool operator==(const LiveGroup&, const LiveGroup&) = default;
};

/// The live groups of one test, in the order the API listed them.
struct LiveTest {
  std::int64_t test_id = 0;
  std::string name;
  std::vector<LiveGroup> groups;

  friend bool operator==(const LiveTest&, const LiveTest&) = default;
};

}  // namespace loadero_sync
