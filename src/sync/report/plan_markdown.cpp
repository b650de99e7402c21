#include <algorithm>
#include <cstdint>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "loadero_sync/report.hpp"
#include "report_format.hpp"

namespace loadero_sync {
namespace {

using namespace report_detail;

// A code fence longer than any run of backticks inside, so a group name cannot close it.
std::string fence_for(const std::vector<std::string>& lines) {
  std::size_t longest = 0;
  for (const auto& line : lines) {
    std::size_t run = 0;
    for (const char c : line) {
      run = c == '`' ? run + 1 : 0;
      longest = std::max(longest, run);
    }
  }
  return std::string(std::max<std::size_t>(3, longest + 1), '`');
}

// The first character of a line in a ```diff block, which GitHub colours: `+` green (create,
// duplicate), `!` orange (update), `-` red (delete). The text plan's `~` would stay uncoloured.
char diff_symbol(ActionKind kind) { return kind == ActionKind::update ? '!' : symbol(kind); }

// U+200B after every `@`: in a code block HTML entities do not render, and GitHub links no URL,
// but an `@name` must still not read as a mention.
std::string neutralize_mentions(std::string_view text) {
  std::string out;
  for (const char c : text) {
    out += c;
    if (c == '@') out += "\xe2\x80\x8b";
  }
  return out;
}

// The document as lines, each with what must follow it if the output is cut right after it.
struct Piece {
  std::string text;
  std::string closer;
};

std::string cut_note(std::size_t max_bytes) {
  const std::string size = max_bytes % 1024 == 0 ? std::to_string(max_bytes / 1024) + " KB"
                                                 : std::to_string(max_bytes) + " bytes";
  return "\n\xe2\x80\xa6 output cut at " + size +
         ": run `loadero-sync plan` locally for the full plan.\n";
}

std::string id_and_name(const std::optional<std::int64_t>& id, const std::string& name) {
  return (id ? std::to_string(*id) + " " : std::string()) + markdown_cell(quote_name(name));
}

// One row of the destructive actions table.
std::string destructive_row(const TestPlan& test, const Action& action, bool participant_column) {
  std::string row = "| " + markdown_cell(test_label(test.test_id, test.test_name)) + " | ";
  std::int64_t count = 0;
  if (action.target == ActionTarget::participant) {
    const ParticipantState before = action.participant_before.value_or(ParticipantState{});
    row += id_and_name(action.group_id, action.group_name) + " | " +
           id_and_name(action.participant_id, before.name) + " | ";
    count = before.count;
  } else {
    row += std::to_string(action.group_id.value_or(0)) + " " +
           markdown_cell(quote_name(action.name)) + " | ";
    if (participant_column) row += "— | ";
    count = action.before ? action.before->count : 0;
  }
  return row + std::to_string(count) + " | " + markdown_cell(reason_text(action)) + " |\n";
}

// A bullet line for an error or a warning: `file:line` when known, the message, the hint.
std::string problem_line(const PlanProblem& problem) {
  const SourcePos& pos = problem.diagnostic.pos;
  std::string where;
  if (!pos.file.empty()) {
    where = "`" + markdown_cell(pos.file + ":" + std::to_string(pos.line)) + "` ";
  }
  std::string line = "- " + where + markdown_cell(problem.diagnostic.message);
  if (!problem.diagnostic.hint.empty())
    line += " (hint: " + markdown_cell(problem.diagnostic.hint) + ")";
  return line + "\n";
}

// How many tests a plan's limit problems are about (a test's problems are next to each other).
std::size_t tests_over_a_limit(const Plan& plan) {
  std::size_t count = 0;
  const PlanProblem* previous = nullptr;
  for (const auto& problem : plan.problems) {
    if (problem.kind != ProblemKind::limit) continue;
    if (previous == nullptr || !same_test(*previous, problem)) ++count;
    previous = &problem;
  }
  return count;
}

// "2 tests could not be planned", "1 test breaks a limit", or both joined by ", ".
std::string not_applicable_counts(const Plan& plan) {
  std::string out;
  if (const std::size_t unplanned = plan.unplanned_tests(); unplanned > 0)
    out = plural(unplanned, "test") + " could not be planned";
  if (const std::size_t over = tests_over_a_limit(plan); over > 0) {
    if (!out.empty()) out += ", ";
    out += plural(over, "test") + (over == 1 ? " breaks" : " break") + " a limit";
  }
  return out;
}

// One row of the compute units table.
std::string compute_units_row(const std::string& label, const TestLoad& before,
                              const TestLoad& after, bool bold) {
  const auto cell = [&](const std::string& text) { return bold ? "**" + text + "**" : text; };
  return "| " + cell(label) + " | " + cell(format_compute_units(before.compute_units)) + " | " +
         cell(format_compute_units(after.compute_units)) + " | " +
         cell(format_compute_unit_change(before.compute_units, after.compute_units)) + " |\n";
}

// The "Compute units" table: one row per planned test, then the total over them.
template <typename Add>
void add_compute_units(Add& add, const Plan& plan) {
  if (plan.tests.empty()) return;
  add("\n");
  add("**Compute units** (per run)\n");
  add("\n");
  add("| test | before | after | change |\n");
  add("|---|---:|---:|---:|\n");
  for (const auto& test : plan.tests) {
    add(compute_units_row(markdown_cell(test_label(test.test_id, test.test_name)), test.load_before,
                          test.load_after, false));
  }
  add(compute_units_row("all tests", plan.summary.load_before, plan.summary.load_after, true));
}

}  // namespace

void write_plan_markdown(std::ostream& out, const Plan& plan, std::size_t max_bytes) {
  std::vector<Piece> pieces;
  const auto add = [&](std::string text, std::string closer = {}) {
    pieces.push_back(Piece{std::move(text), std::move(closer)});
  };

  // Under the title: where the plan applies.
  std::string target = "In project " + std::to_string(plan.project_id);
  if (plan.project_id == 0 && plan.api_base.empty()) target.clear();
  if (!target.empty() && !plan.api_base.empty()) {
    std::string base = printable(plan.api_base);
    std::erase(base, '`');
    target += " at `" + base + "`";
  }
  if (!target.empty()) target += ".\n";
  if (!plan.applicable()) {
    add("### loadero-sync plan: not applicable, " + not_applicable_counts(plan) + "\n");
    add("\n");
    if (!target.empty()) add(target + "\n");
    add("**Errors** (fix them and plan again; the tests below are planned but nothing is "
        "applied)\n");
    add("\n");
    for (const auto& problem : plan.problems) add(problem_line(problem));
    if (!plan.empty() || plan.complete()) add("\n");
  }
  if (plan.empty()) {
    if (plan.applicable()) {
      add("### loadero-sync plan: no changes\n");
      add("\n");
      if (!target.empty()) add(target + "\n");
    }
    if (plan.complete()) add(no_changes_text(plan) + "\n");
  } else {
    if (plan.applicable()) {
      add("### loadero-sync plan: " + plan_counts(plan.summary) + "\n");
      if (!target.empty()) add("\n" + target);
    } else if (plan.complete()) {
      // Every test is planned: the whole plan is shown, but a broken limit stops it.
      add("**The plan** (not applied while a limit is broken): " + plan_counts(plan.summary) +
          "\n");
    } else {
      add("**The other tests** (not applied while any test has an error): " +
          plan_counts(plan.summary) + "\n");
    }
  }
  if (!plan.warnings.empty()) {
    add("\n");
    add("**Warnings**\n");
    add("\n");
    for (const auto& warning : plan.warnings) add(problem_line(warning));
  }
  if (!plan.empty()) {
    // A participant removed from a copy this run makes (no participant id yet) destroys nothing
    // that exists now: it stays in the diff, not in the table.
    const auto destroys = [](const Action& action) {
      return action.kind == ActionKind::remove &&
             (action.target == ActionTarget::group || action.participant_id.has_value());
    };
    bool any_delete = false;
    bool participant_delete = false;
    for (const auto& test : plan.tests) {
      for (const auto& action : test.actions) {
        if (!destroys(action)) continue;
        any_delete = true;
        participant_delete = participant_delete || action.target == ActionTarget::participant;
      }
    }
    if (any_delete) {
      add("\n");
      add("**Destructive actions**\n");
      add("\n");
      // The participant column only when a participant goes, so group-only plans keep their table.
      if (participant_delete) {
        add("| test | group | participant | count | reason |\n");
        add("|---|---|---|---|---|\n");
      } else {
        add("| test | group | count | reason |\n");
        add("|---|---|---|---|\n");
      }
      for (const auto& test : plan.tests) {
        for (const auto& action : test.actions) {
          if (!destroys(action)) continue;
          add(destructive_row(test, action, participant_delete));
        }
      }
    }
    add_compute_units(add, plan);
    for (const auto& test : plan.tests) {
      if (test.actions.empty()) continue;
      // U+200B after every @ (zero width: alignment is unchanged), so a name pings no one.
      std::vector<std::string> subjects;
      for (const auto& action : test.actions)
        subjects.push_back(
            neutralize_mentions(action_subject(action, participants_going(test, action))));
      const std::size_t width = aligned_width(subjects);
      std::vector<std::string> lines;
      for (std::size_t i = 0; i < test.actions.size(); ++i) {
        const auto& action = test.actions[i];
        lines.push_back(std::string(1, diff_symbol(action.kind)) + " " + subjects[i] +
                        padding(subjects[i], width) +
                        neutralize_mentions(printable(reason_text(action))) + "\n");
      }
      const std::string fence = fence_for(lines);
      add("\n");
      add("<details><summary>" + markdown_cell(test_label(test.test_id, test.test_name)) + ": " +
              test_counts(test) + "</summary>\n",
          "\n</details>\n");
      add("\n", "\n</details>\n");
      add(fence + "diff\n", fence + "\n\n</details>\n");
      for (auto& line : lines) add(std::move(line), fence + "\n\n</details>\n");
      add(fence + "\n", "\n</details>\n");
      add("\n", "</details>\n");
      add("</details>\n");
    }
  } else if (plan.complete()) {
    add_compute_units(add, plan);
  }

  std::size_t total = 0;
  for (const auto& piece : pieces) total += piece.text.size();
  if (total <= max_bytes) {
    for (const auto& piece : pieces) out << piece.text;
    return;
  }

  const std::string note = cut_note(max_bytes);
  if (note.size() > max_bytes) {
    out << note.substr(0, max_bytes);
    return;
  }
  std::size_t used = 0;
  std::size_t kept = 0;
  std::size_t best = 0;  // pieces kept in the best cut found so far
  for (; kept < pieces.size(); ++kept) {
    used += pieces[kept].text.size();
    if (used + pieces[kept].closer.size() + note.size() > max_bytes) break;
    best = kept + 1;
  }
  for (std::size_t i = 0; i < best; ++i) out << pieces[i].text;
  if (best > 0) out << pieces[best - 1].closer;
  out << note;
}

}  // namespace loadero_sync
