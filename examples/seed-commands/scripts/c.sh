#!/bin/sh
# C: a light but slow step. Reads the training and test sets, holds
# ${HOLD_LIGHT:-300M} of memory for a while, writes its result.
set -eu
train=$1 test=$2 out=$3
"$(dirname "$0")/hold.sh" "${HOLD_LIGHT:-300M}" "${SECONDS_HELD:-2}"
printf 'C: %s training rows, %s test rows\n' "$(wc -l <"$train" | tr -d ' ')" "$(wc -l <"$test" | tr -d ' ')" >"$out"
