#pragma once
// Export: writes a manifest that reproduces the live groups (and, when read, participants) of some
// tests (`loadero-sync export`), so that planning it right away shows no changes.

#include <cstdint>
#include <iosfwd>
#include <string>
#include <vector>

#include "loadero_sync/model.hpp"

namespace loadero_sync {

/// The default `$schema` reference of the exported modeline: the schema in the repository, seen
/// from a manifest kept in a folder next to `schemas/` (as in examples/).
inline constexpr const char* default_manifest_schema_ref = "../schemas/manifest.schema.json";

/// Writes a version 1 manifest for `tests` (in the given order) to `out`:
///  - the first line is the modeline `# yaml-language-server: $schema=<schema_ref>` (none when
///    `schema_ref` is empty: `loadero-sync export` without --schema-url);
///  - `project_id: <project_id>` (left out when project_id is 0);
///  - per test `test_id:` (its live name as a comment) and each live group with its name and count,
///    in the API's order. Groups whose name is shared by another live group of the same test are
///    pinned with `id:` so that planning does not find the name ambiguous; to keep the manifest
///    valid (one entry per name) only the first of them is declared, the others stay unmanaged and
///    are listed in a comment;
///  - for a test whose participants were read (LiveTest::participants set), each declared group
///    gets `participants:` with its live participants in API order (participants of no group are
///    left out): `name`, `count`, then every setting the API reported, in ParticipantField order
///    (`record_audio` as a YAML boolean), so planning the export finds every participant matched
///    and unchanged; a group without participants gets `participants: []`. A group two of whose
///    live participants share a name gets no `participants:` at all (its participants stay
///    unmanaged) and a comment saying so: a manifest names each participant of a group once, and
///    a `participants:` list deletes the live participants it leaves out. The second line then
///    says "from the live groups and participants".
/// Strings are written as JSON-escaped double-quoted YAML scalars, so any name round-trips.
/// Never throws except for stream errors the caller enabled and std::bad_alloc.
void write_manifest_yaml(std::ostream& out, std::int64_t project_id,
                         const std::vector<LiveTest>& tests,
                         const std::string& schema_ref = default_manifest_schema_ref);

}  // namespace loadero_sync
