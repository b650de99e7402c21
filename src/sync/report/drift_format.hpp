#pragma once
// Helpers shared by the drift writers (internal to the report library).

#include <string>

#include "loadero_sync/drift.hpp"

namespace loadero_sync::drift_detail {

/// One entry without its kind, e.g. `group 48797 "Mods" -> "Moderators", count 1 -> 2:
/// loadero.yaml:21`, `participant "Caller" in group "Callers EU" (count 3): new participant,
/// loadero.yaml:30` or `participant 94633 "Caller" in group "Callers": count 1 -> 3`.
std::string describe(const DriftEntry& entry);

/// "1 missing, 2 changed" for group entries, then "; participants: 1 extraneous" for participant
/// entries (zero counts left out; "no differences" when all are zero).
std::string count_phrase(const TestDrift& test);

/// `test 6866 "Checkout flow"` (`test "Checkout flow"` for a test whose name matched no id).
std::string title(const TestDrift& test);

/// "out of sync", "in sync" or "could not be read".
std::string verdict(const TestDrift& test);

}  // namespace loadero_sync::drift_detail
