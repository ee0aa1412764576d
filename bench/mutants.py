#!/usr/bin/env python3
"""make mutants: can make check fail?  Each kernel mutant in
bench/mutants/BASE/ (a small patch on top of the series) is applied to
build/linux-BASE, built incrementally into build/out-BASE, and booted in
VHE with step_over_irq_test alone, under a timeout of its own.  It must be
killed: a case other than policy_reported fails (an assertion, or "not
ok"), or the boot runs into that timeout (a hang).  A mutant that only
policy_reported notices survives: that case compares strings, not
behaviour; so does one whose only failure is a kernel report.  A boot that
reports no result at all (a crash before the test, a broken initramfs)
kills nothing: it is an error.  First, the unmutated kernel is booted the
same way and must pass (the control).  The tree is restored and the check
kernel rebuilt at the end.

usage: mutants.py BASE [NAME...]      (logs: build/logs/mutant-BASE-NAME.log)

Prints one line per mutant, then "mutants: N killed, M survived"; the exit
status is 1 if any survived.
"""

import glob
import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import ktap  # noqa: E402

TOP = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BUDGET = 300            # seconds: the test's limit; the boot gets 60 more
TEST = 'step_over_irq_test'
STRING_ONLY = 'policy_reported'


def assertion_failure(log):
    """"file:line: expression: message" of the test's assertion, or None."""
    lines = [line.rstrip('\r') for line in log.splitlines()]
    try:
        start = lines.index('# ==== Test Assertion Failure ====')
    except ValueError:
        return None
    block = []
    for line in lines[start + 1:]:
        if not line.startswith('#   '):
            if line.startswith('# ') and not line.startswith('# sh:'):
                break
            continue
        block.append(line[4:].strip())
    where = block[0] if block else '?'
    message = [b for b in block[1:] if not b.startswith('pid=')]
    return where + (f': {message[-1]}' if message else '')


def verdict(log):
    """(killed, why) for the console log of one mutant's boot; killed is
    None when the boot shows nothing either way."""
    run = ktap.parse(log)
    result = run.result(TEST)
    if run.timed_out or (result and 'TIMEOUT' in result.detail):
        return True, f'hang: stopped by the {BUDGET}s timeout'
    if result is None:
        return None, 'no result: ' + '; '.join(run.problems())
    failed = [c.name for c in result.cases if c.status == 'not ok']
    behaviour = [n for n in failed if n != STRING_ONLY]
    assertion = assertion_failure(log)
    if assertion:
        where = (f'after {result.cases[-1].name}' if result.cases
                 else 'before the first case')
        return True, f'assertion {where}: {assertion}'
    if behaviour:
        return True, 'failed: ' + ', '.join(behaviour)
    if run.splats:
        return False, f'only a kernel report: {run.splats[0]}'
    if failed:
        return False, f'only {STRING_ONLY} failed (a string comparison)'
    return False, f'{TEST} passed ({len(result.cases)} cases)'


def sh(*args, **kw):
    return subprocess.run(args, cwd=TOP, check=True, **kw)


def main(base, names):
    tree = os.path.join(TOP, f'build/linux-{base}')
    patches = sorted(glob.glob(os.path.join(TOP, f'bench/mutants/{base}/*.patch')))
    if names:
        patches = [p for p in patches if os.path.basename(p)[:-6] in names]
    if subprocess.run(['git', '-C', tree, 'diff', '--quiet', 'HEAD', '--', 'arch'],
                      cwd=TOP).returncode:
        sys.exit(f'mutants: {tree} has changes under arch/: commit them first')
    initramfs = os.path.join(TOP, f'build/out-{base}/initramfs-mutants.cpio.gz')
    limits = os.path.join(TOP, 'build/mutants.list')
    with open(limits, 'w') as f:
        f.write(f'arm64/{TEST} {BUDGET} -p @policy@\n')
    sh('bench/make-initramfs.sh', base,
       env=dict(os.environ, LIST=limits, INITRAMFS=initramfs))
    killed = survived = errors = 0
    lines = []
    log = os.path.join(TOP, f'build/logs/mutant-{base}-control.log')
    print('mutants: control: the unmutated kernel, booted the same way', flush=True)
    sh('bench/build-kernel.sh', base, stdout=subprocess.DEVNULL)
    subprocess.run(['bench/boot.sh', base, 'vhe'], cwd=TOP, stdout=subprocess.DEVNULL,
                   env=dict(os.environ, LOG=log, INITRAMFS=initramfs,
                            TIMEOUT=str(BUDGET + 60)))
    with open(log, errors='replace') as f:
        dead, why = verdict(f.read())
    print(f'mutants: control: {why}', flush=True)
    if dead is not False or 'passed' not in why:
        sys.exit('mutants: the unmutated kernel does not pass: nothing to compare with')
    try:
        for patch in patches:
            name = os.path.basename(patch)[:-len('.patch')]
            print(f'mutants: {name}: applying, building, booting', flush=True)
            log = os.path.join(TOP, f'build/logs/mutant-{base}-{name}.log')
            sh('git', '-C', tree, 'apply', patch)
            try:
                sh('bench/build-kernel.sh', base, stdout=subprocess.DEVNULL,
                   env=dict(os.environ, KERNEL_LOG=log[:-4] + '-build.log'))
            finally:
                sh('git', '-C', tree, 'apply', '-R', patch)
            subprocess.run(['bench/boot.sh', base, 'vhe'], cwd=TOP,
                           stdout=subprocess.DEVNULL,
                           env=dict(os.environ, LOG=log, INITRAMFS=initramfs,
                                    TIMEOUT=str(BUDGET + 60)))
            with open(log, errors='replace') as f:
                dead, why = verdict(f.read())
            killed += dead is True
            survived += dead is False
            errors += dead is None
            state = {True: 'killed', False: 'SURVIVED', None: 'ERROR'}[dead]
            line = f'mutant {name}: {state}: {why}'
            lines.append(line)
            print(line, flush=True)
    finally:
        print('mutants: rebuilding the check kernel', flush=True)
        sh('bench/build-kernel.sh', base, stdout=subprocess.DEVNULL)
    print('\n'.join(lines))
    print(f'mutants: {killed} killed, {survived} survived'
          + (f', {errors} boots without a result' if errors else ''))
    return 1 if survived or errors else 0


if __name__ == '__main__':
    if len(sys.argv) < 2:
        sys.exit(__doc__.split('\n\n')[1])
    sys.exit(main(sys.argv[1], sys.argv[2:]))
