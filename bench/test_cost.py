#!/usr/bin/env python3
"""Tests of bench/cost/results.py against recorded and hand-made logs."""
import os
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(__file__), 'cost'))
import results  # noqa: E402

DATA = os.path.join(os.path.dirname(__file__), 'testdata')
LOGS = [os.path.join(DATA, f'bench-7.3-{kernel}-{n}.log')
        for n in (1, 2) for kernel in ('pristine', 'patched')]


def exit_line(ts, ec, name, pc, kind='TRAP'):
    return (f'       step_cost-57      [000] ...1.     {ts}: kvm_exit: '
            f'{kind}: HSR_EC: 0x{ec:04x} ({name}), PC: 0x{pc:016x}')


def move_line(ts, pc, src, dst):
    return (f'       step_cost-57      [000] .....     {ts}: kvm_arm_step_over: '
            f'PC: 0x{pc:016x}, {src} -> {dst}')


def user_line(ts):
    return (f'       step_cost-57      [000] .....     {ts}: kvm_userspace_exit: '
            'reason KVM_EXIT_DEBUG (4)')


VECTOR, RET = 0x489a80, 0x400c60


class Classify(unittest.TestCase):
    def test_ss1(self):
        """Interrupt before the step: vector, return breakpoint, the step."""
        trace = [exit_line('1.000001', 0x32, 'SOFTSTP_LOW', VECTOR),
                 move_line('1.000002', VECTOR, 'stepping', 'handler'),
                 exit_line('1.000003', 0x30, 'BREAKPT_LOW', RET),
                 move_line('1.000004', RET, 'handler', 'stepping'),
                 exit_line('1.000005', 0x32, 'SOFTSTP_LOW', RET + 4),
                 user_line('1.000006')]
        c = results.classify(trace)
        self.assertEqual(c['irqs'], 1)
        self.assertEqual(c['user'], 1)
        self.assertEqual(c['counts']['vector entry'], 1)
        self.assertEqual(c['counts']['return breakpoint'], 1)
        self.assertEqual(sum(c['counts'].values()), 2)
        self.assertEqual(c['ss0'], 0)

    def test_ss0_foreign_and_host_irq(self):
        """SS == 0: the exit after the return, at the return address, is
        userspace's, counted apart; a foreign hit is two exits; a host IRQ
        in the handler and a stage-2 fault count against the interrupt."""
        trace = [exit_line('1.1', 0x32, 'SOFTSTP_LOW', VECTOR),
                 move_line('1.1', VECTOR, 'stepping', 'handler'),
                 exit_line('1.2', 0, 'UNKNOWN', 0x1234, kind='IRQ'),
                 exit_line('1.3', 0x24, 'DABT_LOW', 0x1238),
                 exit_line('1.4', 0x30, 'BREAKPT_LOW', RET),
                 move_line('1.4', RET, 'handler', 'foreign'),
                 exit_line('1.5', 0x32, 'SOFTSTP_LOW', RET + 4),
                 move_line('1.5', RET + 4, 'foreign', 'handler'),
                 exit_line('1.6', 0x30, 'BREAKPT_LOW', RET),
                 move_line('1.6', RET, 'handler', 'stepping'),
                 exit_line('1.7', 0x32, 'SOFTSTP_LOW', RET),
                 user_line('1.7'),
                 # an ordinary step, and a host interrupt during it
                 exit_line('1.8', 0, 'UNKNOWN', RET, kind='IRQ'),
                 exit_line('1.9', 0x32, 'SOFTSTP_LOW', RET + 4),
                 user_line('1.9')]
        c = results.classify(trace)
        self.assertEqual(c['irqs'], 1)
        self.assertEqual(c['user'], 2)
        self.assertEqual(c['outside'], 1)
        self.assertEqual(c['ss0'], 1)
        self.assertEqual(c['counts'], {
            'vector entry': 1, 'return breakpoint': 1, 'foreign hits': 2,
            'host interrupts': 1, 'other': 1})
        self.assertEqual(c['kinds'], {'DABT_LOW': 1, 'IRQ': 1})


