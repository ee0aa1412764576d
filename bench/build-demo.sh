#!/bin/bash
# Build demo/step_demo.c, a tiny VMM, for arm64 against the KVM selftest
# library that build-selftests.sh built from the patched tree.
set -euo pipefail
base=${1:?usage: build-demo.sh <base>}
. "$(dirname "$0")/build-env.sh"
kvm=$tree/tools/testing/selftests/kvm
lib=$out/kselftest/kvm/lib

echo "demo: building demo/step_demo.c"
${CROSS_COMPILE}gcc -O2 -g -std=gnu99 -Wall -D_GNU_SOURCE= -DCONFIG_64BIT \
	-fno-stack-protector -fno-PIE -fno-strict-aliasing -static -no-pie -pthread \
	-I"$tree/tools/include" -I"$tree/tools/arch/arm64/include" \
	-I"$out/usr/include" -I"$kvm/include" -I"$kvm/include/aarch64" \
	-I"$tree/tools/arch/arm64/include/generated" -I"$kvm/.." \
	"$top/demo/step_demo.c" "$lib"/*.o "$lib"/aarch64/*.o -ldl \
	-o "$out/step_demo"
