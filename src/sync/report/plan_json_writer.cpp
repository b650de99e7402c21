#include <nlohmann/json.hpp>
#include <ostream>

#include "loadero_sync/plan_json.hpp"
#include "loadero_sync/report.hpp"

namespace loadero_sync {

void write_plan_json(std::ostream& out, const Plan& plan) {
  // Names come from the API and should be UTF-8; a stray invalid byte becomes U+FFFD instead of
  // making the whole plan unprintable.
  out << to_json(plan).dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace)
      << '\n';
}

}  // namespace loadero_sync
