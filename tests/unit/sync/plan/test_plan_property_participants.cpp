// Property test for participants: seeded random groups with participants, declared and live.
// Whenever make_plan succeeds, applying the plan to a simulated Loadero test reaches the
// manifest's participants, and stopping after any prefix of the actions, re-planning and applying
// the rest gives the same state; the re-plan is exactly the rest (modulo ids that became known).

#include <doctest/doctest.h>

#include <algorithm>
#include <cstdint>
#include <map>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "plan_builders.hpp"

using namespace plan_test;

namespace {

using F = ParticipantField;

const std::vector<std::string> group_names = {"A", "B", "C", "D"};
const std::vector<std::string> participant_names = {"p", "q", "r", "s"};
const std::vector<std::string> browsers = {"chromeLatest", "firefoxLatest"};

// A simulated Loadero test: groups and participants, ids handed out in order; a copy copies its
// source's participants; a group made in the run is found by name, and a participant of such a
// group by its name, as the executor finds them.
struct Simulation {
  std::vector<LiveGroup> groups;
  std::vector<LiveParticipant> participants;
  std::int64_t next_id = 1000;
  std::map<std::string, std::int64_t> created;  // group name -> id, for groups made by actions

  LiveGroup* group(std::int64_t id) {
    const auto it =
        std::find_if(groups.begin(), groups.end(), [&](const LiveGroup& g) { return g.id == id; });
    return it == groups.end() ? nullptr : &*it;
  }

  std::int64_t group_of(const Action& action) {
    if (action.group_id) return *action.group_id;
    REQUIRE(created.count(action.group_name) == 1);
    return created[action.group_name];
  }

  std::vector<LiveParticipant>::iterator participant_of(const Action& action) {
    const auto group_id = group_of(action);
    const auto it =
        std::find_if(participants.begin(), participants.end(), [&](const LiveParticipant& p) {
          // Two of one name in a copy are told apart by their state, or are alike.
          return action.participant_id
                     ? p.id == *action.participant_id
                     : p.group_id == group_id && p.state() == *action.participant_before;
        });
    REQUIRE(it != participants.end());
    CHECK(it->group_id == group_id);
    CHECK(it->state() == *action.participant_before);
    return it;
  }

  void apply(const Action& action) {
    if (action.target == ActionTarget::participant) {
      switch (action.kind) {
        case ActionKind::create: {
          auto state = *action.participant_after;
          if (!state.settings.get(F::compute_unit)) state.settings.set(F::compute_unit, "g2");
          participants.push_back(LiveParticipant{next_id++, group_of(action), state.name,
                                                 state.count, state.settings});
          break;
        }
        case ActionKind::update: {
          auto it = participant_of(action);
          it->name = action.participant_after->name;
          it->count = action.participant_after->count;
          it->settings = action.participant_after->settings;
          break;
        }
        case ActionKind::remove:
          participants.erase(participant_of(action));
          break;
        case ActionKind::duplicate:
          FAIL("a participant action is never a duplicate");
      }
      return;
    }
    switch (action.kind) {
      case ActionKind::create:
        groups.push_back(LiveGroup{next_id, action.after->name, action.after->count, 0});
        created[action.after->name] = next_id++;
        break;
      case ActionKind::duplicate: {
        const auto source_id = action.copy_source->group_id ? *action.copy_source->group_id
                                                            : created.at(action.copy_source->name);
        REQUIRE(group(source_id) != nullptr);
        const auto copy_id = next_id++;
        groups.push_back(LiveGroup{copy_id, action.after->name, action.after->count, 0});
        created[action.after->name] = copy_id;
        // The copy's participants get new ids in the order of the source's ids.
        std::vector<LiveParticipant> copies;
        for (const auto& p : participants) {
          if (p.group_id == source_id) copies.push_back(p);
        }
        std::sort(copies.begin(), copies.end(),
                  [](const LiveParticipant& a, const LiveParticipant& b) { return a.id < b.id; });
        for (auto& copy : copies) {
          copy.id = next_id++;
          copy.group_id = copy_id;
          participants.push_back(copy);
        }
        break;
      }
      case ActionKind::update: {
        auto* found = group(*action.group_id);
        REQUIRE(found != nullptr);
        found->name = action.after->name;
        found->count = action.after->count;
        break;
      }
      case ActionKind::remove: {
        const auto id = *action.group_id;
        REQUIRE(group(id) != nullptr);
        groups.erase(std::find_if(groups.begin(), groups.end(),
                                  [&](const LiveGroup& g) { return g.id == id; }));
        std::erase_if(participants, [&](const LiveParticipant& p) { return p.group_id == id; });
        break;
      }
    }
  }

