#include "loadero_sync/planner.hpp"

#include <algorithm>
#include <cstddef>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "loadero/limits.hpp"
#include "loadero_sync/glob.hpp"
#include "loadero_sync/text.hpp"

namespace loadero_sync {
namespace {

constexpr std::size_t no_index = static_cast<std::size_t>(-1);

// How a declared group ends up once matching is done.
enum class Fate { unresolved, matched, create, duplicate, absent };

// Where a duplicate copies from.
struct SourceRef {
  std::size_t declared = no_index;  // a planned (unmatched) declared group of the test
  std::size_t live = no_index;      // a live group of the test
};

// An error of `test_id` at `pos`, quoting the manifest line when `sources` has it. Without a
// position the message names the test, since nothing else would.
PlanError plan_error(const SourceTexts& sources, std::int64_t test_id, const SourcePos& pos,
                     std::string message) {
  if (pos.file.empty() && test_id != 0) message = test_label(test_id) + ": " + message;
  return PlanError{test_id, sources.diagnose(Severity::error, pos, std::move(message))};
}

// Plans one test. Errors go to `errors`; when any is added, the caller drops the TestPlan.
class TestPlanner {
 public:
  TestPlanner(const DesiredTest& desired, const LiveTest& live, const SourceTexts& sources,
              std::vector<PlanError>& errors)
      : m_desired(desired),
        m_live(live),
        m_sources(sources),
        m_errors(errors),
        m_groups(desired.groups),
        m_live_groups(live.groups),
        m_claimed_by(live.groups.size(), no_index),
        m_match(desired.groups.size(), no_index),
        m_fate(desired.groups.size(), Fate::unresolved),
        m_source(desired.groups.size()) {}

  bool plan(TestPlan& out) {
    const std::size_t errors_before = m_errors.size();
    check_declarations();
    if (m_errors.size() != errors_before) return false;
    // Every later rule runs even when an earlier one found a problem (each marks the groups at
    // fault so the next stays quiet about them), so one run reports every error of the test.
    index_live();
    claim_pinned();
    claim_exact_names();
    claim_renamed_from();
    resolve_unmatched();
    order_duplicates();
    if (m_errors.size() != errors_before) {
      std::stable_sort(m_errors.begin() + static_cast<std::ptrdiff_t>(errors_before),
                       m_errors.end(), [](const PlanError& a, const PlanError& b) {
                         return std::pair(a.diagnostic.pos.line, a.diagnostic.pos.column) <
                                std::pair(b.diagnostic.pos.line, b.diagnostic.pos.column);
                       });
      return false;
    }
    emit(out);
    check_limits(out);
    return m_errors.size() == errors_before;
  }

 private:
  void error(const SourcePos& pos, std::string message) {
    m_errors.push_back(plan_error(m_sources, m_live.test_id, pos, std::move(message)));
  }

  // The loader checks these too; the planner re-checks because its matching relies on them.
  void check_declarations() {
    std::unordered_map<std::string, std::size_t> names;
    std::unordered_map<std::int64_t, std::size_t> pins;
    for (std::size_t i = 0; i < m_groups.size(); ++i) {
      const auto& group = m_groups[i];
      if (!names.emplace(group.name, i).second) {
        error(group.source, "group name " + quote_name(group.name) +
                                " is declared more than once in " + test_label(m_live.test_id));
      }
      if (group.id && !pins.emplace(*group.id, i).second) {
        error(group.source, "group id " + std::to_string(*group.id) +
                                " is pinned more than once in " + test_label(m_live.test_id));
      }
    }
  }

  void index_live() {
    for (std::size_t i = 0; i < m_live_groups.size(); ++i) {
      m_live_by_id.emplace(m_live_groups[i].id, i);
      m_live_by_name[m_live_groups[i].name].push_back(i);
    }
  }

  std::vector<std::size_t> unclaimed_named(const std::string& name) const {
    std::vector<std::size_t> found;
    const auto it = m_live_by_name.find(name);
    if (it == m_live_by_name.end()) return found;
    for (const auto index : it->second) {
      if (m_claimed_by[index] == no_index) found.push_back(index);
    }
    return found;
  }

  std::vector<std::int64_t> ids_of(const std::vector<std::size_t>& indexes) const {
    std::vector<std::int64_t> ids;
    for (const auto index : indexes) ids.push_back(m_live_groups[index].id);
    return ids;
  }

  void claim(std::size_t declared, std::size_t live) {
    m_claimed_by[live] = declared;
    m_match[declared] = live;
  }

