#include "support_paths.hpp"

namespace loadero_test {

std::string source_dir() { return LOADERO_SOURCE_DIR; }

std::string emulator_path() {
#ifdef LOADERO_EMULATOR_PATH
  return LOADERO_EMULATOR_PATH;
#else
  return {};
#endif
}

std::string sync_path() {
#ifdef LOADERO_SYNC_PATH
  return LOADERO_SYNC_PATH;
#else
  return {};
#endif
}

}  // namespace loadero_test
