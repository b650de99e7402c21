// Property test: seeded random desired/live pairs. Whenever make_plan succeeds, applying the plan
// to a simulated live state reaches the desired state, and so does stopping after any prefix of
// the actions, re-planning, and applying the rest; the re-plan is exactly the rest.

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

const std::vector<std::string> alphabet = {"A", "B", "C", "D", "E", "k1", "k2"};

// A simulated Loadero test: what the executor would do to the live groups, with ids handed out in
// order, and duplicates of groups created earlier found by name as the executor finds them.
struct Simulation {
  std::vector<LiveGroup> groups;
  std::int64_t next_id = 1000;
  std::map<std::string, std::int64_t> created;  // name -> id of groups created by applied actions

  LiveGroup* find(std::int64_t id) {
    const auto it =
        std::find_if(groups.begin(), groups.end(), [&](const LiveGroup& g) { return g.id == id; });
    return it == groups.end() ? nullptr : &*it;
  }

  void apply(const Action& action) {
    switch (action.kind) {
      case ActionKind::create: {
        REQUIRE(action.after);
        groups.push_back(LiveGroup{next_id, action.after->name, action.after->count, 0});
        created[action.after->name] = next_id++;
        break;
      }
      case ActionKind::duplicate: {
        REQUIRE(action.copy_source);
        std::int64_t source_id = 0;
        if (action.copy_source->group_id) {
          source_id = *action.copy_source->group_id;
        } else {
          REQUIRE(created.count(action.copy_source->name) == 1);
          source_id = created[action.copy_source->name];
        }
        const auto* source = find(source_id);
        REQUIRE(source != nullptr);
        CHECK(source->count == action.copy_source->count);
        LiveGroup copy{next_id, action.after->name, source->count, 0};
        if (copy.count != action.after->count) copy.count = action.after->count;
        groups.push_back(copy);
        created[action.after->name] = next_id++;
        break;
      }
      case ActionKind::update: {
        auto* group = find(*action.group_id);
        REQUIRE(group != nullptr);
        CHECK(GroupState{group->name, group->count} == *action.before);
        group->name = action.after->name;
        group->count = action.after->count;
        break;
      }
      case ActionKind::remove: {
        auto* group = find(*action.group_id);
        REQUIRE(group != nullptr);
        CHECK(GroupState{group->name, group->count} == *action.before);
        groups.erase(groups.begin() + (group - groups.data()));
        break;
      }
    }
  }

  std::vector<LiveGroup> sorted() const {
    auto out = groups;
    std::sort(out.begin(), out.end(),
              [](const LiveGroup& a, const LiveGroup& b) { return a.id < b.id; });
    return out;
  }
};

struct Case {
  DesiredTest desired;
  std::vector<LiveGroup> live;
};

Case generate(std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  const auto pick = [&](std::size_t n) { return static_cast<std::size_t>(rng() % n); };
  Case out;
  const std::size_t live_count = pick(8);
  std::int64_t id = 100;
  for (std::size_t i = 0; i < live_count; ++i) {
    id += 1 + static_cast<std::int64_t>(pick(5));
    out.live.push_back(
        live(id, alphabet[pick(alphabet.size())], 1 + static_cast<std::int64_t>(pick(3))));
  }
  std::shuffle(out.live.begin(), out.live.end(), rng);

  auto names = alphabet;
  std::shuffle(names.begin(), names.end(), rng);
  const std::size_t group_count = pick(6);
  std::set<std::int64_t> pinned_ids;
  std::vector<DesiredGroup> groups;
  for (std::size_t i = 0; i < group_count; ++i) {
    auto group = named(names[i], 1 + static_cast<std::int64_t>(pick(3)), static_cast<int>(i + 10));
    const auto roll = pick(10);
    if (roll <= 1 || roll == 9) {
      std::int64_t target = 999;
      if (!out.live.empty() && pick(8) != 0) target = out.live[pick(out.live.size())].id;
      if (pinned_ids.insert(target).second) group.id = target;
      if (roll == 9) group.ensure = Ensure::absent;
    } else if (roll == 2) {
      group.ensure = Ensure::absent;
    } else if (roll <= 4) {
      const auto n = 1 + pick(2);
      for (std::size_t k = 0; k < n; ++k)
        group.renamed_from.push_back(alphabet[pick(alphabet.size())]);
    } else if (roll <= 6) {
      group.duplicate_from = alphabet[pick(alphabet.size())];
    }
    groups.push_back(group);
  }
  out.desired = desired_test(7, groups, pick(2) == 0 ? Prune::on : Prune::off);
  if (pick(3) == 0) out.desired.keep = {"k*"};
  return out;
}

