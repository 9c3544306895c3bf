#!/usr/bin/env bash
# The house rules the compiler cannot see (Debian puts every header on the default path):
# each third-party library stays in its own folder, and the core does no I/O.
set -uo pipefail
cd "$1/src" || exit 2
fail=0
only_in() {  # only_in PATTERN ALLOWED_REGEX WHAT
  local hits
  hits=$(grep -rnE "$1" . | grep -vE "^\./($2)" || true)
  if [ -n "$hits" ]; then echo "$3:"; echo "$hits"; fail=1; fi
}
only_in '#include *[<"]CLI/' 'cli/' "CLI11 outside src/cli"
only_in '#include *[<"]toml\+\+/' 'io/' "toml++ outside src/io"
only_in '#include *[<"]boost/multiprecision' 'model/decimal\.hpp' "Boost.Multiprecision outside model/decimal.hpp"
only_in '#include *[<"]nlohmann/' 'report/' "nlohmann_json outside src/report"
only_in '#include *[<"]fmt/' '(io|report|cli)/' "fmt in the core"
only_in '#include *[<"]boost/math' 'sim/' "Boost.Math outside src/sim"
core_io=$(grep -rnE 'std::(cout|cerr)|fmt::print|printf\(|getenv|std::ofstream|std::ifstream|<chrono>|time\(' \
          model timeline chain finance policy sim 2>/dev/null || true)
if [ -n "$core_io" ]; then echo "I/O or clock in the core:"; echo "$core_io"; fail=1; fi
# core folders may include only themselves and the folders before them
check_deps() {  # check_deps FOLDER ALLOWED...
  local folder=$1; shift
  local allowed="$folder $*"
  [ -d "$folder" ] || return 0
  for inc in $(grep -rhoE '#include "[a-z]+/' "$folder" | sed -E 's/#include "([a-z]+)\//\1/' | sort -u); do
    case " $allowed " in *" $inc "*) ;; *) echo "src/$folder includes src/$inc"; fail=1 ;; esac
  done
}
check_deps model
check_deps io model
check_deps timeline model
check_deps chain model timeline
check_deps finance model timeline chain
check_deps policy model timeline chain finance
check_deps sim model timeline chain finance policy
check_deps report model timeline chain finance policy sim
exit $fail
