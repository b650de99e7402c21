#pragma once
// Internal: the loader behind load_manifests and load_manifest_text (manifest_files.cpp). It keeps
// each file's text in the result's SourceTexts, parses and schema-checks it, applies the rules
// checked on top of the schema (manifest_rules.cpp) across all files, and turns the findings into
// diagnostics (manifest_loader.cpp).

#include <cstddef>
#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "loadero_sync/manifest.hpp"
#include "schema_check.hpp"
#include "yaml_tree.hpp"

namespace loadero_sync::manifest_detail {

/// A file with this many findings stops collecting more: a broken 4 MB file could otherwise
/// produce a million diagnostics.
inline constexpr std::size_t k_max_findings_per_file = 1000;

/// Loads files one after the other into one LoadResult. Not copyable.
class Loader {
 public:
  /// `limits` must outlive the loader.
  explicit Loader(const LoadLimits& limits) : m_limits(limits) {}
  Loader(const Loader&) = delete;
  Loader& operator=(const Loader&) = delete;

  /// Records a file that could not be read as one error without a position; nothing is loaded.
  void add_io_error(const std::string& name, std::string message, std::string hint);

  /// Loads `text` as the file `name`: kept in the result's sources, parsed, checked against the
  /// schema and the rules (tests across every file added so far), merged into the manifest.
  void add_text(const std::string& name, std::string text);

  /// A file's text and its YAML tree (or the problem that stopped reading it).
  struct ParsedFile {
    std::string text;
    YamlReadResult read;
  };

  /// Parses `text` for add_parsed. Touches no loader, so several files can be parsed at once on
  /// other threads while the loader checks the ones before them. Never throws except
  /// std::bad_alloc.
  static ParsedFile parse_text(std::string text, const LoadLimits& limits);

  /// add_text for a file that parse_text already parsed (with this loader's limits).
  void add_parsed(const std::string& name, ParsedFile parsed);

  /// The merged manifest, the sources and every diagnostic: files in load order, each file's
  /// findings by line and column, then "too many problems" when a file hit the cap. Leaves the
  /// loader empty; call once.
  LoadResult finish();

 private:
  struct FileState {
    std::string name;
    std::vector<Finding> findings;
    FindingSink sink{findings, k_max_findings_per_file};

    FileState() = default;
    FileState(const FileState&) = delete;
    FileState& operator=(const FileState&) = delete;
  };

  /// Where something was first seen, for "first declared at" hints.
  struct Seen {
    std::size_t file = 0;
    int line = 0;
    int column = 0;
  };

  /// What a file's `defaults:` gives the tests of the same file.
  struct FileDefaults {
    std::optional<bool> prune;
    std::optional<std::vector<std::string>> keep;
    ParticipantSettings participants;  ///< `participant_defaults:`
    Budget budget;                     ///< `budget:`, each limit with where it is set
  };

  /// The participant ids a test pins so far, with the line (0-based) of the first pin.
  struct PinnedParticipants {
    std::string test;  ///< the test as messages name it (label_of)
    std::unordered_map<std::int64_t, int> lines;
  };

  // Diagnostics collection (manifest_loader.cpp).
  Diagnostic to_diagnostic(const FileState& f, const Finding& finding,
                           CodePointCursor& columns) const;
  /// Line `line` (0-based, as libyaml marks) of file `file`.
  std::string_view line_text(std::size_t file, int line) const;
  SourcePos pos_of(std::size_t file, const Node& node) const;
  /// "line 3" within `current_file`, else "file:3:5".
  std::string where(std::size_t current_file, const Seen& seen) const;
  void error(const Node& at, std::string message, std::string hint);
  void warning(const Node& at, std::string message, std::string hint);
  /// Checks and merges the parsed file `file`, then keeps its text in the result's sources.
  void load(std::size_t file, ParsedFile parsed);
  /// The tree of `read`, or nullopt when the file could not be read or is empty (the reason is
  /// then a finding of `f`).
  static std::optional<Node> root_of(FileState& f, YamlReadResult read);

  // The rules checked on top of the schema (manifest_rules.cpp).
  void read_root(const Node& root);
  std::vector<std::string> read_keep(const Node& keep);
  /// The test as group rules name it; "this test" when it has neither id nor name.
  static std::string label_of(const DesiredTest& t);
  void read_test(const Node& node, const FileDefaults& defaults);
  /// `participant_defaults` are the test's, already over the file's.
  DesiredGroup read_group(const Node& node, const ParticipantSettings& participant_defaults,
                          PinnedParticipants& pinned);

  // Participants (manifest_participants.cpp).
  /// Sets the setting keys of `mapping` (a `participant_defaults:` mapping) over `into`. Values
  /// the schema refuses are left out (the schema check reports them). When `mapping` is no
  /// mapping, clears `key` (no "has no effect" warning on top of the schema's error).
  void read_participant_settings(const Node& mapping, ParticipantSettings& into, const Node*& key);
  /// One setting value over `into`; warns about a browser outside the known list.
  void read_participant_setting(ParticipantField field, const Node& value,
                                ParticipantSettings& into);
  /// The entries of a group's `participants:` list, each over `defaults`, checking names within
  /// the group and pinned ids within the test (`pinned`). `group` names the group in messages.
  std::vector<DesiredParticipant> read_participants(const Node& list, const std::string& group,
                                                    const ParticipantSettings& defaults,
                                                    PinnedParticipants& pinned);
  // Budgets (manifest_budget.cpp).
  /// Sets the limits `mapping` (a `budget:` mapping) gives over `into`, each with the position of
  /// its value. Values the schema refuses are left out (the schema check reports them).
  void read_budget(const Node& mapping, Budget& into);

  /// Rules between the groups of one test.
  void check_groups(const DesiredTest& test, const std::vector<const Node*>& nodes);

  const LoadLimits& m_limits;
  std::deque<FileState>
      m_files;  // FileState holds a sink that refers to its own findings: never moved
  std::size_t m_current = 0;
  LoadResult m_result;
  std::optional<std::pair<std::int64_t, Seen>> m_project;
  std::unordered_map<std::int64_t, Seen> m_test_ids;
  std::unordered_map<std::string, Seen> m_test_names;
  /// Unknown browsers already warned about in the current file: a versioned browser used by
  /// every participant of a large file is worth one warning, not a flood that hits the cap.
  std::unordered_set<std::string> m_warned_browsers;
};

}  // namespace loadero_sync::manifest_detail
