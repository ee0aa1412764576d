#!/bin/bash
# Pack build/out-<base>/e2e.cpio.gz, the end-to-end test's initramfs:
# busybox, bench/e2e/init, hold-vm, the guest (guest.S), the BLOCKIRQ shim
# (shim.c, built against the base's uapi headers), and Debian's arm64
# qemu-system-aarch64 with exactly the libraries it loads, from
# build/e2e/sysroot/ (fetch-qemu.sh).
set -euo pipefail
base=${1:?usage: make-initramfs.sh <base>}
cd "$(dirname "$0")/../.."
out=$PWD/build/out-$base
sysroot=build/e2e/sysroot
root=$out/e2e-root
cc=${CROSS_COMPILE:-aarch64-linux-gnu-}gcc
[ -x $sysroot/usr/bin/qemu-system-aarch64 ] ||
	{ echo "e2e: $sysroot has no QEMU: run 'make deps'" >&2; exit 1; }
[ -d "$out/usr/include/linux" ] ||
	{ echo "e2e: no uapi headers in $out/usr: run 'make selftests'" >&2; exit 1; }

rm -rf "$root"
mkdir -p "$root"/{bin,dev,proc,sys,tmp,e2e,lib/aarch64-linux-gnu,usr/bin}
cp build/busybox/bin/busybox "$root/bin/busybox"
ln -s busybox "$root/bin/sh"
cp bench/e2e/init "$root/init"
echo "${SESSIONS:-qemu qemu-blockirq-shim}" >"$root/e2e/sessions"
"$cc" -O2 -Wall -static -I"$out/usr/include" -o "$root/bin/hold-vm" \
	bench/initramfs/hold-vm.c
"$cc" -nostdlib -static -g -Wl,-T,bench/e2e/guest.ld -Wl,--build-id=none \
	-Wl,--no-warn-rwx-segments -o "$out/e2e-guest.elf" bench/e2e/guest.S
cp "$out/e2e-guest.elf" "$root/e2e/guest.elf"
"$cc" -O2 -Wall -shared -fPIC -I"$out/usr/include" \
	-o "$root/e2e/blockirq-shim.so" bench/e2e/shim.c -ldl

# The binary, its interpreter, and the closure of its DT_NEEDED libraries.
cp $sysroot/usr/bin/qemu-system-aarch64 "$root/usr/bin/"
cp -L $sysroot/lib/ld-linux-aarch64.so.1 "$root/lib/"
todo=$(readelf -d $sysroot/usr/bin/qemu-system-aarch64 | sed -n 's/.*NEEDED.*\[\(.*\)\]/\1/p')
todo="$todo libdl.so.2"		# for the shim
done_=" "
while [ -n "$todo" ]; do
	set -- $todo
	lib=$1; shift; todo="$*"
	case "$done_" in *" $lib "*) continue ;; esac
	done_="$done_$lib "
	path=
	for dir in lib/aarch64-linux-gnu usr/lib/aarch64-linux-gnu; do
		[ -e "$sysroot/$dir/$lib" ] && path=$sysroot/$dir/$lib && break
	done
	[ -n "$path" ] || { echo "e2e: $lib not found in $sysroot" >&2; exit 1; }
	cp -L "$path" "$root/lib/aarch64-linux-gnu/$lib"
	todo="$todo $(readelf -d "$path" | sed -n 's/.*NEEDED.*\[\(.*\)\]/\1/p')"
done

image=${INITRAMFS:-$out/e2e.cpio.gz}
(cd "$root" && find . | cpio -o -H newc --quiet | gzip -1) >"$image"
echo "e2e: $image ($(du -h "$image" | cut -f1), QEMU and $(echo $done_ | wc -w) libraries)"
