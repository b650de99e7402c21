#pragma once
// One test's planning state: matching (planner.cpp), then the actions (planner_emit.cpp).
// Internal to the planner library: pure, no I/O.

#include <cstddef>
#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "loadero_sync/planner.hpp"
#include "planner_participants.hpp"

namespace loadero_sync::detail {

constexpr std::size_t no_index = static_cast<std::size_t>(-1);

// How a declared group ends up once matching is done.
enum class Fate { unresolved, matched, create, duplicate, absent };

// Where a duplicate copies from.
struct SourceRef {
  std::size_t declared = no_index;  // a planned (unmatched) declared group of the test
  std::size_t live = no_index;      // a live group of the test
};

/// An error of `test_id` at `pos`, quoting the manifest line when `sources` has it. Without a
/// position the message names the test, since nothing else would.
PlanError plan_error(const SourceTexts& sources, std::int64_t test_id, const SourcePos& pos,
                     std::string message);

/// Plans one test. Errors go to `errors`; when any is added, the caller drops the TestPlan.
/// Holds references to its arguments: they must outlive it.
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

  /// Fills `out`; returns false when an error was added (`out` must then be dropped).
  bool plan(TestPlan& out);

 private:
  void error(const SourcePos& pos, std::string message);
  // The loader checks these too; the planner re-checks because its matching relies on them.
  void check_declarations();
  void index_live();
  std::vector<std::size_t> unclaimed_named(const std::string& name) const;
  std::vector<std::int64_t> ids_of(const std::vector<std::size_t>& indexes) const;
  void claim(std::size_t declared, std::size_t live);
  // Rule 1: a pin claims its live group before any name is looked at, so pinned groups never
  // take part in (or cause) a name ambiguity.
  void claim_pinned();
  // Rule 2: exact names, for every declared group before any renamed_from is tried, so an exact
  // holder of a name always wins over a rename.
  void claim_exact_names();
  // Rule 3: renamed_from names, in manifest order, each group trying its names in order.
  void claim_renamed_from();
  void resolve_unmatched();
  // Duplicates after their sources: a depth-first walk in manifest order.
  void order_duplicates();
  // What each declared group becomes this run, for its participants. A copy brings its source's
  // participants as they are before this run: every copy is made before any participant write,
  // so a copy of a copy brings what the first copy brought, and a copy of a new group none.
  std::vector<GroupFate> group_fates() const;
  ParticipantPlan plan_participants();
  void emit(TestPlan& out, ParticipantPlan participants);
  // A manifest a program builds skips the loader's checks; the API would refuse the action.
  void check_limits(const TestPlan& out);
  Action delete_action(std::size_t live_index, ActionReason reason, SourcePos source) const;

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

}  // namespace loadero_sync::detail
