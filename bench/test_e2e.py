"""Tests of the end-to-end test's judgement (bench/e2e/run.py) on made-up
gdb sessions: where steps must stay in the loop, and where they must show
the problem."""

import importlib.util
import os
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
spec = importlib.util.spec_from_file_location('e2e_run', os.path.join(HERE, 'e2e', 'run.py'))
run = importlib.util.module_from_spec(spec)
spec.loader.exec_module(run)

LOOP, HANDLER, VECTORS = 0x40200088, 0x402000ac, 0x40200800
BRANCH = LOOP + 32
PERIOD = 1000


def session(pcs, ticks=5, periods=None):
    """@ticks handled while the guest's counter advanced @periods periods."""
    periods = ticks if periods is None else periods
    return {'pcs': pcs, 'ticks_before': 10, 'ticks_after': 10 + ticks,
            'counter_before': 5000, 'counter_after': 5000 + int(periods * PERIOD),
            'period': PERIOD, 'start': BRANCH,
            'loop': LOOP, 'irq_handler': HANDLER, 'vectors': VECTORS}


def clean(n):
    """n steps from the branch back, through the loop."""
    pcs, pc = [], BRANCH
    for _ in range(n):
        pc = LOOP if pc == BRANCH else pc + 4
        pcs.append(pc)
    return pcs


def with_interrupts(n, k):
    """n steps in the loop, each of k interrupts landing one on the vector,
    then stepping through the handler."""
    pcs = clean(n)
    for i in range(k):
        at = 3 + i * 7
        pcs[at:at] = [VECTORS + 0x280] + [HANDLER + 4 * j for j in range(3)]
    return pcs


class Judge(unittest.TestCase):
    def setUp(self):
        run.STEPS = 20

    def test_clean_session_passes_where_stepped_over(self):
        for sess, policy in (('qemu', 'always'), ('qemu-blockirq-shim', 'flag')):
            ok, _, figures = run.judge(sess, policy, session(clean(20)))
            self.assertTrue(ok, figures)
            self.assertIn('0 outside the loop', figures)

    def test_vector_fails_where_stepped_over(self):
        pcs = clean(20)
        pcs[7:] = [VECTORS + 0x280, HANDLER] + pcs[7:18]
        ok, _, figures = run.judge('qemu', 'always', session(pcs))
        self.assertFalse(ok)
        self.assertIn('step 8', figures)

    def test_handler_must_run_once_per_period(self):
        for ticks, periods, good in ((0, 5, False), (3, 5, False), (4, 5, True),
                                     (6, 5, True), (7, 5, False), (5, 5.9, True),
                                     (5, 6.1, False)):
            ok, _, figures = run.judge('qemu', 'always',
                                       session(clean(20), ticks, periods))
            self.assertEqual(ok, good, figures)

    def test_too_few_periods_judge_nothing(self):
        ok, expect, _ = run.judge('qemu', 'always', session(clean(20), 2, 2))
        self.assertFalse(ok)
        self.assertIn('timer periods', expect)

    def test_every_step_counted(self):
        ok, _, _ = run.judge('qemu', 'always', session(clean(19)))
        self.assertFalse(ok)

    def test_default_policy_must_show_the_problem(self):
        ok, _, _ = run.judge('qemu', 'flag', session(clean(20)))
        self.assertFalse(ok)
        # Two handler runs, each entered from the vector: enough for 2 or 3
        # periods, not for 4
        for periods, good in ((2, True), (3.5, True), (4, False)):
            ok, expect, figures = run.judge('qemu', 'flag',
                                            session(with_interrupts(20, 2), 2, periods))
            self.assertEqual(ok, good, f'{expect}: {figures}')
        self.assertIn('2 on the IRQ vector', figures)
        # More runs than periods is what QEMU does, but each needs its step
        ok, _, figures = run.judge('qemu', 'flag', session(with_interrupts(20, 2), 3, 0.5))
        self.assertTrue(ok, figures)
        ok, _, figures = run.judge('qemu', 'flag', session(with_interrupts(20, 2), 4, 0.5))
        self.assertFalse(ok, figures)

    def test_no_interrupt_at_all_fails_the_control(self):
        ok, _, figures = run.judge('qemu', 'off', session(clean(20), 0, 0.5))
        self.assertFalse(ok, figures)

    def test_unknown_policy_fails(self):
        ok, _, _ = run.judge('qemu', None, session(clean(20)))
        self.assertFalse(ok)

    def test_off_never_steps_over(self):
        ok, _, _ = run.judge('qemu-blockirq-shim', 'off', session(clean(20)))
        self.assertFalse(ok)


if __name__ == '__main__':
    unittest.main()
