#include "report_format.hpp"

#include <algorithm>
#include <cstdio>
#include <vector>

#include "loadero_sync/source_text.hpp"
#include "loadero_sync/text.hpp"

namespace loadero_sync::report_detail {

std::string neutralize_mentions_and_links(std::string_view text) {
  static constexpr std::string_view zwsp = "\xe2\x80\x8b";
  const auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; };
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    out += c;
    if (c == '@') {
      out += zwsp;
    } else if (c == ':' && text.substr(i + 1, 2) == "//") {
      out += zwsp;
    } else if (lower(c) == 'w' && i + 1 < text.size() && text[i + 1] == '.' && i >= 2 &&
               lower(text[i - 1]) == 'w' && lower(text[i - 2]) == 'w') {
      out += zwsp;
    }
  }
  return out;
}

std::size_t aligned_width(const std::vector<std::string>& subjects) {
  std::size_t width = 0;
  for (const auto& subject : subjects) width = std::max(width, display_width(subject));
  return std::min(width, max_aligned_width);
}

std::string padding(std::string_view subject, std::size_t width) {
  const std::size_t shown = display_width(subject);
  return std::string(shown < width ? width - shown + 2 : 2, ' ');
}

std::string markdown_cell(std::string_view text) {
  std::string out;
  for (const char c : printable(text)) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '|':
        out += "&#124;";
        break;
      case '`':
        out += "&#96;";
        break;
      case '*':
        out += "&#42;";
        break;
      case '_':
        out += "&#95;";
        break;
      case '[':
        out += "&#91;";
        break;
      case ']':
        out += "&#93;";
        break;
      case '\\':
        out += "&#92;";
        break;
      default:
        out += c;
    }
  }
  return neutralize_mentions_and_links(out);
}

namespace {

std::string count_text(std::int64_t count) { return "(count " + std::to_string(count) + ")"; }

std::string participant_subject(const Action& action) {
  const ParticipantState before = action.participant_before.value_or(ParticipantState{});
  const ParticipantState after = action.participant_after.value_or(ParticipantState{});
  std::string out = "participant ";
  if (action.participant_id) out += std::to_string(*action.participant_id) + " ";
  const std::string in_group = " in group " + quote_name(action.group_name) + " ";
  switch (action.kind) {
    case ActionKind::create:
    case ActionKind::duplicate:
      return out + quote_name(after.name) + in_group + count_text(after.count);
    case ActionKind::update:
      out += quote_name(before.name);
      if (before.name != after.name) out += " -> " + quote_name(after.name);
      out += in_group;
      if (before.count != after.count) {
        return out + "(count " + std::to_string(before.count) + " -> " +
               std::to_string(after.count) + ")";
      }
      return out + count_text(after.count);
    case ActionKind::remove:
      return out + quote_name(before.name) + in_group + count_text(before.count);
  }
  return out;
}

}  // namespace

std::string action_subject(const Action& action) {
  if (action.target == ActionTarget::participant) return participant_subject(action);
  switch (action.kind) {
    case ActionKind::create:
    case ActionKind::duplicate:
      return "group " + quote_name(action.name) + " " +
             count_text(action.after ? action.after->count : 0);
    case ActionKind::update: {
      const GroupState before = action.before.value_or(GroupState{});
      const GroupState after = action.after.value_or(GroupState{});
      std::string out =
          "group " + std::to_string(action.group_id.value_or(0)) + " " + quote_name(before.name);
      if (before.name != after.name) {
        out += " -> ";
        out += quote_name(after.name);
      }
      if (before.count != after.count) {
        out +=
            " (count " + std::to_string(before.count) + " -> " + std::to_string(after.count) + ")";
      } else {
        out += ' ';
        out += count_text(after.count);
      }
      return out;
    }
    case ActionKind::remove:
      return "group " + std::to_string(action.group_id.value_or(0)) + " " +
             quote_name(action.name) + " " + count_text(action.before ? action.before->count : 0);
  }
  return {};
}

std::size_t display_width(std::string_view text) {
  return static_cast<std::size_t>(code_point_column(text, static_cast<int>(text.size())));
}

std::string summary_counts(const PlanSummary& summary) {
  return std::to_string(summary.create) + " to create, " + std::to_string(summary.duplicate) +
         " to duplicate, " + std::to_string(summary.update) + " to update, " +
         std::to_string(summary.remove) + " to delete";
}

std::string participant_counts(const ParticipantSummary& summary) {
  return std::to_string(summary.create) + " to create, " + std::to_string(summary.update) +
         " to update, " + std::to_string(summary.remove) + " to delete";
}

bool has_participant_actions(const PlanSummary& summary) {
  const ParticipantSummary& p = summary.participants;
  return p.create + p.update + p.remove > 0;
}

std::string plan_counts(const PlanSummary& summary) {
  std::string out = summary_counts(summary);
  if (has_participant_actions(summary))
    out += "; participants: " + participant_counts(summary.participants);
  return out;
}

std::string test_counts(const TestPlan& test) {
  // By target, then by kind (ActionKind order).
  std::int64_t counts[2][4] = {{0, 0, 0, 0}, {0, 0, 0, 0}};
  for (const auto& action : test.actions)
    ++counts[static_cast<int>(action.target)][static_cast<int>(action.kind)];
  static const char* const verbs[4] = {" to create", " to duplicate", " to update", " to delete"};
  const auto parts = [&](const std::int64_t(&row)[4]) {
    std::string out;
    for (int i = 0; i < 4; ++i) {
      if (row[i] == 0) continue;
      if (!out.empty()) out += ", ";
      out += std::to_string(row[i]) + verbs[i];
    }
    return out;
  };
  std::string out = parts(counts[static_cast<int>(ActionTarget::group)]);
  const std::string participants = parts(counts[static_cast<int>(ActionTarget::participant)]);
  if (!participants.empty())
    out += (out.empty() ? "participants: " : "; participants: ") + participants;
  return out.empty() ? "no changes" : out;
}

std::string compute_unit_figures(const std::optional<double>& before,
                                 const std::optional<double>& after) {
  if (!before && !after) return format_compute_units(before);
  const std::string change = format_compute_unit_change(before, after);
  if (change == "0") return format_compute_units(after) + " (no change)";
  return format_compute_units(before) + " -> " + format_compute_units(after) + " (" + change + ")";
}

bool manages_participants(const Plan& plan) {
  for (const auto& test : plan.tests) {
    if (test.live_participants) return true;
  }
  return false;
}

std::string no_changes_text(const Plan& plan) {
  return manages_participants(plan) ? "Live groups and participants match the manifest."
                                    : "Live groups match the manifest.";
}

}  // namespace loadero_sync::report_detail
