#!/usr/bin/env bash
# The timeline SVG must be well-formed XML: runs `reeplan timeline --format svg` on the bundled
# chain (as written and in a scenario) and checks each with xmllint (package libxml2-utils).
set -uo pipefail
bin=$1 src=$2
cd "$src" || exit 2
command -v xmllint >/dev/null || { echo "xmllint not found (package libxml2-utils)"; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
check() {  # check NAME ARGS...
  local name=$1; shift
  if ! "$bin" timeline "$@" --format svg >"$tmp/$name.svg"; then echo "$name: reeplan failed"; fail=1; return; fi
  xmllint --noout "$tmp/$name.svg" || { echo "$name: not well-formed XML"; fail=1; }
  grep -qE '<script|xlink:href=|@import|url\(' "$tmp/$name.svg" && { echo "$name: refers to something outside itself"; fail=1; }
}
check base configs/us-ndfeb-chain.toml
check hree-imports-cut configs/us-ndfeb-chain.toml --scenario hree-imports-cut
check minimal configs/minimal.toml
exit $fail
