"""Tests of make mutants' verdict (bench/mutants.py) on made-up logs: what
kills a mutant, and what does not."""

import unittest

import mutants

HEAD = '''kvm [1]: VHE mode initialized successfully
TAP version 13
1..1
# timeout set to 300
# selftests: kvm: arm64/step_over_irq_test -p flag
# TAP version 13
# 1..3
'''


def log(body, result='ok 1 selftests: kvm: step_over_irq_test'):
    return HEAD + body + result + '\n# init: all tests done\n'


class Verdict(unittest.TestCase):
    def test_passing_test_survives(self):
        dead, why = mutants.verdict(log('# ok 1 policy_reported\n# ok 2 a\n# ok 3 b\n'))
        self.assertFalse(dead)
        self.assertIn('passed', why)

    def test_a_behaviour_case_kills(self):
        dead, why = mutants.verdict(log('# ok 1 policy_reported\n# not ok 2 a\n# ok 3 b\n',
                                        'not ok 1 selftests: kvm: step_over_irq_test # exit=1'))
        self.assertTrue(dead)
        self.assertIn('failed: a', why)

    def test_the_policy_string_alone_does_not_kill(self):
        dead, why = mutants.verdict(log('# not ok 1 policy_reported: x\n# ok 2 a\n# ok 3 b\n',
                                        'not ok 1 selftests: kvm: step_over_irq_test # exit=1'))
        self.assertFalse(dead)
        self.assertIn('string comparison', why)

    def test_an_assertion_kills(self):
        dead, why = mutants.verdict(log(
            '# not ok 1 policy_reported: x\n# ok 2 a\n# \n'
            '# ==== Test Assertion Failure ====\n'
            '#   arm64/step_over_irq_test.c:10: pc == want\n'
            '#   pid=1 tid=1 errno=0 - Success\n'
            '# sh: addr2line: not found\n'
            '#   Step 3: pc 0x8, expected 0x4\n',
            'not ok 1 selftests: kvm: step_over_irq_test # exit=254'))
        self.assertTrue(dead)
        self.assertEqual(why, 'assertion after a: arm64/step_over_irq_test.c:10: '
                              'pc == want: Step 3: pc 0x8, expected 0x4')

    def test_a_boot_without_a_result_kills_nothing(self):
        dead, why = mutants.verdict('kvm [1]: VHE mode initialized successfully\n'
                                    'Kernel panic - not syncing: x\n')
        self.assertIsNone(dead)
        self.assertIn('no result', why)

    def test_a_kernel_report_alone_does_not_kill(self):
        dead, why = mutants.verdict(log('# ok 1 policy_reported\nWARNING: CPU: 0 PID: 1 at x\n'
                                        '# ok 2 a\n# ok 3 b\n'))
        self.assertFalse(dead)
        self.assertIn('kernel report', why)

    def test_a_hang_kills_through_the_timeout(self):
        dead, why = mutants.verdict(HEAD + '# ok 1 policy_reported\n'
                                    'boot: vhe: TIMEOUT after 360s\n')
        self.assertTrue(dead)
        self.assertIn('timeout', why)


if __name__ == '__main__':
    unittest.main()
