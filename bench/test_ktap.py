"""Tests of the result parser, on console logs recorded from real bench
boots (bench/testdata/) and on variants of them that show each way a run
can go wrong."""

import os
import unittest

import ktap

DATA = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'testdata')


def recorded(name):
    with open(os.path.join(DATA, name), errors='replace') as f:
        return f.read()


class RecordedLogs(unittest.TestCase):
    def test_passing_run(self):
        run = ktap.parse(recorded('vhe-pass.log'))
        self.assertEqual(run.planned, 4)
        self.assertEqual([(r.name, r.status) for r in run.results],
                         [('debug-exceptions', 'ok'), ('vgic_irq', 'ok'),
                          ('step_over_irq_test', 'ok'), ('arch_timer', 'ok')])
        step_over = run.results[2]
        self.assertEqual((step_over.count('ok'), step_over.count('not ok')),
                         (18, 0))
        self.assertTrue(run.finished)
        self.assertEqual(run.problems(), [])

    def test_hyp_panic_at_kvm_init(self):
        run = ktap.parse(recorded('protected-hyp-panic.log'))
        self.assertEqual(run.results, [])
        problems = ' | '.join(run.problems())
        self.assertIn('init did not finish', problems)
        self.assertIn('no test plan', problems)
        self.assertIn('nVHE hyp panic', problems)
        self.assertIn('Kernel panic', problems)


class Variants(unittest.TestCase):
    """The passing log, altered the way a broken kernel or test alters it."""

    def setUp(self):
        self.log = recorded('vhe-pass.log')

    def test_failed_test_and_nested_results(self):
        log = self.log.replace(
            'ok 2 selftests: kvm: vgic_irq',
            '# ok 1 first\n# not ok 2 second\nnot ok 2 selftests: kvm: vgic_irq # exit=1')
        result = ktap.parse(log).results[1]
        self.assertEqual((result.status, result.detail), ('not ok', 'exit=1'))
        self.assertEqual((result.count('ok'), result.count('not ok')), (1, 1))

    def test_skip(self):
        log = self.log.replace('ok 4 selftests: kvm: arch_timer',
                               'ok 4 selftests: kvm: arch_timer # SKIP')
        self.assertEqual(ktap.parse(log).results[3].status, 'skip')

    def test_kernel_warning_fails_a_passing_run(self):
        log = self.log.replace(
            'ok 2 selftests: kvm: vgic_irq',
            'WARNING: CPU: 1 PID: 70 at arch/arm64/kvm/debug.c:120 kvm_arm_setup_debug+0x1c/0x2c\n'
            'ok 2 selftests: kvm: vgic_irq')
        self.assertEqual(len(ktap.parse(log).problems()), 1)

    def test_lockdep_report(self):
        log = self.log.replace(
            'ok 1 selftests: kvm: debug-exceptions',
            'ok 1 selftests: kvm: debug-exceptions\n'
            '============================================\n'
            'WARNING: possible recursive locking detected\n')
        self.assertTrue(ktap.parse(log).splats)

    def test_kernel_report_inside_test_output(self):
        """A kernel message glued onto a test's line is still found."""
        log = self.log.replace(
            '# ok 5 straight_line',
            '# ok 5 straight_lineWARNING: CPU: 0 PID: 80 at arch/arm64/kvm/debug.c:99 x+0x1/0x2')
        self.assertEqual(len(ktap.parse(log).splats), 1)

    def test_rcu_stall_and_detectors(self):
        for report in ('rcu: INFO: rcu_preempt detected stalls on CPUs/tasks:',
                       'rcu: INFO: rcu_sched self-detected stall on CPU',
                       'watchdog: BUG: soft lockup - CPU#1 stuck for 44s! [kworker/1:1:40]',
                       'INFO: task step_over_irq_t:99 blocked for more than 120 seconds.'):
            log = self.log.replace('ok 2 selftests: kvm: vgic_irq',
                                   report + '\nok 2 selftests: kvm: vgic_irq')
            self.assertEqual(len(ktap.parse(log).splats), 1, report)

    def test_cases_kvm_mode_and_times(self):
        run = ktap.parse(self.log)
        self.assertEqual(run.kvm_mode, 'VHE')
        step_over = run.result('step_over_irq_test')
        self.assertEqual(len(step_over.cases), 18)
        self.assertEqual(step_over.cases[0].name, 'blockirq_advertised')
        self.assertEqual(step_over.limit, 600)

    def test_nested_skip_is_a_skip(self):
        log = self.log.replace('# ok 18 sgis_from_other_vcpu',
                               '# ok 18 # SKIP sgis_from_other_vcpu: no second vcpu')
        case = ktap.parse(log).result('step_over_irq_test').cases[17]
        self.assertEqual((case.name, case.status), ('sgis_from_other_vcpu', 'skip'))

    def test_kvm_mode_names(self):
        for line, mode in (('kvm [1]: Hyp nVHE mode initialized successfully', 'Hyp-nVHE'),
                           ('kvm [1]: Protected hVHE mode initialized successfully',
                            'Protected-hVHE'),
                           ('kvm [1]: VHE+NV2 mode initialized successfully', 'VHE+NV2')):
            log = self.log.replace('kvm [1]: VHE mode initialized successfully', line)
            self.assertEqual(ktap.parse(log).kvm_mode, mode)
        log = self.log.replace('kvm [1]: VHE mode initialized successfully',
                               'kvm [1]: error initializing Hyp mode: -22')
        self.assertIsNone(ktap.parse(log).kvm_mode)

    def test_boot_timeout(self):
        cut = self.log[:self.log.index('ok 2 ')]
        run = ktap.parse(cut + 'boot: vhe: TIMEOUT after 1200s\n')
        problems = ' | '.join(run.problems())
        self.assertIn('timed out', problems)
        self.assertIn('3 of 4 tests reported no result', problems)


if __name__ == '__main__':
    unittest.main()