class Recorded(unittest.TestCase):
    """Four boots of make bench on 7.3, the trace cut to its first 5
    interrupts (the cost lines are whole)."""

    def setUp(self):
        self.runs = []
        for path in LOGS:
            run = results.parse_log(path)
            kernel, n = os.path.basename(path)[len('bench-7.3-'):-4].split('-')
            run.update(kernel=kernel, n=int(n), path=path)
            self.runs.append(run)

    def test_parse(self):
        patched = self.runs[1]
        self.assertEqual(patched['loop'], 1800)
        self.assertEqual(patched['results']['step_k10'], 'ok')
        self.assertEqual(patched['step'][('flag', 10)]['irqs'], 179)
        self.assertEqual(patched['nondebug']['mmio']['n'], 20000)
        pristine = self.runs[0]
        self.assertEqual(list(pristine['step']), [('plain', 0)])
        self.assertEqual(pristine['results']['step_k0'], 'ok')
        self.assertEqual(pristine['results']['step_k10'], 'skip')

    def test_figures(self):
        lines, summary, fig2, fig5 = results.figures(self.runs)
        patched = self.runs[1]
        flag, plain = patched['step'][('flag', 10)], patched['step'][('plain', 10)]
        # Every figure comes from the logged counts, not from a constant
        self.assertAlmostEqual(fig2[10][1], flag['user_exits'] / flag['retired'])
        self.assertAlmostEqual(fig2[10][0], plain['user_exits'] / plain['retired'])
        self.assertEqual(fig2[10][1], 1.0)
        self.assertGreater(fig2[10][0], 1.0)
        c = results.classify(patched['trace'])
        self.assertEqual(summary['exits_per_irq'],
                         f"{sum(c['counts'].values()) / c['irqs']:.2f}")
        self.assertEqual(set(summary), {'exits_per_irq', 'irq_cost_in_steps',
                                        'nondebug_cost_ratio', 'plain_step_ratio',
                                        'vmm_side_ioctls_per_irq', 'step_rate_ratio_k10'})
        # A stepped-over interrupt, in plain steps of the same kernel
        with_irqs, without = patched['step'][('flag', 10)], patched['step'][('flag', 0)]
        added = with_irqs['ns'] - without['ns']
        step = patched['step'][('plain', 0)]
        self.assertEqual(summary['irq_cost_in_steps'],
                         f"{added / with_irqs['irqs'] / (step['ns'] / step['stops']):.2f}")
        # A plain step, patched over pristine: the means of their runs
        mean = {side: sum(r['step'][('plain', 0)]['ns'] / r['step'][('plain', 0)]['stops']
                          for r in self.runs if r['kernel'] == side) /
                sum(r['kernel'] == side for r in self.runs)
                for side in ('patched', 'pristine')}
        self.assertEqual(summary['plain_step_ratio'],
                         f"{mean['patched'] / mean['pristine']:.4f}")
        self.assertLess(fig5[10], 1.0)

    def test_main(self):
        with tempfile.TemporaryDirectory() as out:
            argv = sys.argv
            sys.argv = ['results.py', '7.3'] + LOGS + ['--out', out]
            try:
                from io import StringIO
                from contextlib import redirect_stdout
                buf = StringIO()
                with redirect_stdout(buf):
                    results.main()
            finally:
                sys.argv = argv
            last = buf.getvalue().rstrip('\n').split('\n')[-1]
            self.assertRegex(last, r'^bench: exits_per_irq=\d+\.\d\d '
                             r'irq_cost_in_steps=\d+\.\d\d '
                             r'nondebug_cost_ratio=\d\.\d{4} '
                             r'plain_step_ratio=\d\.\d{4} '
                             r'vmm_side_ioctls_per_irq=[\d.]+ '
                             r'step_rate_ratio_k10=\d\.\d\d$')
            self.assertTrue(os.path.exists(os.path.join(out, 'results.md')))

    def test_splat_is_refused(self):
        with tempfile.TemporaryDirectory() as tmp:
            bad = os.path.join(tmp, 'bench-7.3-pristine-2.log')
            with open(LOGS[2]) as f, open(bad, 'w') as g:
                g.write(f.read().replace('Run /init as init process',
                                         'WARNING: CPU: 0 PID: 1 at x\nRun /init as init process'))
            argv = sys.argv
            sys.argv = ['results.py', '7.3'] + LOGS[:2] + [bad, LOGS[3], '--out', tmp]
            try:
                with self.assertRaises(SystemExit) as e:
                    results.main()
            finally:
                sys.argv = argv
            self.assertIn('incomplete', str(e.exception))

    def test_failed_run_is_refused(self):
        with tempfile.TemporaryDirectory() as tmp:
            bad = os.path.join(tmp, 'bench-7.3-patched-2.log')
            with open(LOGS[3]) as f, open(bad, 'w') as g:
                g.write(f.read().replace('# ok 4 step_k10', '# not ok 4 step_k10'))
            argv = sys.argv
            sys.argv = ['results.py', '7.3'] + LOGS[:3] + [bad, '--out', tmp]
            try:
                with self.assertRaises(SystemExit) as e:
                    results.main()
            finally:
                sys.argv = argv
            self.assertIn('incomplete', str(e.exception))


if __name__ == '__main__':
    unittest.main()
