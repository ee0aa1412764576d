// SPDX-License-Identifier: GPL-2.0
/*
 * step_cost - what stepping over interrupts costs, for make bench.
 *
 * A small VMM on the kernel's KVM selftest library. The bench runs it
 * under QEMU with -icount shift=0, where the emulated clock (the host's
 * CLOCK_MONOTONIC here) advances by one nanosecond per instruction the
 * emulated machine executes: times are counts, independent of the load
 * of the machine QEMU runs on.
 *
 * nondebug: a guest with guest debug off makes NR_MMIO MMIO exits to
 *	this VMM, then NR_HVC hypercalls KVM answers itself. Runs on any
 *	kernel, the pristine one included.
 * step:	a guest loop of LOOP_LEN instructions is stepped from its
 *	first instruction to its end, with an SPI raised before the step
 *	after every K instructions retired, by three debuggers: plain
 *	single-steps, KVM_GUESTDBG_BLOCKIRQ, and the same state machine
 *	run by this VMM (vmm_step()). Needs the flag.
 * trace:	the flag's run at the smallest K again, with the kvm
 *	tracepoints on while it steps; the trace is printed for
 *	bench/cost/results.py.
 *
 * Each measurement is a "cost:" line of key=value pairs; each check a
 * KTAP result.
 */
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <time.h>
#include <linux/arm-smccc.h>
#include <linux/stringify.h>

#include "kvm_util.h"
#include "gic.h"
#include "processor.h"
#include "test_util.h"
#include "ucall_common.h"
#include "vgic.h"

#define SPI_INTID	40
#define LOOP_ITERS	200
#define NR_MMIO		20000
#define NR_HVC		20000
#define MAX_STOPS	200000

/* 0: no interrupt. The first non-zero K is also the traced run's. */
static const int intervals[] = { 0, 10, 30, 100, 300, 900 };
#define NR_K		ARRAY_SIZE(intervals)

#define TRACEFS		"/sys/kernel/tracing"

/* The vector table's layout (Arm ARM DDI 0487, D1, "Exception vectors") */
#define VECTOR_TABLE_SIZE	0x800
#define VECTOR_ENTRY_MASK	0x180
#define VECTOR_GROUP_MASK	0x600
#define SPSR_SS			BIT(21)
#define SPSR_M_MASK		0x1fUL		/* M[4] is nRW */
/* DBGBCR<n>_EL1: enabled, unlinked address match of an A64 instruction */
#define DBGBCR_E		BIT(0)
#define DBGBCR_PMC_EL1		(0b01 << 1)
#define DBGBCR_PMC_EL0		(0b10 << 1)
#define DBGBCR_BAS_A64		(0b1111 << 5)
#define DBGBCR_EL1_A64		(DBGBCR_E | DBGBCR_PMC_EL1 | DBGBCR_BAS_A64)
#define DBGBCR_EL0_A64		(DBGBCR_E | DBGBCR_PMC_EL0 | DBGBCR_BAS_A64)
#define TTBR_BADDR		GENMASK_ULL(47, 1)
#define MAX_FOREIGN_HITS	64
#define ESR_EC(esr)		(((esr) >> 26) & 0x3f)
#define EC_BREAKPT_LOW		0x30
#define EC_SOFTSTP_LOW		0x32

static uint64_t nr_handled;

/* See demo/step_demo.c: 7.3's library creates the vGIC itself. */
void test_disable_default_vgic(void) __attribute__((weak));

/* x0 iterations of 7 adds, a subs and a branch: 9 instructions each */
asm("	.pushsection .text, \"ax\"\n"
"cost_loop:\n"
"	add	x1, x1, #1\n"
"	add	x1, x1, #1\n"
"	add	x1, x1, #1\n"
"	add	x1, x1, #1\n"
"	add	x1, x1, #1\n"
"	add	x1, x1, #1\n"
"	add	x1, x1, #1\n"
"	subs	x0, x0, #1\n"
"	b.ne	cost_loop\n"
"cost_loop_end:\n"
"	ret\n"
"	.popsection\n");

extern char cost_loop[], cost_loop_end[], vectors[];
#define ADDR(label)	((uint64_t)(label))

enum debugger { PLAIN, FLAG, VMM, NR_DEBUGGERS };
static const char * const debugger_names[] = { "plain", "flag", "vmm" };

