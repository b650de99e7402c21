#include "version.hpp"

#ifndef LOADERO_SYNC_COMMIT
#define LOADERO_SYNC_COMMIT "unknown"
#endif

namespace loadero_sync::cli {

const char* tool_commit() noexcept { return LOADERO_SYNC_COMMIT; }

std::string version_line() {
  return std::string("loadero-sync ") + tool_version + " (commit " + tool_commit() + ")";
}

}  // namespace loadero_sync::cli
