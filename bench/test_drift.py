#!/usr/bin/env python3
"""Tests of drift.py on small made-up series."""

import os
import tempfile
import unittest

import drift

PATCH = '''From 0000000000000000000000000000000000000000 Mon Sep 17 00:00:00 2001
Subject: [PATCH {n}/2] {subject}

Why.
---
diff --git a/{path} b/{path}
--- a/{path}
+++ b/{path}
@@ -1,1 +1,2 @@
 context
+{added}
'''

COVER = '''Subject: [PATCH 0/2] A series

Text.
{listed}
Project (2):
  one
  two
'''


def write_series(top, base, patches, listed=''):
    directory = os.path.join(top, base)
    os.makedirs(directory)
    names = []
    for n, (subject, path, added) in enumerate(patches, 1):
        name = f'000{n}-p.patch'
        names.append(name)
        with open(os.path.join(directory, name), 'w') as f:
            f.write(PATCH.format(n=n, subject=subject, path=path, added=added))
    with open(os.path.join(directory, 'series'), 'w') as f:
        f.write('# order\n' + '\n'.join(names) + '\n')
    with open(os.path.join(directory, drift.COVER), 'w') as f:
        f.write(COVER.format(listed=listed))
    return directory


MAINLINE = [('KVM: a', 'arch/x.c', 'int x;'),
            ('KVM: selftests: t', 'tools/testing/selftests/kvm/arm64/t.c', 'int t;')]


class DriftTest(unittest.TestCase):
    def check(self, backport, listed=''):
        with tempfile.TemporaryDirectory() as top:
            main = write_series(top, 'new', MAINLINE)
            back = write_series(top, 'old', backport, listed)
            return drift.drift(drift.load_series(main), drift.load_series(back),
                               drift.listed_differences(back))

    def test_same_patches_after_the_selftest_move(self):
        old = [MAINLINE[0], ('KVM: selftests: t',
                             'tools/testing/selftests/kvm/aarch64/t.c', 'int t;')]
        self.assertEqual(self.check(old), [])

    def digest(self, added, n=1, path='arch/x.c', mainline='int x;'):
        return drift.difference(n, path, [mainline], [added])[0]

    def test_unlisted_code_difference(self):
        problems = self.check([('KVM: a', 'arch/x.c', 'long x;'), MAINLINE[1]])
        self.assertEqual(problems, ['patch 1: arch/x.c: the added lines differ '
                                    f'[{self.digest("long x;")}]'])

    def test_listed_code_difference(self):
        listed = drift.SECTION + f'\n- arch/x.c [{self.digest("long x;")}]: 6.12 has no y.\n'
        self.assertEqual(self.check([('KVM: a', 'arch/x.c', 'long x;'), MAINLINE[1]],
                                    listed), [])

    def test_the_path_alone_does_not_list_a_difference(self):
        listed = drift.SECTION + '\n- arch/x.c: 6.12 has no y.\n'
        problems = self.check([('KVM: a', 'arch/x.c', 'long x;'), MAINLINE[1]], listed)
        self.assertEqual(len(problems), 1)

    def test_a_changed_difference_must_be_listed_again(self):
        listed = drift.SECTION + f'\n- arch/x.c [{self.digest("long x;")}]: reviewed\n'
        problems = self.check([('KVM: a', 'arch/x.c', 'short x;'), MAINLINE[1]], listed)
        self.assertEqual(problems, [
            f'[{self.digest("long x;")}]: listed, but no such difference (stale)',
            f'patch 1: arch/x.c: the added lines differ [{self.digest("short x;")}]'])

    def test_a_listed_difference_that_is_gone_is_stale(self):
        listed = drift.SECTION + f'\n- arch/x.c [{self.digest("long x;")}]: reviewed\n'
        self.assertEqual(self.check(MAINLINE, listed),
                         [f'[{self.digest("long x;")}]: listed, but no such difference (stale)'])

    def test_a_digest_outside_the_section_does_not_count(self):
        problems = self.check([('KVM: a', 'arch/x.c', 'long x;'), MAINLINE[1]],
                              f'arch/x.c [{self.digest("long x;")}] is mentioned, '
                              'but not in the section\n')
        self.assertEqual(len(problems), 1)

    def test_subject_and_missing_patch(self):
        problems = self.check([('KVM: b', 'arch/x.c', 'int x;')])
        self.assertIn('patch 1: subject "KVM: b", mainline "KVM: a"', problems)
        self.assertIn('patch 2: in one series only', problems)
        self.assertEqual(self.check([('KVM: b', 'arch/x.c', 'int x;')],
                                    drift.SECTION + '\npatch 1, patch 2\n'), [])

    def test_file_in_one_patch_only(self):
        problems = self.check([('KVM: a', 'arch/y.c', 'int x;'), MAINLINE[1]])
        only_main = drift.difference(1, 'arch/x.c', ['int x;'], None)[0]
        only_back = drift.difference(1, 'arch/y.c', None, ['int x;'])[0]
        self.assertEqual(problems, [f'patch 1: arch/x.c: only in mainline [{only_main}]',
                                    f'patch 1: arch/y.c: only in the backport [{only_back}]'])


if __name__ == '__main__':
    unittest.main()
