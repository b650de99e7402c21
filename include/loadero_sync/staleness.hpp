#pragma once
// apply --plan: what changed in a test since its plan was made. Pure, like the planner.

#include <optional>
#include <string>
#include <vector>

#include "loadero_sync/model.hpp"
#include "loadero_sync/plan.hpp"

namespace loadero_sync {

/// What changed between the live state `test` was planned against (TestPlan::live_groups and,
/// for a test that manages participants, TestPlan::live_participants) and the state read now
/// (`now`, and `participants_now`: the test's participants read now, for a test whose plan holds
/// live_participants; ignored when either side is empty), one line per change.
/// Groups first, in id order: removed, renamed and recounted groups, then added ones
/// ("group 50 \"Old\" removed", "group 48797 renamed \"A\" -> \"B\"",
/// "group 7 \"Hosts\" count 1 -> 2", "group 51 \"Callers EU\" added (count 2)").
/// Then participants, in id order: removed and changed ones, then added ones
/// ("participant 94640 \"Bot\" removed", "participant 94633 renamed \"A\" -> \"B\"",
/// "participant 94633 \"Caller\" count 1 -> 3", "participant 94633 \"Caller\" browser
/// chromeLatest -> firefoxLatest" (one line per setting, "(unset)" for an unset value),
/// "participant 94633 \"Caller\" moved from group 48795 to group 48796",
/// "participant 94641 \"New\" added (group 48795)").
/// Call it only when the fingerprints differ: it always returns at least one line. Never throws
/// except std::bad_alloc.
std::vector<std::string> describe_staleness(
    const TestPlan& test, const std::vector<LiveGroup>& now,
    const std::optional<std::vector<LiveParticipant>>& participants_now = std::nullopt);

}  // namespace loadero_sync
