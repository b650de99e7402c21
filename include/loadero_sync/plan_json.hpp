#pragma once
// The plan's JSON form (schemas/plan.schema.json): what `plan --format json` prints and what
// `plan --out FILE` saves for `apply --plan FILE`.

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "loadero_sync/plan.hpp"

namespace loadero_sync {

/// The schema-conformant document for `plan`. Key order (ordered_json) follows README.md;
/// ActionKind::remove is spelled "delete". Every action has "target" ("group" or "participant");
/// participant actions carry "participant_id", "group_id", "group_name", "before"/"after" (name,
/// count and a "settings" object of the set fields, record_audio a boolean) and, for updates,
/// "changes". A test that manages participants adds "unchanged_participants" and
/// "live_participants"; the summary then adds "participants" ({"create", "update", "delete",
/// "unchanged"}). Plans without participants keep their earlier form apart from "target".
/// Every test and the summary have "compute_units" and "participants_per_run" ({"before",
/// "after"}, null when unknown), a test "mode" when known; "warnings" follows "errors", its
/// entries shaped alike. Never throws except std::bad_alloc.
nlohmann::ordered_json to_json(const Plan& plan);

/// The JSON form of one value of a FieldChange (plan "changes" and drift "changes"): a count as a
/// number, record_audio as a boolean, an unset value (the empty string) as null, any other as its
/// text.
nlohmann::ordered_json field_change_value(const std::string& field, const std::string& value);

/// The JSON form of a compute-unit figure (plan and drift JSON): a whole number as an integer
/// (42), another as a number (2.5), unknown as null.
nlohmann::ordered_json compute_units_value(const std::optional<double>& units);

/// Reads a document written by to_json (any key order accepted; an action without "target" is a
/// group action, as in plans saved before participants existed; a plan saved before compute units
/// existed has unknown figures and no warnings; entries of "warnings" get severity warning).
/// Throws std::invalid_argument with a message naming the offending JSON path (e.g.
/// "plan: tests[0].actions[2].action: unknown action 'destroy'") when the document is not a
/// plan of format_version "1".
Plan plan_from_json(const nlohmann::json& document);

}  // namespace loadero_sync
