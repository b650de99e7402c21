#include "loadero_sync/report.hpp"
#include "report_format.hpp"

namespace loadero_sync {

void write_apply_text(std::ostream& out, const Plan& plan, const ApplyResult& result) {
  using namespace report_detail;
  // The status column fits the longest status shown, and is never narrower than "not attempted".
  std::size_t width = 15;
  if (result.interrupted() > 0) width = to_string(ActionStatus::interrupted).size() + 2;
  out << "\nApply results:\n";
  for (std::size_t t = 0; t < plan.tests.size() && t < result.tests.size(); ++t) {
    const TestPlan& test = plan.tests[t];
    if (test.actions.empty()) continue;
    out << "\n  # " << test_label(test.test_id, test.test_name) << '\n';
    for (std::size_t a = 0; a < test.actions.size() && a < result.tests[t].actions.size(); ++a) {
      const Action& action = test.actions[a];
      const ActionOutcome& outcome = result.tests[t].actions[a];
      std::string status(to_string(outcome.status));
      status.resize(width, ' ');
      out << "  " << status << symbol(action.kind) << ' ' << action_subject(action);
      const bool made = action.kind == ActionKind::create || action.kind == ActionKind::duplicate;
      const std::optional<std::int64_t>& new_id = action.target == ActionTarget::participant
                                                      ? outcome.created_participant_id
                                                      : outcome.group_id;
      if (made && outcome.status == ActionStatus::applied && new_id) out << ", id " << *new_id;
      if (!outcome.note.empty()) out << " (" << outcome.note << ")";
      if (!outcome.error.empty()) out << ": " << printable(outcome.error);
      out << '\n';
    }
    for (const auto& conflict : result.tests[t].conflicts)
      out << "  conflict       " << printable(conflict) << '\n';
    if (!result.tests[t].verify_error.empty()) {
      out << "  (could not check for groups another writer made: "
          << printable(result.tests[t].verify_error) << ")\n";
    }
  }
  const char* const outcome = result.interrupted() > 0 ? "interrupted"
                              : result.complete()      ? "complete"
                                                       : "incomplete";
  out << "\nApply " << outcome << ": " << result.applied() << " applied, " << result.failed()
      << " failed, " << result.not_attempted() << " not attempted";
  if (result.conflicts() > 0) out << ", " << plural(result.conflicts(), "conflict");
  out << ".\n";
  if (result.failed() > 0) {
    out << "Fix the cause and run apply again: it plans from the live state and finishes the "
           "job.\n";
  } else if (result.not_attempted() > 0) {
    out << "Run apply again to finish: it plans from the live state and makes only the changes "
           "still missing.\n";
  }
  if (result.conflicts() > 0) {
    out << "Another writer changed the same tests during this apply: loadero-sync assumes one "
           "writer at a time (serialize applies in CI).\n";
  }
}

}  // namespace loadero_sync
