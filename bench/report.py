#!/usr/bin/env python3
"""Print the bench's results against its expectations, and the count.

usage: report.py LOG_DIR [--bases BASE...] [--stage check|matrix]
                 [--boots FILE] [--skips FILE]
       (logs: LOG_DIR/boot-BASE-MODE.log)

The boots, and what each must show, are the rows of bench/boots for those
bases and that stage; the skips a boot may report are in
bench/expected-skips.  Two tables: the selftest boots, then the end-to-end
boots (modes e2e-*).  A cell reads "ok (44, 3 skipped)": cases passed, and
skipped, apart.

A test counts once per boot: passed, or failed.  Besides failed tests, a
boot counts one more failure for each of: a kernel report, a timeout or an
unfinished /init (bench/ktap.py); a KVM mode line other than its row's; a
skip that bench/expected-skips does not list (a whole test program, or one
case); a listed skip that passed (a stale entry); a step_over_irq_test that
reported another number of cases than its row says.  A test that used more
than half its limit, or a boot more than half of its timeout, is warned
about: machines of this kind differ by 2x in emulation speed.

The last line is "N passed, N failed"; the exit status is 1 when anything
failed.
"""

import argparse
import importlib.util
import os
import re
import sys
from dataclasses import dataclass

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import ktap  # noqa: E402

BENCH = os.path.dirname(os.path.abspath(__file__))
STEP_OVER = 'step_over_irq_test'


def e2e_sessions():
    """The results an end-to-end boot reports, as bench/e2e/run.py names them."""
    spec = importlib.util.spec_from_file_location(
        'e2e_run', os.path.join(BENCH, 'e2e', 'run.py'))
    run = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(run)
    return [run.NAMES[session] for session in run.SESSIONS]


@dataclass
class Boot:
    base: str
    mode: str
    stage: str
    kvm: str
    policy: str
    cases: int = None      # step_over_irq_test's, or None


def data_lines(path):
    with open(path) as f:
        for line in f:
            if line.strip() and not line.lstrip().startswith('#'):
                yield line.split()


def read_boots(path):
    boots = []
    for words in data_lines(path):
        base, mode, stage, kvm, policy, cases = words[:6]
        boots.append(Boot(base, mode, stage, kvm, policy,
                          None if cases == '-' else int(cases)))
    return boots


@dataclass
class Skip:
    bases: str
    modes: str
    test: str
    case: str              # "-": the whole program
    says: str              # a regular expression the skip's message matches
    reason: str

    def matches(self, base, mode, test, case):
        return (self.test == test and self.case == case and
                any(b in ('*', base) for b in self.bases.split(',')) and
                any(m in ('*', mode) for m in self.modes.split(',')))


def read_skips(path):
    return [Skip(w[0], w[1], w[2], w[3], w[4], ' '.join(w[5:]))
            for w in data_lines(path)]


def expected_tests(boot, tests_list):
    """The results a boot must report, in order."""
    if boot.mode.startswith('e2e-'):
        return e2e_sessions()
    return [words[0].split('/')[-1] for words in data_lines(tests_list)]


def judge(boot, run, skips, tests):
    """(problems, warnings) of one boot against its expectations: @tests
    are the results it must report, in order."""
    problems = list(run.problems())
    warnings = []
    where = (boot.base, boot.mode)
    if run.kvm_mode != boot.kvm:
        problems.append(f'KVM mode line: expected "{boot.kvm}", '
                        f'found {run.kvm_mode and repr(run.kvm_mode) or "none"}')
    names = [r.name for r in run.results]
    if run.planned and names != tests:
        problems.append(f'reported {", ".join(names) or "nothing"}; '
                        f'expected {", ".join(tests)}')
    for s in skips:
        if s.case == '-' and s.matches(*where, s.test, '-') and \
                run.planned and s.test not in names:
            problems.append(f'{s.test}: listed in expected-skips, but not '
                            f'reported (stale entry)')
    for r in run.results:
        listed = [s for s in skips
                  if s.test == r.name and s.matches(*where, s.test, s.case)]
        whole = [s for s in listed if s.case == '-']
        if r.status == 'skip' and not any(re.search(s.says, r.detail) for s in whole):
            problems.append(f'{r.name}: skipped, not in expected-skips ({r.detail})')
        if r.status == 'ok' and any(s.case == '-' for s in listed):
            problems.append(f'{r.name}: listed in expected-skips as skipped, '
                            f'but ran and passed (stale entry)')
        for c in r.cases:
            entry = [s for s in listed if s.case == c.name]
            if c.status == 'skip' and not any(re.search(s.says, c.detail) for s in entry):
                problems.append(f'{r.name}: {c.name}: skipped, not in '
                                f'expected-skips with that reason ({c.detail})')
            if c.status == 'ok' and entry:
                problems.append(f'{r.name}: {c.name}: listed in expected-skips, '
                                f'but passed (stale entry)')
            if c.status == 'not ok':
                problems.append(f'{r.name}: {c.name}: not ok ({c.detail})')
        if r.cases:
            seen = [c.name for c in r.cases]
            twice = sorted({n for n in seen if seen.count(n) > 1})
            if twice:
                problems.append(f'{r.name}: cases reported twice: {", ".join(twice)}')
            if r.numbers != list(range(1, len(r.cases) + 1)):
                problems.append(f'{r.name}: cases not numbered 1..{len(r.cases)}')
            if r.planned is not None and r.planned != len(r.cases):
                problems.append(f'{r.name}: {len(r.cases)} cases for its plan '
                                f'of {r.planned}')
        for s in listed:
            if s.case != '-' and r.status == 'ok' and \
                    not any(c.name == s.case for c in r.cases):
                problems.append(f'{r.name}: {s.case}: listed in expected-skips, '
                                f'but not reported (stale entry)')
        if r.name == STEP_OVER and boot.cases is not None and r.status != 'skip' \
                and len(r.cases) != boot.cases:
            problems.append(f'{r.name}: {len(r.cases)} cases reported, '
                            f'{boot.cases} expected (bench/boots)')
        if r.seconds is not None and r.limit and r.seconds * 2 > r.limit:
            warnings.append(f'{r.name} took {r.seconds}s, more than half '
                            f'its limit of {r.limit}s')
    if boot.cases is not None and run.planned and run.result(STEP_OVER) is None:
        problems.append(f'{STEP_OVER}: no result')
    if run.boot_seconds is not None and run.boot_seconds * 2 > run.boot_limit:
        warnings.append(f'the boot took {run.boot_seconds}s, more than half '
                        f'its timeout of {run.boot_limit}s')
    return problems, warnings