PlanResult plan_of(const Case& c, const std::vector<LiveGroup>& groups) {
  return plan_one(c.desired, live_test(7, groups));
}

bool kept(const Case& c, const std::string& name) {
  return !c.desired.keep.empty() && name.rfind('k', 0) == 0;
}

// The final state against the manifest, without asking the planner.
void check_reaches_desired(const Case& c, const std::vector<LiveGroup>& initial,
                           const std::vector<LiveGroup>& final_state) {
  std::set<std::int64_t> pins;
  std::set<std::string> present_names;
  std::set<std::string> absent_names;
  for (const auto& g : c.desired.groups) {
    if (g.id) pins.insert(*g.id);
    if (g.ensure == Ensure::present) present_names.insert(g.name);
    if (g.ensure == Ensure::absent && !g.id) absent_names.insert(g.name);
  }
  const auto unpinned_named = [&](const std::vector<LiveGroup>& state, const std::string& name) {
    std::vector<LiveGroup> out;
    for (const auto& group : state) {
      if (group.name == name && pins.count(group.id) == 0) out.push_back(group);
    }
    return out;
  };
  const auto has_id = [&](std::int64_t id) {
    return std::any_of(final_state.begin(), final_state.end(),
                       [&](const LiveGroup& g) { return g.id == id; });
  };

  for (const auto& g : c.desired.groups) {
    CAPTURE(g.name);
    if (g.ensure == Ensure::present && g.id) {
      const auto it = std::find_if(final_state.begin(), final_state.end(),
                                   [&](const LiveGroup& x) { return x.id == *g.id; });
      REQUIRE(it != final_state.end());
      CHECK(it->name == g.name);
      CHECK(it->count == g.count);
    } else if (g.ensure == Ensure::present) {
      const auto holders = unpinned_named(final_state, g.name);
      REQUIRE(holders.size() == 1);
      CHECK(holders[0].count == g.count);
      // An exact-name match keeps its group (and its participants).
      const auto before = unpinned_named(initial, g.name);
      if (before.size() == 1) CHECK(holders[0].id == before[0].id);
    } else if (g.id) {
      CHECK_FALSE(has_id(*g.id));
    } else {
      CHECK(unpinned_named(final_state, g.name).empty());
    }
  }

  for (const auto& group : final_state) {
    if (c.desired.prune == Prune::on) {
      CHECK((pins.count(group.id) == 1 || present_names.count(group.name) == 1 ||
             kept(c, group.name)));
    }
  }
  // No group is lost: a deleted group was pinned absent, named by ensure: absent, or pruned.
  for (const auto& group : initial) {
    if (has_id(group.id)) continue;
    CAPTURE(group.id);
    CAPTURE(group.name);
    bool pinned_absent = false;
    for (const auto& g : c.desired.groups)
      pinned_absent = pinned_absent || (g.id == group.id && g.ensure == Ensure::absent);
    const bool by_name = absent_names.count(group.name) == 1 && pins.count(group.id) == 0;
    const bool pruned =
        c.desired.prune == Prune::on && pins.count(group.id) == 0 && !kept(c, group.name);
    CHECK((pinned_absent || by_name || pruned));
  }
}