  // Rule 1: a pin claims its live group before any name is looked at, so pinned groups never
  // take part in (or cause) a name ambiguity.
  void claim_pinned() {
    for (std::size_t i = 0; i < m_groups.size(); ++i) {
      const auto& group = m_groups[i];
      if (!group.id) continue;
      const auto it = m_live_by_id.find(*group.id);
      if (it != m_live_by_id.end()) {
        claim(i, it->second);
        m_fate[i] = group.ensure == Ensure::absent ? Fate::absent : Fate::matched;
      } else if (group.ensure == Ensure::absent) {
        m_fate[i] = Fate::absent;  // already gone: nothing to do, and not an error
      } else {
        std::vector<std::int64_t> ids;
        for (const auto& live : m_live_groups) ids.push_back(live.id);
        error(group.source, "group id " + std::to_string(*group.id) + " is not in " +
                                test_label(m_live.test_id) + " (live ids: " + join_ids(ids) + ")");
      }
    }
  }

  // Rule 2: exact names, for every declared group before any renamed_from is tried, so an exact
  // holder of a name always wins over a rename.
  void claim_exact_names() {
    for (std::size_t i = 0; i < m_groups.size(); ++i) {
      const auto& group = m_groups[i];
      if (group.id || group.ensure == Ensure::absent) continue;
      const auto found = unclaimed_named(group.name);
      if (found.size() == 1) {
        claim(i, found.front());
        m_fate[i] = Fate::matched;
      } else if (found.size() > 1) {
        error(group.source, "group name " + quote_name(group.name) + " is shared by live groups " +
                                join_ids(ids_of(found)) + ": pin one with id:");
        m_fate[i] = Fate::matched;  // keeps later rules quiet about this group
      }
    }
  }

  // Rule 3: renamed_from names, in manifest order, each group trying its names in order.
  void claim_renamed_from() {
    for (std::size_t i = 0; i < m_groups.size(); ++i) {
      const auto& group = m_groups[i];
      if (m_fate[i] != Fate::unresolved || group.ensure == Ensure::absent) continue;
      for (const auto& old_name : group.renamed_from) {
        const auto found = unclaimed_named(old_name);
        if (found.size() == 1) {
          claim(i, found.front());
          m_fate[i] = Fate::matched;
          break;
        }
        if (found.size() > 1) {
          error(group.source, "renamed_from name " + quote_name(old_name) + " of group " +
                                  quote_name(group.name) + " is shared by live groups " +
                                  join_ids(ids_of(found)) + ": pin the group with id:");
          m_fate[i] = Fate::matched;
          break;
        }
      }
    }
  }

  void resolve_unmatched() {
    std::unordered_map<std::string, std::size_t> present_by_name;
    for (std::size_t i = 0; i < m_groups.size(); ++i) {
      if (m_groups[i].ensure == Ensure::present) present_by_name.emplace(m_groups[i].name, i);
    }
    for (std::size_t i = 0; i < m_groups.size(); ++i) {
      const auto& group = m_groups[i];
      if (group.ensure == Ensure::absent) {
        m_fate[i] = Fate::absent;
        continue;
      }
      if (m_fate[i] != Fate::unresolved) continue;
      if (!group.duplicate_from) {
        m_fate[i] = Fate::create;
        continue;
      }
      m_fate[i] = Fate::duplicate;
      const auto& source_name = *group.duplicate_from;
      // A declared group of that name is the source: the live group it matched, or the group it
      // will become. Only then a live group by its current name.
      const auto declared = present_by_name.find(source_name);
      if (declared != present_by_name.end() && declared->second != i) {
        const auto source = declared->second;
        if (m_match[source] != no_index) {
          m_source[i].live = m_match[source];
        } else {
          m_source[i].declared = source;
        }
        continue;
      }
      if (declared != present_by_name.end()) {
        error(group.source, "group " + quote_name(group.name) +
                                " cannot be a copy of itself (duplicate_from " +
                                quote_name(source_name) + ")");
        continue;
      }
      const auto it = m_live_by_name.find(source_name);
      if (it == m_live_by_name.end() || it->second.empty()) {
        error(group.source, "duplicate_from " + quote_name(source_name) + " of group " +
                                quote_name(group.name) + " names no live or planned group of " +
                                test_label(m_live.test_id));
      } else if (it->second.size() > 1) {
        error(group.source, "duplicate_from " + quote_name(source_name) + " of group " +
                                quote_name(group.name) + " is shared by live groups " +
                                join_ids(ids_of(it->second)) +
                                ": declare the source with id: and copy it by its declared name");
      } else {
        m_source[i].live = it->second.front();
      }
    }
    // Absent groups by name take every live group of that name nothing else claimed.
    for (std::size_t i = 0; i < m_groups.size(); ++i) {
      const auto& group = m_groups[i];
      if (group.ensure != Ensure::absent || group.id) continue;
      for (const auto index : unclaimed_named(group.name)) m_claimed_by[index] = i;
    }
  }

