#!/usr/bin/env python3
"""Print the bench's results: a table of test x (base, mode), then the count.

usage: report.py LOG_DIR --bases BASE... --modes MODE... [--modes MODE...]
       (logs: LOG_DIR/boot-BASE-MODE.log)

Each --modes prints one table (the selftest boots, the end-to-end boots).
Every test result counts once per base and mode; a boot whose kernel
splatted, timed out or did not run all its tests counts one more failure.
The last line is "N passed, N failed"; the exit status is 1 when anything
failed.
"""

import argparse
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import ktap  # noqa: E402


def cell(result):
    if result is None:
        return 'missing'
    text = result.status
    total = result.subtests_ok + result.subtests_failed
    if total:
        text += f' ({result.subtests_ok}/{total})'
    return text


def main(log_dir, bases, groups):
    passed = failed = 0
    for i, modes in enumerate(groups):
        if i:
            print()
        p, f = table(log_dir, bases, modes)
        passed += p
        failed += f
    print(f'{passed} passed, {failed} failed')
    return 1 if failed else 0


def table(log_dir, bases, modes):
    columns = [(base, mode) for base in bases for mode in modes]
    runs = {}
    for column in columns:
        path = os.path.join(log_dir, 'boot-%s-%s.log' % column)
        try:
            with open(path, errors='replace') as f:
                runs[column] = ktap.parse(f.read())
        except FileNotFoundError:
            runs[column] = ktap.Run()

    names = []
    for run in runs.values():
        names += [r.name for r in run.results if r.name not in names]

    passed = failed = 0
    width = max([len(n) for n in names] + [len('test')]) + 2
    print('test'.ljust(width) +
          ''.join(f'{base} {mode}'.ljust(16) for base, mode in columns).rstrip())
    for name in names:
        row = name.ljust(width)
        for column in columns:
            result = next((r for r in runs[column].results if r.name == name), None)
            row += cell(result).ljust(16)
            if result is not None and result.status != 'not ok':
                passed += 1
            else:
                failed += 1
        print(row.rstrip())
    for base, mode in columns:
        for problem in runs[(base, mode)].problems():
            print(f'{base} {mode}: {problem}')
        if runs[(base, mode)].problems():
            failed += 1
    return passed, failed


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('log_dir')
    parser.add_argument('--bases', nargs='+', required=True)
    parser.add_argument('--modes', nargs='+', required=True, action='append')
    return parser.parse_args(argv)


if __name__ == '__main__':
    args = parse_args(sys.argv[1:])
    sys.exit(main(args.log_dir, args.bases, args.modes))
