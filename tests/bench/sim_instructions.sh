#!/usr/bin/env bash
# Instructions per simulated path of `reeplan simulate` on the bundled chain, counted by valgrind
# (callgrind): the count at 3×N paths less the count at N paths, over 2×N, on 1 thread, so that
# reading the file, setting up and writing the report drop out. Unlike a timing it does not move
# with the load of a shared host, which makes it the figure to compare two builds by; it counts
# work, not cycles (a division or a cache miss weighs as much as an addition).
# Usage: tests/bench/sim_instructions.sh [BIN] [N]   (default build/release/reeplan, 500)
# Not a test: needs valgrind (Debian package valgrind) and takes about a minute per case.
set -euo pipefail
cd "$(dirname "$0")/../.."
bin=${1:-build/release/reeplan}
n=${2:-500}
cfg=configs/us-ndfeb-chain.toml
command -v valgrind >/dev/null || { echo "sim_instructions.sh: valgrind is not installed" >&2; exit 2; }
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
count() {  # count PATHS ARGS...: instructions of one run
  local paths=$1; shift
  valgrind --tool=callgrind --callgrind-out-file="$out/cg" "$bin" simulate "$cfg" --paths "$paths" --threads 1 -q \
    --format json -o /dev/null "$@" 2>&1 | sed -n 's/.*I *refs: *//p' | tr -d ,
}
printf "%-24s %14s\n" "case" "instr/path"
for case in default no-lcop; do
  args=()
  [[ $case == no-lcop ]] && args=(--no-lcop)
  small=$(count "$n" "${args[@]}")
  large=$(count $((3 * n)) "${args[@]}")
  awk -v c="$case" -v a="$small" -v b="$large" -v n="$n" 'BEGIN { printf "%-24s %14.0f\n", c, (b - a) / (2 * n) }'
done
