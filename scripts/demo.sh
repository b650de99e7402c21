#!/usr/bin/env bash
# The whole loadero-sync flow in one go, against a local loadero-emulator with demo data:
# installs dependencies and builds (scripts/setup.sh), starts the emulator on a free loopback port
# with a temporary copy of examples/demo-state.json, then runs validate, plan, apply and drift
# with examples/loadero.yaml. The emulator is stopped on exit, whatever happens.
#   scripts/demo.sh              everything
#   SKIP_APT=1 scripts/demo.sh   build only (dependencies already installed)
#   SKIP_SETUP=1 BUILD_DIR=... scripts/demo.sh   use binaries already built in BUILD_DIR
set -euo pipefail
cd "$(dirname "$0")/.."

[ "${SKIP_SETUP:-0}" = "1" ] || scripts/setup.sh
build_dir="${BUILD_DIR:-build}"
sync="$build_dir/src/cli/loadero-sync"
emulator="$build_dir/src/emulator/loadero-emulator"

work="$(mktemp -d "${TMPDIR:-/tmp}/loadero-demo.XXXXXX")"
emulator_pid=""
cleanup() {
  if [ -n "$emulator_pid" ] && kill -0 "$emulator_pid" 2>/dev/null; then
    kill -TERM "$emulator_pid" 2>/dev/null || true
    wait "$emulator_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT INT TERM

cp examples/demo-state.json "$work/state.json"
"$emulator" --host 127.0.0.1 --port 0 --state "$work/state.json" >"$work/emulator.out" 2>"$work/emulator.err" &
emulator_pid=$!

# The emulator's first stdout line is "listening on http://127.0.0.1:PORT/v2/".
base=""
for _ in $(seq 1 100); do
  base="$(sed -n 's/^listening on \(http[^ ]*\).*/\1/p' "$work/emulator.out" | head -n 1)"
  [ -n "$base" ] && break
  if ! kill -0 "$emulator_pid" 2>/dev/null; then
    echo "demo: the emulator did not start:" >&2
    cat "$work/emulator.err" >&2
    exit 1
  fi
  sleep 0.1
done
if [ -z "$base" ]; then
  echo "demo: the emulator did not say where it listens within 10 s" >&2
  exit 1
fi

export LOADERO_API_BASE="$base"
export LOADERO_ACCESS_TOKEN="demo-token"
manifest="examples/loadero.yaml"

step() {
  if [ -t 1 ]; then printf '\n\033[1m$ %s\033[0m\n' "$*"; else printf '\n$ %s\n' "$*"; fi
}

step loadero-sync validate -f "$manifest"
"$sync" validate -f "$manifest"

step loadero-sync plan -f "$manifest"
"$sync" plan -f "$manifest"

step loadero-sync drift -f "$manifest" "   # exit 2: live groups differ from the manifest"
set +e
"$sync" drift -f "$manifest"
drift_before=$?
set -e
[ "$drift_before" -eq 2 ] || { echo "demo: expected drift (exit 2) before apply, got $drift_before" >&2; exit 1; }

step loadero-sync apply -f "$manifest" --auto-approve
"$sync" apply -f "$manifest" --auto-approve

step loadero-sync drift -f "$manifest" "   # exit 0: in sync"
"$sync" drift -f "$manifest"

step loadero-sync plan -f "$manifest" --detailed-exitcode "   # exit 0: no changes"
"$sync" plan -f "$manifest" --detailed-exitcode

printf '\nDemo done: validate, plan, drift, apply, drift and plan ran against the emulator at %s.\n' "$base"
