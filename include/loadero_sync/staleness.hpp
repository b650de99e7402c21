#pragma once
// apply --plan: what changed in a test since its plan was made. Pure, like the planner.

#include <string>
#include <vector>

#include "loadero_sync/model.hpp"
#include "loadero_sync/plan.hpp"

namespace loadero_sync {

/// What changed between the live groups `test` was planned against (TestPlan::live_groups) and
/// `now`, one line per change, in id order: removed, renamed and recounted groups first, then
/// added ones ("group 50 \"Old\" removed", "group 48797 renamed \"A\" -> \"B\"",
/// "group 7 \"Hosts\" count 1 -> 2", "group 51 \"Callers EU\" added (count 2)"). Call it only
/// when the fingerprints differ: it always returns at least one line. Never throws except
/// std::bad_alloc.
std::vector<std::string> describe_staleness(const TestPlan& test,
                                            const std::vector<LiveGroup>& now);

}  // namespace loadero_sync
