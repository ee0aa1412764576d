# arm64 KVM: step over interrupts while userspace single-steps a guest.
#
# The patch series in series/<base>/ is the source of truth, one per kernel
# of bench/bases: the first is mainline, where changes are made first, the
# others are its backports.  build/ holds the kernel trees, builds and logs.
#
#   make deps     install the toolchain, QEMU and Debian's kernel source
#   make tree     build/linux-$(BASE): pristine source + the series (git am)
#   make export   regenerate series/$(BASE)/ from build/linux-$(BASE)
#   make check    every base (or BASE=...): build, boot in every KVM mode,
#                 run the selftests and the end-to-end test, check the
#                 backports' drift, report
#   make demo     see the feature: a VMM steps a guest with interrupts firing
#   make demo-gdb see it with Debian's QEMU and gdb (the end-to-end test)
#   make e2e      the end-to-end test alone: gdb-multiarch steps a guest
#                 through Debian's arm64 QEMU, run with KVM in the guest
#   make matrix   the boots of bench/boots too slow for make check (7.3's
#                 protected mode), judged the same way
#   make mutants  each kernel mutant of bench/mutants/ must make
#                 step_over_irq_test fail (not run by make check: time)
#   make pristine-boot  Debian's kernel without the series, make check's
#                 config, booted with the other tests: its console is clean
#   make bench    what it costs: exits per stepped-over interrupt, against
#                 the same state machine in the VMM, and the entry/exit path
#                 with debugging off against the pristine kernel, all in
#                 emulated time (QEMU -icount); build/bench/results.md
#
# BASE defaults to the mainline base; make check runs every base unless
# BASE is given.

BASES := $(shell awk '!/^\#/ && NF { print $$1 }' bench/bases)
ifeq ($(origin BASE),undefined)
CHECK_BASES := $(BASES)
BASE := $(firstword $(BASES))
else
CHECK_BASES := $(BASE)
endif
# The boots of a base at a stage, from bench/boots (which also says what
# each must show): the selftest boots, then the end-to-end ones (e2e-MODE).
boots = $(shell awk -v b=$(1) -v s=$(2) '!/^\#/ && $$1 == b && $$3 == s { print $$2 }' bench/boots)
MODES ?= $(filter-out e2e-%,$(call boots,$(BASE),check))
E2E_MODES ?= $(filter e2e-%,$(call boots,$(BASE),check))
MATRIX_BASES := $(foreach b,$(BASES),$(if $(call boots,$(b),matrix),$(b)))

.PHONY: all deps tree export checkpatch kernel selftests initramfs boot \
	e2e e2e-run report check check-base check-bench drift demo demo-gdb \
	bench matrix matrix-base mutants pristine-boot clean

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

# gdb-multiarch on this machine, Debian's arm64 QEMU with KVM in the guest.
e2e: kernel selftests
	@$(MAKE) --no-print-directory e2e-run

e2e-run:
	@bench/e2e/make-initramfs.sh $(BASE)
	@status=0; for mode in $(E2E_MODES); do \
		bench/e2e/run.py $(BASE) $$mode || status=1; \
	done; exit $$status

report:
	@bench/report.py build/logs --stage check --bases $(CHECK_BASES)

# The boots bench/boots puts under "matrix", per base, then their report.
matrix:
	@status=0; \
	for base in $(MATRIX_BASES); do \
		echo "matrix: === $$base ==="; \
		$(MAKE) --no-print-directory matrix-base BASE=$$base || status=1; \
	done; \
	bench/report.py build/logs --stage matrix --bases $(MATRIX_BASES) || status=1; \
	exit $$status

matrix-base: deps
	@test -d build/linux-$(BASE)/.git || bench/tree.sh $(BASE)
	@$(MAKE) --no-print-directory boot MODES="$(filter-out e2e-%,$(call boots,$(BASE),matrix))"

# Debian's kernel without the series, same config, booted clean or not.
pristine-boot: deps
	@bench/pristine.sh $(BASE)

mutants: deps
	@test -d build/linux-$(BASE)/.git || $(MAKE) --no-print-directory tree
	@$(MAKE) --no-print-directory kernel selftests
	@bench/mutants.py $(BASE)

# Each backport against the mainline series: only the differences its
# cover letter lists.
drift:
	@bench/drift.py

# The bench's own tests: the result parser against recorded logs.
check-bench:
	@python3 -m unittest discover -q -s bench -p 'test_*.py'

# One base: everything up to the boots.  A failing stage stops that base;
# the report then shows what it missed.
check-base: deps
	@test -d build/linux-$(BASE)/.git || bench/tree.sh $(BASE)
	@rm -f $(foreach m,$(MODES) $(E2E_MODES),build/logs/boot-$(BASE)-$(m).log)
	@$(MAKE) --no-print-directory checkpatch
	@$(MAKE) --no-print-directory boot
	@bench/build-demo.sh $(BASE)
	@$(MAKE) --no-print-directory e2e-run

check:
	@$(MAKE) --no-print-directory check-bench
	@status=0; \
	for base in $(CHECK_BASES); do \
		echo "check: === $$base ==="; \
		$(MAKE) --no-print-directory check-base BASE=$$base || status=1; \
	done; \
	$(MAKE) --no-print-directory drift || status=1; \
	$(MAKE) --no-print-directory report || status=1; \
	exit $$status

demo: deps
	@test -d build/linux-$(BASE)/.git || $(MAKE) --no-print-directory tree
	@$(MAKE) --no-print-directory kernel selftests
	@bench/build-demo.sh $(BASE)
	@bench/demo.sh $(BASE)

demo-gdb: deps
	@test -d build/linux-$(BASE)/.git || $(MAKE) --no-print-directory tree
	@$(MAKE) --no-print-directory e2e
	@bench/e2e/show.py $(BASE)

# The VMMs, the patched and the pristine kernels (same config, no debug), then
# bench/cost/run.sh boots each twice.  make check's kernel is not needed.
bench: deps
	@test -d build/linux-$(BASE)/.git || $(MAKE) --no-print-directory tree
	@$(MAKE) --no-print-directory selftests
	@bench/build-demo.sh $(BASE)
	@bench/cost/build.sh $(BASE)
	@bench/cost/run.sh $(BASE)

clean:
	rm -rf build/out-* build/logs build/pristine build/bench
