#!/bin/bash
# See the feature: boot the patched kernel in VHE with only the step-over
# selftest, and show what it found.  Builds what is missing first.
set -euo pipefail
base=${1:?usage: demo.sh <base>}
cd "$(dirname "$0")/.."
export INITRAMFS=build/out-$base/demo.cpio.gz LOG=build/logs/demo-$base.log

ONLY=step_over_irq_test bench/make-initramfs.sh "$base" >/dev/null
bench/boot.sh "$base" vhe >/dev/null
grep -q '^ok .*step_over_irq_test' "$LOG" || {
	echo "demo: the selftest did not pass; see $LOG" >&2
	exit 1
}

cat <<'TEXT'

A VMM single-steps guest code while interrupts fire: SPIs it raises with
KVM_IRQ_LINE between two steps, the guest's own virtual timer, and SGIs
from a second vcpu.

1. Without KVM_GUESTDBG_BLOCKIRQ, the step after an interrupt lands on the
   guest's IRQ vector (for code on SP_EL1, on SP_EL0 and at EL0):
TEXT
sed -n 's/^# \(ok [0-9]* baseline_.*\)/     \1/p' "$LOG"
cat <<'TEXT'

2. With it, every step lands on the next instruction, checked against the
   architecture, while the guest's handler runs in between:
TEXT
sed -n 's/^# # \(.*\)/     \1/p' "$LOG"
cat <<'TEXT'

3. The corner cases:
TEXT
sed -n 's/^# \(ok [0-9]* .*\)/     \1/p' "$LOG" | grep -v baseline_
echo
echo "Full console log: $LOG"
