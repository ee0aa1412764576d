#!/bin/bash
# Boot build/out-<base>/ Image + initramfs under QEMU in one KVM mode (a line
# of bench/qemu/modes) and keep the console in build/logs/boot-<base>-<mode>.log
# (or LOG).  The initramfs (INITRAMFS, default the one make-initramfs.sh
# writes) runs the selftests and powers off; TIMEOUT (seconds, default 1200)
# bounds the whole boot.  QEMU_EXTRA adds QEMU arguments (split on spaces);
# IMAGE boots another kernel (make bench boots the pristine one).
set -euo pipefail
base=${1:?usage: boot.sh <base> <mode>}
mode=${2:?usage: boot.sh <base> <mode>}
cd "$(dirname "$0")/.."
. bench/qemu/arm64.conf
out=build/out-$base
log=${LOG:-build/logs/boot-$base-$mode.log}
initramfs=${INITRAMFS:-$out/initramfs.cpio.gz}
mkdir -p build/logs

extra=$(awk -v m="$mode" '$1 == m { $1 = ""; print; found = 1 } END { exit !found }' \
	bench/qemu/modes) || { echo "boot: unknown mode $mode" >&2; exit 1; }

read -r -a more <<<"${QEMU_EXTRA:-}"
echo "boot: $mode: $qemu_bin ... -append \"$kernel_args$extra\" (log: $log)"
start=$SECONDS
rc=0
timeout --foreground -k 10 "${TIMEOUT:-1200}" "$qemu_bin" "${qemu_args[@]}" ${more[@]+"${more[@]}"} \
	-kernel "${IMAGE:-$out/arch/arm64/boot/Image}" -initrd "$initramfs" \
	-append "$kernel_args$extra" </dev/null >"$log" 2>&1 || rc=$?
if [ $rc = 124 ] || [ $rc = 137 ]; then
	echo "boot: $mode: TIMEOUT after ${TIMEOUT:-1200}s" | tee -a "$log"
fi
echo "boot: $mode: QEMU exited ($rc) after $((SECONDS - start))s"
