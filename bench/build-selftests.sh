#!/bin/bash
# Build the KVM selftests for arm64, statically linked, from the patched
# tree (so tests added by the series are built too), against the uapi
# headers of that same tree.  Output: build/out-<base>/kselftest/kvm/.
set -euo pipefail
base=${1:?usage: build-selftests.sh <base>}
. "$(dirname "$0")/build-env.sh"
log=$top/build/logs/selftests-build-$base.log

echo "selftests: installing uapi headers (log: ${log#$top/})"
make -C "$tree" O="$out" headers_install >"$log" 2>&1 ||
	{ tail -20 "$log"; exit 1; }

echo "selftests: building tools/testing/selftests/kvm for arm64"
start=$SECONDS
make -C "$tree/tools/testing/selftests/kvm" -j"$(nproc)" \
	CC="ccache ${CROSS_COMPILE}gcc" \
	OUTPUT="$out/kselftest/kvm" LINUX_HDR_PATH="$out/usr/include/" \
	EXTRA_CFLAGS=-static >>"$log" 2>&1 ||
	{ tail -30 "$log"; echo "selftests: build failed (see $log)" >&2; exit 1; }
echo "selftests: built in $((SECONDS - start))s"
