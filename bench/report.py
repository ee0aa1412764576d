#!/usr/bin/env python3
"""Print the bench's results: a table of test x mode, then the count.

usage: report.py LOG_DIR BASE MODE...   (logs: LOG_DIR/boot-BASE-MODE.log)

Every test result counts once per mode; a mode whose kernel splatted, timed
out or did not run all its tests counts one more failure.  The last line is
"N passed, N failed"; the exit status is 1 when anything failed.
"""

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


def main(log_dir, base, modes):
    runs = {}
    for mode in modes:
        path = os.path.join(log_dir, f'boot-{base}-{mode}.log')
        try:
            with open(path, errors='replace') as f:
                runs[mode] = ktap.parse(f.read())
        except FileNotFoundError:
            runs[mode] = ktap.Run()

    names = []
    for run in runs.values():
        names += [r.name for r in run.results if r.name not in names]

    passed = failed = 0
    width = max([len(n) for n in names] + [len('test')]) + 2
    print('test'.ljust(width) + ''.join(m.ljust(16) for m in modes))
    for name in names:
        row = name.ljust(width)
        for mode in modes:
            result = next((r for r in runs[mode].results if r.name == name), None)
            row += cell(result).ljust(16)
            if result is not None and result.status != 'not ok':
                passed += 1
            else:
                failed += 1
        print(row)
    for mode in modes:
        for problem in runs[mode].problems():
            print(f'{mode}: {problem}')
        if runs[mode].problems():
            failed += 1
    print(f'{passed} passed, {failed} failed')
    return 1 if failed else 0


if __name__ == '__main__':
    if len(sys.argv) < 4:
        sys.exit(__doc__)
    sys.exit(main(sys.argv[1], sys.argv[2], sys.argv[3:]))
