// SPDX-License-Identifier: GPL-2.0
/*
 * LD_PRELOAD shim: a VMM that sends KVM_GUESTDBG_BLOCKIRQ itself, as
 * QEMU's generic code does once its copy of the kernel headers defines the
 * flag for arm64: when KVM_CAP_SET_GUEST_DEBUG2 on /dev/kvm reports it,
 * every single-step KVM_SET_GUEST_DEBUG gets the flag.  Nothing else
 * changes.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <sys/ioctl.h>
#include <linux/kvm.h>

int ioctl(int fd, unsigned long request, ...)
{
	static int (*real_ioctl)(int, unsigned long, ...);
	static int announced, reported = -1;
	va_list ap;
	void *arg;

	va_start(ap, request);
	arg = va_arg(ap, void *);
	va_end(ap);

	if (!real_ioctl)
		real_ioctl = (int (*)(int, unsigned long, ...))dlsym(RTLD_NEXT, "ioctl");

	if (request == KVM_SET_GUEST_DEBUG && reported < 0) {
		int kvm = open("/dev/kvm", O_RDWR | O_CLOEXEC);

		reported = kvm >= 0 &&
			   (real_ioctl(kvm, KVM_CHECK_EXTENSION, KVM_CAP_SET_GUEST_DEBUG2) &
			    KVM_GUESTDBG_BLOCKIRQ);
		if (kvm >= 0)
			close(kvm);
	}

	if (request == KVM_SET_GUEST_DEBUG && reported) {
		struct kvm_guest_debug *dbg = arg;

		if (dbg->control & KVM_GUESTDBG_SINGLESTEP) {
			dbg->control |= KVM_GUESTDBG_BLOCKIRQ;
			if (!announced++)
				fprintf(stderr, "blockirq-shim: adding KVM_GUESTDBG_BLOCKIRQ to single-steps\n");
		}
	}
	return real_ioctl(fd, request, arg);
}
