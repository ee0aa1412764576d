"""Parse the console log of one bench boot.

The initramfs /init prints in the kselftest runner's format (TAP version 13):
one "ok N selftests: kvm: NAME" / "not ok N ..." line per test, the test's
own KTAP output nested behind "# ".  The kernel shares the console, so the
same log is also searched for splats.
"""

import re
from dataclasses import dataclass, field

RESULT = re.compile(r'^(not )?ok (\d+) (?:selftests: kvm: )?(\S+)(?:\s*#\s*(.*))?$')
PLAN = re.compile(r'^1\.\.(\d+)$')
NESTED = re.compile(r'^# (not )?ok \d+ ')
INIT_DONE = '# init: all tests done'
BOOT_TIMEOUT = re.compile(r'^boot: \S+: TIMEOUT')

# Kernel reports that fail a run whatever the tests said.  Lines of test
# output (behind "# ") are not searched: a test may print these words.
SPLAT = re.compile(
    r'(WARNING:|BUG:|Oops|Kernel panic|Internal error:|Unable to handle kernel'
    r'|possible recursive locking|possible circular locking'
    r'|inconsistent lock state|suspicious RCU usage|KASAN|UBSAN'
    r'|nVHE hyp (?:panic|BUG)|hyp panic|INFO: task .* blocked)')


@dataclass
class Result:
    name: str
    status: str            # 'ok', 'not ok', 'skip'
    detail: str = ''
    subtests_ok: int = 0
    subtests_failed: int = 0


@dataclass
class Run:
    planned: int = 0
    results: list = field(default_factory=list)
    splats: list = field(default_factory=list)
    finished: bool = False
    timed_out: bool = False

    def problems(self):
        """What, besides failed tests, makes this run fail."""
        found = []
        if self.timed_out:
            found.append('boot timed out')
        elif not self.finished:
            found.append('init did not finish (crash or panic?)')
        if self.planned == 0:
            found.append('no test plan: the selftests never started')
        elif len(self.results) < self.planned:
            found.append(f'{self.planned - len(self.results)} of '
                         f'{self.planned} tests reported no result')
        found.extend(f'kernel: {s}' for s in self.splats)
        return found


def parse(text):
    run = Run()
    sub_ok = sub_failed = 0
    for raw in text.splitlines():
        line = raw.rstrip('\r')
        if line.startswith('#'):
            nested = NESTED.match(line)
            if nested:
                if nested.group(1):
                    sub_failed += 1
                else:
                    sub_ok += 1
            if line.startswith(INIT_DONE):
                run.finished = True
            continue
        if BOOT_TIMEOUT.match(line):
            run.timed_out = True
            continue
        plan = PLAN.match(line)
        if plan and run.planned == 0:
            run.planned = int(plan.group(1))
            continue
        result = RESULT.match(line)
        if result:
            failed, _, name, directive = result.groups()
            directive = directive or ''
            if failed:
                status = 'not ok'
            elif directive.upper().startswith('SKIP'):
                status = 'skip'
            else:
                status = 'ok'
            run.results.append(Result(name, status, directive,
                                      sub_ok, sub_failed))
            sub_ok = sub_failed = 0
            continue
        splat = SPLAT.search(line)
        if splat:
            run.splats.append(line.strip())
    return run
