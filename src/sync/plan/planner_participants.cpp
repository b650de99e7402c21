#include "planner_participants.hpp"

#include <algorithm>
#include <cstddef>
#include <string_view>
#include <unordered_map>
#include <utility>

#include "loadero/limits.hpp"
#include "loadero_sync/text.hpp"

namespace loadero_sync::detail {
namespace {

constexpr std::size_t no_index = static_cast<std::size_t>(-1);

// The live state with the declared name, count and every managed setting put over it, so an
// update sends every field the API reported and changes only what the manifest manages.
ParticipantState overlay(const ParticipantState& live, const DesiredParticipant& declared) {
  ParticipantState after = live;
  after.name = declared.name;
  after.count = declared.count;
  for (const auto field : all_participant_fields) {
    if (const auto& value = declared.settings.get(field)) after.settings.set(field, value);
  }
  return after;
}

// Groups hold a handful of participants: below this many a linear scan beats hashing. Above it
// the lookups are hashed, so matching never turns quadratic.
constexpr std::size_t small_pool = 16;

// The unclaimed participants of a pool by name, each name's positions in pool order.
class NameIndex {
 public:
  NameIndex(const std::vector<LiveParticipant>& live, const std::vector<std::size_t>& pool,
            const std::vector<bool>& claimed)
      : m_live(live), m_pool(pool), m_claimed(claimed) {
    if (pool.size() <= small_pool) return;
    m_by_name.reserve(pool.size());
    for (std::size_t p = 0; p < pool.size(); ++p) {
      if (!claimed[p]) m_by_name[live[pool[p]].name].push_back(p);
    }
  }

  // The positions of the unclaimed participants named `name`.
  std::vector<std::size_t> find(std::string_view name) const {
    if (m_pool.size() > small_pool) {
      const auto it = m_by_name.find(name);
      return it == m_by_name.end() ? std::vector<std::size_t>{} : it->second;
    }
    std::vector<std::size_t> found;
    for (std::size_t p = 0; p < m_pool.size(); ++p) {
      if (!m_claimed[p] && m_live[m_pool[p]].name == name) found.push_back(p);
    }
    return found;
  }

 private:
  const std::vector<LiveParticipant>& m_live;
  const std::vector<std::size_t>& m_pool;
  const std::vector<bool>& m_claimed;
  std::unordered_map<std::string_view, std::vector<std::size_t>> m_by_name;
};

// True when overlay(live.state(), declared) != live.state(), without building either.
bool differs(const LiveParticipant& live, const DesiredParticipant& declared) {
  if (live.name != declared.name || live.count != declared.count) return true;
  for (const auto field : all_participant_fields) {
    const auto& value = declared.settings.get(field);
    if (value && live.settings.get(field) != value) return true;
  }
  return false;
}

class TestParticipants {
 public:
  TestParticipants(const DesiredTest& desired, const std::vector<LiveParticipant>& live,
                   const std::vector<GroupFate>& fates, const ErrorSink& error)
      : m_desired(desired), m_live(live), m_fates(fates), m_error(error) {}

  ParticipantPlan run() {
    if (!check_declarations()) return {};
    index_live();
    for (std::size_t i = 0; i < m_desired.groups.size() && i < m_fates.size(); ++i) {
      const auto& group = m_desired.groups[i];
      if (!group.participants || m_fates[i].kind == GroupFate::Kind::skip) continue;
      plan_group(group, m_fates[i]);
    }
    return std::move(m_plan);
  }

