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


def session(pcs, ticks=5):
    return {'pcs': pcs, 'ticks_before': 10, 'ticks_after': 10 + ticks,
            'loop': LOOP, 'irq_handler': HANDLER, 'vectors': VECTORS}


def clean(n):
    """n steps from loop+16, through the branch back to loop."""
    pcs, pc = [], LOOP + 16
    for _ in range(n):
        pc = LOOP if pc == LOOP + 32 else pc + 4
        pcs.append(pc)
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

    def test_handler_must_run(self):
        ok, _, _ = run.judge('qemu', 'always', session(clean(20), ticks=0))
        self.assertFalse(ok)

    def test_every_step_counted(self):
        ok, _, _ = run.judge('qemu', 'always', session(clean(19)))
        self.assertFalse(ok)

    def test_default_policy_must_show_the_problem(self):
        ok, _, _ = run.judge('qemu', 'flag', session(clean(20)))
        self.assertFalse(ok)
        pcs = clean(3) + [VECTORS + 0x280, HANDLER, HANDLER + 4] + clean(14)
        ok, _, figures = run.judge('qemu', 'flag', session(pcs))
        self.assertTrue(ok, figures)
        self.assertIn('1 on the IRQ vector', figures)

    def test_unknown_policy_fails(self):
        ok, _, _ = run.judge('qemu', None, session(clean(20)))
        self.assertFalse(ok)

    def test_off_never_steps_over(self):
        ok, _, _ = run.judge('qemu-blockirq-shim', 'off', session(clean(20)))
        self.assertFalse(ok)


if __name__ == '__main__':
    unittest.main()
