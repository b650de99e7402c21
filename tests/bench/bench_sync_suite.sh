#!/usr/bin/env bash
# The whole sync benchmark in one go: every configuration the performance targets name, from one
# build on an idle machine. Writes one CSV per part (and the wall-time plot of part 1) to OUT_DIR.
#   tests/bench/bench_sync_suite.sh [BUILD_DIR] [OUT_DIR]
# Parts (about 20 minutes in all on 2 cores):
#   1. plan and apply of 200 tests x 20 groups at 25 and 100 ms latency, parallelism 1..32, with
#      the sequential baseline (wall time against the bound; ten times the baseline);
#   2. plan at --max-rps 4 against --rate-limit 4, parallelism 1, 4, 16, with the baseline at the
#      official client's 4 requests/s (apply at 4 requests/s would take 6 minutes a run);
#   3. plan and apply at --max-rps 20 against --rate-limit 20, parallelism 1, 4, 16;
#   4. plan of 2,000 tests x 50 groups at 0 ms latency (the tool's CPU and memory against the
#      emulator's).
set -euo pipefail
build="${1:-build-release}"
out="${2:-bench-results}"
bench="$build/tests/bench/bench_sync"
[ -x "$bench" ] || {
  echo "bench_sync_suite: $bench not found; build it first: cmake --build $build --target bench_sync loadero-sync loadero-emulator" >&2
  exit 2
}
mkdir -p "$out"
echo "bench_sync_suite: $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"

echo "== 1. wall time against the bound, and the sequential baseline"
"$bench" --binary-dir "$build" --latency-ms 25,100 --csv "$out/wall.csv" --svg "$out/wall.svg"

echo "== 2. the rate cap at 4 requests/s"
"$bench" --binary-dir "$build" --latency-ms 25 --rate-limit 4 --max-rps 4 \
  --parallelism-list 1,4,16 --commands plan --csv "$out/rate4.csv" --svg ''

echo "== 3. the rate cap at 20 requests/s"
"$bench" --binary-dir "$build" --latency-ms 25 --rate-limit 20 --max-rps 20 \
  --parallelism-list 1,4,16 --csv "$out/rate20.csv" --svg ''

echo "== 4. CPU and memory: 2,000 tests x 50 groups"
"$bench" --binary-dir "$build" --tests 2000 --groups 50 --latency-ms 0 \
  --parallelism-list 4,16 --commands plan --csv "$out/cpu.csv" --svg ''