struct cost_run {
	uint64_t stops;		/* where the debugger's user saw the guest */
	uint64_t retired;	/* loop instructions retired */
	uint64_t irqs;		/* SPIs raised */
	uint64_t handled;	/* taken by the guest */
	uint64_t user_exits;	/* KVM_RUN returns */
	uint64_t ioctls;	/* vcpu ioctls made to step */
	uint64_t guest_exits;	/* the vcpu's "exits" stat */
	uint64_t entries;	/* "step_over_entries" */
	uint64_t foreign;	/* "step_over_foreign_hits" */
	uint64_t ns;		/* emulated time spent stepping */
	uint64_t *pcs;
};

static uint64_t nr_ioctls, nr_runs;

/* Every vcpu ioctl of the stepping loop goes through here, counted. */
static void cost_ioctl(struct kvm_vcpu *vcpu, unsigned long req, void *arg)
{
	int ret;

	nr_ioctls++;
	nr_runs += req == KVM_RUN;
	ret = ioctl(vcpu->fd, req, arg);
	TEST_ASSERT(!ret, "vcpu ioctl 0x%lx failed: %d (errno %d)", req, ret, errno);
}

static uint64_t get_reg(struct kvm_vcpu *vcpu, uint64_t id)
{
	uint64_t val;
	struct kvm_one_reg reg = { .id = id, .addr = (uint64_t)&val };

	cost_ioctl(vcpu, KVM_GET_ONE_REG, &reg);
	return val;
}

static void set_debug(struct kvm_vcpu *vcpu, uint32_t control, uint64_t bvr,
		      uint64_t bcr)
{
	struct kvm_guest_debug debug = {
		.control = control,
		.arch.dbg_bvr[0] = bvr,
		.arch.dbg_bcr[0] = bcr,
	};

	cost_ioctl(vcpu, KVM_SET_GUEST_DEBUG, &debug);
}

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000ULL + ts.tv_nsec;
}

/* A vcpu statistic by name (binary stats, KVM_GET_STATS_FD); 0 if absent */
static uint64_t vcpu_stat(struct kvm_vcpu *vcpu, const char *name)
{
	struct kvm_stats_header header;
	struct kvm_stats_desc *descs, *desc;
	uint64_t val = 0;
	int fd, i;

	fd = ioctl(vcpu->fd, KVM_GET_STATS_FD, NULL);
	TEST_ASSERT(fd >= 0, "KVM_GET_STATS_FD");
	read_stats_header(fd, &header);
	descs = read_stats_descriptors(fd, &header);
	for (i = 0; i < header.num_desc; i++) {
		desc = get_stats_descriptor(descs, i, &header);
		if (!strcmp(desc->name, name)) {
			read_stat_data(fd, &header, desc, &val, 1);
			break;
		}
	}
	free(descs);
	close(fd);
	return val;
}

static void guest_irq_handler(struct ex_regs *regs)
{
	unsigned int intid = gic_get_and_ack_irq();

	WRITE_ONCE(nr_handled, nr_handled + 1);
	gic_set_eoi(intid);
}

static struct kvm_vm *create_vm(struct kvm_vcpu **vcpu, void *guest_code)
{
	struct kvm_vm *vm = vm_create_with_one_vcpu(vcpu, guest_code);

	vm_init_descriptor_tables(vm);
	vcpu_init_descriptor_tables(*vcpu);
	vm_install_exception_handler(vm, VECTOR_IRQ_CURRENT, guest_irq_handler);
	if (!test_disable_default_vgic)
		TEST_ASSERT(vgic_v3_setup(vm, 1, 64) >= 0, "no vgic-v3");
	return vm;
}

/* nondebug: MMIO exits, then hypercalls, with guest debug off */

static void guest_nondebug(uint64_t mmio_gva)
{
	struct arm_smccc_res res;
	int i;

	GUEST_SYNC(0);
	for (i = 0; i < NR_MMIO; i++)
		WRITE_ONCE(*(volatile uint64_t *)mmio_gva, i);
	GUEST_SYNC(1);
	for (i = 0; i < NR_HVC; i++)
		smccc_hvc(ARM_SMCCC_VERSION_FUNC_ID, 0, 0, 0, 0, 0, 0, 0, &res);
	GUEST_SYNC(2);
	GUEST_DONE();
}

