#!/bin/sh
# hold.sh SIZE SECONDS: keep SIZE (dd units: 300M, 1G) of resident memory
# for SECONDS. dd reads SIZE from /dev/zero into one buffer, touching every
# page, then blocks writing it into a pipe nobody reads until sleep ends:
# real RSS, no files, no Python.
set -eu
dd if=/dev/zero bs="$1" count=1 2>/dev/null | sleep "$2"