  // Duplicates after their sources: a depth-first walk in manifest order.
  void order_duplicates() {
    enum class Mark { none, visiting, done };
    std::vector<Mark> marks(m_groups.size(), Mark::none);
    std::vector<std::size_t> path;
    const auto visit = [&](auto&& self, std::size_t i) -> bool {
      if (marks[i] == Mark::done) return true;
      if (marks[i] == Mark::visiting) {
        std::string cycle;
        const auto start = std::find(path.begin(), path.end(), i);
        for (auto it = start; it != path.end(); ++it)
          cycle += quote_name(m_groups[*it].name) + " -> ";
        cycle += quote_name(m_groups[i].name);
        error(m_groups[i].source,
              "duplicate_from cycle in " + test_label(m_live.test_id) + ": " + cycle);
        return false;
      }
      marks[i] = Mark::visiting;
      path.push_back(i);
      const auto source = m_source[i].declared;
      if (source != no_index && m_fate[source] == Fate::duplicate && !self(self, source))
        return false;
      path.pop_back();
      marks[i] = Mark::done;
      m_duplicate_order.push_back(i);
      return true;
    };
    for (std::size_t i = 0; i < m_groups.size(); ++i) {
      if (m_fate[i] == Fate::duplicate && marks[i] == Mark::none) {
        path.clear();
        if (!visit(visit, i)) return;
      }
    }
  }

  void emit(TestPlan& out) {
    out.test_id = m_live.test_id;
    out.test_name = !m_live.name.empty() ? m_live.name : m_desired.test_name.value_or("");
    out.live_fingerprint = live_fingerprint(m_live_groups);
    out.live_groups.reserve(m_live_groups.size());
    for (const auto& group : m_live_groups) {
      out.live_groups.push_back(LiveGroup{group.id, group.name, group.count, 0});
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
      const bool kept =
          std::any_of(m_desired.keep.begin(), m_desired.keep.end(),
                      [&](const std::string& pattern) { return glob_match(pattern, live.name); });
      if (m_desired.prune == Prune::on && !kept) {
        out.actions.push_back(delete_action(live_index, ActionReason::pruned, SourcePos{}));
      } else {
        out.unmanaged.push_back(live);
      }
    }
  }

  // A manifest a program builds skips the loader's checks; the API would refuse the action.
  void check_limits(const TestPlan& out) {
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

  Action delete_action(std::size_t live_index, ActionReason reason, SourcePos source) const {
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

  const DesiredTest& m_desired;
  const LiveTest& m_live;
  const SourceTexts& m_sources;
  std::vector<PlanError>& m_errors;
  const std::vector<DesiredGroup>& m_groups;
  const std::vector<LiveGroup>& m_live_groups;

  std::unordered_map<std::int64_t, std::size_t> m_live_by_id;
  std::unordered_map<std::string, std::vector<std::size_t>> m_live_by_name;  // live order per name
  std::vector<std::size_t> m_claimed_by;  // per live group: the declared group that claims it
  std::vector<std::size_t>
      m_match;  // per declared group: its live group (matched or pinned-absent)
  std::vector<Fate> m_fate;
  std::vector<SourceRef> m_source;             // per duplicate
  std::vector<std::size_t> m_duplicate_order;  // duplicates, sources first
};

}  // namespace

PlanResult make_plan(const std::vector<DesiredTest>& desired, const std::vector<LiveTest>& live,
                     const PlanOptions& options, const SourceTexts& sources) {
  PlanResult result;
  result.plan.tool_version = options.tool_version;
  result.plan.api_base = options.api_base;
  result.plan.project_id = options.project_id;

  std::unordered_map<std::int64_t, const LiveTest*> live_by_id;
  for (const auto& test : live) live_by_id.emplace(test.test_id, &test);

  std::set<std::int64_t> seen;
  for (const auto& test : desired) {
    if (!test.test_id) {
      result.errors.push_back(
          plan_error(sources, 0, test.source,
                     "test " + quote_name(test.test_name.value_or("")) +
                         " has no test_id: resolve test names before planning"));
      continue;
    }
    const auto test_id = *test.test_id;
    if (!seen.insert(test_id).second) {
      result.errors.push_back(plan_error(sources, test_id, test.source,
                                         test_label(test_id) + " is declared more than once"));
      continue;
    }
    const auto found = live_by_id.find(test_id);
    if (found == live_by_id.end()) {
      result.errors.push_back(plan_error(sources, test_id, test.source,
                                         "no live groups were read for " + test_label(test_id)));
      continue;
    }
    TestPlan test_plan;
    TestPlanner planner(test, *found->second, sources, result.errors);
    if (!planner.plan(test_plan)) continue;
    result.plan.summary.add(test_plan);
    result.plan.tests.push_back(std::move(test_plan));
  }
  return result;
}

}  // namespace loadero_sync
