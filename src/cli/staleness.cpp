#include "staleness.hpp"

#include <algorithm>
#include <cstdint>
#include <map>
#include <set>

#include "text.hpp"

namespace loadero_sync::cli {

std::vector<std::string> describe_staleness(const TestPlan& test,
                                            const std::vector<LiveGroup>& now) {
  std::vector<std::string> changes;
  // What the plan remembers of the live groups: those it acts on and the unmanaged ones.
  std::map<std::int64_t, GroupState> known;
  std::set<std::string> planned_new_names;
  for (const auto& action : test.actions) {
    if (action.group_id && action.before) known[*action.group_id] = *action.before;
    if ((action.kind == ActionKind::create || action.kind == ActionKind::duplicate) &&
        action.after) {
      planned_new_names.insert(action.after->name);
    }
  }
  for (const auto& group : test.unmanaged) known[group.id] = GroupState{group.name, group.count};
  std::map<std::int64_t, const LiveGroup*> live_by_id;
  for (const auto& group : now) live_by_id[group.id] = &group;
  for (const auto& [id, state] : known) {
    const auto found = live_by_id.find(id);
    if (found == live_by_id.end()) {
      changes.push_back("group " + std::to_string(id) + " " + quoted(state.name) + " removed");
      continue;
    }
    const LiveGroup& group = *found->second;
    if (group.name != state.name) {
      changes.push_back("group " + std::to_string(id) + " renamed " + quoted(state.name) + " -> " +
                        quoted(group.name));
    }
    if (group.count != state.count) {
      changes.push_back("group " + std::to_string(id) + " " + quoted(group.name) + " count " +
                        std::to_string(state.count) + " -> " + std::to_string(group.count));
    }
  }
  // The plan keeps only a fingerprint of the groups it leaves as they are: name what is possible.
  std::vector<const LiveGroup*> untouched;
  for (const auto& group : now) {
    if (known.count(group.id) != 0) continue;
    if (planned_new_names.count(group.name) != 0) {
      changes.push_back("group " + std::to_string(group.id) + " " + quoted(group.name) + " added");
    } else {
      untouched.push_back(&group);
    }
  }
  std::string listed;
  for (const auto* group : untouched) {
    listed += (listed.empty() ? "" : ", ") + std::to_string(group->id) + " " + quoted(group->name) +
              " (count " + std::to_string(group->count) + ")";
  }
  const auto expected = static_cast<std::size_t>(std::max<std::int64_t>(test.unchanged, 0));
  if (untouched.size() > expected) {
    changes.push_back(plural(untouched.size() - expected, "group") +
                      " added; the groups the plan does not act on are now: " + listed);
  } else if (untouched.size() < expected) {
    const auto removed = expected - untouched.size();
    changes.push_back(plural(removed, "group") + " that the plan does not act on " +
                      (removed == 1 ? "was" : "were") + " removed");
  } else if (changes.empty()) {
    changes.push_back(
        "a group that the plan leaves as it is was renamed or recounted; those groups are now: " +
        (listed.empty() ? std::string("none") : listed));
  }
  return changes;
}

}  // namespace loadero_sync::cli
