#!/bin/bash
# Pack build/out-<base>/initramfs.cpio.gz: static busybox (Debian's arm64
# busybox-static), the programs listed in bench/tests.list (or LIST), that
# list as /tests.list, bench/initramfs/init and hold-vm (built here).  ONLY=<regex> keeps only
# the matching tests (for quick iterations on one test); INITRAMFS=<path>
# writes the image elsewhere.
set -euo pipefail
base=${1:?usage: make-initramfs.sh <base>}
cd "$(dirname "$0")/.."
out=$PWD/build/out-$base
busybox=build/busybox/bin/busybox
root=$out/initramfs
[ -x "$busybox" ] || { echo "initramfs: $busybox missing: run 'make deps'" >&2; exit 1; }

rm -rf "$root"
mkdir -p "$root"/{bin,dev,proc,sys,tmp,kvm}
cp "$busybox" "$root/bin/busybox"
ln -s busybox "$root/bin/sh"	# /init installs the other applets
cp bench/initramfs/init "$root/init"
"${CROSS_COMPILE:-aarch64-linux-gnu-}gcc" -O2 -Wall -static -I"$out/usr/include" \
	-o "$root/bin/hold-vm" bench/initramfs/hold-vm.c
grep -E -- "^[[:space:]]*#|${ONLY:-.}" "${LIST:-bench/tests.list}" >"$root/tests.list"
for path in $(grep -v '^[[:space:]]*#' "$root/tests.list" | awk 'NF { print $1 }'); do
	mkdir -p "$root/kvm/$(dirname "$path")"
	# Before 6.14 the arm64 selftests lived in aarch64/.
	old=${path/#arm64\//aarch64/}
	if [ -f "$out/kselftest/kvm/$path" ]; then
		cp "$out/kselftest/kvm/$path" "$root/kvm/$path"
	elif [ -f "$out/kselftest/kvm/$old" ]; then
		cp "$out/kselftest/kvm/$old" "$root/kvm/$path"
	elif [ -f "$out/$path" ]; then
		cp "$out/$path" "$root/kvm/$path"
	else
		echo "initramfs: warning: $path was not built" >&2
	fi
done
image=${INITRAMFS:-$out/initramfs.cpio.gz}
(cd "$root" && find . | cpio -o -H newc --quiet | gzip -1) >"$image"
echo "initramfs: $image ($(du -h "$image" | cut -f1))"
