#!/usr/bin/env bash
# Monte Carlo throughput and memory of `reeplan simulate` on the bundled chain: paths per second
# and plant-years per second (every plant's ledger years evaluated per path), on 1 and 2 threads,
# with and without the levelized costs, and peak memory against the number of stored paths.
# Usage: tests/bench/sim_bench.sh [BIN] [PATHS]   (default build/release/reeplan, 50000 paths)
# Not a test: run it on a quiet machine and put the figures in the note.
set -euo pipefail
cd "$(dirname "$0")/../.."
bin=${1:-build/release/reeplan}
paths=${2:-50000}
cfg=configs/us-ndfeb-chain.toml
# plant-years of one evaluation: the rows of every plant's annual statements
plant_years=$("$bin" plan "$cfg" --format json | python3 -c \
  'import json, sys; print(sum(len(p["years"]) for p in json.load(sys.stdin)["plants"]))')
echo "bundled chain: $plant_years plant-years per path"
printf "%-52s %9s %12s %14s %10s\n" "case" "seconds" "paths/s" "plant-years/s" "peak MB"
run() {  # run LABEL PATHS ARGS...
  local label=$1 n=$2; shift 2
  local out
  out=$( { /usr/bin/time -f "%e %M" "$bin" simulate "$cfg" --paths "$n" -q --format json -o /dev/null "$@"; } 2>&1 | tail -1)
  read -r secs kb <<<"$out"
  awk -v l="$label" -v s="$secs" -v n="$n" -v py="$plant_years" -v kb="$kb" \
    'BEGIN { printf "%-52s %9.2f %12.0f %14.0f %10.1f\n", l, s, n / s, n * py / s, kb / 1024 }'
}
run "no LCOP, 1 thread, $paths paths" "$paths" --no-lcop --threads 1
run "no LCOP, 2 threads, $paths paths" "$paths" --no-lcop --threads 2
run "with LCOP, 2 threads, $((paths / 5)) paths" "$((paths / 5))" --threads 2
for n in $((paths / 5)) $paths $((paths * 2)); do
  run "memory: no LCOP, 2 threads, $n paths" "$n" --no-lcop --threads 2
done
