#include "report_format.hpp"

#include <algorithm>
#include <cstdio>
#include <optional>
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

std::int64_t participants_going(const TestPlan& test, const Action& action) {
  if (action.target != ActionTarget::group || action.kind != ActionKind::remove ||
      !action.group_id)
    return 0;
  for (const auto& group : test.live_groups) {
    if (group.id == *action.group_id && group.participant_count > 0)
      return group.count * group.participant_count;
  }
  return 0;
}

std::string action_subject(const Action& action, std::int64_t participants_going) {
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
    case ActionKind::remove: {
      const std::int64_t count = action.before ? action.before->count : 0;
      std::string out =
          "group " + std::to_string(action.group_id.value_or(0)) + " " + quote_name(action.name);
      if (participants_going <= 0) return out + " " + count_text(count);
      return out + " (count " + std::to_string(count) + ", " +
             plural(static_cast<std::size_t>(participants_going), "participant") + ")";
    }
  }
  return {};
}

namespace {

struct Range {
  char32_t first;
  char32_t last;
};

// Zero width: combining marks (the common blocks and the marks of the major scripts), zero-width
// spaces and joiners, variation selectors, emoji skin-tone modifiers, tag characters.
constexpr Range zero_width[] = {
    {0x0300, 0x036F},   {0x0483, 0x0489},   {0x0591, 0x05BD},   {0x05BF, 0x05BF},
    {0x05C1, 0x05C2},   {0x05C4, 0x05C5},   {0x05C7, 0x05C7},   {0x0610, 0x061A},
    {0x064B, 0x065F},   {0x0670, 0x0670},   {0x06D6, 0x06DC},   {0x06DF, 0x06E4},
    {0x06E7, 0x06E8},   {0x06EA, 0x06ED},   {0x0900, 0x0902},   {0x093A, 0x093A},
    {0x093C, 0x093C},   {0x0941, 0x0948},   {0x094D, 0x094D},   {0x0951, 0x0957},
    {0x0E31, 0x0E31},   {0x0E34, 0x0E3A},   {0x0E47, 0x0E4E},   {0x1AB0, 0x1AFF},
    {0x1DC0, 0x1DFF},   {0x200B, 0x200F},   {0x202A, 0x202E},   {0x2060, 0x2064},
    {0x20D0, 0x20FF},   {0x302A, 0x302D},   {0x3099, 0x309A},   {0xFE00, 0xFE0F},
    {0xFE20, 0xFE2F},   {0xFEFF, 0xFEFF},   {0x1F3FB, 0x1F3FF}, {0xE0000, 0xE007F},
    {0xE0100, 0xE01EF},
};

// Two columns: East Asian Wide and Fullwidth (Hangul Jamo, CJK, kana, Hangul syllables,
// fullwidth forms) and the emoji shown wide by default.
constexpr Range wide[] = {
    {0x1100, 0x115F},   {0x231A, 0x231B},   {0x2329, 0x232A},   {0x23E9, 0x23EC},
    {0x23F0, 0x23F0},   {0x23F3, 0x23F3},   {0x25FD, 0x25FE},   {0x2614, 0x2615},
    {0x2648, 0x2653},   {0x267F, 0x267F},   {0x2693, 0x2693},   {0x26A1, 0x26A1},
    {0x26AA, 0x26AB},   {0x26BD, 0x26BE},   {0x26C4, 0x26C5},   {0x26CE, 0x26CE},
    {0x26D4, 0x26D4},   {0x26EA, 0x26EA},   {0x26F2, 0x26F3},   {0x26F5, 0x26F5},
    {0x26FA, 0x26FA},   {0x26FD, 0x26FD},   {0x2705, 0x2705},   {0x270A, 0x270B},
    {0x2728, 0x2728},   {0x274C, 0x274C},   {0x274E, 0x274E},   {0x2753, 0x2755},
    {0x2757, 0x2757},   {0x2795, 0x2797},   {0x27B0, 0x27B0},   {0x27BF, 0x27BF},
    {0x2B1B, 0x2B1C},   {0x2B50, 0x2B50},   {0x2B55, 0x2B55},   {0x2E80, 0x303E},
    {0x3041, 0x33FF},   {0x3400, 0x4DBF},   {0x4E00, 0x9FFF},   {0xA000, 0xA4CF},
    {0xA960, 0xA97F},   {0xAC00, 0xD7A3},   {0xF900, 0xFAFF},   {0xFE10, 0xFE19},
    {0xFE30, 0xFE6F},   {0xFF00, 0xFF60},   {0xFFE0, 0xFFE6},   {0x16FE0, 0x16FE4},
    {0x17000, 0x18CFF}, {0x1B000, 0x1B2FF}, {0x1F004, 0x1F004}, {0x1F0CF, 0x1F0CF},
    {0x1F18E, 0x1F18E}, {0x1F191, 0x1F19A}, {0x1F200, 0x1F251}, {0x1F300, 0x1F64F},
    {0x1F680, 0x1F6FF}, {0x1F7E0, 0x1F7EB}, {0x1F90C, 0x1F9FF}, {0x1FA70, 0x1FAFF},
    {0x20000, 0x2FFFD}, {0x30000, 0x3FFFD},
};

template <std::size_t N>
bool in(const Range (&ranges)[N], char32_t c) {
  const Range* end = ranges + N;
  const Range* found =
      std::lower_bound(ranges, end, c, [](const Range& r, char32_t value) { return r.last < value; });
  return found != end && found->first <= c;
}

// The next code point of `text` from `i` (moved past it); U+FFFD for a byte that starts no valid
// sequence (moved one byte), nullopt for a stray continuation byte.
std::optional<char32_t> next_code_point(std::string_view text, std::size_t& i) {
  const auto byte = [&](std::size_t at) { return static_cast<unsigned char>(text[at]); };
  const unsigned char lead = byte(i);
  if (lead < 0x80) {
    ++i;
    return lead;
  }
  if ((lead & 0xC0) == 0x80) {
    ++i;
    return std::nullopt;
  }
  const std::size_t length = (lead & 0xE0) == 0xC0 ? 2 : (lead & 0xF0) == 0xE0 ? 3 : 4;
  char32_t value = length == 2 ? lead & 0x1F : length == 3 ? lead & 0x0F : lead & 0x07;
  if (i + length > text.size() || lead >= 0xF8) {
    ++i;
    return U'\uFFFD';
  }
  for (std::size_t k = 1; k < length; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) {
      ++i;
      return U'\uFFFD';
    }
    value = (value << 6) | (byte(i + k) & 0x3F);
  }
  i += length;
  return value;
}

}  // namespace

int code_point_width(char32_t c) {
  if (c == 0) return 0;
  if (in(zero_width, c)) return 0;
  if (in(wide, c)) return 2;
  return 1;
}

std::size_t display_width(std::string_view text) {
  std::size_t width = 0;
  bool joined = false;  // the previous code point was U+200D: an emoji sequence shows as one
  for (std::size_t i = 0; i < text.size();) {
    const auto c = next_code_point(text, i);
    if (!c) continue;
    if (!joined) width += static_cast<std::size_t>(code_point_width(*c));
    joined = *c == 0x200D;
  }
  return width;
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

std::string plan_target(const Plan& plan) {
  if (plan.project_id == 0 && plan.api_base.empty()) return {};
  std::string target = "project " + std::to_string(plan.project_id);
  if (!plan.api_base.empty()) target += " (" + printable(plan.api_base) + ")";
  return target;
}

std::string no_changes_text(const Plan& plan) {
  return manages_participants(plan) ? "Live groups and participants match the manifest."
                                    : "Live groups match the manifest.";
}

}  // namespace loadero_sync::report_detail
