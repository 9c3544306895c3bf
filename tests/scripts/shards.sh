#!/usr/bin/env bash
# Shards under GNU parallel merge into exactly the single run, and the thread count does not
# change a byte: `simulate` whole (1 and 2 threads) against three slices run by `parallel` and
# put together by `merge`, given in any order.
set -uo pipefail
bin=$1 src=$2
cd "$src" || exit 2
command -v parallel >/dev/null || { echo "GNU parallel is not installed (apt-get install parallel)"; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cfg=configs/us-ndfeb-chain.toml
common=(--paths 1500 --seed 42 --no-lcop -q)
fail=0
"$bin" simulate "$cfg" "${common[@]}" --threads 1 --format json -o "$tmp/one.json" || fail=1
"$bin" simulate "$cfg" "${common[@]}" --threads 2 --format json -o "$tmp/two.json" || fail=1
cmp "$tmp/one.json" "$tmp/two.json" || { echo "--threads 1 and --threads 2 differ"; fail=1; }
parallel --will-cite "$bin" simulate "$cfg" "${common[@]}" --threads 1 --shard {}/3 -o "$tmp/shard-{}.bin" ::: 1 2 3 \
  || { echo "parallel run of the shards failed"; fail=1; }
"$bin" merge "$tmp/shard-3.bin" "$tmp/shard-1.bin" "$tmp/shard-2.bin" --format json -o "$tmp/merged.json" || fail=1
cmp "$tmp/one.json" "$tmp/merged.json" || { echo "the merged shards differ from the single run"; fail=1; }
for fmt in table csv markdown svg; do
  "$bin" simulate "$cfg" "${common[@]}" --format "$fmt" -o "$tmp/one.$fmt" || fail=1
  "$bin" merge "$tmp"/shard-*.bin --format "$fmt" -o "$tmp/merged.$fmt" || fail=1
  cmp "$tmp/one.$fmt" "$tmp/merged.$fmt" || { echo "merged $fmt differs from the single run"; fail=1; }
done
# a missing slice is a usage error, not a partial report
"$bin" merge "$tmp/shard-1.bin" "$tmp/shard-3.bin" -o "$tmp/partial.json" 2>"$tmp/err"
status=$?
[ "$status" = 2 ] || { echo "merge with a missing slice exited $status, expected 2"; fail=1; }
grep -q "slice 2/3 is missing" "$tmp/err" || { echo "no message for the missing slice:"; cat "$tmp/err"; fail=1; }
[ ! -e "$tmp/partial.json" ] || { echo "merge with a missing slice wrote a report"; fail=1; }
exit $fail
