#include "test_load.hpp"

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>

#include "loadero/participant_values.hpp"
#include "loadero_sync/text.hpp"

namespace loadero_sync::detail {

namespace {

namespace values = loadero::participant_values;

// The compute units of one unit of `compute_unit`, or nullopt for a value the table lacks.
std::optional<double> unit_value(std::string_view compute_unit) {
  const double value = values::compute_units_of(compute_unit);
  if (value < 0) return std::nullopt;
  return value;
}

std::string group_label(const std::optional<std::int64_t>& id, const std::string& name) {
  return id ? "group " + std::to_string(*id) + " " + quote_name(name) : "group " + quote_name(name);
}

// The compute unit `state` runs on: its own, or for a participant a write creates without one,
// the API's default.
std::optional<std::string_view> effective_unit(const ParticipantState& state, bool created) {
  const auto& unit = state.settings.get(ParticipantField::compute_unit);
  if (unit) return std::string_view(*unit);
  if (created) return values::default_compute_unit;
  return std::nullopt;
}

// One copy of a group: what it uses, and why its compute units are unknown when they are.
struct PerCopy {
  std::optional<double> units = 0.0;
  std::int64_t participants = 0;
  std::string unknown;

  // Adds `count` x `unit` compute units (negative `count` takes away).
  void add(const ParticipantState& state, bool created, std::int64_t sign,
           const std::string& where) {
    participants += sign * state.count;
    if (!units) return;
    const auto unit = effective_unit(state, created);
    const auto value = unit ? unit_value(*unit) : std::nullopt;
    if (!value) {
      units.reset();
      unknown = "participant " + quote_name(state.name) + " in " + where +
                (unit ? " has compute unit " + quote_name(*unit) + ", which the tool does not know"
                      : " has no compute unit");
      return;
    }
    *units += static_cast<double>(sign * state.count) * *value;
  }
};

struct SimGroup {
  std::optional<std::int64_t> id;
  std::string name;
  std::int64_t count = 0;
  PerCopy copy;
  bool alive = true;
};

// What one copy of a live group uses (see compute_load).
PerCopy live_per_copy(const LiveGroup& group,
                      const std::vector<const LiveParticipant*>* participants) {
  PerCopy copy;
  if (group.total_cu_count) {
    copy.units = *group.total_cu_count;
    copy.participants = group.participant_count;
    return copy;
  }
  if (participants != nullptr) {
    const auto where = group_label(group.id, group.name);
    for (const auto* participant : *participants) {
      copy.add(participant->state(), false, 1, where);
    }
    copy.participants = group.participant_count;
    return copy;
  }
  copy.participants = group.participant_count;
  if (group.participant_count != 0) {
    copy.units.reset();
    copy.unknown = group_label(group.id, group.name) +
                   " has participants, but the API gave no total_cu_count and its participants "
                   "were not read";
  }
  return copy;
}

// Σ count x per copy over the groups still there; the first unknown group's reason in `unknown`.
TestLoad total(const std::vector<SimGroup>& groups, std::string& unknown) {
  TestLoad load{0.0, 0};
  for (const auto& group : groups) {
    if (!group.alive) continue;
    *load.participants += group.count * group.copy.participants;
    if (!load.compute_units) continue;
    if (!group.copy.units) {
      load.compute_units.reset();
      unknown = group.copy.unknown;
      continue;
    }
    *load.compute_units += static_cast<double>(group.count) * *group.copy.units;
  }
  return load;
}

}  // namespace

LoadFigures compute_load(const TestPlan& plan, const LiveTest& live) {
  std::unordered_map<std::int64_t, std::vector<const LiveParticipant*>> by_group;
  if (live.participants) {
    for (const auto& participant : *live.participants) {
      if (participant.group_id) by_group[*participant.group_id].push_back(&participant);
    }
  }
  static const std::vector<const LiveParticipant*> none;

  std::vector<SimGroup> groups;
  groups.reserve(live.groups.size() + plan.actions.size());
  std::unordered_map<std::int64_t, std::size_t> index_by_id;
  std::unordered_map<std::string, std::size_t> planned_by_name;  // the latest create or copy
  for (const auto& group : live.groups) {
    const std::vector<const LiveParticipant*>* participants = nullptr;
    if (live.participants) {
      const auto found = by_group.find(group.id);
      participants = found == by_group.end() ? &none : &found->second;
    }
    index_by_id.emplace(group.id, groups.size());
    groups.push_back(
        SimGroup{group.id, group.name, group.count, live_per_copy(group, participants), true});
  }

  LoadFigures figures;
  figures.before = total(groups, figures.unknown_before);

  const auto find = [&](const std::optional<std::int64_t>& id,
                        const std::string& name) -> SimGroup* {
    if (id) {
      const auto found = index_by_id.find(*id);
      return found == index_by_id.end() ? nullptr : &groups[found->second];
    }
    const auto found = planned_by_name.find(name);
    return found == planned_by_name.end() ? nullptr : &groups[found->second];
  };
  const auto unknown_group = [](const std::string& why) {
    PerCopy copy;
    copy.units.reset();
    copy.unknown = why;
    return copy;
  };

  for (const auto& action : plan.actions) {
    if (action.target == ActionTarget::participant) {
      SimGroup* group = find(action.group_id, action.group_name);
      if (group == nullptr) continue;  // a malformed plan: the executor refuses it
      const auto where = group_label(group->id, group->name);
      if (action.participant_before) group->copy.add(*action.participant_before, false, -1, where);
      if (action.participant_after) {
        group->copy.add(*action.participant_after, action.kind == ActionKind::create, 1, where);
      }
      continue;
    }
    switch (action.kind) {
      case ActionKind::create:
        planned_by_name[action.name] = groups.size();
        groups.push_back(SimGroup{std::nullopt, action.after->name, action.after->count, {}, true});
        break;
      case ActionKind::duplicate: {
        PerCopy copy =
            unknown_group("the source of copy " + quote_name(action.name) + " is not in the plan");
        if (action.copy_source) {
          if (const SimGroup* source = find(action.copy_source->group_id, action.copy_source->name))
            copy = source->copy;
        }
        planned_by_name[action.name] = groups.size();
        groups.push_back(
            SimGroup{std::nullopt, action.after->name, action.after->count, std::move(copy), true});
        break;
      }
      case ActionKind::update:
        if (SimGroup* group = find(action.group_id, action.name); group && action.after) {
          group->name = action.after->name;
          group->count = action.after->count;
        }
        break;
      case ActionKind::remove:
        if (SimGroup* group = find(action.group_id, action.name)) group->alive = false;
        break;
    }
  }
  figures.after = total(groups, figures.unknown_after);
  return figures;
}

namespace {

// The participant cap of a test mode per run, or 0 when the mode has none.
std::int64_t mode_cap(std::string_view mode) {
  if (mode == "performance") return 50;
  if (mode == "session-record") return 10;
  return 0;
}

std::string key(const std::string& group, const std::string& participant) {
  return group + '\0' + participant;
}

class LimitChecker {
 public:
  LimitChecker(const DesiredTest& desired, const LiveTest& live, const TestPlan& plan,
               const LoadFigures& load, const SourceTexts& sources, std::vector<PlanError>& errors,
               std::vector<PlanProblem>& warnings)
      : m_desired(desired),
        m_live(live),
        m_plan(plan),
        m_load(load),
        m_sources(sources),
        m_errors(errors),
        m_warnings(warnings),
        m_label(test_label(plan.test_id, plan.test_name)) {}

