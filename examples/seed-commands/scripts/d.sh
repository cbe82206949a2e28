#!/bin/sh
# D: the heavy step. Holds ${HOLD_HEAVY:-1G} of memory for a while: no other
# node can run beside it on this machine (conf/base/runner.yml's capacity).
set -eu
train=$1 test=$2 out=$3
"$(dirname "$0")/hold.sh" "${HOLD_HEAVY:-1G}" "${SECONDS_HELD:-2}"
printf 'D: %s training rows, %s test rows\n' "$(wc -l <"$train" | tr -d ' ')" "$(wc -l <"$test" | tr -d ' ')" >"$out"
