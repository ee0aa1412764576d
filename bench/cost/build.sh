#!/bin/bash
# The two kernels make bench compares, built with the same configuration:
# the bench's fragments without the debugging ones (debug.config turns on
# lockdep, whose cost would swamp the entry/exit path being measured, and
# e2e.config is for the end-to-end test), plus trace.config for the kvm
# tracepoints.
#   patched:  build/linux-<base>          -> build/out-<base>-bench
#   pristine: build/pristine/linux-<base> -> build/pristine/out-<base>-bench
# The pristine tree is Debian's source as make deps downloaded it.  Both
# pairs of directories sit in the same relation, so that ccache (paths
# relative to the top, see build-env.sh) serves the pristine build every
# file the series does not touch.
set -euo pipefail
base=${1:?usage: build.sh <base>}
cd "$(dirname "$0")/../.."
export CONFIGS="bench/config/base.config bench/config/kvm.config bench/cost/trace.config"

pristine=build/pristine/linux-$base
bench/pristine-tree.sh "$base"

echo "bench: the patched kernel"
OUT=$PWD/build/out-$base-bench KERNEL_LOG=$PWD/build/logs/kernel-build-$base-bench.log \
	bench/build-kernel.sh "$base"
echo "bench: the pristine kernel"
TREE=$PWD/$pristine OUT=$PWD/build/pristine/out-$base-bench \
	KERNEL_LOG=$PWD/build/logs/kernel-build-$base-pristine-bench.log \
	bench/build-kernel.sh "$base"
