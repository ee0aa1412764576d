#!/bin/bash
# See the feature: boot the patched kernel in VHE and run the demo VMM
# (demo/step_demo.c) in it, then show what it printed.
set -euo pipefail
base=${1:?usage: demo.sh <base>}
cd "$(dirname "$0")/.."
export INITRAMFS=build/out-$base/demo.cpio.gz LOG=build/logs/demo-$base.log

LIST=bench/demo.list bench/make-initramfs.sh "$base" >/dev/null
echo "demo: booting the patched kernel under QEMU (log: $LOG)"
bench/boot.sh "$base" vhe >/dev/null
echo
tr -d '\r' <"$LOG" | sed -n '/^# selftests: kvm: step_demo/,/^\(not \)\{0,1\}ok 1 /p' |
	sed -e '1d' -e '$d' -e 's/^# \{0,1\}//' |
	grep -v -e '^Random seed' -e '^step_demo: [0-9]*s$'
grep -q '^ok 1 ' "$LOG" || { echo "demo: step_demo failed; see $LOG" >&2; exit 1; }
