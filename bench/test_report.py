"""Tests of the report's verdict (bench/report.py) on a recorded boot log
and on variants of it: each way a broken kernel or test could look green."""

import contextlib
import io
import os
import re
import tempfile
import unittest

import report
from test_ktap import recorded

BOOTS = '''# base mode stage kvm policy cases
7.3  vhe  check  VHE  flag  18
7.3  protected  matrix  Protected-hVHE  flag  18
'''


class Verdict(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.TemporaryDirectory()
        self.log = recorded('vhe-pass.log')
        self.skips = ''

    def tearDown(self):
        self.dir.cleanup()

    def run_report(self, log=None, boots=BOOTS):
        top = self.dir.name
        tests = ('aarch64/debug-exceptions 600\naarch64/vgic_irq 300\n'
                 'aarch64/step_over_irq_test 600\narch_timer 300\n')
        for name, text in (('boots', boots), ('skips', self.skips), ('tests', tests),
                           ('boot-7.3-vhe.log', self.log if log is None else log)):
            with open(os.path.join(top, name), 'w') as f:
                f.write(text)
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            status = report.main(top, ['7.3'], 'check', os.path.join(top, 'boots'),
                                 os.path.join(top, 'skips'), os.path.join(top, 'tests'))
        text = out.getvalue()
        m = re.search(r'^(\d+) passed, (\d+) failed$', out.getvalue(), re.M)
        return status, text, int(m.group(1)), int(m.group(2))

    def failures(self, text):
        return [line for line in text.splitlines() if ': FAIL: ' in line]

    def test_passing_boot(self):
        status, text, passed, _ = self.run_report()
        self.assertEqual((status, self.failures(text)), (0, []))
        self.assertEqual(passed, 4)
        self.assertIn('ok (18)', text)

    def test_unexpected_case_skip(self):
        log = self.log.replace('# ok 18 sgis_from_other_vcpu',
                               '# ok 18 # SKIP sgis_from_other_vcpu: no second vcpu')
        status, text, _, _ = self.run_report(log)
        self.assertEqual(status, 1)
        self.assertIn('sgis_from_other_vcpu: skipped, not in expected-skips',
                      ' '.join(self.failures(text)))
        self.assertIn('ok (17, 1 skipped)', text)

    def test_listed_skip_passes_and_stale_entry_fails(self):
        log = self.log.replace('# ok 18 sgis_from_other_vcpu',
                               '# ok 18 # SKIP sgis_from_other_vcpu: no second vcpu')
        self.skips = '7.3 vhe,nvhe step_over_irq_test sgis_from_other_vcpu no.second one vcpu\n'
        self.assertEqual(self.failures(self.run_report(log)[1]), [])
        # The same entry, where the case passed
        failures = self.failures(self.run_report()[1])
        self.assertEqual(len(failures), 1)
        self.assertIn('stale entry', failures[0])
        # ... or where no such case is reported at all
        self.skips = '* vhe step_over_irq_test renamed_case . gone\n'
        self.assertIn('not reported (stale entry)', self.failures(self.run_report()[1])[0])

    def test_entry_for_another_mode_does_not_cover(self):
        log = self.log.replace('# ok 18 sgis_from_other_vcpu',
                               '# ok 18 # SKIP sgis_from_other_vcpu: no second vcpu')
        self.skips = '* nvhe,protected step_over_irq_test sgis_from_other_vcpu . x\n'
        self.assertEqual(len(self.failures(self.run_report(log)[1])), 1)

    def test_skip_for_another_reason(self):
        log = self.log.replace('# ok 18 sgis_from_other_vcpu',
                               '# ok 18 # SKIP sgis_from_other_vcpu: vcpu init failed')
        self.skips = '7.3 vhe step_over_irq_test sgis_from_other_vcpu no.second one vcpu\n'
        self.assertIn('not in expected-skips with that reason',
                      ' '.join(self.failures(self.run_report(log)[1])))

    def test_nested_failure_in_a_program_that_exits_0(self):
        log = self.log.replace('# ok 12 mmio_exit_in_handler\n',
                               '# not ok 12 mmio_exit_in_handler\n')
        self.assertIn('mmio_exit_in_handler: not ok',
                      ' '.join(self.failures(self.run_report(log)[1])))

    def test_case_reported_twice_or_misnumbered(self):
        log = self.log.replace('# ok 18 sgis_from_other_vcpu', '# ok 18 el0')
        self.assertIn('cases reported twice: el0',
                      ' '.join(self.failures(self.run_report(log)[1])))
        log = self.log.replace('# ok 18 sgis_from_other_vcpu', '# ok 19 sgis_from_other_vcpu')
        self.assertIn('not numbered 1..18', ' '.join(self.failures(self.run_report(log)[1])))

    def test_a_test_program_left_out(self):
        log = self.log[:self.log.index('# timeout set to 300\n# selftests: kvm: arch_timer')]
        log = log.replace('\n1..4\n', '\n1..3\n') + '# init: all tests done\n'
        self.assertIn('expected debug-exceptions, vgic_irq, step_over_irq_test, arch_timer',
                      ' '.join(self.failures(self.run_report(log)[1])))

    def test_whole_program_skip(self):
        log = self.log.replace('ok 4 selftests: kvm: arch_timer',
                               '# 1..0 # SKIP - Requirement not met\n'
                               'ok 4 selftests: kvm: arch_timer # SKIP')
        status, text, _, _ = self.run_report(log)
        self.assertEqual(status, 1)
        self.assertIn('arch_timer: skipped, not in expected-skips',
                      ' '.join(self.failures(text)))
        self.skips = '7.3 vhe arch_timer - Requirement no timer\n'
        self.assertEqual(self.failures(self.run_report(log)[1]), [])

    def test_kvm_mode_line_missing_or_other(self):
        log = self.log.replace('kvm [1]: VHE mode initialized successfully\n', '')
        status, text, _, _ = self.run_report(log)
        self.assertEqual(status, 1)
        self.assertIn('KVM mode line: expected "VHE", found none', text)
        log = self.log.replace('kvm [1]: VHE mode', 'kvm [1]: Hyp nVHE mode')
        self.assertIn("found 'Hyp-nVHE'", self.run_report(log)[1])

    def test_case_count(self):
        log = self.log.replace('# ok 18 sgis_from_other_vcpu\n', '')
        status, text, _, _ = self.run_report(log)
        self.assertEqual(status, 1)
        self.assertIn('17 cases reported, 18 expected', text)

    def test_kvm_down_all_skipped_and_a_glued_warning(self):
        """The experiment of the honest-green issue: it used to pass."""
        lines = []
        for line in self.log.splitlines():
            if 'mode initialized successfully' in line:
                line = 'kvm [1]: error initializing Hyp mode: -22'
            if re.match(r'^# (not )?ok \d+ ', line):
                continue
            m = re.match(r'^ok (\d+) (selftests: kvm: \S+)$', line)
            if m:
                line = f'ok {m.group(1)} {m.group(2)} # SKIP'
            lines.append(line)
        lines.insert(lines.index('# timeout set to 300'),
                     '# /dev/kvm is missingWARNING: CPU: 1 PID: 1 at kernel/x.c:1 y')
        status, text, _, failed = self.run_report('\n'.join(lines) + '\n')
        self.assertEqual(status, 1)
        self.assertGreaterEqual(failed, 6)    # mode, 4 skips, the report
        self.assertIn('kernel: # /dev/kvm is missingWARNING', text)

    def test_time_over_half_the_limit_warns(self):
        log = self.log.replace('ok 3 selftests: kvm: step_over_irq_test',
                               '# step_over_irq_test: 301s\n'
                               'ok 3 selftests: kvm: step_over_irq_test')
        status, text, _, _ = self.run_report(log)
        self.assertEqual(status, 0)
        self.assertIn('warning: step_over_irq_test took 301s, more than half its '
                      'limit of 600s', text)

    def test_missing_boot_fails(self):
        boots = BOOTS + '7.3 e2e-vhe check VHE flag -\n'
        status, text, _, _ = self.run_report(boots=boots)
        self.assertEqual(status, 1)
        self.assertIn('7.3 e2e-vhe: FAIL: no test plan', text)

    def test_recorded_7_3_boot_with_the_real_ledger(self):
        """A 7.3 VHE boot of this bench, against bench/expected-skips."""
        with open(report.os.path.join(report.BENCH, 'expected-skips')) as f:
            self.skips = f.read()
        status, text, passed, _ = self.run_report(
            recorded('vhe-7.3-pass.log'), boots='7.3 vhe check VHE flag 48\n')
        self.assertEqual((status, self.failures(text)), (0, []))
        self.assertIn('ok (46, 2 skipped)', text)
        # Without the ledger, its two skips fail the boot
        self.skips = ''
        self.assertEqual(len(self.failures(self.run_report(
            recorded('vhe-7.3-pass.log'), boots='7.3 vhe check VHE flag 48\n')[1])), 2)

    def test_matrix_rows_are_not_checked(self):
        _, text, _, _ = self.run_report()
        self.assertNotIn('protected', text)


if __name__ == '__main__':
    unittest.main()
