// SPDX-License-Identifier: GPL-2.0
/*
 * step_demo - what a debugger user sees when a VMM single-steps an arm64
 * guest while interrupts arrive, without and with KVM_GUESTDBG_BLOCKIRQ.
 *
 * A tiny VMM, built on the kernel's KVM selftest library: the guest runs a
 * block of "add x1, x1, #1"; the VMM stops it at the block with a hardware
 * breakpoint, then single-steps it, raising an SPI before some steps, as a
 * device would. It prints where each step lands, for both settings.
 */
#include <linux/stringify.h>

#include "kvm_util.h"
#include "gic.h"
#include "processor.h"
#include "test_util.h"
#include "ucall_common.h"
#include "vgic.h"

#define SPI_INTID	40
#define NR_STEPS	12
#define NR_ADDS		32

static uint64_t nr_handled;

/*
 * The demo builds against the selftest library of every base. 7.3's gives
 * each VM a vGICv3 with 64 interrupts (this function opts out of it);
 * 6.12's does not have the function, and the VMM creates the vGIC.
 */
void test_disable_default_vgic(void) __attribute__((weak));

asm("	.pushsection .text, \"ax\"\n"
"demo_code:\n"
"	.rept	" __stringify(NR_ADDS) "\n"
"	add	x1, x1, #1\n"
"	.endr\n"
"	ret\n"
"	.popsection\n");

#define ADDR(label)							\
({									\
	uint64_t __a;							\
									\
	asm("adrp	%0, " #label "\n\t"					\
	    "add	%0, %0, :lo12:" #label : "=r"(__a));		\
	__a;								\
})

static void guest_irq_handler(struct ex_regs *regs)
{
	unsigned int intid = gic_get_and_ack_irq();

	WRITE_ONCE(nr_handled, nr_handled + 1);
	gic_set_eoi(intid);
}

static void guest_code(void)
{
	gic_init(GIC_V3, 1);
	gic_irq_set_config(SPI_INTID, true);
	gic_irq_enable(SPI_INTID);
	local_irq_enable();

	asm volatile("bl demo_code" ::: "x1", "x30", "memory");
	GUEST_DONE();
}

static bool raise_before(int step)
{
	return step == 4 || step == 9;
}

/* Step NR_STEPS times from demo_code; the PCs go to @pcs. */
static uint64_t run_demo(uint32_t blockirq, uint64_t *pcs)
{
	struct kvm_guest_debug debug = {
		.control = KVM_GUESTDBG_ENABLE | KVM_GUESTDBG_USE_HW,
		/* Unlinked address match at EL1, A64 (DBGBCR<n>_EL1) */
		.arch.dbg_bvr[0] = ADDR(demo_code),
		.arch.dbg_bcr[0] = (0xf << 5) | (1 << 1) | 1,
	};
	struct kvm_vcpu *vcpu;
	struct kvm_vm *vm;
	struct kvm_one_reg pc = { .id = ARM64_CORE_REG(regs.pc) };
	uint64_t handled;
	int step;

	vm = vm_create_with_one_vcpu(&vcpu, guest_code);
	vm_init_descriptor_tables(vm);
	vcpu_init_descriptor_tables(vcpu);
	vm_install_exception_handler(vm, VECTOR_IRQ_CURRENT, guest_irq_handler);
	if (!test_disable_default_vgic)
		TEST_ASSERT(vgic_v3_setup(vm, 1, 64) >= 0, "no vgic-v3");

	/* Run to the code, as "break demo_code; continue" would */
	vcpu_guest_debug_set(vcpu, &debug);
	vcpu_run(vcpu);
	TEST_ASSERT_EQ(vcpu->run->exit_reason, KVM_EXIT_DEBUG);

	debug.control = KVM_GUESTDBG_ENABLE | KVM_GUESTDBG_SINGLESTEP | blockirq;
	vcpu_guest_debug_set(vcpu, &debug);
	for (step = 1; step <= NR_STEPS; step++) {
		if (raise_before(step)) {
			kvm_arm_irq_line(vm, SPI_INTID, 1);
			kvm_arm_irq_line(vm, SPI_INTID, 0);
		}
		vcpu_run(vcpu);
		TEST_ASSERT_EQ(vcpu->run->exit_reason, KVM_EXIT_DEBUG);
		pc.addr = (uint64_t)&pcs[step];
		vcpu_ioctl(vcpu, KVM_GET_ONE_REG, &pc);
	}

	handled = *(uint64_t *)addr_gva2hva(vm, (uint64_t)&nr_handled);
	kvm_vm_free(vm);
	return handled;
}

static const char *where(uint64_t pc)
{
	uint64_t vectors = ADDR(vectors);

	if (pc >= ADDR(demo_code) && pc <= ADDR(demo_code) + 4 * NR_ADDS)
		return "the next instruction";
	if (pc == vectors + 0x280)
		return "the guest's IRQ vector";
	return "inside the IRQ handler";
}

int main(void)
{
	uint64_t without[NR_STEPS + 1], with[NR_STEPS + 1];
	uint64_t handled_without, handled_with;
	int cap = kvm_check_cap(KVM_CAP_SET_GUEST_DEBUG2);
	int step;

	printf("KVM_CAP_SET_GUEST_DEBUG2: 0x%x, KVM_GUESTDBG_BLOCKIRQ %s\n\n", cap,
	       cap & KVM_GUESTDBG_BLOCKIRQ ? "supported" : "NOT supported");
	if (!(cap & KVM_GUESTDBG_BLOCKIRQ))
		return 1;

	handled_without = run_demo(0, without);
	handled_with = run_demo(KVM_GUESTDBG_BLOCKIRQ, with);

	printf("The VMM single-steps guest code from 0x%lx; an SPI is raised\n"
	       "before the steps marked \"IRQ\". Where each step lands:\n\n",
	       ADDR(demo_code));
	printf("step       without KVM_GUESTDBG_BLOCKIRQ        with KVM_GUESTDBG_BLOCKIRQ\n");
	for (step = 1; step <= NR_STEPS; step++)
		printf("%3d %-4s   0x%lx %-24s   0x%lx %s\n", step,
		       raise_before(step) ? "IRQ" : "", without[step],
		       where(without[step]), with[step], where(with[step]));
	printf("\nThe guest's IRQ handler ran %lu time(s) without the flag, %lu with it.\n",
	       handled_without, handled_with);
	return 0;
}