  LiveTest live() const { return live_test(7, groups, participants); }
};

struct Case {
  DesiredTest desired;
  Simulation initial;
};

ParticipantSettings random_settings(std::mt19937_64& rng) {
  ParticipantSettings out;
  if (rng() % 2 == 0) out.set(F::browser, browsers[rng() % browsers.size()]);
  if (rng() % 3 == 0) out.set(F::record_audio, rng() % 2 == 0 ? "true" : "false");
  return out;
}

Case generate(std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  const auto pick = [&](std::size_t n) { return static_cast<std::size_t>(rng() % n); };
  const auto count = [&] { return 1 + static_cast<std::int64_t>(pick(3)); };
  Case out;
  auto& sim = out.initial;
  sim.next_id = 100;
  for (std::size_t i = 0, n = pick(4); i < n; ++i) {
    const auto group_id = sim.next_id++;
    sim.groups.push_back(live(group_id, group_names[pick(group_names.size())], 1));
    for (std::size_t k = 0, m = pick(4); k < m; ++k) {
      auto participant_settings = random_settings(rng);
      participant_settings.set(F::compute_unit, "g2");
      sim.participants.push_back(live_participant(sim.next_id++, group_id,
                                                  participant_names[pick(participant_names.size())],
                                                  count(), participant_settings));
    }
  }
  if (pick(4) == 0)
    sim.participants.push_back(live_participant(sim.next_id++, std::nullopt, "p", 1));
  std::shuffle(sim.participants.begin(), sim.participants.end(), rng);
  sim.next_id = 1000;

  auto names = group_names;
  std::shuffle(names.begin(), names.end(), rng);
  std::vector<DesiredGroup> groups;
  std::set<std::int64_t> pinned;
  for (std::size_t i = 0, n = 1 + pick(3); i < n; ++i) {
    auto group = named(names[i], 1, static_cast<int>(10 * (i + 1)));
    if (pick(4) == 0) group.duplicate_from = group_names[pick(group_names.size())];
    if (pick(5) != 0) {
      group.participants.emplace();
      auto pnames = participant_names;
      std::shuffle(pnames.begin(), pnames.end(), rng);
      for (std::size_t k = 0, m = pick(4); k < m; ++k) {
        auto declared = participant(pnames[k], count(), static_cast<int>(10 * (i + 1) + k + 1),
                                    random_settings(rng));
        if (pick(6) == 0) {
          std::int64_t id = 999;
          if (!sim.participants.empty() && pick(5) != 0)
            id = sim.participants[pick(sim.participants.size())].id;
          if (pinned.insert(id).second) declared.id = id;
        }
        group.participants->push_back(std::move(declared));
      }
    }
    groups.push_back(std::move(group));
  }
  out.desired = desired_test(7, std::move(groups), pick(2) == 0 ? Prune::on : Prune::off);
  return out;
}

// The final state against the manifest, without asking the planner: every managed group holds
// exactly its declared participants, with their counts and managed settings.
void check_reaches_desired(const Case& c, const Simulation& final_state) {
  for (const auto& group : c.desired.groups) {
    if (!group.participants) continue;
    CAPTURE(group.name);
    std::vector<const LiveGroup*> holders;
    for (const auto& live_group : final_state.groups) {
      if (live_group.name == group.name) holders.push_back(&live_group);
    }
    REQUIRE(holders.size() == 1);
    std::map<std::string, const LiveParticipant*> found;
    for (const auto& p : final_state.participants) {
      if (p.group_id == holders[0]->id) CHECK(found.emplace(p.name, &p).second);
    }
    CHECK(found.size() == group.participants->size());
    for (const auto& declared : *group.participants) {
      CAPTURE(declared.name);
      const auto it = found.find(declared.name);
      REQUIRE(it != found.end());
      CHECK(it->second->count == declared.count);
      if (declared.id) CHECK(it->second->id == *declared.id);
      for (const auto field : all_participant_fields) {
        if (declared.settings.get(field))
          CHECK(it->second->settings.get(field) == declared.settings.get(field));
      }
    }
  }
}

// The re-plan's actions against the rest of the first plan: ids of groups and participants made
// in the prefix are new to the re-plan.
void check_same_actions(const std::vector<Action>& rest, std::vector<Action> replanned,
                        const Simulation& prefix) {
  REQUIRE(replanned.size() == rest.size());
  for (std::size_t i = 0; i < rest.size(); ++i) {
    CAPTURE(i);
    auto& action = replanned[i];
    if (rest[i].copy_source && !rest[i].copy_source->group_id && action.copy_source &&
        action.copy_source->group_id) {
      CHECK(*action.copy_source->group_id == prefix.created.at(rest[i].copy_source->name));
      action.copy_source->group_id.reset();
    }
    if (action.target == ActionTarget::participant && !rest[i].group_id && action.group_id) {
      CHECK(*action.group_id == prefix.created.at(rest[i].group_name));
      action.group_id.reset();
      if (!rest[i].participant_id) action.participant_id.reset();
    }
    CHECK(describe(action) == describe(rest[i]));
    CHECK(action == rest[i]);
  }
}

}  // namespace

