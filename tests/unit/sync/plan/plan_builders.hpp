#pragma once
// Small builders and a compact action notation for planner tests.

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "loadero_sync/model.hpp"
#include "loadero_sync/plan.hpp"
#include "loadero_sync/planner.hpp"

namespace plan_test {

using namespace loadero_sync;

/// `summary` without its loads, so tests about action counts compare only the counts.
inline PlanSummary counts_of(PlanSummary summary) {
  summary.load_before = PlanSummary{}.load_before;
  summary.load_after = PlanSummary{}.load_after;
  return summary;
}

inline SourcePos at(int line) { return SourcePos{"loadero.yaml", line, 7}; }

inline DesiredGroup named(std::string name, std::int64_t count, int line = 1) {
  DesiredGroup group;
  group.name = std::move(name);
  group.count = count;
  group.source = at(line);
  return group;
}

inline DesiredGroup pinned(std::int64_t id, std::string name, std::int64_t count, int line = 1) {
  auto group = named(std::move(name), count, line);
  group.id = id;
  return group;
}

inline DesiredGroup renamed(std::string name, std::int64_t count, std::vector<std::string> from,
                            int line = 1) {
  auto group = named(std::move(name), count, line);
  group.renamed_from = std::move(from);
  return group;
}

inline DesiredGroup copy_of(std::string name, std::int64_t count, std::string source,
                            int line = 1) {
  auto group = named(std::move(name), count, line);
  group.duplicate_from = std::move(source);
  return group;
}

inline DesiredGroup absent(std::string name, int line = 1) {
  auto group = named(std::move(name), 1, line);
  group.ensure = Ensure::absent;
  return group;
}

inline LiveGroup live(std::int64_t id, std::string name, std::int64_t count) {
  return LiveGroup{id, std::move(name), count, count};
}

inline DesiredTest desired_test(std::int64_t test_id, std::vector<DesiredGroup> groups,
                                Prune prune = Prune::off, std::vector<std::string> keep = {}) {
  DesiredTest test;
  test.test_id = test_id;
  test.groups = std::move(groups);
  test.prune = prune;
  test.keep = std::move(keep);
  test.source = SourcePos{"loadero.yaml", 3, 5};
  return test;
}

inline LiveTest live_test(std::int64_t test_id, std::vector<LiveGroup> groups,
                          std::string name = "Checkout flow") {
  return LiveTest{test_id, std::move(name), std::move(groups), std::nullopt};
}

inline LiveTest live_test(std::int64_t test_id, std::vector<LiveGroup> groups,
                          std::vector<LiveParticipant> participants,
                          std::string name = "Checkout flow") {
  return LiveTest{test_id, std::move(name), std::move(groups), std::move(participants)};
}

/// Settings from (field, value) pairs.
inline ParticipantSettings settings(
    std::vector<std::pair<ParticipantField, std::string>> values = {}) {
  ParticipantSettings out;
  for (auto& [field, value] : values) out.set(field, std::move(value));
  return out;
}

inline DesiredParticipant participant(std::string name, std::int64_t count, int line = 1,
                                      ParticipantSettings managed = {}) {
  DesiredParticipant out;
  out.name = std::move(name);
  out.count = count;
  out.settings = std::move(managed);
  out.source = at(line);
  return out;
}

inline DesiredParticipant pinned_participant(std::int64_t id, std::string name, std::int64_t count,
                                             int line = 1, ParticipantSettings managed = {}) {
  auto out = participant(std::move(name), count, line, std::move(managed));
  out.id = id;
  return out;
}

/// `group` with `participants:` set to `participants`.
inline DesiredGroup with(DesiredGroup group, std::vector<DesiredParticipant> participants) {
  group.participants = std::move(participants);
  return group;
}

inline LiveParticipant live_participant(std::int64_t id, std::optional<std::int64_t> group_id,
                                        std::string name, std::int64_t count,
                                        ParticipantSettings reported = {}) {
  return LiveParticipant{id, group_id, std::move(name), count, std::move(reported)};
}

inline PlanOptions options() {
  return PlanOptions{"http://127.0.0.1:8080/v2/", 5040, "0.1.0", false, std::nullopt};
}

inline PlanResult plan_one(const DesiredTest& desired, const LiveTest& current) {
  return make_plan({desired}, {current}, options());
}

/// "+ B (2) [new group]", "+ B (2) from #11 A (3) [copy of A]", "~ #12 A (1) -> B (2) [...]", "-
/// #12 A (1) [...]".
/// Participant actions: "+ Callers#11/Caller (3) [new participant]" (no "#11" when the group is
/// made in the same run), "~ Callers#11/#94633 Caller [count 1 -> 3]", "- Callers#11/#94640 Bot
/// [not in manifest]" (no "#94640" for a participant a copy brings).
inline std::string describe_participant(const Action& action) {
  std::string out(1, symbol(action.kind));
  out += " " + action.group_name;
  if (action.group_id) out += "#" + std::to_string(*action.group_id);
  out += "/";
  if (action.participant_id) out += "#" + std::to_string(*action.participant_id) + " ";
  out += action.name;
  if (action.kind == ActionKind::create)
    out += " (" + std::to_string(action.participant_after->count) + ")";
  return out + " [" + loadero_sync::reason_text(action) + "]";
}

inline std::string describe(const Action& action) {
  if (action.target == ActionTarget::participant) return describe_participant(action);
  const auto state = [](const GroupState& s) {
    return s.name + " (" + std::to_string(s.count) + ")";
  };
  std::string out;
  switch (action.kind) {
    case ActionKind::create:
      out = "+ " + state(*action.after);
      break;
    case ActionKind::duplicate:
      out =
          "+ " + state(*action.after) + " from " +
          (action.copy_source->group_id ? "#" + std::to_string(*action.copy_source->group_id) + " "
                                        : "") +
          action.copy_source->name + " (" + std::to_string(action.copy_source->count) + ")";
      break;
    case ActionKind::update:
      out = "~ #" + std::to_string(*action.group_id) + " " + state(*action.before) + " -> " +
            state(*action.after);
      break;
    case ActionKind::remove:
      out = "- #" + std::to_string(*action.group_id) + " " + state(*action.before);
      break;
  }
  return out + " [" + loadero_sync::reason_text(action) + "]";
}

/// The action descriptions of one test, one per line.
inline std::string lines(const TestPlan& test) {
  std::string out;
  for (const auto& action : test.actions) out += describe(action) + "\n";
  return out;
}

/// Every error as "test <id> line <n>: <message>", one per line.
inline std::string errors(const PlanResult& result) {
  std::string out;
  for (const auto& error : result.errors) {
    out += "test " + std::to_string(error.test_id) + " line " +
           std::to_string(error.diagnostic.pos.line) + ": " + error.diagnostic.message + "\n";
  }
  return out;
}

}  // namespace plan_test