static void test_nondebug(void)
{
	uint64_t t[3], mmio = 0, hvc0 = 0, hvc, gpa;
	struct kvm_vcpu *vcpu;
	struct kvm_vm *vm;
	struct ucall uc;

	vm = create_vm(&vcpu, guest_nondebug);
	/* The top page of the IPA space: no memslot there, identity-mapped */
	gpa = vm->max_gfn << vm->page_shift;
	virt_map(vm, gpa, gpa, 1);
	vcpu_args_set(vcpu, 1, gpa);

	for (;;) {
		vcpu_run(vcpu);
		if (vcpu->run->exit_reason == KVM_EXIT_MMIO &&
		    vcpu->run->mmio.phys_addr == gpa) {
			mmio++;
			continue;
		}
		switch (get_ucall(vcpu, &uc)) {
		case UCALL_SYNC:
			TEST_ASSERT(uc.args[1] < ARRAY_SIZE(t), "SYNC %lu", uc.args[1]);
			/* The stats fd is read outside the timed windows */
			if (uc.args[1] == 1)
				hvc0 = vcpu_stat(vcpu, "hvc_exit_stat");
			t[uc.args[1]] = now_ns();
			continue;
		case UCALL_DONE:
			break;
		case UCALL_ABORT:
			REPORT_GUEST_ASSERT(uc);
		default:
			TEST_FAIL("Unexpected exit %d", vcpu->run->exit_reason);
		}
		break;
	}
	hvc = vcpu_stat(vcpu, "hvc_exit_stat") - hvc0;
	kvm_vm_free(vm);

	printf("cost: nondebug kind=mmio n=%lu ns=%lu\n", mmio, t[1] - t[0]);
	printf("cost: nondebug kind=hvc n=%lu ns=%lu\n", hvc, t[2] - t[1]);
	ksft_test_result(mmio == NR_MMIO, "nondebug_mmio: %lu exits\n", mmio);
	ksft_test_result(hvc == NR_HVC, "nondebug_hvc: %lu hypercalls\n", hvc);
}

/* trace: the tracepoints of the series and KVM's exit tracepoints */

static const char * const trace_events[] = {
	"kvm/kvm_exit", "kvm/kvm_userspace_exit",
	"kvm/kvm_arm_step_over", "kvm/kvm_arm_step_over_ignored",
};

static void tracefs_write(const char *file, const char *val)
{
	char path[256];
	int fd;

	snprintf(path, sizeof(path), TRACEFS "/%s", file);
	fd = open(path, O_WRONLY | O_TRUNC);
	TEST_ASSERT(fd >= 0, "open %s", path);
	TEST_ASSERT(write(fd, val, strlen(val)) == strlen(val), "write %s", path);
	close(fd);
}

static void trace_begin(void)
{
	char file[128];
	int i;

	mount("tracefs", TRACEFS, "tracefs", 0, NULL);	/* EBUSY if it is */
	tracefs_write("tracing_on", "0");
	tracefs_write("buffer_size_kb", "8192");
	tracefs_write("trace", "");
	for (i = 0; i < ARRAY_SIZE(trace_events); i++) {
		snprintf(file, sizeof(file), "events/%s/enable", trace_events[i]);
		tracefs_write(file, "1");
	}
	tracefs_write("tracing_on", "1");
}

static void trace_stop(void)
{
	tracefs_write("tracing_on", "0");
}

/* Print the trace; false if the buffer lost events. */
static bool trace_print(void)
{
	unsigned long in_buffer = 0, written = 1;
	char line[512];
	FILE *f;

	f = fopen(TRACEFS "/trace", "r");
	TEST_ASSERT(f, "open " TRACEFS "/trace");
	while (fgets(line, sizeof(line), f)) {
		if (line[0] != '#')
			printf("cost-trace: %s", line);
		else
			sscanf(line, "# entries-in-buffer/entries-written: %lu/%lu",
			       &in_buffer, &written);
	}
	fclose(f);
	tracefs_write("events/enable", "0");
	tracefs_write("trace", "");
	return in_buffer == written;
}

/* step: the loop, three debuggers */

static void guest_step(void)
{
	gic_init(GIC_V3, 1);
	gic_irq_set_config(SPI_INTID, true);
	gic_irq_enable(SPI_INTID);
	local_irq_enable();
	GUEST_SYNC(0);

	asm volatile("mov	x0, #" __stringify(LOOP_ITERS) "\n\t"
		     "bl	cost_loop" ::: "x0", "x1", "x30", "memory", "cc");
	GUEST_DONE();
}

