#pragma once
// Pieces shared by the report writers (plan and drift; text, Markdown, JUnit). Internal to the
// report library.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "loadero_sync/plan.hpp"
#include "loadero_sync/text.hpp"

namespace loadero_sync::report_detail {

/// Text for a Markdown table cell or an HTML <summary>: control bytes as in
/// loadero_sync::printable(), and the characters Markdown or HTML would act on (& < > | ` * _ [ ]
/// \\) as numeric entities, which work in both places where backslash escapes do not; then
/// neutralize_mentions_and_links(), so a name can neither ping anyone nor become a link.
std::string markdown_cell(std::string_view text);

/// What an action does to which group or participant, without symbol or reason, e.g.
/// `group 48797 "Mods" -> "Moderators" (count 1)`, `group "Callers EU" (count 2)`,
/// `participant 94633 "Caller" in group "Callers" (count 1 -> 3)` or
/// `participant "Caller" in group "Callers EU" (count 3)` (no id: a participant not made yet, or
/// one a copy made in the same run brings).
/// A group delete with `participants_going` > 0 says how many participants go with the group:
/// `group 50335 "Old" (count 1, 3 participants)`.
std::string action_subject(const Action& action, std::int64_t participants_going = 0);

/// The participants that go with the group a group delete removes: its count times its live
/// participant_count (per copy) as TestPlan::live_groups has them; 0 when unknown (a plan loaded
/// from a file does not keep participant_count) and for any other action.
std::int64_t participants_going(const TestPlan& test, const Action& action);

/// Columns a code point takes in a terminal or a monospaced font (a compact wcwidth): 2 for East
/// Asian Wide and Fullwidth characters and for emoji, 0 for combining marks, zero-width spaces
/// and joiners, variation selectors and skin-tone modifiers, 1 otherwise.
int code_point_width(char32_t c);

/// Columns a UTF-8 string takes: the sum of code_point_width() over its code points, where a code
/// point after a zero-width joiner (U+200D, an emoji sequence) adds nothing; a stray
/// continuation byte takes none, a byte that starts no valid sequence one.
std::size_t display_width(std::string_view text);

/// The widest subject a plan's reason column is aligned to: a longer subject is not padded
/// further, so one long name does not push every line of its test far to the right.
inline constexpr std::size_t max_aligned_width = 80;

/// The column the reasons of these subjects start at: the widest display width, at most
/// max_aligned_width.
std::size_t aligned_width(const std::vector<std::string>& subjects);

/// The blanks between a subject and its reason: up to `width`, then two (at least two).
std::string padding(std::string_view subject, std::size_t width);

/// Text a GitHub comment cannot turn into a mention or a link: U+200B (zero-width space) after
/// every `@` (no `@user` mention, no e-mail autolink), inside `://` (`https:​//`) and after
/// a `www` before a dot, so a bare URL does not autolink. Renders the same to a reader.
std::string neutralize_mentions_and_links(std::string_view text);

/// "2 to create, 1 to duplicate, 3 to update, 1 to delete" (every part, zeros included): group
/// actions only.
std::string summary_counts(const PlanSummary& summary);

/// "2 to create, 1 to update, 0 to delete" (every part, zeros included): participant actions.
std::string participant_counts(const ParticipantSummary& summary);

/// True when the summary counts a participant action.
bool has_participant_actions(const PlanSummary& summary);

/// summary_counts(), then "; participants: " and participant_counts() when the plan has
/// participant actions.
std::string plan_counts(const PlanSummary& summary);

/// The counts of one test, only the non-zero parts: group actions ("1 to create, 2 to delete"),
/// then participant actions ("participants: 2 to create"), joined by "; "; "no changes" when the
/// test has no action.
std::string test_counts(const TestPlan& test);

/// Compute units before and after, as plans show them: "42 -> 58 (+16)"; "42 (no change)" when
/// both are known and show the same; "unknown -> 58 (unknown)" when one is unknown; "unknown"
/// when both are.
std::string compute_unit_figures(const std::optional<double>& before,
                                 const std::optional<double>& after);

/// True when some test of the plan manages participants (its live participants were read).
bool manages_participants(const Plan& plan);

/// The line an empty plan shows: "Live groups match the manifest.", or "Live groups and
/// participants match the manifest." when the plan manages participants.
std::string no_changes_text(const Plan& plan);

/// Where the plan applies: "project 5040 (https://api.loadero.com/v2/)", or "project 5040" when
/// the plan has no API base; empty for a plan with neither (made up in a test).
std::string plan_target(const Plan& plan);

}  // namespace loadero_sync::report_detail
