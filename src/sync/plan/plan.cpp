#include "loadero_sync/plan.hpp"

namespace loadero_sync {

std::string_view to_string(ActionKind kind) {
  switch (kind) {
    case ActionKind::create:
      return "create";
    case ActionKind::duplicate:
      return "duplicate";
    case ActionKind::update:
      return "update";
    case ActionKind::remove:
      return "delete";
  }
  return "unknown";
}

char symbol(ActionKind kind) {
  switch (kind) {
    case ActionKind::create:
    case ActionKind::duplicate:
      return '+';
    case ActionKind::update:
      return '~';
    case ActionKind::remove:
      return '-';
  }
  return '?';
}

bool Plan::empty() const {
  for (const auto& test : tests) {
    if (!test.actions.empty()) return false;
  }
  return true;
}

}  // namespace loadero_sync
