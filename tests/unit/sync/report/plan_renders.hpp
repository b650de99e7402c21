#pragma once
// A plan rendered to a string by the real writers, for the report tests.

#include <cstddef>
#include <sstream>
#include <string>

#include "loadero_sync/plan.hpp"
#include "loadero_sync/report.hpp"

namespace loadero_test {

/// The text plan, without colour unless asked.
inline std::string render_text(const loadero_sync::Plan& plan,
                               loadero_sync::Color color = loadero_sync::Color::off) {
  std::ostringstream out;
  loadero_sync::write_plan_text(out, plan, color);
  return out.str();
}

/// The Markdown plan, within `max_bytes` (the writer's default 60 KB comment budget).
inline std::string render_markdown(const loadero_sync::Plan& plan,
                                   std::size_t max_bytes = 60 * 1024) {
  std::ostringstream out;
  loadero_sync::write_plan_markdown(out, plan, max_bytes);
  return out.str();
}

}  // namespace loadero_test
