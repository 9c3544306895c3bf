#!/usr/bin/env bash
# A bad input file: `reeplan plan FILE -o OUT` must exit 3, print exactly the expected
# diagnostics (tests/bad/NAME.err) on stderr, nothing on stdout, and write no OUT.
set -uo pipefail
bin=$1 src=$2 name=$3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$src/tests/bad" || exit 2
"$bin" plan "$name.toml" --format json -o "$tmp/out.json" >"$tmp/stdout" 2>"$tmp/stderr"
status=$?
fail=0
[ "$status" = 3 ] || { echo "$name: exit status $status, expected 3"; fail=1; }
[ -s "$tmp/stdout" ] && { echo "$name: wrote to stdout:"; head -5 "$tmp/stdout"; fail=1; }
[ -e "$tmp/out.json" ] && { echo "$name: wrote the output file"; fail=1; }
ls "$tmp" | grep -q 'tmp-' && { echo "$name: left a temporary file"; fail=1; }
if ! diff -u "$name.err" "$tmp/stderr"; then echo "$name: diagnostics differ"; fail=1; fi
exit $fail
