#!/bin/bash
# Build the arm64 kernel Image from build/linux-<base>, out of tree in
# build/out-<base>: allnoconfig + the fragments in bench/config/, merged by
# the kernel's own scripts/kconfig/merge_config.sh, compiled through ccache.
# CONFIGS names other fragments (make bench leaves out the debug ones).
set -euo pipefail
base=${1:?usage: build-kernel.sh <base>}
. "$(dirname "$0")/build-env.sh"
log=${KERNEL_LOG:-$top/build/logs/kernel-build-$base.log}

cd "$top"
fragments=(${CONFIGS:-bench/config/*.config})	# split and globbed here
echo "kernel: configuring (allnoconfig + ${fragments[*]})"
(cd "$tree" && scripts/kconfig/merge_config.sh -n -O "$out" "${fragments[@]/#/$top/}") \
	>"$log" 2>&1 || { tail -20 "$log"; exit 1; }
# merge_config.sh only warns when Kconfig drops a requested value: fail.
if grep -A2 '^Value requested for' "$log"; then
	echo "kernel: a fragment option did not survive Kconfig (see $log)" >&2
	exit 1
fi

echo "kernel: building Image with $(nproc) jobs (log: ${log#$top/})"
start=$SECONDS
make -C "$tree" O="$out" CC="ccache ${CROSS_COMPILE}gcc" -j"$(nproc)" Image \
	>>"$log" 2>&1 &
pid=$!
while kill -0 $pid 2>/dev/null; do
	sleep 30
	kill -0 $pid 2>/dev/null &&
		echo "kernel: ... $((SECONDS - start))s, $(grep -c '^  CC ' "$log") files compiled"
done
wait $pid || { tail -30 "$log"; echo "kernel: build failed (see $log)" >&2; exit 1; }
echo "kernel: $out/arch/arm64/boot/Image built in $((SECONDS - start))s"
