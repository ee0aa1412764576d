#!/bin/bash
# The boots of make bench: the pristine kernel and the patched one (built
# by bench/cost/build.sh), twice each, alternately, with the same initramfs
# (bench/cost.list) and the same QEMU command plus
#   -icount shift=0,sleep=off	the emulated clock advances one nanosecond
#				per instruction executed, and jumps (rather
#				than waits) when every CPU is idle;
#   -seed <n>			the random numbers QEMU hands the guest
#				(the device tree's rng-seed) are fixed: run
#				n uses seed n, so that the two runs differ
#				in what a real boot's randomness changes,
#				and in nothing else;
# so that the figures do not depend on the host's load.  With the same
# seed, two boots print byte-identical logs.
# Logs: build/logs/bench-<base>-<kernel>-<n>.log.  Then bench/cost/results.py.
set -euo pipefail
base=${1:?usage: run.sh <base>}
cd "$(dirname "$0")/../.."
out=build/out-$base
export INITRAMFS=$out/cost.cpio.gz

LIST=bench/cost.list bench/make-initramfs.sh "$base"
logs=()
for n in 1 2; do
	for kernel in pristine patched; do
		image=build/out-$base-bench/arch/arm64/boot/Image
		[ $kernel = pristine ] && image=build/pristine/out-$base-bench/arch/arm64/boot/Image
		log=build/logs/bench-$base-$kernel-$n.log
		echo "bench: $kernel kernel, run $n"
		QEMU_EXTRA="-icount shift=0,sleep=off -seed $n" IMAGE=$image LOG=$log \
			bench/boot.sh "$base" vhe
		logs+=("$log")
	done
done
exec bench/cost/results.py "$base" "${logs[@]}"