// The re-plan's actions against the rest of the first plan. Ids of groups created in the prefix
// are new to the re-plan: they must be the ids the simulation handed out.
void check_same_actions(const std::vector<Action>& rest, std::vector<Action> replanned,
                        const Simulation& prefix) {
  REQUIRE(replanned.size() == rest.size());
  for (std::size_t i = 0; i < rest.size(); ++i) {
    CAPTURE(i);
    auto& action = replanned[i];
    if (rest[i].copy_source && !rest[i].copy_source->group_id && action.copy_source &&
        action.copy_source->group_id) {
      const auto it = prefix.created.find(rest[i].copy_source->name);
      REQUIRE(it != prefix.created.end());
      CHECK(*action.copy_source->group_id == it->second);
      action.copy_source->group_id.reset();
    }
    CHECK(describe(action) == describe(rest[i]));
    CHECK(action == rest[i]);
  }
}

}  // namespace

TEST_CASE("random plans reach the manifest, also after stopping at any action and re-planning") {
  int planned = 0;
  int refused = 0;
  int with_actions = 0;
  int by_kind[4] = {0, 0, 0, 0};
  int renames = 0;
  int copies_of_planned = 0;
  for (std::uint64_t seed = 1; seed <= 1500; ++seed) {
    CAPTURE(seed);
    const auto c = generate(seed);
    const auto first = plan_of(c, c.live);
    const auto again = plan_of(c, c.live);
    CHECK(first.plan == again.plan);
    CHECK(first.errors == again.errors);
    if (!first.ok()) {
      ++refused;
      continue;
    }
    ++planned;
    REQUIRE(first.plan.tests.size() == 1);
    const auto& actions = first.plan.tests[0].actions;
    if (!actions.empty()) ++with_actions;
    for (const auto& action : actions) {
      ++by_kind[static_cast<int>(action.kind)];
      if (action.kind == ActionKind::update && action.before->name != action.after->name) ++renames;
      if (action.copy_source && !action.copy_source->group_id) ++copies_of_planned;
    }

    Simulation full;
    full.groups = c.live;
    for (const auto& action : actions) full.apply(action);
    check_reaches_desired(c, c.live, full.groups);
    const auto settled = plan_of(c, full.groups);
    REQUIRE(settled.ok());
    CHECK(settled.plan.empty());

    for (std::size_t k = 0; k < actions.size(); ++k) {
      CAPTURE(k);
      Simulation prefix;
      prefix.groups = c.live;
      for (std::size_t i = 0; i < k; ++i) prefix.apply(actions[i]);
      const auto replan = plan_of(c, prefix.groups);
      REQUIRE(replan.ok());
      const std::vector<Action> rest(actions.begin() + static_cast<std::ptrdiff_t>(k),
                                     actions.end());
      check_same_actions(rest, replan.plan.tests[0].actions, prefix);
      Simulation finish = prefix;
      for (const auto& action : replan.plan.tests[0].actions) finish.apply(action);
      CHECK(finish.sorted() == full.sorted());
    }
  }
  // The generator must exercise both outcomes, mostly successful plans with work to do.
  CHECK(planned >= 500);
  CHECK(with_actions >= 400);
  CHECK(refused >= 50);
  for (const int count : by_kind) CHECK(count >= 100);
  CHECK(renames >= 100);
  CHECK(copies_of_planned >= 20);
  MESSAGE("planned " << planned << " (with actions " << with_actions << "), refused " << refused
                     << "; creates " << by_kind[0] << ", duplicates " << by_kind[1] << " ("
                     << copies_of_planned << " of planned groups), updates " << by_kind[2] << " ("
                     << renames << " renames), deletes " << by_kind[3]);
}

TEST_CASE(
    "a duplicate interrupted between the copy and the count update re-plans to a count update") {
  const auto desired = desired_test(7, {named("A", 3), copy_of("B", 1, "A")});
  const auto first = plan_one(desired, live_test(7, {live(1, "A", 3)}));
  REQUIRE(first.ok());
  CHECK(lines(first.plan.tests[0]) == "+ B (1) from #1 A (3) [copy of \"A\"]\n");
  // The copy exists with the source's count; setting count 1 did not happen.
  const auto replan = plan_one(desired, live_test(7, {live(1, "A", 3), live(2, "B", 3)}));
  REQUIRE(replan.ok());
  CHECK(lines(replan.plan.tests[0]) == "~ #2 B (3) -> B (1) [count 3 -> 1]\n");
}