static bool in_loop(uint64_t pc)
{
	return pc >= ADDR(cost_loop) && pc < ADDR(cost_loop_end);
}

/* Run until the vcpu stops for the debugger; the PC it stopped at. */
static uint64_t run_to_debug(struct kvm_vcpu *vcpu, uint32_t ec)
{
	cost_ioctl(vcpu, KVM_RUN, NULL);
	TEST_ASSERT_EQ(vcpu->run->exit_reason, KVM_EXIT_DEBUG);
	TEST_ASSERT_EQ(ESR_EC(vcpu->run->debug.arch.hsr), ec);
	return get_reg(vcpu, ARM64_CORE_REG(regs.pc));
}

static uint64_t context_sp(struct kvm_vcpu *vcpu, uint64_t spsr)
{
	/* EL1h runs on SP_EL1; EL1t and EL0 on SP_EL0 */
	if ((spsr & SPSR_M_MASK) == PSR_MODE_EL1h)
		return get_reg(vcpu, ARM64_CORE_REG(sp_el1));
	return get_reg(vcpu, ARM64_CORE_REG(regs.sp));
}

static uint64_t vector_group(uint64_t spsr)
{
	switch (spsr & SPSR_M_MASK) {
	case PSR_MODE_EL1t:
		return 0x000;
	case PSR_MODE_EL1h:
		return 0x200;
	case PSR_MODE_EL0t:
		return 0x400;
	default:
		return 0x600;	/* AArch32 */
	}
}

/*
 * What a VMM author would do without the flag: a step that stops at the
 * IRQ, FIQ or SError entry of VBAR_EL1 for the context it stepped from
 * is taken for an interrupt. Breakpoint on ELR_EL1 at the EL in SPSR_EL1,
 * run the handler unstepped, and check the hit is in the interrupted
 * context (EL, stack pointer, and TTBR0_EL1 at EL0); a hit elsewhere
 * steps one instruction and waits again. Back in the context, step the
 * interrupted instruction, unless SPSR_EL1.SS says it had completed.
 */
static uint64_t vmm_step(struct kvm_vcpu *vcpu, uint64_t from)
{
	uint64_t pc = run_to_debug(vcpu, EC_SOFTSTP_LOW);
	uint64_t vbar, off, elr, spsr, sp, ttbr0 = 0, bcr;
	int foreign;

	for (;;) {
		if (pc & 0x7f)
			return pc;
		/* This VMM, like KVM, leaves AArch32 contexts alone */
		vbar = get_reg(vcpu, KVM_ARM64_SYS_REG(SYS_VBAR_EL1));
		off = pc - vbar;
		if (off >= VECTOR_TABLE_SIZE || !(off & VECTOR_ENTRY_MASK))
			return pc;
		elr = get_reg(vcpu, ARM64_CORE_REG(elr_el1));
		spsr = get_reg(vcpu, ARM64_CORE_REG(spsr[KVM_SPSR_EL1]));
		if ((spsr & PSR_MODE32_BIT) ||
		    (off & VECTOR_GROUP_MASK) != vector_group(spsr) ||
		    ((spsr & SPSR_SS) && elr != from))
			return pc;

		sp = context_sp(vcpu, spsr);
		bcr = DBGBCR_EL1_A64;
		if ((spsr & SPSR_M_MASK) == PSR_MODE_EL0t) {
			ttbr0 = get_reg(vcpu, KVM_ARM64_SYS_REG(SYS_TTBR0_EL1)) & TTBR_BADDR;
			bcr = DBGBCR_EL0_A64;
		}
		for (foreign = 0;; foreign++) {
			TEST_ASSERT(foreign < MAX_FOREIGN_HITS, "%d foreign hits at 0x%lx",
				    foreign, elr);
			set_debug(vcpu, KVM_GUESTDBG_ENABLE | KVM_GUESTDBG_USE_HW,
				  elr, bcr);
			pc = run_to_debug(vcpu, EC_BREAKPT_LOW);
			TEST_ASSERT_EQ(pc, elr);
			if ((get_reg(vcpu, ARM64_CORE_REG(regs.pstate)) & SPSR_M_MASK) ==
			    (spsr & SPSR_M_MASK) && context_sp(vcpu, spsr) == sp &&
			    (!ttbr0 || (get_reg(vcpu, KVM_ARM64_SYS_REG(SYS_TTBR0_EL1)) &
					TTBR_BADDR) == ttbr0))
				break;
			/* Another context runs this code: one step past it */
			set_debug(vcpu, KVM_GUESTDBG_ENABLE | KVM_GUESTDBG_SINGLESTEP, 0, 0);
			run_to_debug(vcpu, EC_SOFTSTP_LOW);
		}
		set_debug(vcpu, KVM_GUESTDBG_ENABLE | KVM_GUESTDBG_SINGLESTEP, 0, 0);
		if (!(spsr & SPSR_SS))
			return elr;
		from = elr;
		pc = run_to_debug(vcpu, EC_SOFTSTP_LOW);
	}
}

