# Run by gdb-multiarch (gdb -x): what a user does at the debugger.  Stops
# the guest in its loop with a hardware breakpoint, does E2E_STEPS stepi,
# records where each one landed, reads the handler's counter before and
# after, then kills QEMU.  It stops and ends right after the loop's read of
# the virtual counter (x8), so that the ticks and the counter are read at
# the same point: the steps after E2E_STEPS that this takes are recorded
# too (at most 64: a session stepped into every interrupt may never get
# there).  The transcript (E2E_TRANSCRIPT) is what gdb
# showed; the summary (E2E_RESULT, JSON) is for run.py to judge.
import json
import os

import gdb


def value(expression):
    return int(gdb.parse_and_eval(expression))


def session(run):
    result = {'pcs': []}
    after_read = value('(unsigned long)&loop') + 32     # the branch back
    run(f'hbreak *{after_read:#x}')
    run('continue')
    run('delete')
    result['start'] = value('$pc')
    result['counter_before'] = value('$x8')
    result['ticks_before'] = value('(unsigned long)ticks')
    run('print (unsigned long)ticks')
    steps = int(os.environ['E2E_STEPS'])
    for i in range(steps + 64):
        if i >= steps and result['pcs'][-1] == after_read:
            break
        run('stepi')
        result['pcs'].append(value('$pc'))
        run('x/i $pc')
    result['counter_after'] = value('$x8')
    result['ticks_after'] = value('(unsigned long)ticks')
    result['period'] = value('(unsigned long)period')
    run('print (unsigned long)ticks')
    run('print/x $x8')
    for symbol in ('loop', 'irq_handler', 'vectors'):
        result[symbol] = value(f'(unsigned long)&{symbol}')
    with open(os.environ['E2E_RESULT'], 'w') as f:
        json.dump(result, f)


with open(os.environ['E2E_TRANSCRIPT'], 'w') as transcript:
    def run(command):
        text = gdb.execute(command, to_string=True)
        transcript.write(f'(gdb) {command}\n{text}')
        transcript.flush()
        return text

    gdb.execute('set pagination off')
    gdb.execute('set confirm off')
    # Every packet crosses emulated hardware twice: give it time.
    gdb.execute('set remotetimeout 60')
    if os.environ.get('E2E_REMOTELOG'):
        gdb.execute('set remotelogfile ' + os.environ['E2E_REMOTELOG'])
    run('target remote | socat - UNIX-CONNECT:' + os.environ['E2E_SOCKET'])
    try:
        session(run)
    finally:
        run('kill')     # QEMU exits: the guest's /init goes on
