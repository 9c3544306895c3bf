#!/usr/bin/env bash
# Golden end-to-end test: runs `reeplan ARGS` (ARGS from tests/golden/NAME.cmd) from the source
# tree and compares stdout, stderr and the exit status with NAME.out, NAME.err and NAME.status.
# "{tmp}" in ARGS names a fresh temporary directory; when NAME.written exists, the file {tmp}/out
# must exist and equal it. With REEPLAN_UPDATE_GOLDEN=1 the expected files are rewritten
# instead; review the diff.
set -uo pipefail
bin=$1 src=$2 name=$3
dir="$src/tests/golden"
cd "$src" || exit 2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp/t"
read -r -a args < <(sed "s|{tmp}|$tmp/t|g" "$dir/$name.cmd")
NO_COLOR=1 "$bin" "${args[@]}" >"$tmp/out" 2>"$tmp/err"
echo $? >"$tmp/status"
if [ "${REEPLAN_UPDATE_GOLDEN:-0}" = 1 ]; then
  cp "$tmp/out" "$dir/$name.out"; cp "$tmp/err" "$dir/$name.err"; cp "$tmp/status" "$dir/$name.status"
  [ -f "$dir/$name.written" ] && cp "$tmp/t/out" "$dir/$name.written"
  echo "updated $name"; exit 0
fi
fail=0
for part in out err status; do
  if ! diff -u "$dir/$name.$part" "$tmp/$part" >"$tmp/diff"; then
    echo "$name: $part differs from tests/golden/$name.$part:"; head -40 "$tmp/diff"; fail=1
  fi
done
if [ -f "$dir/$name.written" ] && ! diff -u "$dir/$name.written" "$tmp/t/out" >"$tmp/diff"; then
  echo "$name: the written file differs from tests/golden/$name.written:"; head -40 "$tmp/diff"; fail=1
fi
exit $fail
