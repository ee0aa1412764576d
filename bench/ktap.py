"""Parse the console log of one bench boot.

The initramfs /init prints in the kselftest runner's format (TAP version 13):
one "ok N selftests: kvm: NAME" / "not ok N ..." line per test, the test's
own KTAP output nested behind "# ", its limit ("# timeout set to N") before
and the seconds it took ("# NAME: Ns") after.  The kernel shares the
console, so every line, test output included, is also searched for kernel
reports: a kernel message can land in the middle of a test's line.
"""

import re
from dataclasses import dataclass, field

RESULT = re.compile(r'^(not )?ok (\d+) (?:selftests: kvm: )?(\S+)(?:\s*#\s*(.*))?$')
PLAN = re.compile(r'^1\.\.(\d+)')
# A nested result: "# ok 3 name", "# ok 3 # SKIP name: why", "# not ok 3 name"
NESTED = re.compile(r'^# (not )?ok (\d+) (?:# (SKIP|XFAIL|error)\s*)?(.*)$')
NESTED_PLAN = re.compile(r'^# 1\.\.(\d+)(?:\s*#\s*SKIP\s*(.*))?')
LIMIT = re.compile(r'^# timeout set to (\d+)')
TOOK = re.compile(r'^# (\S+): (\d+)s$')
INIT_DONE = '# init: all tests done'
BOOT_TIMEOUT = re.compile(r'^boot: \S+: TIMEOUT')
BOOT_TIME = re.compile(r'^boot: \S+: QEMU exited \(\d+\) after (\d+)s of (\d+)s')
# "kvm [1]: Hyp nVHE mode initialized successfully" (arch/arm64/kvm/arm.c)
KVM_MODE = re.compile(r'kvm \[\d+\]: (.*?) ?mode initialized successfully')

# Kernel reports that fail a run whatever the tests said, searched on every
# line: the kernel's own detectors (bench/config/detectors.config) included.
SPLAT = re.compile(
    r'(WARNING:|BUG:|Oops|Kernel panic|Internal error:|Unable to handle kernel'
    r'|possible recursive locking|possible circular locking'
    r'|inconsistent lock state|suspicious RCU usage|KASAN|UBSAN'
    r'|nVHE hyp (?:panic|BUG)|hyp panic|INFO: task .* blocked'
    r'|rcu: INFO: .*detected stalls?|self-detected stall|soft lockup'
    r'|hard LOCKUP|kernel BUG at|general protection fault)')


@dataclass
class Case:
    name: str
    status: str            # 'ok', 'not ok', 'skip'
    detail: str = ''
    number: int = 0


@dataclass
class Result:
    name: str
    status: str            # 'ok', 'not ok', 'skip'
    detail: str = ''
    cases: list = field(default_factory=list)
    planned: int = None    # the test's own plan ("# 1..N"), if it printed one
    numbers: list = field(default_factory=list)   # its results' numbers
    seconds: int = None    # what /init measured
    limit: int = None      # its timeout

    def count(self, status):
        return sum(c.status == status for c in self.cases)


@dataclass
class Run:
    planned: int = 0
    results: list = field(default_factory=list)
    splats: list = field(default_factory=list)
    finished: bool = False
    timed_out: bool = False
    kvm_mode: str = None   # "VHE", "Hyp-nVHE", ...: see KVM_MODE
    boot_seconds: int = None
    boot_limit: int = None

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
        elif len(self.results) > self.planned:
            found.append(f'{len(self.results)} results for a plan of {self.planned}')
        found.extend(f'kernel: {s}' for s in self.splats)
        return found

    def result(self, name):
        return next((r for r in self.results if r.name == name), None)


def nested_case(line):
    """A Case for a nested result line, or None."""
    m = NESTED.match(line)
    if not m:
        return None
    failed, number, directive, text = m.groups()
    text = text.strip()
    # ksft_test_result_skip() puts the name, if any, after the directive;
    # the tests here write "name: why".
    name = text.split()[0].rstrip(':') if text else '?'
    if failed or directive == 'error':
        status = 'not ok'
    elif directive == 'SKIP':
        status = 'skip'
    else:
        status = 'ok'
    return Case(name, status, text, int(number))


def parse(text):
    run = Run()
    cases, limit, took, nested_planned = [], None, {}, None
    for raw in text.splitlines():
        line = raw.rstrip('\r')
        splat = SPLAT.search(line)
        if splat:
            run.splats.append(line.strip())
        mode = KVM_MODE.search(line)
        if mode and run.kvm_mode is None:
            run.kvm_mode = '-'.join(mode.group(1).split()) or '?'
        if line.startswith('#'):
            case = nested_case(line)
            if case:
                cases.append(case)
                continue
            nested_plan = NESTED_PLAN.match(line)
            if nested_plan:
                nested_planned = int(nested_plan.group(1))
                if nested_plan.group(2) is not None:
                    cases.append(Case('-', 'skip', nested_plan.group(2).strip()))
            m = LIMIT.match(line)
            if m:
                limit = int(m.group(1))
            m = TOOK.match(line)
            if m:
                took[m.group(1)] = int(m.group(2))
            if line.startswith(INIT_DONE):
                run.finished = True
            continue
        if BOOT_TIMEOUT.match(line):
            run.timed_out = True
            continue
        m = BOOT_TIME.match(line)
        if m:
            run.boot_seconds, run.boot_limit = int(m.group(1)), int(m.group(2))
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
            why = [c.detail for c in cases if c.name == '-']
            if status == 'skip' and why:
                directive = f'SKIP {why[0]}'
            mine = [c for c in cases if c.name != '-']
            run.results.append(Result(name, status, directive, mine,
                                      nested_planned, [c.number for c in mine],
                                      took.get(name), limit))
            cases, limit, nested_planned = [], None, None
            continue
    return run
