#include "loadero_sync/planner.hpp"

#include <algorithm>
#include <cstddef>
#include <set>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "loadero_sync/text.hpp"
#include "test_load.hpp"
#include "test_planner.hpp"

namespace loadero_sync {
namespace detail {

PlanError plan_error(const SourceTexts& sources, std::int64_t test_id, const SourcePos& pos,
                     std::string message) {
  if (pos.file.empty() && test_id != 0) message = test_label(test_id) + ": " + message;
  return PlanError{test_id, sources.diagnose(Severity::error, pos, std::move(message))};
}

bool TestPlanner::plan(TestPlan& out) {
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
  auto participants = plan_participants();
  if (m_errors.size() != errors_before) {
    std::stable_sort(m_errors.begin() + static_cast<std::ptrdiff_t>(errors_before), m_errors.end(),
                     [](const PlanError& a, const PlanError& b) {
                       return std::pair(a.diagnostic.pos.line, a.diagnostic.pos.column) <
                              std::pair(b.diagnostic.pos.line, b.diagnostic.pos.column);
                     });
    return false;
  }
  emit(out, std::move(participants));
  check_limits(out);
  return m_errors.size() == errors_before;
}

void TestPlanner::error(const SourcePos& pos, std::string message) {
  m_errors.push_back(plan_error(m_sources, m_live.test_id, pos, std::move(message)));
}

// The loader checks these too; the planner re-checks because its matching relies on them.
void TestPlanner::check_declarations() {
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

void TestPlanner::index_live() {
  for (std::size_t i = 0; i < m_live_groups.size(); ++i) {
    m_live_by_id.emplace(m_live_groups[i].id, i);
    m_live_by_name[m_live_groups[i].name].push_back(i);
  }
}

std::vector<std::size_t> TestPlanner::unclaimed_named(const std::string& name) const {
  std::vector<std::size_t> found;
  const auto it = m_live_by_name.find(name);
  if (it == m_live_by_name.end()) return found;
  for (const auto index : it->second) {
    if (m_claimed_by[index] == no_index) found.push_back(index);
  }
  return found;
}

std::vector<std::int64_t> TestPlanner::ids_of(const std::vector<std::size_t>& indexes) const {
  std::vector<std::int64_t> ids;
  for (const auto index : indexes) ids.push_back(m_live_groups[index].id);
  return ids;
}

void TestPlanner::claim(std::size_t declared, std::size_t live) {
  m_claimed_by[live] = declared;
  m_match[declared] = live;
}

// Rule 1: a pin claims its live group before any name is looked at, so pinned groups never
// take part in (or cause) a name ambiguity.
void TestPlanner::claim_pinned() {
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
void TestPlanner::claim_exact_names() {
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
void TestPlanner::claim_renamed_from() {
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

void TestPlanner::resolve_unmatched() {
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
void TestPlanner::order_duplicates() {
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

}  // namespace detail

PlanResult make_plan(const std::vector<DesiredTest>& desired, const std::vector<LiveTest>& live,
                     const PlanOptions& options, const SourceTexts& sources) {
  PlanResult result;
  result.plan.tool_version = options.tool_version;
  result.plan.api_base = options.api_base;
  result.plan.project_id = options.project_id;

  std::unordered_map<std::int64_t, const LiveTest*> live_by_id;
  for (const auto& test : live) live_by_id.emplace(test.test_id, &test);

  result.plan.tests.reserve(desired.size());
  std::set<std::int64_t> seen;
  for (const auto& test : desired) {
    if (!test.test_id) {
      result.errors.push_back(
          detail::plan_error(sources, 0, test.source,
                             "test " + quote_name(test.test_name.value_or("")) +
                                 " has no test_id: resolve test names before planning"));
      continue;
    }
    const auto test_id = *test.test_id;
    if (!seen.insert(test_id).second) {
      result.errors.push_back(detail::plan_error(
          sources, test_id, test.source, test_label(test_id) + " is declared more than once"));
      continue;
    }
    const auto found = live_by_id.find(test_id);
    if (found == live_by_id.end()) {
      result.errors.push_back(detail::plan_error(
          sources, test_id, test.source, "no live groups were read for " + test_label(test_id)));
      continue;
    }
    TestPlan test_plan;
    const LiveTest& live_test = *found->second;
    detail::TestPlanner planner(test, live_test, sources, result.errors);
    if (!planner.plan(test_plan)) continue;
    const auto load = detail::compute_load(test_plan, live_test);
    test_plan.mode = live_test.mode;
    test_plan.load_before = load.before;
    test_plan.load_after = load.after;
    detail::check_test_limits(test, live_test, test_plan, load, options, sources, result.errors,
                              result.plan.warnings);
    result.plan.summary.add(test_plan);
    result.plan.tests.push_back(std::move(test_plan));
  }
  return result;
}

}  // namespace loadero_sync
