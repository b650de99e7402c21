#pragma once
// The loadero-emulator command line: parses flags, builds the initial state, serves until
// SIGINT/SIGTERM, saves the state file.

#include <iosfwd>

namespace loadero_emulator {

/// Runs loadero-emulator with these arguments. Prints `listening on URL` to `out` once the
/// socket accepts connections, logs to `err`. Blocks until SIGINT or SIGTERM (which it blocks
/// and waits for itself). Returns the process exit code: 0 after a clean stop, 1 when the state
/// file cannot be read or saved or the address cannot be bound, 2 for bad flags. Never throws.
int run(int argc, char** argv, std::ostream& out, std::ostream& err);

}  // namespace loadero_emulator
