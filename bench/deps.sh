#!/bin/bash
# Install what the bench needs, with apt-get; quick when all is there.
# Also unpacks Debian's arm64 busybox-static into build/busybox/.
set -euo pipefail
base=${1:?usage: deps.sh <base>}
cd "$(dirname "$0")/.."

packages=(
	make gcc bc bison flex libssl-dev libelf-dev cpio kmod xz-utils
	gzip rsync git python3 ccache
	gcc-aarch64-linux-gnu libc6-dev-arm64-cross
	qemu-system-arm
	"linux-source-$base"
)
export DEBIAN_FRONTEND=noninteractive
missing=()
for p in "${packages[@]}"; do
	dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -q '^install ok installed' ||
		missing+=("$p")
done
updated=
if [ ${#missing[@]} -gt 0 ]; then
	echo "deps: installing ${missing[*]}"
	apt-get update -qq
	updated=1
	apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if [ ! -x build/busybox/bin/busybox ]; then
	echo "deps: fetching busybox-static:arm64"
	if ! dpkg --print-foreign-architectures | grep -qx arm64; then
		dpkg --add-architecture arm64
		updated=
	fi
	[ -n "$updated" ] || apt-get update -qq
	rm -rf build/deb build/busybox
	mkdir -p build/deb
	# apt's sandbox user cannot write here; we are root, so download as root.
	(cd build/deb && apt-get download -q -o APT::Sandbox::User=root busybox-static:arm64 >/dev/null)
	dpkg-deb -x build/deb/busybox-static_*_arm64.deb build/busybox
fi
echo "deps: all installed (linux-source-$base $(dpkg-query -W -f='${Version}' "linux-source-$base"))"
