#!/usr/bin/env bash
# Keeps the test set and the manual complete: every subcommand and every long option that
# `reeplan SUB --help` lists must appear in at least one golden case and in man/reeplan.1.
set -uo pipefail
bin=$1 src=$2
fail=0
subs=$("$bin" --help | awk 'tolower($0) ~ /^subcommands:/{f=1;next} f&&NF{print $1}')
[ -n "$subs" ] || { echo "no subcommands found in reeplan --help"; exit 1; }
for sub in $subs; do
  grep -qx "$sub.*" "$src"/tests/golden/*.cmd 2>/dev/null || grep -q "^$sub\b" "$src"/tests/golden/*.cmd \
    || { echo "subcommand '$sub' has no golden case in tests/golden/"; fail=1; }
  grep -q "^\.SS.*$sub" "$src/man/reeplan.1" || { echo "subcommand '$sub' has no .SS entry in man/reeplan.1"; fail=1; }
  for opt in $("$bin" "$sub" --help | grep -oE -- '--[a-z][a-z-]*' | sort -u); do
    [ "$opt" = --help ] && continue
    grep -q -- "^$sub .*$opt\b" "$src"/tests/golden/*.cmd \
      || { echo "option '$sub $opt' has no golden case in tests/golden/"; fail=1; }
    grep -q -- "${opt//-/\\\\-}" "$src/man/reeplan.1" \
      || { echo "option '$opt' is not in man/reeplan.1"; fail=1; }
  done
done
exit $fail
