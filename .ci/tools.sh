#!/usr/bin/env bash
# Builds the real components the tests run against, from the pinned tools
# modules under tools/: the Argo CLI (argo lint --offline) and versitygw
# (an S3-compatible server). Binaries are cached outside the work tree,
# keyed by name and version, so a second run costs nothing; the Argo CLI
# takes about 9 minutes on 2 cores the first time.
#
# usage: .ci/tools.sh [argo|versitygw]...   (default: all)
# prints nothing on success but the binaries' paths.
set -euo pipefail
cd "$(dirname "$0")/.."
dir=${KEDROGO_TOOLS_DIR:-$(go env GOMODCACHE)/cache/kedrogo-tools}
mkdir -p "$dir"

# build NAME MODULE_DIR PACKAGE
build() {
  local name=$1 mod=$2 pkg=$3 version bin
  version=$(cd "$mod" && go list -m -f '{{.Version}}' "${pkg%%/cmd/*}")
  bin="$dir/$name-$version"
  if [ ! -x "$bin" ]; then
    echo "building $name $version (cached at $bin)" >&2
    (cd "$mod" && CGO_ENABLED=0 go build -trimpath -o "$bin.tmp" "$pkg")
    mv "$bin.tmp" "$bin"
  fi
  echo "$bin"
}

want=${*:-argo versitygw}
for t in $want; do
  case $t in
    argo) build argo tools/argo github.com/argoproj/argo-workflows/v3/cmd/argo ;;
    versitygw) build versitygw tools/versitygw github.com/versity/versitygw/cmd/versitygw ;;
    *) echo "unknown tool $t" >&2; exit 2 ;;
  esac
done
