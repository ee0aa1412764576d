#!/bin/bash
# make pristine-boot: Debian's kernel without the series, built with make
# check's configuration (bench/config/*.config: lockdep and the detectors
# of detectors.config included) and booted in each of MODES (default: vhe
# nvhe) with the tests of bench/tests.list that do not need the series.
# Its logs (build/logs/pristine-<base>-<mode>.log) show what the console
# of a kernel the series did not touch looks like under this bench: a
# kernel report there is not the series', and the detectors' thresholds
# must leave it clean.
#   tree: build/pristine/linux-<base> -> build/pristine/out-<base>, the
#   same relation as build/linux-<base> -> build/out-<base>, so that ccache
#   serves every file the series does not touch.
set -euo pipefail
base=${1:?usage: pristine.sh <base> [mode...]}
shift
modes=${*:-vhe nvhe}
cd "$(dirname "$0")/.."
pristine=build/pristine/linux-$base
out=build/pristine/out-$base
bench/pristine-tree.sh "$base"
TREE=$PWD/$pristine OUT=$PWD/$out KERNEL_LOG=$PWD/build/logs/kernel-build-$base-pristine.log \
	bench/build-kernel.sh "$base"
grep -v step_over_irq_test bench/tests.list >build/pristine/tests.list
LIST=build/pristine/tests.list INITRAMFS=$PWD/$out/initramfs.cpio.gz \
	bench/make-initramfs.sh "$base"
status=0
for mode in $modes; do
	log=build/logs/pristine-$base-$mode.log
	IMAGE=$out/arch/arm64/boot/Image INITRAMFS=$out/initramfs.cpio.gz LOG=$log \
		bench/boot.sh "$base" "$mode"
	python3 - "$log" <<'PY' || status=1
import sys
sys.path.insert(0, 'bench')
import ktap
run = ktap.parse(open(sys.argv[1], errors='replace').read())
bad = run.problems() + [f'{r.name}: {r.status} {r.detail}'
                        for r in run.results if r.status != 'ok']
print(f'pristine: {sys.argv[1]}: KVM mode {run.kvm_mode}, '
      f'{len(run.results)} tests, {len(run.splats)} kernel reports: '
      + ('clean' if not bad else '; '.join(bad)))
sys.exit(1 if bad else 0)
PY
done
exit $status
