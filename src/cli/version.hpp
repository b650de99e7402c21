#pragma once
// The tool's version, from CMake's project(VERSION ...).

#ifndef LOADERO_SYNC_VERSION
#define LOADERO_SYNC_VERSION "0.0.0-unknown"
#endif

namespace loadero_sync::cli {

inline constexpr const char* tool_version = LOADERO_SYNC_VERSION;

}  // namespace loadero_sync::cli
