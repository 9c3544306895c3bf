#!/usr/bin/env bash
# Monte Carlo throughput and memory of `reeplan simulate` on the bundled chain: paths per second
# and plant-years per second (every plant's ledger years evaluated per path), on 1 and 2 threads,
# with and without the levelized costs, and peak memory against the number of stored paths.
# Usage: tests/bench/sim_bench.sh [BIN] [PATHS]   (default build/release/reeplan, 50000 paths)
# The release preset's program is built with profile-guided optimization (README, "Quick start");
# a build without it (-DREEPLAN_PGO=OFF) runs about 8 % slower.
# Each speed case runs REPEAT times (default 3) and reports its fastest run, with the CPU time
# (user + system, all threads) per path of that run: a shared host slows runs down, never up.
# Not a test: run it on a quiet machine and put the figures in the note.
set -euo pipefail
cd "$(dirname "$0")/../.."
bin=${1:-build/release/reeplan}
paths=${2:-50000}
repeat=${REPEAT:-3}
cfg=configs/us-ndfeb-chain.toml
# plant-years of one evaluation: the rows of every plant's annual statements
plant_years=$("$bin" plan "$cfg" --format json | python3 -c \
  'import json, sys; print(sum(len(p["years"]) for p in json.load(sys.stdin)["plants"]))')
echo "bundled chain: $plant_years plant-years per path; fastest of $repeat runs per speed case"
printf "%-44s %8s %10s %14s %11s %8s\n" "case" "seconds" "paths/s" "plant-years/s" "CPU us/path" "peak MB"
run() {  # run TIMES LABEL PATHS ARGS...
  local times=$1 label=$2 n=$3; shift 3
  local best="" out secs user sys kb
  for ((k = 0; k < times; ++k)); do
    out=$( { /usr/bin/time -f "%e %U %S %M" "$bin" simulate "$cfg" --paths "$n" -q --format json -o /dev/null "$@"; } 2>&1 | tail -1)
    read -r secs user sys kb <<<"$out"
    if [[ -z $best ]] || awk -v a="$secs" -v b="${best%% *}" 'BEGIN { exit !(a < b) }'; then best="$secs $user $sys $kb"; fi
  done
  read -r secs user sys kb <<<"$best"
  awk -v l="$label" -v s="$secs" -v u="$user" -v y="$sys" -v n="$n" -v py="$plant_years" -v kb="$kb" \
    'BEGIN { printf "%-44s %8.2f %10.0f %14.0f %11.1f %8.1f\n", l, s, n / s, n * py / s, (u + y) / n * 1e6, kb / 1024 }'
}
run "$repeat" "no LCOP, 1 thread, $paths paths" "$paths" --no-lcop --threads 1
run "$repeat" "no LCOP, 2 threads, $paths paths" "$paths" --no-lcop --threads 2
run "$repeat" "with LCOP (default), 1 thread, $paths paths" "$paths" --threads 1
run "$repeat" "with LCOP (default), 2 threads, $paths paths" "$paths" --threads 2
for n in $((paths / 5)) $paths $((paths * 2)); do
  run 1 "memory: no LCOP, 2 threads, $n paths" "$n" --no-lcop --threads 2
done
