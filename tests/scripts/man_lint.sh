#!/usr/bin/env bash
# Each man page must format without a single groff warning.
set -uo pipefail
src=$1
fail=0
for page in "$src"/man/reeplan.1 "$src"/man/reeplan.5 "$src"/man/reeplan-model.7; do
  [ -f "$page" ] || { echo "missing $page"; fail=1; continue; }
  out=$(LC_ALL=C.UTF-8 groff -man -ww -z "$page" 2>&1)
  [ -z "$out" ] || { echo "$page:"; echo "$out"; fail=1; }
done
exit $fail