/* Step the loop from its start to its end; @traced: with the tracepoints */
static void step_loop(enum debugger dbg, int k, struct cost_run *r, bool traced)
{
	uint32_t control = KVM_GUESTDBG_ENABLE | KVM_GUESTDBG_SINGLESTEP;
	uint64_t pc, from, raised_for = 0, exits, entries, foreign, ioctls, runs, t;
	uint64_t *pcs = r->pcs, *handled;
	struct kvm_vcpu *vcpu;
	struct kvm_vm *vm;

	*r = (struct cost_run){ .pcs = pcs };
	vm = create_vm(&vcpu, guest_step);
	handled = addr_gva2hva(vm, (uint64_t)&nr_handled);

	/*
	 * Run to the loop, as "break cost_loop; continue" would, with one SPI
	 * on the way once the guest can take it (GUEST_SYNC), so that the
	 * stage-2 faults of the handler's first run are not counted against
	 * the interrupts of the loop.
	 */
	set_debug(vcpu, KVM_GUESTDBG_ENABLE | KVM_GUESTDBG_USE_HW,
		  ADDR(cost_loop), DBGBCR_EL1_A64);
	vcpu_run(vcpu);
	TEST_ASSERT_EQ(get_ucall(vcpu, NULL), UCALL_SYNC);
	kvm_arm_irq_line(vm, SPI_INTID, 1);
	kvm_arm_irq_line(vm, SPI_INTID, 0);
	pc = run_to_debug(vcpu, EC_BREAKPT_LOW);
	TEST_ASSERT_EQ(pc, ADDR(cost_loop));
	TEST_ASSERT_EQ(*handled, 1);

	if (dbg == FLAG)
		control |= KVM_GUESTDBG_BLOCKIRQ;
	set_debug(vcpu, control, 0, 0);

	exits = vcpu_stat(vcpu, "exits");
	entries = vcpu_stat(vcpu, "step_over_entries");
	foreign = vcpu_stat(vcpu, "step_over_foreign_hits");
	ioctls = nr_ioctls;
	runs = nr_runs;
	if (traced)
		trace_begin();
	while (pc != ADDR(cost_loop_end)) {
		TEST_ASSERT(r->stops < MAX_STOPS, "%lu steps and counting", r->stops);
		if (k && r->retired && !(r->retired % k) && raised_for != r->retired) {
			/* A device interrupt, between two steps: not counted */
			kvm_arm_irq_line(vm, SPI_INTID, 1);
			kvm_arm_irq_line(vm, SPI_INTID, 0);
			raised_for = r->retired;
			r->irqs++;
		}
		from = pc;
		t = now_ns();
		if (dbg == VMM)
			pc = vmm_step(vcpu, from);
		else
			pc = run_to_debug(vcpu, EC_SOFTSTP_LOW);
		r->ns += now_ns() - t;
		r->pcs[r->stops++] = pc;
		/* Executed, not interrupted: the step did not stop in VBAR_EL1 */
		if (in_loop(from) && pc - ADDR(vectors) >= VECTOR_TABLE_SIZE)
			r->retired++;
	}
	if (traced)
		trace_stop();
	r->ioctls = nr_ioctls - ioctls;
	r->user_exits = nr_runs - runs;
	r->guest_exits = vcpu_stat(vcpu, "exits") - exits;
	r->entries = vcpu_stat(vcpu, "step_over_entries") - entries;
	r->foreign = vcpu_stat(vcpu, "step_over_foreign_hits") - foreign;
	r->handled = *handled - 1;
	kvm_vm_free(vm);
}

