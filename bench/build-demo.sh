#!/bin/bash
# Build the two small VMMs, demo/step_demo.c (make demo) and
# bench/cost/step_cost.c (make bench), for arm64 against the KVM selftest
# library that build-selftests.sh built from the patched tree.
set -euo pipefail
base=${1:?usage: build-demo.sh <base>}
. "$(dirname "$0")/build-env.sh"
kvm=$tree/tools/testing/selftests/kvm
lib=$out/kselftest/kvm/lib
# The selftests' arm64 directories were called aarch64 before Linux 6.14.
arch=arm64
[ -d "$kvm/include/arm64" ] || arch=aarch64

for src in demo/step_demo.c bench/cost/step_cost.c; do
	echo "demo: building $src"
	${CROSS_COMPILE}gcc -O2 -g -std=gnu99 -Wall -D_GNU_SOURCE= -DCONFIG_64BIT \
		-fno-stack-protector -fno-PIE -fno-strict-aliasing -static -no-pie -pthread \
		-I"$tree/tools/include" -I"$tree/tools/arch/arm64/include" \
		-I"$out/usr/include" -I"$kvm/include" -I"$kvm/include/$arch" \
		-I"$tree/tools/arch/arm64/include/generated" -I"$kvm/.." \
		"$top/$src" "$lib"/*.o "$lib"/$arch/*.o -ldl \
		-o "$out/$(basename "$src" .c)"
done
