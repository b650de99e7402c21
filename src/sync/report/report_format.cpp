#include "report_format.hpp"

#include <cstdio>
#include <vector>

#include "loadero_sync/source_text.hpp"
#include "loadero_sync/text.hpp"

namespace loadero_sync::report_detail {

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
  return out;
}

std::string action_subject(const Action& action) {
  const auto count_text = [](std::int64_t count) {
    return "(count " + std::to_string(count) + ")";
  };
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

std::string test_counts(const TestPlan& test) {
  std::int64_t counts[4] = {0, 0, 0, 0};
  for (const auto& action : test.actions) ++counts[static_cast<int>(action.kind)];
  static const char* const verbs[4] = {" to create", " to duplicate", " to update", " to delete"};
  std::string out;
  for (int i = 0; i < 4; ++i) {
    if (counts[i] == 0) continue;
    if (!out.empty()) out += ", ";
    out += std::to_string(counts[i]) + verbs[i];
  }
  return out.empty() ? "no changes" : out;
}

}  // namespace loadero_sync::report_detail
