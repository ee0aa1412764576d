// SPDX-License-Identifier: GPL-2.0
/*
 * The end-to-end test's guest: bare metal at EL1 on QEMU's virt board with
 * a GICv3, under KVM.  It enables its virtual timer's interrupt, then runs
 * a block of known instructions forever while the timer fires every
 * "period" counts; the handler counts the interrupts in "ticks".  gdb steps
 * the loop and reads "ticks".
 *
 * The timer fires at fixed deadlines (CVAL advances by "period" at each
 * tick), so the number of ticks handled between two reads of the counter
 * is the number of periods between them, give or take one, however late
 * each interrupt was taken.  The loop reads the virtual counter into x8:
 * gdb compares the ticks with that, the guest's own clock, since QEMU
 * stops the virtual counter while gdb holds the VM.
 *
 * x1-x8 belong to the loop, x9-x12 to the handler, so neither needs a
 * stack.  The MMU is off, so "ticks" is written uncached; QEMU reads it
 * through its cacheable mapping, which is coherent under TCG and on hosts
 * with FEAT_S2FWB, the only ones this runs on.
 */
#define GICD		0x08000000	/* virt board: distributor */
#define GICR		0x080a0000	/* redistributor of CPU 0 */
#define GICD_CTLR_ARE	(1 << 4)	/* one security state (DS == 1) */
#define GICD_CTLR_ENGRP1	(1 << 1)
#define GICR_WAKER	0x0014
#define GICR_SGI	0x10000		/* SGI_base frame */
#define GICR_IGROUPR0	0x0080
#define GICR_ISENABLER0	0x0100
#define GICR_IPRIORITYR	0x0400
#define VTIMER_INTID	27		/* the virtual timer's PPI */
#define ICC_IAR1_EL1	S3_0_C12_C12_0
#define ICC_EOIR1_EL1	S3_0_C12_C12_1
#define ICC_PMR_EL1	S3_0_C4_C6_0
#define ICC_IGRPEN1_EL1	S3_0_C12_C12_7
#define ICC_SRE_EL1	S3_0_C12_C12_5
/*
 * The timer fires every CNTFRQ_EL0 >> TICK_SHIFT counts: 125ms at 62.5MHz.
 * Under QEMU's TCG, with KVM in the emulated EL2, a plain step takes about
 * 2ms of the guest's counter and a stepped-over interrupt 12ms: the period
 * must leave time to step through the handler (13 steps) before the next
 * deadline, even on a host twice as slow, or the steps would never leave
 * the handler.
 */
#define TICK_SHIFT	3

	.section .text.boot, "ax"
	.globl	_start
_start:
	adr	x0, vectors
	msr	vbar_el1, x0
	isb

	/* Distributor: affinity routing, group 1 on */
	ldr	x0, =GICD
	mov	w1, #(GICD_CTLR_ARE | GICD_CTLR_ENGRP1)
	str	w1, [x0]

	/* Redistributor: wake it, then the timer's PPI in group 1, enabled */
	ldr	x0, =GICR
	ldr	w1, [x0, #GICR_WAKER]
	bic	w1, w1, #(1 << 1)		/* ProcessorSleep */
	str	w1, [x0, #GICR_WAKER]
1:	ldr	w1, [x0, #GICR_WAKER]
	tbnz	w1, #2, 1b			/* ChildrenAsleep */
	add	x0, x0, #GICR_SGI
	mov	w1, #(1 << VTIMER_INTID)
	str	w1, [x0, #GICR_IGROUPR0]
	mov	w2, #0x80
	strb	w2, [x0, #(GICR_IPRIORITYR + VTIMER_INTID)]
	str	w1, [x0, #GICR_ISENABLER0]

	/* CPU interface: system registers, all priorities, group 1 on */
	mrs	x0, ICC_SRE_EL1
	orr	x0, x0, #1
	msr	ICC_SRE_EL1, x0
	isb
	mov	x0, #0xff
	msr	ICC_PMR_EL1, x0
	mov	x0, #1
	msr	ICC_IGRPEN1_EL1, x0
	isb

	/* The first tick, then interrupts on */
	mrs	x0, cntfrq_el0
	lsr	x0, x0, #TICK_SHIFT
	adr	x1, period
	str	x0, [x1]
	mrs	x1, cntvct_el0
	add	x1, x1, x0
	msr	cntv_cval_el0, x1
	mov	x0, #1				/* ENABLE */
	msr	cntv_ctl_el0, x0
	isb
	msr	daifclr, #2

	/* What gdb steps: seven adds, a read of the counter and a branch */
	.globl	loop
loop:
	add	x1, x1, #1
	add	x2, x2, #2
	add	x3, x3, #3
	add	x4, x4, #4
	add	x5, x5, #5
	add	x6, x6, #6
	add	x7, x7, #7
	mrs	x8, cntvct_el0
	b	loop

	.globl	irq_handler
irq_handler:
	mrs	x9, ICC_IAR1_EL1
	cmp	x9, #VTIMER_INTID
	b.ne	1f
	adr	x10, ticks
	ldr	x11, [x10]
	add	x11, x11, #1
	str	x11, [x10]
	ldr	x12, [x10, #8]			/* period */
	mrs	x11, cntv_cval_el0
	add	x11, x11, x12
	msr	cntv_cval_el0, x11
1:	msr	ICC_EOIR1_EL1, x9
	eret

	/* Anything but an IRQ from EL1 is a bug: park there for gdb to see */
	.globl	unexpected
unexpected:
	b	unexpected

	.balign	2048
	.globl	vectors
vectors:
	.rept	4				/* EL1 with SP_EL0 */
	b	unexpected
	.balign	0x80
	.endr
	b	unexpected			/* EL1 with SP_ELx: sync */
	.balign	0x80
	b	irq_handler			/* IRQ, at vectors+0x280 */
	.balign	0x80
	.rept	10				/* FIQ, SError, lower ELs */
	b	unexpected
	.balign	0x80
	.endr

	.data
	.balign	8
	.globl	ticks
ticks:	.quad	0
	.globl	period				/* right after ticks */
period:	.quad	0
