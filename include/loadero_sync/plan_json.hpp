#pragma once
// The plan's JSON form (schemas/plan.schema.json): what `plan --format json` prints and what
// `plan --out FILE` saves for `apply --plan FILE`.

#include <nlohmann/json.hpp>

#include "loadero_sync/plan.hpp"

namespace loadero_sync {

/// The schema-conformant document for `plan`. Key order (ordered_json) follows README.md;
/// ActionKind::remove is spelled "delete". Never throws except std::bad_alloc.
nlohmann::ordered_json to_json(const Plan& plan);

/// Reads a document written by to_json (any key order accepted).
/// Throws std::invalid_argument with a message naming the offending JSON path (e.g.
/// "plan: tests[0].actions[2].action: unknown action 'destroy'") when the document is not a
/// plan of format_version "1".
Plan plan_from_json(const nlohmann::json& document);

}  // namespace loadero_sync
