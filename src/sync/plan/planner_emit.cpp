#include <algorithm>
#include <cstddef>
#include <iterator>
#include <string>
#include <utility>
#include <vector>

#include "loadero/limits.hpp"
#include "loadero_sync/glob.hpp"
#include "loadero_sync/text.hpp"
#include "test_planner.hpp"

namespace loadero_sync::detail {

// What each declared group becomes this run, for its participants. A copy brings its source's
// participants as they are before this run: every copy is made before any participant write,
// so a copy of a copy brings what the first copy brought, and a copy of a new group none.
std::vector<GroupFate> TestPlanner::group_fates() const {
  using Kind = GroupFate::Kind;
  std::vector<GroupFate> fates(m_groups.size());
  for (std::size_t i = 0; i < m_groups.size(); ++i) {
    auto& fate = fates[i];
    if (m_fate[i] == Fate::matched && m_match[i] != no_index) {
      fate.kind = Kind::live;
      fate.live_group_id = m_live_groups[m_match[i]].id;
    } else if (m_fate[i] == Fate::create) {
      fate.kind = Kind::created;
    } else if (m_fate[i] == Fate::duplicate) {
      std::size_t source = i;
      for (std::size_t hops = 0; hops <= m_groups.size(); ++hops) {
        if (m_source[source].live != no_index) {
          fate.kind = Kind::copied;
          fate.copy_source_group_id = m_live_groups[m_source[source].live].id;
          fate.copy_source_name = m_live_groups[m_source[source].live].name;
          break;
        }
        source = m_source[source].declared;
        if (source == no_index) break;  // an unresolved source: already an error
        if (m_fate[source] != Fate::duplicate) {
          fate.kind = Kind::copied;  // a copy of a group created this run brings nothing
          break;
        }
      }
    }
  }
  return fates;
}

ParticipantPlan TestPlanner::plan_participants() {
  if (!m_desired.manages_participants()) return {};
  if (!m_live.participants) {
    error(m_desired.source, "no live participants were read for " + test_label(m_live.test_id));
    return {};
  }
  return detail::plan_participants(
      m_desired, *m_live.participants, group_fates(),
      [this](const SourcePos& pos, std::string message) { error(pos, std::move(message)); });
}

void TestPlanner::emit(TestPlan& out, ParticipantPlan participants) {
  out.test_id = m_live.test_id;
  out.test_name = !m_live.name.empty() ? m_live.name : m_desired.test_name.value_or("");
  if (m_desired.manages_participants() && m_live.participants) {
    // Sorted by pointer, then copied once: sorting the records themselves would move every one
    // of their eight settings many times over.
    std::vector<const LiveParticipant*> sorted;
    sorted.reserve(m_live.participants->size());
    for (const auto& participant : *m_live.participants) sorted.push_back(&participant);
    std::stable_sort(
        sorted.begin(), sorted.end(),
        [](const LiveParticipant* a, const LiveParticipant* b) { return a->id < b->id; });
    auto& copy = out.live_participants.emplace();
    copy.reserve(sorted.size());
    for (const auto* participant : sorted) copy.push_back(*participant);
  }
  out.live_fingerprint = live_fingerprint(m_live_groups, out.live_participants);
  out.live_groups.reserve(m_live_groups.size());
  for (const auto& group : m_live_groups) {
    out.live_groups.push_back(
        LiveGroup{group.id, group.name, group.count, group.participant_count});
  }
  std::sort(out.live_groups.begin(), out.live_groups.end(),
            [](const LiveGroup& a, const LiveGroup& b) { return a.id < b.id; });

  for (std::size_t i = 0; i < m_groups.size(); ++i) {
    if (m_fate[i] != Fate::create) continue;
    const auto& group = m_groups[i];
    Action action;
    action.kind = ActionKind::create;
    action.name = group.name;
    action.after = GroupState{group.name, group.count};
    action.reason = ActionReason::new_group;
    action.source = group.source;
    out.actions.push_back(std::move(action));
  }

  for (const auto i : m_duplicate_order) {
    const auto& group = m_groups[i];
    Action action;
    action.kind = ActionKind::duplicate;
    action.name = group.name;
    action.after = GroupState{group.name, group.count};
    Action::CopySource source;
    if (m_source[i].live != no_index) {
      const auto& live = m_live_groups[m_source[i].live];
      source.group_id = live.id;
      source.name = *group.duplicate_from;
      source.count = live.count;
    } else {
      const auto& planned = m_groups[m_source[i].declared];
      source.name = planned.name;
      source.count = planned.count;
    }
    action.copy_source = std::move(source);
    action.reason = ActionReason::copy;
    action.source = group.source;
    out.actions.push_back(std::move(action));
  }

  // Updates come after every copy, so a copy is made from its source's live state and before
  // that source is renamed away from the name a duplicate_from may use.
  for (std::size_t i = 0; i < m_groups.size(); ++i) {
    if (m_fate[i] != Fate::matched) continue;
    const auto& group = m_groups[i];
    const auto& live = m_live_groups[m_match[i]];
    const bool renamed = live.name != group.name;
    const bool recounted = live.count != group.count;
    if (!renamed && !recounted) {
      ++out.unchanged;
      continue;
    }
    Action action;
    action.kind = ActionKind::update;
    action.group_id = live.id;
    action.name = group.name;
    action.before = GroupState{live.name, live.count};
    action.after = GroupState{group.name, group.count};
    action.reason = renamed && recounted ? ActionReason::renamed_and_count_changed
                    : renamed            ? ActionReason::renamed
                                         : ActionReason::count_changed;
    action.source = group.source;
    out.actions.push_back(std::move(action));
  }

  // Participants after every group write that makes or renames their group, before deletes.
  out.actions.reserve(out.actions.size() + participants.actions.size() + m_live_groups.size());
  std::move(participants.actions.begin(), participants.actions.end(),
            std::back_inserter(out.actions));
  out.unchanged_participants = participants.unchanged;

  // Deletes last: every copy that needs one of these groups as its source is made by now.
  for (std::size_t i = 0; i < m_groups.size(); ++i) {
    if (m_fate[i] != Fate::absent) continue;
    std::vector<std::size_t> targets;
    for (std::size_t live = 0; live < m_live_groups.size(); ++live) {
      if (m_claimed_by[live] == i) targets.push_back(live);
    }
    std::sort(targets.begin(), targets.end(), [&](std::size_t a, std::size_t b) {
      return m_live_groups[a].id < m_live_groups[b].id;
    });
    for (const auto live_index : targets)
      out.actions.push_back(
          delete_action(live_index, ActionReason::ensure_absent, m_groups[i].source));
  }

  std::vector<std::size_t> unclaimed;
  for (std::size_t live = 0; live < m_live_groups.size(); ++live) {
    if (m_claimed_by[live] == no_index) unclaimed.push_back(live);
  }
  std::sort(unclaimed.begin(), unclaimed.end(), [&](std::size_t a, std::size_t b) {
    return m_live_groups[a].id < m_live_groups[b].id;
  });
  for (const auto live_index : unclaimed) {
    const auto& live = m_live_groups[live_index];
    const auto kept =
        std::find_if(m_desired.keep.begin(), m_desired.keep.end(),
                     [&](const std::string& pattern) { return glob_match(pattern, live.name); });
    if (m_desired.prune == Prune::on && kept == m_desired.keep.end()) {
      out.actions.push_back(delete_action(live_index, ActionReason::pruned, SourcePos{}));
      continue;
    }
    out.unmanaged.push_back(live);
    if (m_desired.prune == Prune::on) out.kept_by.emplace(live.id, *kept);
  }
}

// A manifest a program builds skips the loader's checks; the API would refuse the action.
void TestPlanner::check_limits(const TestPlan& out) {
  for (const auto& action : out.actions) {
    if (!action.after) continue;
    const auto& after = *action.after;
    if (const auto length = loadero::name_length(after.name);
        length > loadero::max_group_name_length) {
      error(action.source, "group name of " + std::to_string(length) +
                               " characters is longer than the Loadero API accepts (at most " +
                               std::to_string(loadero::max_group_name_length) + ")");
    }
    if (after.count < loadero::min_group_count || after.count > loadero::max_group_count) {
      error(action.source, "group " + quote_name(after.name) + " has count " +
                               std::to_string(after.count) + "; the Loadero API accepts " +
                               std::to_string(loadero::min_group_count) + " to " +
                               std::to_string(loadero::max_group_count));
    }
  }
}

Action TestPlanner::delete_action(std::size_t live_index, ActionReason reason,
                                  SourcePos source) const {
  const auto& live = m_live_groups[live_index];
  Action action;
  action.kind = ActionKind::remove;
  action.group_id = live.id;
  action.name = live.name;
  action.before = GroupState{live.name, live.count};
  action.reason = reason;
  action.source = std::move(source);
  return action;
}

}  // namespace loadero_sync::detail
