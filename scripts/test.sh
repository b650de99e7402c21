#!/usr/bin/env bash
# Sets everything up (dependencies, build) and runs the whole test suite through ctest.
# Integration tests start the real loadero-emulator on free loopback ports themselves.
set -euo pipefail
cd "$(dirname "$0")/.."
WITH_TEST_TOOLS=1 scripts/setup.sh
build_dir="${BUILD_DIR:-build}"
ctest --test-dir "$build_dir" --output-on-failure -j "${JOBS:-$(nproc 2>/dev/null || echo 2)}" "$@"
