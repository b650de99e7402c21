#pragma once
// Loading manifests: YAML files -> validated loadero_sync::Manifest plus every diagnostic.
// The structure is checked against schemas/manifest.schema.json (embedded at build time), the
// enumerated participant values (compute_unit, location, network, audio_feed, video_feed) included;
// the cross-reference rules (duplicate tests/groups/participants, test_id vs test_name,
// duplicate_from, renamed_from, keep globs, participants under ensure: absent, ...) are checked on
// top. A group's participants get their settings merged from participant_defaults (see
// DesiredParticipant::settings). See README.md, "The manifest".

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "loadero_sync/diagnostics.hpp"
#include "loadero_sync/glob.hpp"
#include "loadero_sync/model.hpp"
#include "loadero_sync/source_text.hpp"

namespace loadero_sync {

/// Guards against hostile or broken input. Each limit breached becomes one error diagnostic.
struct LoadLimits {
  std::size_t max_file_bytes = 4 * 1024 * 1024;  ///< larger files are refused before parsing
  int max_depth = 32;                            ///< nesting depth of YAML collections
  std::size_t max_nodes = 2'000'000;             ///< YAML nodes per file, aliases expanded
  std::size_t max_alias_nodes = 100'000;  ///< nodes added by expanding aliases (alias-bomb guard)
};

/// What loading produced. `manifest` holds everything that could be read even when there are
/// errors, but callers must not plan from a result that is not ok().
struct LoadResult {
  Manifest manifest;
  /// Errors and warnings: files in load order, each file's by line and column. A file stops being
  /// checked after 1000 problems; one more error then says "too many problems; stopped after the
  /// first 1000".
  std::vector<Diagnostic> diagnostics;
  /// The text of every file that was read (for load_manifest_text, the document under its
  /// `file_name`), by the name used in SourcePos::file, so later stages can report problems at a
  /// manifest position (sources.diagnose) with the same excerpt and caret without reading the
  /// files again. Files that could not be read (missing, too large, I/O errors) are absent.
  SourceTexts sources;

  /// True when no diagnostic is an error (warnings allowed).
  [[nodiscard]] bool ok() const;
};

/// Loads and validates every manifest named by `paths`, merged into one Manifest.
/// A path may be a file (read whatever its extension) or a directory (every regular `*.yaml` /
/// `*.yml` file directly inside it, not recursive, sorted by name). A file named twice is read
/// once. Tests are checked across all files (a test declared twice is an error). Files are read
/// and parsed a few at a time on other threads (at most 4 ahead of the one being checked); the
/// result and its diagnostics are the same as for loading them one after the other.
/// Returns every diagnostic; never throws for bad input or I/O errors (they become diagnostics);
/// only std::bad_alloc may escape.
LoadResult load_manifests(const std::vector<std::string>& paths, const LoadLimits& limits = {});

/// Same as load_manifests for one in-memory document; `file_name` is only used in positions.
LoadResult load_manifest_text(std::string_view text, const std::string& file_name,
                              const LoadLimits& limits = {});

/// The text of schemas/manifest.schema.json as built into the library (JSON, draft-07).
std::string_view manifest_schema_text();

}  // namespace loadero_sync
