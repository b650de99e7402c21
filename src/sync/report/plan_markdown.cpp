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

}  // namespace

void write_plan_markdown(std::ostream& out, const Plan& plan, std::size_t max_bytes) {
  std::vector<Piece> pieces;
  const auto add = [&](std::string text, std::string closer = {}) {
    pieces.push_back(Piece{std::move(text), std::move(closer)});
  };

  if (!plan.applicable()) {
    add("### loadero-sync plan: not applicable, " + plural(plan.unplanned_tests(), "test") +
        " could not be planned\n");
    add("\n");
    add("**Errors** (fix them and plan again; the tests below are planned but nothing is "
        "applied)\n");
    add("\n");
    for (const auto& problem : plan.problems) {
      const SourcePos& pos = problem.diagnostic.pos;
      std::string where;
      if (!pos.file.empty()) {
        where = "`" + markdown_cell(pos.file + ":" + std::to_string(pos.line)) + "` ";
      }
      std::string line = "- " + where + markdown_cell(problem.diagnostic.message);
      if (!problem.diagnostic.hint.empty())
        line += " (hint: " + markdown_cell(problem.diagnostic.hint) + ")";
      add(line + "\n");
    }
    if (!plan.empty()) add("\n");
  }
  if (plan.empty()) {
    if (plan.applicable()) {
      add("### loadero-sync plan: no changes\n");
      add("\n");
      add(no_changes_text(plan) + "\n");
    }
  } else {
    if (plan.applicable()) {
      add("### loadero-sync plan: " + plan_counts(plan.summary) + "\n");
    } else {
      add("**The other tests** (not applied while any test has an error): " +
          plan_counts(plan.summary) + "\n");
    }
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
    for (const auto& test : plan.tests) {
      if (test.actions.empty()) continue;
      std::vector<std::string> subjects;
      std::size_t width = 0;
      for (const auto& action : test.actions) {
        subjects.push_back(action_subject(action));
        width = std::max(width, display_width(subjects.back()));
      }
      std::vector<std::string> lines;
      for (std::size_t i = 0; i < test.actions.size(); ++i) {
        const auto& action = test.actions[i];
        lines.push_back(std::string(1, symbol(action.kind)) + " " + subjects[i] +
                        std::string(width - display_width(subjects[i]) + 2, ' ') +
                        printable(reason_text(action)) + "\n");
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