static void print_run(const char *what, enum debugger dbg, int k,
		      const struct cost_run *r)
{
	printf("cost: %s debugger=%s k=%d stops=%lu retired=%lu irqs=%lu handled=%lu",
	       what, debugger_names[dbg], k, r->stops, r->retired, r->irqs, r->handled);
	printf(" user_exits=%lu ioctls=%lu guest_exits=%lu entries=%lu foreign=%lu ns=%lu\n",
	       r->user_exits, r->ioctls, r->guest_exits, r->entries, r->foreign, r->ns);
}

/* The debugger's user saw the same stops as without interrupts */
static bool same_stops(const struct cost_run *r, const struct cost_run *ref)
{
	return r->stops == ref->stops &&
	       !memcmp(r->pcs, ref->pcs, r->stops * sizeof(r->pcs[0]));
}

static void test_step(int i, struct cost_run runs[NR_DEBUGGERS][NR_K],
		      uint64_t loop_len)
{
	struct cost_run *ref = &runs[PLAIN][0];
	int k = intervals[i];
	bool ok = true;
	int d;

	for (d = 0; d < NR_DEBUGGERS; d++) {
		struct cost_run *r = &runs[d][i];

		r->pcs = malloc(MAX_STOPS * sizeof(r->pcs[0]));
		TEST_ASSERT(r->pcs, "malloc");
		step_loop(d, k, r, false);
		print_run("step", d, k, r);
		if (r->retired != loop_len || r->handled != r->irqs ||
		    (k && !r->irqs)) {
			ksft_print_msg("step_k%d: %s: %lu of %lu retired, %lu of %lu SPIs taken\n",
				       k, debugger_names[d], r->retired, loop_len,
				       r->handled, r->irqs);
			ok = false;
		}
		if (d != PLAIN && !same_stops(r, ref)) {
			ksft_print_msg("step_k%d: %s: %lu stops, not the %lu without interrupts\n",
				       k, debugger_names[d], r->stops, ref->stops);
			ok = false;
		}
	}
	if (runs[FLAG][i].entries != runs[FLAG][i].irqs) {
		ksft_print_msg("step_k%d: %lu SPIs, %lu stepped over\n", k,
			       runs[FLAG][i].irqs, runs[FLAG][i].entries);
		ok = false;
	}
	ksft_test_result(ok, "step_k%d\n", k);
}

int main(void)
{
	static struct cost_run runs[NR_DEBUGGERS][NR_K];
	struct cost_run traced = {};
	uint64_t loop_len;
	bool blockirq, complete;
	int i, d;

	ksft_print_header();
	blockirq = kvm_check_cap(KVM_CAP_SET_GUEST_DEBUG2) & KVM_GUESTDBG_BLOCKIRQ;
	ksft_set_plan(2 + NR_K + 1);

	test_nondebug();

	loop_len = LOOP_ITERS * (ADDR(cost_loop_end) - ADDR(cost_loop)) / 4;
	printf("cost: loop len=%lu\n", loop_len);
	if (!blockirq) {
		/* Plain stepping, without interrupts, to compare with the flag's kernel */
		runs[PLAIN][0].pcs = malloc(MAX_STOPS * sizeof(uint64_t));
		TEST_ASSERT(runs[PLAIN][0].pcs, "malloc");
		step_loop(PLAIN, 0, &runs[PLAIN][0], false);
		print_run("step", PLAIN, 0, &runs[PLAIN][0]);
		ksft_test_result(runs[PLAIN][0].retired == loop_len, "step_k0: plain only\n");
		for (i = 1; i < NR_K; i++)
			ksft_test_result_skip("step_k%d: no KVM_GUESTDBG_BLOCKIRQ\n",
					      intervals[i]);
		ksft_test_result_skip("trace: no KVM_GUESTDBG_BLOCKIRQ\n");
		ksft_finished();
	}

	for (i = 0; i < NR_K; i++)
		test_step(i, runs, loop_len);

	traced.pcs = runs[FLAG][1].pcs;
	step_loop(FLAG, intervals[1], &traced, true);
	complete = trace_print();
	print_run("traced", FLAG, intervals[1], &traced);
	ksft_test_result(complete && traced.retired == loop_len,
			 "trace: %s\n", complete ? "complete" : "events lost");
	for (i = 0; i < NR_K; i++)
		for (d = 0; d < NR_DEBUGGERS; d++)
			free(runs[d][i].pcs);
	ksft_finished();
}
