#include "loadero_sync/plan.hpp"

#include <array>
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

namespace {

constexpr std::array<std::pair<ActionReason, std::string_view>, 7> reason_codes{{
    {ActionReason::new_group, "new_group"},
    {ActionReason::copy, "copy"},
    {ActionReason::renamed, "renamed"},
    {ActionReason::count_changed, "count_changed"},
    {ActionReason::renamed_and_count_changed, "renamed_and_count_changed"},
    {ActionReason::ensure_absent, "ensure_absent"},
    {ActionReason::pruned, "pruned"},
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
  }
  return "unknown";
}

void PlanSummary::add(const TestPlan& test) {
  for (const auto& action : test.actions) {
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
}

bool same_test(const PlanProblem& previous, const PlanProblem& problem) {
  return problem.test_id == previous.test_id && problem.test_name == previous.test_name;
}

std::size_t Plan::unplanned_tests() const {
  std::size_t count = 0;
  for (std::size_t i = 0; i < problems.size(); ++i) {
    if (i == 0 || !same_test(problems[i - 1], problems[i])) ++count;
  }
  return count;
}

bool Plan::empty() const {
  for (const auto& test : tests) {
    if (!test.actions.empty()) return false;
  }
  return true;
}

}  // namespace loadero_sync