  void budget(const std::optional<double>& flag) {
    std::optional<double> max = flag ? flag : m_desired.budget.max_compute_units;
    if (!max) return;
    const std::string what = flag ? "--max-compute-units " + format_compute_units(max)
                                  : "max_compute_units: " + format_compute_units(max);
    const SourcePos& pos = flag ? m_desired.source : m_desired.budget.max_compute_units_source;
    const auto& before = m_load.before.compute_units;
    const auto& after = m_load.after.compute_units;
    if (!after) {
      warn(pos, m_label + ": the compute units after this plan are unknown (" +
                    m_load.unknown_after + "), so its budget (" + what + ") cannot be checked");
      return;
    }
    if (*after <= *max) return;
    if (before && *before > *max && *after <= *before) {
      warn(pos, m_label + " already uses " + format_compute_units(before) +
                    " compute units per run, over its budget (" + what +
                    "); this plan does not raise it (" + format_compute_units(before) + " -> " +
                    format_compute_units(after) + ")");
      return;
    }
    error(pos,
          m_label + " would use " + format_compute_units(after) +
              " compute units per run after this plan (" + format_compute_units(before) +
              " now), over its budget (" + what + ")",
          "lower a count or a compute unit, or raise the budget");
  }

  void largest_unit() {
    const auto& largest = m_desired.budget.largest_compute_unit;
    if (!largest) return;
    const auto limit = unit_value(*largest);
    if (!limit) return;  // the loader refuses unknown values; a program-built manifest may not
    const std::string rule = "larger than the budget's largest compute unit " + *largest;

    std::set<std::string> reported;  // group name, participant name
    for (const auto& group : m_desired.groups) {
      if (group.ensure == Ensure::absent || !group.participants) continue;
      for (const auto& participant : *group.participants) {
        const auto& unit = participant.settings.get(ParticipantField::compute_unit);
        const auto value = unit ? unit_value(*unit) : std::nullopt;
        if (!value || *value <= *limit) continue;
        reported.insert(key(group.name, participant.name));
        error(participant.source,
              "participant " + quote_name(participant.name) + " in group " +
                  quote_name(group.name) + " of " + m_label + " uses " + *unit + ", " + rule,
              "use a smaller compute_unit, or raise budget: largest_compute_unit");
      }
    }

    std::set<std::int64_t> removed;
    std::unordered_map<std::int64_t, const Action*> updated;
    for (const auto& action : m_plan.actions) {
      if (action.target != ActionTarget::participant) continue;
      if (action.kind == ActionKind::remove && action.participant_id) {
        removed.insert(*action.participant_id);
      } else if (action.kind == ActionKind::update && action.participant_id) {
        updated.emplace(*action.participant_id, &action);
      } else if (action.kind == ActionKind::create && action.participant_after &&
                 !action.participant_after->settings.get(ParticipantField::compute_unit)) {
        const auto value = unit_value(values::default_compute_unit);
        if (value && *value > *limit) {
          error(action.source,
                "participant " + quote_name(action.name) + " in group " +
                    quote_name(action.group_name) + " of " + m_label +
                    " gets the API's default compute unit " +
                    std::string(values::default_compute_unit) + ", " + rule,
                "set its compute_unit");
        }
      }
    }
    if (!m_live.participants) return;

    std::unordered_map<std::int64_t, const std::string*> group_names;
    for (const auto& group : m_live.groups) group_names.emplace(group.id, &group.name);
    for (const auto& participant : *m_live.participants) {
      if (removed.count(participant.id) != 0) continue;
      const auto found = updated.find(participant.id);
      const Action* update = found == updated.end() ? nullptr : found->second;
      const ParticipantState state =
          update != nullptr ? *update->participant_after : participant.state();
      const auto& unit = state.settings.get(ParticipantField::compute_unit);
      const auto value = unit ? unit_value(*unit) : std::nullopt;
      if (!value || *value <= *limit) continue;
      std::string group_name;
      if (update != nullptr) {
        group_name = update->group_name;
      } else if (participant.group_id) {
        const auto group = group_names.find(*participant.group_id);
        if (group != group_names.end()) group_name = *group->second;
      }
      if (reported.count(key(group_name, state.name)) != 0) continue;
      const std::string where =
          participant.group_id ? " in group " + quote_name(group_name) : " of no group";
      error(update != nullptr ? update->source : m_desired.budget.largest_compute_unit_source,
            "live participant " + std::to_string(participant.id) + " " + quote_name(state.name) +
                where + " of " + m_label + " uses " + *unit + ", " + rule,
            "declare it with a smaller compute_unit, or raise budget: largest_compute_unit");
    }
  }

