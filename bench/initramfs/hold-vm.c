// SPDX-License-Identifier: GPL-2.0
/*
 * hold-vm: create one KVM VM and keep it until killed.
 *
 * KVM enables the scheduler's preempt notifiers (a static key) when the
 * first VM is created and disables them when the last one is destroyed.
 * A test that creates and destroys one VM at a time toggles the key at
 * every VM. Under the bench's QEMU (TCG, 2 vcpus) a toggle sometimes
 * leaves a task switch in which KVM's sched_in notifier runs without its
 * sched_out, so a vcpu is loaded twice: 7.3's kvm_vcpu_load_debug() then
 * hits KVM_BUG_ON(SYSREGS_ON_CPU) and the VM is dead. Holding one VM for
 * the whole boot keeps the key on, as it is on any host that runs VMs.
 * See README, "Known limits".
 */
#include <fcntl.h>
#include <linux/kvm.h>
#include <stdio.h>
#include <sys/ioctl.h>
#include <unistd.h>

int main(void)
{
	int kvm = open("/dev/kvm", O_RDWR);

	if (kvm < 0 || ioctl(kvm, KVM_CREATE_VM, 0) < 0) {
		perror("hold-vm");
		return 1;
	}
	for (;;)
		pause();
}
