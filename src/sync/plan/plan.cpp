#include "loadero_sync/plan.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <utility>

namespace loadero_sync {

std::string_view to_string(ActionKind kind) {
  switch (kind) {
    case ActionKind::create:
      return "create";
    case ActionKind::duplicate:
      return "duplicate";
    case ActionKind::update:
      return "update";
    case ActionKind::remove:
      return "delete";
  }
  return "unknown";
}

char symbol(ActionKind kind) {
  switch (kind) {
    case ActionKind::create:
    case ActionKind::duplicate:
      return '+';
    case ActionKind::update:
      return '~';
    case ActionKind::remove:
      return '-';
  }
  return '?';
}

std::string_view to_string(ActionTarget target) {
  switch (target) {
    case ActionTarget::group:
      return "group";
    case ActionTarget::participant:
      return "participant";
  }
  return "unknown";
}

namespace {

constexpr std::array<std::pair<ActionReason, std::string_view>, 10> reason_codes{{
    {ActionReason::new_group, "new_group"},
    {ActionReason::copy, "copy"},
    {ActionReason::renamed, "renamed"},
    {ActionReason::count_changed, "count_changed"},
    {ActionReason::renamed_and_count_changed, "renamed_and_count_changed"},
    {ActionReason::ensure_absent, "ensure_absent"},
    {ActionReason::pruned, "pruned"},
    {ActionReason::new_participant, "new_participant"},
    {ActionReason::participant_changed, "participant_changed"},
    {ActionReason::participant_undeclared, "participant_undeclared"},
}};

}  // namespace

std::string_view to_string(ActionReason reason) {
  for (const auto& [value, code] : reason_codes) {
    if (value == reason) return code;
  }
  return "unknown";
}

std::optional<ActionReason> reason_from_code(std::string_view code) {
  for (const auto& [value, known] : reason_codes) {
    if (known == code) return value;
  }
  return std::nullopt;
}

std::vector<FieldChange> changed_fields(const Action& action) {
  std::vector<FieldChange> changes;
  if (action.target != ActionTarget::participant || action.kind != ActionKind::update ||
      !action.participant_before || !action.participant_after) {
    return changes;
  }
  const ParticipantState& before = *action.participant_before;
  const ParticipantState& after = *action.participant_after;
  if (before.name != after.name) changes.push_back({"name", before.name, after.name});
  if (before.count != after.count) {
    changes.push_back({"count", std::to_string(before.count), std::to_string(after.count)});
  }
  for (const auto field : all_participant_fields) {
    const auto& was = before.settings.get(field);
    const auto& will = after.settings.get(field);
    if (was != will) {
      changes.push_back({std::string(to_string(field)), was.value_or(""), will.value_or("")});
    }
  }
  return changes;
}

namespace {

std::string participant_change_text(const Action& action) {
  std::string text;
  for (const auto& change : changed_fields(action)) {
    if (!text.empty()) text += ", ";
    const auto shown = [&](const std::string& value) {
      if (value.empty()) return std::string("(unset)");
      return change.field == "name" ? "\"" + value + "\"" : value;
    };
    text += change.field + " " + shown(change.before) + " -> " + shown(change.after);
  }
  return text;
}

}  // namespace

std::string reason_text(const Action& action) {
  const GroupState before = action.before.value_or(GroupState{});
  const GroupState after = action.after.value_or(GroupState{});
  const std::string renamed = "renamed from \"" + before.name + "\"";
  const std::string count_change =
      "count " + std::to_string(before.count) + " -> " + std::to_string(after.count);
  switch (action.reason) {
    case ActionReason::new_group:
      return "new group";
    case ActionReason::copy:
      return "copy of \"" + (action.copy_source ? action.copy_source->name : std::string()) + "\"";
    case ActionReason::renamed:
      return renamed;
    case ActionReason::count_changed:
      return count_change;
    case ActionReason::renamed_and_count_changed:
      return renamed + ", " + count_change;
    case ActionReason::ensure_absent:
      return "ensure: absent";
    case ActionReason::pruned:
      return "not in manifest (prune)";
    case ActionReason::new_participant:
      return "new participant";
    case ActionReason::participant_changed:
      return participant_change_text(action);
    case ActionReason::participant_undeclared:
      return "not in manifest";
  }
  return "unknown";
}

namespace {

// Adds `part` into `total`; unknown stays unknown.
void add_load(TestLoad& total, const TestLoad& part) {
  if (total.compute_units && part.compute_units) {
    *total.compute_units += *part.compute_units;
  } else {
    total.compute_units.reset();
  }
  if (total.participants && part.participants) {
    *total.participants += *part.participants;
  } else {
    total.participants.reset();
  }
}

// `units` rounded to one decimal, in tenths.
long long tenths(double units) { return std::llround(units * 10); }

std::string format_tenths(long long value) {
  const bool negative = value < 0;
  const unsigned long long magnitude =
      negative ? 0ULL - static_cast<unsigned long long>(value) : static_cast<unsigned long long>(value);
  std::string text = std::to_string(magnitude / 10);
  if (magnitude % 10 != 0) text += "." + std::to_string(magnitude % 10);
  return negative ? "-" + text : text;
}

}  // namespace

std::string format_compute_units(const std::optional<double>& units) {
  if (!units) return "unknown";
  return format_tenths(tenths(*units));
}

std::string format_compute_unit_change(const std::optional<double>& before,
                                       const std::optional<double>& after) {
  if (!before || !after) return "unknown";
  const long long change = tenths(*after) - tenths(*before);
  return change > 0 ? "+" + format_tenths(change) : format_tenths(change);
}

void PlanSummary::add(const TestPlan& test) {
  for (const auto& action : test.actions) {
    if (action.target == ActionTarget::participant) {
      switch (action.kind) {
        case ActionKind::create:
        case ActionKind::duplicate:
          ++participants.create;
          break;
        case ActionKind::update:
          ++participants.update;
          break;
        case ActionKind::remove:
          ++participants.remove;
          break;
      }
      continue;
    }
    switch (action.kind) {
      case ActionKind::create:
        ++create;
        break;
      case ActionKind::duplicate:
        ++duplicate;
        break;
      case ActionKind::update:
        ++update;
        break;
      case ActionKind::remove:
        ++remove;
        break;
    }
  }
  unchanged += test.unchanged;
  participants.unchanged += test.unchanged_participants;
  add_load(load_before, test.load_before);
  add_load(load_after, test.load_after);
}

bool same_test(const PlanProblem& previous, const PlanProblem& problem) {
  return problem.test_id == previous.test_id && problem.test_name == previous.test_name;
}

std::size_t Plan::unplanned_tests() const {
  std::size_t count = 0;
  const PlanProblem* previous = nullptr;
  for (const auto& problem : problems) {
    if (problem.kind == ProblemKind::limit) continue;
    if (previous == nullptr || !same_test(*previous, problem)) ++count;
    previous = &problem;
  }
  return count;
}

bool Plan::complete() const {
  return std::all_of(problems.begin(), problems.end(),
                     [](const PlanProblem& problem) { return problem.kind == ProblemKind::limit; });
}

bool Plan::empty() const {
  for (const auto& test : tests) {
    if (!test.actions.empty()) return false;
  }
  return true;
}

}  // namespace loadero_sync
