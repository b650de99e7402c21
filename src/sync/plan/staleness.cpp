#include "loadero_sync/staleness.hpp"

#include <map>

#include "loadero_sync/text.hpp"

namespace loadero_sync {

std::vector<std::string> describe_staleness(const TestPlan& test,
                                            const std::vector<LiveGroup>& now) {
  std::vector<std::string> changes;
  std::map<std::int64_t, const LiveGroup*> now_by_id;
  for (const auto& group : now) now_by_id[group.id] = &group;
  std::map<std::int64_t, const LiveGroup*> then_by_id;
  for (const auto& group : test.live_groups) then_by_id[group.id] = &group;

  // Both maps are ordered by id, so the lines come out in id order.
  for (const auto& [id, then] : then_by_id) {
    const auto found = now_by_id.find(id);
    if (found == now_by_id.end()) {
      changes.push_back("group " + std::to_string(id) + " " + quote_name(then->name) + " removed");
      continue;
    }
    const LiveGroup& group = *found->second;
    if (group.name != then->name) {
      changes.push_back("group " + std::to_string(id) + " renamed " + quote_name(then->name) +
                        " -> " + quote_name(group.name));
    }
    if (group.count != then->count) {
      changes.push_back("group " + std::to_string(id) + " " + quote_name(group.name) + " count " +
                        std::to_string(then->count) + " -> " + std::to_string(group.count));
    }
  }
  for (const auto& [id, group] : now_by_id) {
    if (then_by_id.count(id) == 0) {
      changes.push_back("group " + std::to_string(id) + " " + quote_name(group->name) +
                        " added (count " + std::to_string(group->count) + ")");
    }
  }
  if (changes.empty()) {
    // Same groups, yet another fingerprint: the plan file's snapshot was edited by hand.
    changes.push_back(
        "the live groups match the plan's snapshot but not its fingerprint: the plan "
        "file was edited");
  }
  return changes;
}

}  // namespace loadero_sync
