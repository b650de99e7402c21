#pragma once
// The tool's version, from CMake's project(VERSION ...), and the git commit it was built from.

#include <string>

#ifndef LOADERO_SYNC_VERSION
#define LOADERO_SYNC_VERSION "0.0.0-unknown"
#endif

namespace loadero_sync::cli {

inline constexpr const char* tool_version = LOADERO_SYNC_VERSION;

/// `git rev-parse --short HEAD` when CMake configured the build, or "unknown" (not a git checkout).
const char* tool_commit() noexcept;

/// What --version prints: "loadero-sync 0.1.0 (commit abc1234)".
std::string version_line();

}  // namespace loadero_sync::cli
