# arm64 KVM: step over interrupts while userspace single-steps a guest.
#
# The patch series in series/$(BASE)/ is the source of truth; build/ holds
# the kernel tree it is applied to, the builds and the logs.
#
#   make deps     install the toolchain, QEMU and Debian's kernel source
#   make tree     build/linux-$(BASE): pristine source + the series (git am)
#   make export   regenerate series/$(BASE)/ from build/linux-$(BASE)
#   make check    build, boot in every KVM mode, run the selftests, report
#   make demo     see the feature: a VMM steps a guest with interrupts firing

BASE  ?= 6.12
MODES ?= $(shell awk '!/^\#/ && NF { print $$1 }' bench/qemu/modes)

.PHONY: all deps tree export checkpatch kernel selftests initramfs boot \
	report check check-bench demo clean

all: check

deps:
	@bench/deps.sh $(BASE)

tree: deps
	@bench/tree.sh $(BASE)

export:
	@bench/export.sh $(BASE)

checkpatch: build/linux-$(BASE)/.git
	@bench/checkpatch.sh $(BASE)

# The tree is created once; later runs build whatever it holds (make tree
# says when it differs from the series).
build/linux-$(BASE)/.git:
	@$(MAKE) --no-print-directory tree

kernel: build/linux-$(BASE)/.git
	@bench/build-kernel.sh $(BASE)

selftests: build/linux-$(BASE)/.git
	@bench/build-selftests.sh $(BASE)

initramfs: selftests
	@bench/make-initramfs.sh $(BASE)

boot: kernel initramfs
	@for mode in $(MODES); do bench/boot.sh $(BASE) $$mode || exit 1; done

report:
	@bench/report.py build/logs $(BASE) $(MODES)

# The bench's own tests: the result parser against recorded logs.
check-bench:
	@python3 -m unittest discover -q -s bench -p 'test_*.py'

check: deps
	@$(MAKE) --no-print-directory check-bench
	@test -d build/linux-$(BASE)/.git || $(MAKE) --no-print-directory tree
	@$(MAKE) --no-print-directory checkpatch
	@$(MAKE) --no-print-directory boot
	@bench/build-demo.sh $(BASE)
	@$(MAKE) --no-print-directory report

demo: deps
	@test -d build/linux-$(BASE)/.git || $(MAKE) --no-print-directory tree
	@$(MAKE) --no-print-directory kernel selftests
	@bench/build-demo.sh $(BASE)
	@bench/demo.sh $(BASE)

clean:
	rm -rf build/out-* build/logs
