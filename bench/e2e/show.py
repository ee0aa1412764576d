#!/usr/bin/env python3
"""Show the end-to-end test's gdb sessions: what a user at gdb sees.

usage: show.py BASE [STEPS]

Prints STEPS (default 8) steps of each session that run.py recorded in
build/logs/, from two steps before the first one on the IRQ vector (or from
the first, in a session with none), with the figures run.py appended to
the boot log.
"""

import os
import re
import sys

TOP = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SESSIONS = [
    ('vhe', 'qemu', 'kvm-arm.step_over_irq=flag (the default); Debian\'s QEMU does not send the flag'),
    ('vhe', 'qemu-blockirq-shim', 'kvm-arm.step_over_irq=flag; the same QEMU with a shim that sends it'),
    ('always', 'qemu', 'kvm-arm.step_over_irq=always; Debian\'s QEMU as it is'),
]


def main(base, count):
    for mode, session, title in SESSIONS:
        transcript = os.path.join(TOP, 'build/logs', f'e2e-{base}-{mode}-{session}.gdb.txt')
        log = os.path.join(TOP, 'build/logs', f'boot-{base}-e2e-{mode}.log')
        try:
            with open(transcript) as f:
                lines = f.read().splitlines()
            with open(log, errors='replace') as f:
                figures = [m.group(1) for m in
                           re.finditer(r'^# gdb_stepi_\S+: (\d+ steps, .*)$', f.read(), re.M)]
        except FileNotFoundError:
            print(f'{title}: not run (run make e2e BASE={base})\n')
            continue
        print(f'--- {title}')
        landed = [line.replace('\t', ' ') for line in lines if line.startswith('=> ')]
        first = next((i for i, line in enumerate(landed) if '<vectors+640>' in line), 0)
        start = max(0, first - 2)
        if start:
            print(f'    ... {start} steps')
        for line in landed[start:start + count]:
            print('(gdb) stepi')
            print('    ' + line)
        index = 0 if session == 'qemu' else 1
        if index < len(figures):
            print(f'    ... {figures[index]}')
        print()


if __name__ == '__main__':
    if len(sys.argv) < 2:
        sys.exit(__doc__.split('\n\n')[1])
    main(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 8)
