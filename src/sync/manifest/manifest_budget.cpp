// A test's compute-unit budget: `budget:` in a test and in its file's `defaults:`, merged key by
// key (the test's key wins). The schema checks each value (the compute unit's enumeration and its
// did-you-mean included); the rules read the valid ones into the model with the position of each
// value, and refuse what the schema cannot: a max_compute_units of .inf or .nan.

#include <algorithm>
#include <cmath>
#include <string>

#include "loadero/participant_values.hpp"
#include "manifest_loader.hpp"
#include "manifest_values.hpp"

namespace loadero_sync::manifest_detail {

void Loader::read_budget(const Node& mapping, Budget& into) {
  if (mapping.kind != NodeKind::mapping) return;
  // find_value takes the first of duplicate keys, as the schema check does (it reports the rest).
  if (const Node* value = find_value(mapping, "max_compute_units")) {
    if (const auto units = positive_number(value)) {
      into.max_compute_units = *units;
      into.max_compute_units_source = pos_of(m_current, *value);
    } else if (const Scalar s = resolve_scalar(*value);
               s.type == Scalar::Type::number && (std::isnan(s.number) || s.number > 0)) {
      // .inf is above 0 and .nan is no number valijson compares, so the schema lets both by.
      error(*value, "max_compute_units must be a finite number",
            "found " + value->text + "; give the most compute units one run may use, e.g. 10000");
    }
  }
  if (const Node* value = find_value(mapping, "largest_compute_unit")) {
    namespace values = loadero::participant_values;
    const auto unit = text_of(value);
    if (unit && std::find(values::compute_units.begin(), values::compute_units.end(), *unit) !=
                    values::compute_units.end()) {
      into.largest_compute_unit = *unit;
      into.largest_compute_unit_source = pos_of(m_current, *value);
    }
  }
}

}  // namespace loadero_sync::manifest_detail
