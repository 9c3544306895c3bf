#!/usr/bin/env bash
# Wall-clock benchmark of whole reeplan processes (median of N runs), for the targets in the
# issues (plan and timeline under 50 ms, premium under 1 s).
# Usage: tests/bench/bench.sh [BIN] [RUNS]   (default build/release/reeplan, 31 runs)
# Prints one line per case: median and min in milliseconds. Not a test: run it on a quiet machine
# and put the figures in the note.
set -euo pipefail
cd "$(dirname "$0")/../.."
bin=${1:-build/release/reeplan}
runs=${2:-31}
cases=(
  "plan configs/us-ndfeb-chain.toml --format json"
  "plan configs/us-ndfeb-chain.toml"
  "plan configs/minimal.toml --format json"
  "validate configs/us-ndfeb-chain.toml"
  "timeline configs/us-ndfeb-chain.toml"
  "timeline configs/us-ndfeb-chain.toml --format svg"
  "compare configs/us-ndfeb-chain.toml --scenario base --scenario floor-ends-2029"
  "premium configs/us-ndfeb-chain.toml"
  "wacc configs/us-ndfeb-chain.toml"
)
printf "%-80s %10s %10s\n" "command ($runs runs)" "median ms" "min ms"
for c in "${cases[@]}"; do
  read -r -a args <<<"$c"
  "$bin" "${args[@]}" >/dev/null  # warm the page cache
  times=()
  for ((i = 0; i < runs; i++)); do
    t0=$(date +%s%N)
    "$bin" "${args[@]}" >/dev/null
    t1=$(date +%s%N)
    times+=($(( (t1 - t0) / 1000 )))
  done
  sorted=($(printf '%s\n' "${times[@]}" | sort -n))
  med=${sorted[$((runs / 2))]}
  awk -v c="reeplan $c" -v m="$med" -v n="${sorted[0]}" 'BEGIN { printf "%-80s %10.1f %10.1f\n", c, m / 1000, n / 1000 }'
done
