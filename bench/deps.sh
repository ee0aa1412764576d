#!/bin/bash
# Install what the bench needs, with apt-get; quick when all is there.
# Also unpacks Debian's arm64 busybox-static into build/busybox/, Debian's
# arm64 QEMU into build/e2e/sysroot/ (bench/e2e/fetch-qemu.sh), and the
# kernel source of <base> (bench/bases) into build/src-<base>/.
#
# A base from another suite (7.3 from trixie-backports on this Debian 12
# machine) is downloaded through a private sources list under build/apt/,
# so the machine's own apt sources are never changed.  The newest version
# in that suite is taken, so a new point release is picked up.
set -euo pipefail
base=${1:?usage: deps.sh <base>}
cd "$(dirname "$0")/.."
. bench/bases.sh

packages=(
	make gcc bc bison flex libssl-dev libelf-dev cpio kmod xz-utils
	gzip rsync git python3 ccache
	gcc-aarch64-linux-gnu libc6-dev-arm64-cross
	qemu-system-arm debian-archive-keyring
	gdb-multiarch socat binutils gnuplot-nox
)
read -r package suite < <(base_source "$base")
[ "$suite" = - ] && packages+=("$package")

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

# Debian's arm64 QEMU, for the end-to-end test (needs arm64 in apt's lists).
bench/e2e/fetch-qemu.sh

src=build/src-$base
if [ "$suite" = - ]; then
	version=$(dpkg-query -W -f='${Version}' "$package")
	if [ "$(cat "$src/version" 2>/dev/null)" != "$version" ]; then
		mkdir -p "$src"
		ln -sf "/usr/src/$package.tar.xz" "$src/$package.tar.xz"
		echo "$version" >"$src/version"
	fi
else
	# A private apt configuration: its own sources list, lists and cache.
	apt=$PWD/build/apt/$suite
	mkdir -p "$apt/lists/partial" "$apt/cache/archives/partial"
	uri=$(awk '/^URIs:/ && $2 ~ /debian\/?$/ { print $2; exit }' \
		/etc/apt/sources.list.d/*.sources 2>/dev/null)
	uri=${uri:-http://deb.debian.org/debian}
	echo "deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $uri $suite main" \
		>"$apt/sources.list"
	opts=(-o Dir::Etc::SourceList="$apt/sources.list" -o Dir::Etc::SourceParts=/dev/null
	      -o Dir::State::Lists="$apt/lists" -o Dir::Cache="$apt/cache"
	      -o Dir::State::Status=/dev/null -o APT::Sandbox::User=root)
	if [ -z "$(find "$apt/lists" -maxdepth 1 -name '*_Packages*' -mmin -1440)" ]; then
		echo "deps: reading $suite from $uri (private sources list in ${apt#$PWD/})"
		apt-get "${opts[@]}" update -qq
	fi
	version=$(apt-cache "${opts[@]}" show "$package" |
		awk '/^Version:/ { print $2 }' | sort -V | tail -1)
	[ -n "$version" ] || { echo "deps: $package not found in $suite" >&2; exit 1; }
	if [ "$(cat "$src/version" 2>/dev/null)" != "$version" ]; then
		echo "deps: downloading $package $version from $suite"
		rm -rf "$src" && mkdir -p "$src"
		(cd "$apt/cache/archives" && rm -f "${package}"_*.deb &&
			apt-get "${opts[@]}" download -q "$package=$version" >/dev/null)
		dpkg-deb -x "$apt/cache/archives/${package}_"*.deb "$src/deb"
		mv "$src/deb/usr/src/$package.tar.xz" "$src/"
		rm -rf "$src/deb"
		echo "$version" >"$src/version"
	fi
fi
echo "deps: all installed ($package $(cat "$src/version"))"
