#pragma once
// Pieces shared by the report writers (plan and drift; text, Markdown, JUnit). Internal to the
// report library.

#include <cstddef>
#include <string>
#include <string_view>

#include "loadero_sync/plan.hpp"
#include "loadero_sync/text.hpp"

namespace loadero_sync::report_detail {

/// Text for a Markdown table cell or an HTML <summary>: control bytes as in loadero_sync::printable(), and the
/// characters Markdown or HTML would act on (& < > | ` * _ [ ] \\) as numeric entities, which work
/// in both places where backslash escapes do not.
std::string markdown_cell(std::string_view text);

/// What an action does to which group, without symbol or reason, e.g.
/// `group 48797 "Mods" -> "Moderators" (count 1)` or `group "Callers EU" (count 2)`.
std::string action_subject(const Action& action);

/// Columns a UTF-8 string takes (code points; continuation bytes do not count).
std::size_t display_width(std::string_view text);

/// "2 to create, 1 to duplicate, 3 to update, 1 to delete" (every part, zeros included).
std::string summary_counts(const PlanSummary& summary);

/// The same counts for one test, only the non-zero parts ("1 to create, 2 to delete").
std::string test_counts(const TestPlan& test);

}  // namespace loadero_sync::report_detail
