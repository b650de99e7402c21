#pragma once
// Paths of the project's sources and built binaries, for tests.

#include <string>

namespace loadero_test {

/// The repository's top folder (absolute).
std::string source_dir();

/// Absolute path of the built loadero-emulator; empty when the emulator is not part of the build.
std::string emulator_path();

/// Absolute path of the built loadero-sync; empty when the CLI is not part of the build.
std::string sync_path();

}  // namespace loadero_test
