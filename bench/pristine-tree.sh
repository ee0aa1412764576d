#!/bin/bash
# Unpack Debian's source of <base>, as make deps downloaded it, into
# build/pristine/linux-<base> (once): the kernel without the series, which
# make bench and make pristine-boot build beside the patched one.
set -euo pipefail
base=${1:?usage: pristine-tree.sh <base>}
cd "$(dirname "$0")/.."
tarball=build/src-$base/linux-source-$base.tar.xz
pristine=build/pristine/linux-$base
[ -f "$pristine/Makefile" ] && exit 0
[ -f "$tarball" ] || { echo "pristine: $tarball missing: run 'make deps'" >&2; exit 1; }
echo "pristine: unpacking $tarball into $pristine"
rm -rf "$pristine" "build/pristine/linux-source-$base"
mkdir -p build/pristine
tar -C build/pristine -xf "$tarball"
mv "build/pristine/linux-source-$base" "$pristine"
