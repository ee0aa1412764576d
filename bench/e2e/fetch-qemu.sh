#!/bin/bash
# Debian's arm64 QEMU for the end-to-end test: qemu-system-arm:arm64 from
# the machine's own suite, with the arm64 packages it depends on, unpacked
# into build/e2e/sysroot/.  make-initramfs.sh copies the binary and the
# libraries it loads from there.  Quick when it is there already.
set -euo pipefail
cd "$(dirname "$0")/../.."
dir=build/e2e
[ -x $dir/sysroot/usr/bin/qemu-system-aarch64 ] && exit 0

# What apt would install on an empty arm64 system (the status file is
# /dev/null, so the machine's own packages do not count).
# Architecture-independent ones (data, scripts) hold no code: skipped.
arch=(-o APT::Architecture=arm64 -o APT::Architectures=arm64
      -o Dir::State::Status=/dev/null)
resolve() {
	apt-get -s "${arch[@]}" --no-install-recommends install qemu-system-arm 2>/dev/null |
		awk '/^Inst / && /\[arm64\]\)/ { print $2 ":arm64=" substr($3, 2) }'
}
rm -rf $dir/deb $dir/sysroot
mkdir -p $dir/deb $dir/sysroot
packages=$(resolve)
# apt's sandbox user cannot write here; we are root, so download as root.
if [ -z "$packages" ] || ! (cd $dir/deb &&
	apt-get download -q -o APT::Sandbox::User=root $packages >/dev/null 2>&1); then
	echo "e2e: updating apt's lists (arm64)"	# stale lists, or none yet
	apt-get update -qq
	packages=$(resolve)
	[ -n "$packages" ] || { echo "e2e: cannot resolve qemu-system-arm:arm64" >&2; exit 1; }
	(cd $dir/deb && apt-get download -q -o APT::Sandbox::User=root $packages >/dev/null)
fi
echo "e2e: fetched qemu-system-arm:arm64 and $(($(echo "$packages" | wc -l) - 1)) packages it depends on"
for deb in $dir/deb/*.deb; do
	dpkg-deb -x "$deb" $dir/sysroot
done
rm -rf $dir/deb
echo "e2e: $($dir/sysroot/usr/bin/qemu-system-aarch64 --version 2>/dev/null | head -1 ||
	strings $dir/sysroot/usr/bin/qemu-system-aarch64 | grep -m1 'QEMU emulator version')"
