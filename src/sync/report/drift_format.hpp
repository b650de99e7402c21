#pragma once
// Helpers shared by the drift writers (internal to the report library).

#include <string>
#include <vector>

#include "loadero_sync/drift.hpp"

namespace loadero_sync::drift_detail {

/// One entry without its kind, e.g. `group 48797 "Mods": name: live "Mods", manifest
/// "Moderators"; count: live 1, manifest 2, loadero.yaml:21`, `participant "Caller" in group "Callers EU" (count 3): new participant,
/// loadero.yaml:30` or `participant 94633 "Caller" in group "Callers": count: live 1, manifest 3`.
std::string describe(const DriftEntry& entry);

/// What differs in a changed entry, live value first: the participant's changes, or for a group
/// its name and count when they differ (field "name" or "count"; before = live, after = manifest).
/// Empty for other kinds.
std::vector<FieldChange> live_and_manifest(const DriftEntry& entry);

/// `count: live 4, manifest 3; name: live "Mods", manifest "Moderators"` (names quoted, an empty
/// setting "(unset)", control bytes escaped).
std::string sides_text(const std::vector<FieldChange>& changes);

/// "1 missing, 2 changed" for group entries, then "; participants: 1 extraneous" for participant
/// entries (zero counts left out; "no differences" when all are zero).
std::string count_phrase(const TestDrift& test);

/// `test 6866 "Checkout flow"` (`test "Checkout flow"` for a test whose name matched no id).
std::string title(const TestDrift& test);

/// "out of sync", "in sync" or "could not be read".
std::string verdict(const TestDrift& test);

}  // namespace loadero_sync::drift_detail