  void mode_caps() {
    if (!m_plan.mode) return;
    const auto cap = mode_cap(*m_plan.mode);
    const auto& after = m_load.after.participants;
    if (cap == 0 || !after || *after <= cap) return;
    const auto& before = m_load.before.participants;
    error(m_desired.source,
          m_label + " is a " + *m_plan.mode + " test, which runs at most " + std::to_string(cap) +
              " participants, and this plan leaves it " + std::to_string(*after) + " per run (" +
              (before ? std::to_string(*before) : std::string("unknown")) + " now)",
          "lower group or participant counts, or change the test's mode in Loadero");
  }

 private:
  void error(const SourcePos& pos, std::string message, std::string hint) {
    m_errors.push_back(
        PlanError{m_plan.test_id,
                  m_sources.diagnose(Severity::error, pos, std::move(message), std::move(hint)),
                  ProblemKind::limit});
  }
  void warn(const SourcePos& pos, std::string message) {
    m_warnings.push_back(
        PlanProblem{m_plan.test_id, m_plan.test_name, ProblemKind::limit,
                    m_sources.diagnose(Severity::warning, pos, std::move(message))});
  }

  const DesiredTest& m_desired;
  const LiveTest& m_live;
  const TestPlan& m_plan;
  const LoadFigures& m_load;
  const SourceTexts& m_sources;
  std::vector<PlanError>& m_errors;
  std::vector<PlanProblem>& m_warnings;
  std::string m_label;
};

}  // namespace

void check_test_limits(const DesiredTest& desired, const LiveTest& live, const TestPlan& plan,
                       const LoadFigures& load, const PlanOptions& options,
                       const SourceTexts& sources, std::vector<PlanError>& errors,
                       std::vector<PlanProblem>& warnings) {
  if (!options.check_limits) return;
  LimitChecker checker(desired, live, plan, load, sources, errors, warnings);
  checker.budget(options.max_compute_units);
  checker.largest_unit();
  checker.mode_caps();
}

}  // namespace loadero_sync::detail
