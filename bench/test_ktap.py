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
        self.assertEqual((step_over.subtests_ok, step_over.subtests_failed),
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
        self.assertEqual((result.subtests_ok, result.subtests_failed), (1, 1))

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

    def test_test_output_is_not_a_splat(self):
        log = self.log.replace('# Random seed', '# WARNING: BUG: test says so')
        self.assertEqual(ktap.parse(log).splats, [])

    def test_boot_timeout(self):
        cut = self.log[:self.log.index('ok 2 ')]
        run = ktap.parse(cut + 'boot: vhe: TIMEOUT after 1200s\n')
        problems = ' | '.join(run.problems())
        self.assertIn('timed out', problems)
        self.assertIn('3 of 4 tests reported no result', problems)


if __name__ == '__main__':
    unittest.main()
