#!/bin/bash
# Boot build/out-<base>/ Image + initramfs under QEMU in one KVM mode (a line
# of bench/qemu/modes) and keep the console in build/logs/boot-<base>-<mode>.log
# (or LOG).  The initramfs (INITRAMFS, default the one make-initramfs.sh
# writes) runs the selftests and powers off; TIMEOUT (seconds, default 1200
# times the boot's scale in bench/boots) bounds the whole boot.  QEMU_EXTRA adds QEMU arguments (split on spaces);
# IMAGE boots another kernel (make bench boots the pristine one).
#
# The policy that bench/boots expects of <base> <mode> goes on the command
# line as bench_policy=, which the kernel hands to /init as an environment
# variable: the tests take their expectation from there, never from the
# kernel.  An e2e-<mode> boot takes <mode>'s command line.
set -euo pipefail
base=${1:?usage: boot.sh <base> <mode>}
mode=${2:?usage: boot.sh <base> <mode>}
cd "$(dirname "$0")/.."
. bench/qemu/arm64.conf
out=build/out-$base
log=${LOG:-build/logs/boot-$base-$mode.log}
initramfs=${INITRAMFS:-$out/initramfs.cpio.gz}
mkdir -p build/logs

extra=$(awk -v m="${mode#e2e-}" '$1 == m { $1 = ""; print; found = 1 } END { exit !found }' \
	bench/qemu/modes) || { echo "boot: unknown mode $mode" >&2; exit 1; }
read -r policy scale < <(awk -v b="$base" -v m="$mode" \
	'!/^#/ && $1 == b && $2 == m { print $5, ($7 ? $7 : 1); n++ } END { exit n != 1 }' \
	bench/boots) || { echo "boot: not one line for $base $mode in bench/boots" >&2; exit 1; }
extra+=" bench_policy=$policy bench_scale=$scale"
timeout=${TIMEOUT:-$((1200 * scale))}

read -r -a more <<<"${QEMU_EXTRA:-}"
echo "boot: $mode: $qemu_bin ... -append \"$kernel_args$extra\" (log: $log)"
start=$SECONDS
rc=0
timeout --foreground -k 10 "$timeout" "$qemu_bin" "${qemu_args[@]}" ${more[@]+"${more[@]}"} \
	-kernel "${IMAGE:-$out/arch/arm64/boot/Image}" -initrd "$initramfs" \
	-append "$kernel_args$extra" </dev/null >"$log" 2>&1 || rc=$?
if [ $rc = 124 ] || [ $rc = 137 ]; then
	echo "boot: $mode: TIMEOUT after ${timeout}s" | tee -a "$log"
fi
echo "boot: $mode: QEMU exited ($rc) after $((SECONDS - start))s of ${timeout}s" | tee -a "$log"