 private:
  // The loader checks these too; matching relies on them, and a manifest a program builds skips
  // the loader.
  bool check_declarations() {
    bool ok = true;
    std::unordered_map<std::int64_t, const DesiredParticipant*> pins;
    for (std::size_t i = 0; i < m_desired.groups.size() && i < m_fates.size(); ++i) {
      const auto& group = m_desired.groups[i];
      if (!group.participants || m_fates[i].kind == GroupFate::Kind::skip) continue;
      std::unordered_map<std::string_view, const DesiredParticipant*> names;
      names.reserve(group.participants->size());
      for (const auto& participant : *group.participants) {
        const auto fail = [&](std::string message) {
          m_error(participant.source, std::move(message));
          ok = false;
        };
        if (!names.emplace(participant.name, &participant).second) {
          fail("participant name " + quote_name(participant.name) +
               " is declared more than once in group " + quote_name(group.name));
        }
        if (participant.id && !pins.emplace(*participant.id, &participant).second) {
          fail("participant id " + std::to_string(*participant.id) +
               " is pinned more than once in " + test_label(m_desired.test_id));
        }
        if (const auto length = loadero::name_length(participant.name);
            participant.name.empty() || length > loadero::max_participant_name_length) {
          fail("participant name of " + std::to_string(length) +
               " characters is outside what the Loadero API accepts (1 to " +
               std::to_string(loadero::max_participant_name_length) + ")");
        }
        if (participant.count < loadero::min_participant_count ||
            participant.count > loadero::max_participant_count) {
          fail("participant " + quote_name(participant.name) + " has count " +
               std::to_string(participant.count) + "; the Loadero API accepts " +
               std::to_string(loadero::min_participant_count) + " to " +
               std::to_string(loadero::max_participant_count));
        }
      }
    }
    return ok;
  }

  // Each group's live participants, sorted by id (the remove order).
  void index_live() {
    m_by_group.reserve(m_fates.size() * 2);
    for (std::size_t i = 0; i < m_live.size(); ++i) {
      if (m_live[i].group_id) m_by_group[*m_live[i].group_id].push_back(i);
    }
    for (auto& [group_id, members] : m_by_group) {
      std::sort(members.begin(), members.end(),
                [&](std::size_t a, std::size_t b) { return m_live[a].id < m_live[b].id; });
    }
  }

  const std::vector<std::size_t>& members_of(std::optional<std::int64_t> group_id) const {
    static const std::vector<std::size_t> none;
    if (!group_id) return none;
    const auto it = m_by_group.find(*group_id);
    return it == m_by_group.end() ? none : it->second;
  }

  // The position in `pool` of the participant with `id`, or no_index. Pools are sorted by id.
  std::size_t find_id(const std::vector<std::size_t>& pool, std::int64_t id) const {
    const auto it = std::lower_bound(
        pool.begin(), pool.end(), id,
        [&](std::size_t index, std::int64_t wanted) { return m_live[index].id < wanted; });
    if (it == pool.end() || m_live[*it].id != id) return no_index;
    return static_cast<std::size_t>(it - pool.begin());
  }

  std::vector<std::int64_t> ids_of(const std::vector<std::size_t>& pool,
                                   const std::vector<std::size_t>& positions) const {
    std::vector<std::int64_t> ids;
    ids.reserve(positions.size());
    for (const auto position : positions) ids.push_back(m_live[pool[position]].id);
    return ids;
  }

