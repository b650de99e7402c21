#!/usr/bin/env bash
# Sets everything up and shows the main job.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
build/src/cli/loadero-sync --help
