#include "loadero_sync/model.hpp"

namespace loadero_sync {

std::string_view to_string(ProblemKind kind) {
  switch (kind) {
    case ProblemKind::conflict:
      return "conflict";
    case ProblemKind::unreadable:
      return "unreadable";
  }
  return "unknown";
}

}  // namespace loadero_sync
