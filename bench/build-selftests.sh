#!/bin/bash
# Build the KVM selftests for arm64, statically linked, from the patched
# tree (so tests added by the series are built too), against the uapi
# headers of that same tree.  Output: build/out-<base>/kselftest/kvm/.
set -euo pipefail
base=${1:?usage: build-selftests.sh <base>}
cd "$(dirname "$0")/.."
top=$PWD
tree=$top/build/linux-$base
out=$top/build/out-$base
log=$top/build/logs/selftests-build-$base.log
mkdir -p "$top/build/logs"
export CCACHE_BASEDIR=$top CCACHE_NOHASHDIR=1

echo "selftests: installing uapi headers (log: ${log#$top/})"
make -C "$tree" O="$out" ARCH=arm64 headers_install >"$log" 2>&1 ||
	{ tail -20 "$log"; exit 1; }

echo "selftests: building tools/testing/selftests/kvm for arm64"
start=$SECONDS
make -C "$tree/tools/testing/selftests/kvm" -j"$(nproc)" \
	ARCH=arm64 CROSS_COMPILE=aarch64-linux-gnu- \
	CC="ccache aarch64-linux-gnu-gcc" \
	OUTPUT="$out/kselftest/kvm" LINUX_HDR_PATH="$out/usr/include/" \
	EXTRA_CFLAGS=-static >>"$log" 2>&1 ||
	{ tail -30 "$log"; echo "selftests: build failed (see $log)" >&2; exit 1; }
echo "selftests: built in $((SECONDS - start))s"