  void plan_group(const DesiredGroup& group, const GroupFate& fate) {
    const auto& declared = *group.participants;
    const bool live = fate.kind == GroupFate::Kind::live;
    const auto& pool = fate.kind == GroupFate::Kind::live ? members_of(fate.live_group_id)
                       : fate.kind == GroupFate::Kind::copied
                           ? members_of(fate.copy_source_group_id)
                           : members_of(std::nullopt);

    // Per declared participant: its position in `pool`, or no_index (a create).
    std::vector<std::size_t> match(declared.size(), no_index);
    std::vector<bool> claimed(pool.size(), false);
    bool failed = false;

    // (1) Pins, before any name is looked at: only a group that exists now has ids to pin.
    for (std::size_t d = 0; d < declared.size(); ++d) {
      const auto& participant = declared[d];
      if (!participant.id) continue;
      if (!live) {
        m_error(participant.source, "participant id " + std::to_string(*participant.id) +
                                        " pins a participant, but group " + quote_name(group.name) +
                                        " does not exist yet");
        failed = true;
        continue;
      }
      const auto position = find_id(pool, *participant.id);
      if (position == no_index) {
        std::vector<std::int64_t> ids;
        for (const auto index : pool) ids.push_back(m_live[index].id);
        m_error(participant.source, "participant id " + std::to_string(*participant.id) +
                                        " is not a live participant of group " +
                                        quote_name(group.name) +
                                        " (live participant ids: " + join_ids(ids) + ")");
        failed = true;
        continue;
      }
      match[d] = position;
      claimed[position] = true;
    }

    // (2) Exact names among the unclaimed.
    const NameIndex names(m_live, pool, claimed);
    for (std::size_t d = 0; d < declared.size(); ++d) {
      const auto& participant = declared[d];
      if (participant.id) continue;
      const auto found = names.find(participant.name);
      if (found.empty()) continue;
      if (found.size() > 1) {
        std::string message = "participant name " + quote_name(participant.name) +
                              " is shared by live participants " + join_ids(ids_of(pool, found)) +
                              " of group ";
        if (live) {
          message += quote_name(group.name) + ": pin one with id:";
        } else {
          message += quote_name(fate.copy_source_name) + ", which group " + quote_name(group.name) +
                     " copies: rename one of them first";
        }
        m_error(participant.source, std::move(message));
        failed = true;
        continue;
      }
      match[d] = found.front();
      claimed[found.front()] = true;
    }
    if (failed) return;

    // Removes (by id), then updates, then creates (manifest order): a remove frees a name an
    // update or create may take, and a re-plan after any prefix gives the rest.
    const std::optional<std::int64_t> group_id =
        live ? std::optional<std::int64_t>(fate.live_group_id) : std::nullopt;
    for (std::size_t p = 0; p < pool.size(); ++p) {
      if (claimed[p]) continue;
      const auto& current = m_live[pool[p]];
      Action action = participant_action(ActionKind::remove, group, group_id);
      if (live) action.participant_id = current.id;
      action.name = current.name;
      action.participant_before = current.state();
      action.reason = ActionReason::participant_undeclared;
      action.source = group.source;
      m_plan.actions.push_back(std::move(action));
    }
    for (std::size_t d = 0; d < declared.size(); ++d) {
      if (match[d] == no_index) continue;
      const auto& current = m_live[pool[match[d]]];
      if (!differs(current, declared[d])) {
        ++m_plan.unchanged;
        continue;
      }
      auto before = current.state();
      auto after = overlay(before, declared[d]);
      Action action = participant_action(ActionKind::update, group, group_id);
      if (live) action.participant_id = current.id;
      action.name = declared[d].name;
      action.participant_before = std::move(before);
      action.participant_after = std::move(after);
      action.reason = ActionReason::participant_changed;
      action.source = declared[d].source;
      m_plan.actions.push_back(std::move(action));
    }
    for (std::size_t d = 0; d < declared.size(); ++d) {
      if (match[d] != no_index) continue;
      const auto& participant = declared[d];
      Action action = participant_action(ActionKind::create, group, group_id);
      action.name = participant.name;
      action.participant_after =
          ParticipantState{participant.name, participant.count, participant.settings};
      action.reason = ActionReason::new_participant;
      action.source = participant.source;
      m_plan.actions.push_back(std::move(action));
    }
  }

  static Action participant_action(ActionKind kind, const DesiredGroup& group,
                                   std::optional<std::int64_t> group_id) {
    Action action;
    action.kind = kind;
    action.target = ActionTarget::participant;
    action.group_id = group_id;
    action.group_name = group.name;
    return action;
  }

  const DesiredTest& m_desired;
  const std::vector<LiveParticipant>& m_live;
  const std::vector<GroupFate>& m_fates;
  const ErrorSink& m_error;
  std::unordered_map<std::int64_t, std::vector<std::size_t>> m_by_group;
  ParticipantPlan m_plan;
};

}  // namespace

ParticipantPlan plan_participants(const DesiredTest& desired,
                                  const std::vector<LiveParticipant>& live,
                                  const std::vector<GroupFate>& fates, const ErrorSink& error) {
  return TestParticipants(desired, live, fates, error).run();
}

}  // namespace loadero_sync::detail
