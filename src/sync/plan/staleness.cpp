#include "loadero_sync/staleness.hpp"

#include <map>

#include "loadero_sync/text.hpp"

namespace loadero_sync {
namespace {

void describe_groups(const std::vector<LiveGroup>& then, const std::vector<LiveGroup>& now,
                     std::vector<std::string>& changes) {
  std::map<std::int64_t, const LiveGroup*> now_by_id;
  for (const auto& group : now) now_by_id[group.id] = &group;
  std::map<std::int64_t, const LiveGroup*> then_by_id;
  for (const auto& group : then) then_by_id[group.id] = &group;

  // Both maps are ordered by id, so the lines come out in id order.
  for (const auto& [id, before] : then_by_id) {
    const auto found = now_by_id.find(id);
    if (found == now_by_id.end()) {
      changes.push_back("group " + std::to_string(id) + " " + quote_name(before->name) +
                        " removed");
      continue;
    }
    const LiveGroup& group = *found->second;
    if (group.name != before->name) {
      changes.push_back("group " + std::to_string(id) + " renamed " + quote_name(before->name) +
                        " -> " + quote_name(group.name));
    }
    if (group.count != before->count) {
      changes.push_back("group " + std::to_string(id) + " " + quote_name(group.name) + " count " +
                        std::to_string(before->count) + " -> " + std::to_string(group.count));
    }
  }
  for (const auto& [id, group] : now_by_id) {
    if (then_by_id.count(id) == 0) {
      changes.push_back("group " + std::to_string(id) + " " + quote_name(group->name) +
                        " added (count " + std::to_string(group->count) + ")");
    }
  }
}

std::string group_text(const std::optional<std::int64_t>& group_id) {
  return group_id ? "group " + std::to_string(*group_id) : std::string("no group");
}

void describe_participants(const std::vector<LiveParticipant>& then,
                           const std::vector<LiveParticipant>& now,
                           std::vector<std::string>& changes) {
  std::map<std::int64_t, const LiveParticipant*> now_by_id;
  for (const auto& participant : now) now_by_id[participant.id] = &participant;
  std::map<std::int64_t, const LiveParticipant*> then_by_id;
  for (const auto& participant : then) then_by_id[participant.id] = &participant;

  for (const auto& [id, before] : then_by_id) {
    const std::string label = "participant " + std::to_string(id);
    const auto found = now_by_id.find(id);
    if (found == now_by_id.end()) {
      changes.push_back(label + " " + quote_name(before->name) + " removed");
      continue;
    }
    const LiveParticipant& participant = *found->second;
    const std::string named = label + " " + quote_name(participant.name);
    if (participant.name != before->name) {
      changes.push_back(label + " renamed " + quote_name(before->name) + " -> " +
                        quote_name(participant.name));
    }
    if (participant.group_id != before->group_id) {
      changes.push_back(named + " moved from " + group_text(before->group_id) + " to " +
                        group_text(participant.group_id));
    }
    if (participant.count != before->count) {
      changes.push_back(named + " count " + std::to_string(before->count) + " -> " +
                        std::to_string(participant.count));
    }
    for (const auto field : all_participant_fields) {
      const auto& was = before->settings.get(field);
      const auto& is = participant.settings.get(field);
      if (was == is) continue;
      changes.push_back(named + " " + std::string(to_string(field)) + " " +
                        printable(was.value_or("(unset)")) + " -> " +
                        printable(is.value_or("(unset)")));
    }
  }
  for (const auto& [id, participant] : now_by_id) {
    if (then_by_id.count(id) == 0) {
      changes.push_back("participant " + std::to_string(id) + " " + quote_name(participant->name) +
                        " added (" + group_text(participant->group_id) + ")");
    }
  }
}

}  // namespace

std::vector<std::string> describe_staleness(
    const TestPlan& test, const std::vector<LiveGroup>& now,
    const std::optional<std::vector<LiveParticipant>>& participants_now) {
  std::vector<std::string> changes;
  describe_groups(test.live_groups, now, changes);
  const bool participants = test.live_participants && participants_now;
  if (participants) describe_participants(*test.live_participants, *participants_now, changes);
  if (changes.empty()) {
    // Same state, yet another fingerprint: the plan file's snapshot was edited by hand.
    changes.push_back(participants
                          ? "the live groups and participants match the plan's snapshot but not "
                            "its fingerprint: the plan file was edited"
                          : "the live groups match the plan's snapshot but not its fingerprint: "
                            "the plan file was edited");
  }
  return changes;
}

}  // namespace loadero_sync