TEST_CASE("random participant plans reach the manifest, also after stopping at any action") {
  int planned = 0;
  int refused = 0;
  int by_kind[4] = {0, 0, 0, 0};
  int in_copies = 0;
  for (std::uint64_t seed = 1; seed <= 1500; ++seed) {
    CAPTURE(seed);
    const auto c = generate(seed);
    const auto first = plan_one(c.desired, c.initial.live());
    CHECK(first.plan == plan_one(c.desired, c.initial.live()).plan);
    if (!first.ok()) {
      ++refused;
      continue;
    }
    ++planned;
    const auto& actions = first.plan.tests[0].actions;
    for (const auto& action : actions) {
      if (action.target != ActionTarget::participant) continue;
      ++by_kind[static_cast<int>(action.kind)];
      if (!action.group_id && action.kind != ActionKind::create) ++in_copies;
    }

    Simulation full = c.initial;
    for (const auto& action : actions) full.apply(action);
    check_reaches_desired(c, full);
    const auto settled = plan_one(c.desired, full.live());
    REQUIRE(settled.ok());
    CHECK(settled.plan.empty());

    for (std::size_t k = 0; k < actions.size(); ++k) {
      CAPTURE(k);
      Simulation prefix = c.initial;
      for (std::size_t i = 0; i < k; ++i) prefix.apply(actions[i]);
      const auto replan = plan_one(c.desired, prefix.live());
      REQUIRE(replan.ok());
      const std::vector<Action> rest(actions.begin() + static_cast<std::ptrdiff_t>(k),
                                     actions.end());
      check_same_actions(rest, replan.plan.tests[0].actions, prefix);
      Simulation finish = prefix;
      for (const auto& action : replan.plan.tests[0].actions) finish.apply(action);
      check_reaches_desired(c, finish);
    }
  }
  CHECK(planned >= 500);
  CHECK(refused >= 50);
  CHECK(by_kind[static_cast<int>(ActionKind::create)] >= 200);
  CHECK(by_kind[static_cast<int>(ActionKind::update)] >= 100);
  CHECK(by_kind[static_cast<int>(ActionKind::remove)] >= 100);
  CHECK(in_copies >= 20);
  MESSAGE("planned " << planned << ", refused " << refused << "; participant creates " << by_kind[0]
                     << ", updates " << by_kind[2] << ", deletes " << by_kind[3] << " ("
                     << in_copies << " in copies)");
}
