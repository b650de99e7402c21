#include <algorithm>
#include <ostream>
#include <string>
#include <vector>

#include "loadero_sync/report.hpp"
#include "report_format.hpp"

namespace loadero_sync {
namespace {

std::string_view color_of(ActionKind kind) {
  switch (kind) {
    case ActionKind::create:
    case ActionKind::duplicate:
      return "\x1b[32m";
    case ActionKind::update:
      return "\x1b[33m";
    case ActionKind::remove:
      return "\x1b[31m";
  }
  return "";
}

constexpr std::string_view reset = "\x1b[0m";

}  // namespace

void write_plan_text(std::ostream& out, const Plan& plan, Color color) {
  using namespace report_detail;
  const std::string total = "Compute units (all tests): " +
                            compute_unit_figures(plan.summary.load_before.compute_units,
                                                 plan.summary.load_after.compute_units) +
                            ".\n";
  if (plan.empty()) {
    out << "No changes. " << no_changes_text(plan) << "\n" << total;
    return;
  }
  const std::string target = plan_target(plan);
  out << "loadero-sync will perform the following actions" << (target.empty() ? "" : " in ")
      << target << ":\n";
  for (const auto& test : plan.tests) {
    if (test.actions.empty()) continue;
    out << "\n  # " << test_label(test.test_id, test.test_name) << "\n";
    std::vector<std::string> subjects;
    for (const auto& action : test.actions) subjects.push_back(action_subject(action, participants_going(test, action)));
    const std::size_t width = aligned_width(subjects);
    for (std::size_t i = 0; i < test.actions.size(); ++i) {
      const auto& action = test.actions[i];
      out << "  ";
      if (color == Color::on) {
        out << color_of(action.kind) << symbol(action.kind) << reset;
      } else {
        out << symbol(action.kind);
      }
      out << ' ' << subjects[i] << padding(subjects[i], width)
          << printable(reason_text(action)) << "\n";
    }
    out << "  Compute units: "
        << compute_unit_figures(test.load_before.compute_units, test.load_after.compute_units)
        << "\n";
  }
  out << "\nPlan: " << summary_counts(plan.summary) << ".\n";
  if (has_participant_actions(plan.summary))
    out << "Participants: " << participant_counts(plan.summary.participants) << ".\n";
  out << total;
}

}  // namespace loadero_sync