def cell(result):
    if result is None:
        return 'missing'
    text = result.status
    if result.cases:
        counts = [str(result.count('ok'))]
        if result.count('skip'):
            counts.append(f'{result.count("skip")} skipped')
        if result.count('not ok'):
            counts.append(f'{result.count("not ok")} failed')
        text += f' ({", ".join(counts)})'
    if result.seconds is not None:
        text += f' {result.seconds}s'
    return text


def table(log_dir, boots, skips, tests_list):
    """Print one table; returns (passed, failed)."""
    runs = {}
    for boot in boots:
        path = os.path.join(log_dir, f'boot-{boot.base}-{boot.mode}.log')
        try:
            with open(path, errors='replace') as f:
                runs[boot.base, boot.mode] = ktap.parse(f.read())
        except FileNotFoundError:
            runs[boot.base, boot.mode] = ktap.Run()

    names = []
    for run in runs.values():
        names += [r.name for r in run.results if r.name not in names]

    passed = failed = 0
    width = max([len(n) for n in names] + [len('test')]) + 2
    col = max([len(f'{b.base} {b.mode}') for b in boots] + [26]) + 2
    print('test'.ljust(width) +
          ''.join(f'{b.base} {b.mode}'.ljust(col) for b in boots).rstrip())
    for name in names:
        row = name.ljust(width)
        for boot in boots:
            result = runs[boot.base, boot.mode].result(name)
            row += cell(result).ljust(col)
            if result is not None and result.status != 'not ok':
                passed += 1
            else:
                failed += 1
        print(row.rstrip())
    for boot in boots:
        run = runs[boot.base, boot.mode]
        problems, warnings = judge(boot, run, skips, expected_tests(boot, tests_list))
        for problem in problems:
            print(f'{boot.base} {boot.mode}: FAIL: {problem}')
        for warning in warnings:
            print(f'{boot.base} {boot.mode}: warning: {warning}')
        failed += len(problems)
    return passed, failed


def main(log_dir, bases, stage, boots_file, skips_file,
         tests_list=os.path.join(BENCH, 'tests.list')):
    boots = [b for b in read_boots(boots_file)
             if b.stage == stage and (not bases or b.base in bases)]
    skips = read_skips(skips_file)
    groups = [[b for b in boots if not b.mode.startswith('e2e-')],
              [b for b in boots if b.mode.startswith('e2e-')]]
    passed = failed = 0
    first = True
    for group in groups:
        if not group:
            continue
        if not first:
            print()
        first = False
        p, f = table(log_dir, group, skips, tests_list)
        passed += p
        failed += f
    print(f'{passed} passed, {failed} failed')
    return 1 if failed else 0


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('log_dir')
    parser.add_argument('--bases', nargs='*', default=[])
    parser.add_argument('--stage', default='check')
    parser.add_argument('--boots', default=os.path.join(BENCH, 'boots'))
    parser.add_argument('--skips', default=os.path.join(BENCH, 'expected-skips'))
    return parser.parse_args(argv)


if __name__ == '__main__':
    args = parse_args(sys.argv[1:])
    sys.exit(main(args.log_dir, args.bases, args.stage, args.boots, args.skips))
