#pragma once
// Plan renderers: text (Terraform-like), JSON and Markdown, each to a std::ostream&; the apply
// report.
// Drift renderers live in drift.hpp.

#include <cstddef>
#include <ostream>

#include "loadero_sync/apply_result.hpp"
#include "loadero_sync/color.hpp"
#include "loadero_sync/plan.hpp"

namespace loadero_sync {

/// Writes the plan for people: a header per test with an action, one line per action (`+`, `~`,
/// `-`) in plan order, group and participant actions alike (`~ participant 94633 "Caller" in
/// group "Callers" (count 1 -> 3)` then the reason, one reason column per test) and the test's
/// compute units per run ("  Compute units: 42 -> 58 (+16)", "  Compute units: 42 (no change)",
/// "unknown" for an unknown figure), then "Plan: N to create, N to duplicate, N to update, N to
/// delete." counting group actions, and, when the plan has participant actions, "Participants: N
/// to create, N to update, N to delete." An empty plan prints "No changes. Live groups match the
/// manifest." or, when some test manages participants (TestPlan::live_participants set), "No
/// changes. Live groups and participants match the manifest." Either ends with the total over
/// every planned test, "Compute units (all tests): 42 -> 58 (+16)." ANSI colours (green +,
/// yellow ~, red -) only with Color::on. Does not flush.
void write_plan_text(std::ostream& out, const Plan& plan, Color color);

/// Writes to_json(plan) pretty-printed with a 2-space indent and a trailing newline.
void write_plan_json(std::ostream& out, const Plan& plan);

/// Writes Markdown for a pull-request comment: a title with the summary (participant counts
/// after "; participants: " when the plan has participant actions), the plan's warnings under
/// "**Warnings**", a "Destructive actions" table of every delete (with a participant column when a
/// participant is deleted), a "Compute units" table (`| test | before | after | change |`, one row
/// per planned test and a bold `**all tests**` total), then one collapsible <details> section per
/// test with changes, its actions in a `diff` block as the text plan words them. An empty plan
/// says "Live groups match the manifest." (or "Live groups and participants match the
/// manifest.", as write_plan_text) before the compute units table. A plan with problems is titled
/// "not applicable" and lists them under "**Errors**"; when every problem is a broken limit
/// (Plan::complete) the whole plan follows them. The output never exceeds `max_bytes`
/// (when it would, it is cut at a line boundary and ends with a note telling to run
/// `loadero-sync plan` locally).
void write_plan_markdown(std::ostream& out, const Plan& plan, std::size_t max_bytes = 60 * 1024);

/// Writes how an apply ended, for people: "Apply results:", then per test with actions a
/// `# test 6866 "Checkout flow"` line and one line per action (its status, the action as the plan
/// shows it, the new id of a group or participant it made (ActionOutcome::group_id,
/// ActionOutcome::created_participant_id), a note such as "already gone", the error), then the
/// test's conflicts (groups another writer made at the same time), then "Apply complete: ...",
/// "Apply incomplete: ..." or, when some action was interrupted, "Apply interrupted: ..." with the
/// counts ("3 applied, 0 failed, 5 not attempted.", interrupted actions counted as not attempted;
/// conflicts added when there are any), and a hint when something was not applied. `result` is
/// parallel to `plan` (as execute_plan returns it). Does not flush.
void write_apply_text(std::ostream& out, const Plan& plan, const ApplyResult& result);

/// Writes how an apply ended as JSON (schemas/apply.schema.json), pretty-printed with a 2-space
/// indent and a trailing newline: format_version "1", tool_version, api_base, project_id,
/// dry_run, complete (ApplyResult::complete), interrupted, then "tests" (every planned test, in
/// plan order, each with its actions: action, target, name, reason_code, status "applied",
/// "failed" (with "error"), "not_attempted" or "interrupted" (with "why"), group_id, the
/// created_group_id / created_participant_id an applied create or duplicate made, a note; then
/// its conflicts and verify_error) and a "summary" of the counts. `result` is parallel to `plan`.
void write_apply_json(std::ostream& out, const Plan& plan, const ApplyResult& result,
                      bool dry_run = false);

}  // namespace loadero_sync
