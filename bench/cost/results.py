#!/usr/bin/env python3
"""The figures of make bench, from the console logs of its boots.

Each boot (bench/cost/run.sh) ran bench/cost/step_cost.c under QEMU with
-icount shift=0: every time is emulated nanoseconds, one per instruction
the emulated machine executed.  The logs are named
bench-<base>-<kernel>-<n>.log, kernel "pristine" or "patched", n the run.

Prints the tables, writes them to <out>/results.md with a plot of figures
2 and 5 against the interrupt interval K (<out>/figures.svg, by gnuplot),
and ends with the one-line summary.
"""
import argparse
import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..'))
import ktap  # noqa: E402  (bench/ktap.py: the boot's verdict, splats)

COST = re.compile(r'^(?:# )*cost: (\w+) (.*)$')
TRACE = re.compile(r'^(?:# )*cost-trace: (.*)$')
RESULT = re.compile(r'^# (not ok|ok) \d+ (# SKIP )?([^:\s]+)')
EVENT = re.compile(r'^\s*(?P<task>.+)-(?P<pid>\d+)\s+\[\d+\]\s+(?:\S+\s+)?'
                   r'(?P<ts>\d+\.\d+):\s+(?P<event>\w+):\s+(?P<msg>.*)$')
EXIT = re.compile(r'^(?P<type>\w+): HSR_EC: 0x(?P<ec>[0-9a-f]+) \((?P<name>\w*)\), '
                  r'PC: 0x(?P<pc>[0-9a-f]+)')
STEP_OVER = re.compile(r'^PC: 0x(?P<pc>[0-9a-f]+), (?P<src>\w+) -> (?P<dst>\w+)')

EC_BREAKPT_LOW = 0x30
EC_SOFTSTP_LOW = 0x32

# Figure 1's causes of the exits KVM handles itself, in report order.
CAUSES = ['vector entry', 'return breakpoint', 'foreign hits',
          'host interrupts', 'other']


def parse_log(path):
    """The cost lines, trace lines and step_cost's KTAP results of a log."""
    run = {'nondebug': {}, 'step': {}, 'traced': None, 'trace': [],
           'results': {}, 'loop': None}
    with open(path, errors='replace') as f:
        for line in f:
            line = line.rstrip('\n')
            m = TRACE.match(line)
            if m:
                run['trace'].append(m.group(1))
                continue
            m = COST.match(line)
            if m:
                kind, fields = m.group(1), dict(
                    kv.split('=', 1) for kv in m.group(2).split())
                values = {k: v if k in ('kind', 'debugger') else int(v)
                          for k, v in fields.items()}
                if kind == 'nondebug':
                    run['nondebug'][values['kind']] = values
                elif kind == 'step':
                    run['step'][(values['debugger'], values['k'])] = values
                elif kind == 'traced':
                    run['traced'] = values
                elif kind == 'loop':
                    run['loop'] = values['len']
                continue
            m = RESULT.match(line)
            if m:
                run['results'][m.group(3)] = 'skip' if m.group(2) else m.group(1)
    return run


def classify(trace):
    """Figure 1: the vcpu's exits in a trace, by cause.

    An exit belongs to the stepped-over interrupt whose window (from the
    step that entered the vector to the return breakpoint) it falls in,
    or it is the step userspace sees, or neither ('outside').  When the
    interrupt came after the stepped instruction (SPSR_EL1.SS == 0), KVM
    re-enters the guest after the return breakpoint only to take the
    pending step exception, at the return address: that exit is the one
    userspace sees, not one more, but it comes from an entry that runs no
    instruction, where reporting the breakpoint exit as the step would
    have saved one; those returns are counted in 'ss0'.
    Returns a dict: 'counts' by cause, 'irqs' stepped over, 'user' exits
    userspace saw, 'ss0', 'outside' (other exits outside any window),
    'ignored' (kvm_arm_step_over_ignored), 'kinds' (the exception classes
    of the "other" exits and of those outside).
    """
    exits = []
    for line in trace:
        m = EVENT.match(line)
        if not m:
            continue
        event, msg = m.group('event'), m.group('msg')
        if event == 'kvm_exit':
            e = EXIT.match(msg)
            exits.append({'type': e.group('type'), 'name': e.group('name'),
                          'ec': int(e.group('ec'), 16),
                          'pc': int(e.group('pc'), 16), 'moves': [],
                          'user': False})
        elif event == 'kvm_arm_step_over' and exits:
            s = STEP_OVER.match(msg)
            exits[-1]['moves'].append((s.group('src'), s.group('dst')))
        elif event == 'kvm_userspace_exit' and exits:
            exits[-1]['user'] = True
        elif event == 'kvm_arm_step_over_ignored' and exits:
            exits[-1]['ignored'] = True

    counts = dict.fromkeys(CAUSES, 0)
    irqs = user = outside = ignored = ss0 = 0
    kinds = {}
    state, prev = 'stepping', None
    for e in exits:
        moves = e['moves']
        ignored += e.get('ignored', False)
        user += e['user']
        if ('stepping', 'handler') in moves:
            cause = 'vector entry'
            irqs += 1
        elif any('foreign' in m for m in moves):
            cause = 'foreign hits'
        elif ('handler', 'stepping') in moves and e['ec'] == EC_BREAKPT_LOW:
            cause = 'return breakpoint'
        elif state != 'stepping':
            cause = 'host interrupts' if e['type'] == 'IRQ' else 'other'
        elif e['user']:
            cause = 'user'
            if (prev and prev['cause'] == 'return breakpoint' and
                    e['ec'] == EC_SOFTSTP_LOW and e['pc'] == prev['pc']):
                ss0 += 1
        else:
            cause = 'outside'
            outside += 1
        if cause in counts:
            counts[cause] += 1
        if cause in ('other', 'outside'):
            kind = e['name'] if e['type'] == 'TRAP' else e['type']
            kinds[kind] = kinds.get(kind, 0) + 1
        e['cause'] = cause
        if moves:
            state = moves[-1][1]
        prev = e
    return {'counts': counts, 'irqs': irqs, 'user': user, 'ss0': ss0,
            'outside': outside,
            'ignored': ignored, 'kinds': kinds}


def per_irq(run, debugger, k, key):
    """What k's interrupts added to a run, per interrupt, against k = 0."""
    r, base = run['step'][(debugger, k)], run['step'][(debugger, 0)]
    return (r[key] - base[key]) / r['irqs']


def fmt(x, digits=2):
    return f'{x:.{digits}f}'


def figures(runs, which=0):
    """The tables (markdown lines) and the summary's values, the stepping
    figures from the patched kernel's run number @which (from 0)."""
    patched = [r for r in runs if r['kernel'] == 'patched']
    pristine = [r for r in runs if r['kernel'] == 'pristine']
    first = patched[which]
    ks = sorted(k for (d, k) in first['step'] if d == 'flag')
    irq_ks = [k for k in ks if k]
    out, summary = [], {}

    # 1. Exits per stepped-over interrupt, from the trace
    c = classify(first['trace'])
    counts, irqs = c['counts'], c['irqs']
    total = sum(counts.values())
    kinds = ', '.join(f'{n} {k}' for k, n in sorted(c['kinds'].items()))
    t = first['traced']
    out += ['## 1. KVM exits per stepped-over interrupt (tracepoints)', '',
            f"The flag's run at K = {t['k']}: {t['retired']} loop instructions, "
            f"{t['irqs']} SPIs raised, {irqs} step-overs in the trace "
            f"(stat step_over_entries: {t['entries']}), {c['user']} exits to userspace, "
            f"{c['ignored']} not stepped over, {c['outside']} other exit(s) outside a "
            f"step-over. The other exits, in and outside step-overs, by exception "
            f"class: {kinds or 'none'}.", '',
            'Exits KVM handled itself, by cause:', '',
            '| cause | exits | per interrupt |', '| --- | ---: | ---: |']
    for cause in CAUSES:
        out.append(f'| {cause} | {counts[cause]} | {fmt(counts[cause] / irqs)} |')
    out += [f'| **total** | **{total}** | **{fmt(total / irqs)}** |', '',
            f"Returns with SPSR_EL1.SS == 0 (the interrupt came after the stepped "
            f"instruction; KVM re-enters only to take the pending step, one exit "
            f"more than reporting the return breakpoint as the step would take): "
            f"{c['ss0']}. Stat \"exits\" of the untraced run against the same run "
            f"without interrupts: "
            f"{fmt(per_irq(first, 'flag', t['k'], 'guest_exits'))} per interrupt.", '']
    summary['exits_per_irq'] = fmt(total / irqs)

    # 2. KVM_EXIT_DEBUGs per instruction retired
    out += ['## 2. Exits to userspace per loop instruction retired', '',
            f"A loop of {first['loop']} instructions stepped from start to end; "
            'an SPI raised after every K instructions retired.', '',
            '| K | SPIs | without the flag | with the flag |',
            '| ---: | ---: | ---: | ---: |']
    fig2 = {}
    for k in ks:
        p, f = first['step'][('plain', k)], first['step'][('flag', k)]
        fig2[k] = (p['user_exits'] / p['retired'], f['user_exits'] / f['retired'])
        out.append(f"| {k or 'none'} | {f['irqs']} | {fmt(fig2[k][0])} | {fmt(fig2[k][1])} |")
    out.append('')

    # 3. The VMM-side alternative
    k = irq_ks[0]
    f, v = first['step'][('flag', k)], first['step'][('vmm', k)]
    out += ['## 3. The same state machine in the VMM', '',
            f"Per stepped-over interrupt at K = {k} ({f['irqs']} SPIs), against the "
            'same debugger stepping the loop without interrupts.', '',
            '| per interrupt | in KVM (the flag) | in the VMM |',
            '| --- | ---: | ---: |']
    for key, what in (('user_exits', 'exits to userspace'), ('ioctls', 'vcpu ioctls'),
                      ('guest_exits', 'guest exits (stat "exits")')):
        out.append(f"| {what} | {fmt(per_irq(first, 'flag', k, key))} | "
                   f"{fmt(per_irq(first, 'vmm', k, key))} |")
    added = {d: per_irq(first, d, k, 'ns') / 1000 for d in ('flag', 'vmm')}
    out += [f"| emulated us added (thousands of instructions) | {added['flag']:.1f} | "
            f"{added['vmm']:.1f} |",
            '',
            'Both stop where stepping without interrupts stops, at the same PCs in '
            'the same order, at every K (step_cost compares every PC: step_k* ok). '
            'Time per step, side by side (K = none: both debuggers without '
            'interrupts, the floor of the comparison):', '',
            '| K | SPIs | time per step, VMM-side / in KVM |', '| ---: | ---: | ---: |']
    for k in ks:
        f, v = first['step'][('flag', k)], first['step'][('vmm', k)]
        ratio = (v['ns'] / v['stops']) / (f['ns'] / f['stops'])
        out.append(f"| {k or 'none'} | {f['irqs']} | {fmt(ratio)} |")
    out.append('')
    # One stepped-over interrupt, in plain steps of the same kernel
    plain = first['step'][('plain', 0)]
    summary['irq_cost_in_steps'] = fmt(per_irq(first, 'flag', irq_ks[0], 'ns') /
                                       (plain['ns'] / plain['stops']))
    vmm_ioctls = per_irq(first, 'vmm', irq_ks[0], 'ioctls')
    summary['vmm_side_ioctls_per_irq'] = (
        str(round(vmm_ioctls)) if abs(vmm_ioctls - round(vmm_ioctls)) < 0.005
        else fmt(vmm_ioctls))

    # 4. The cost when nobody debugs
    out += ['## 4. Guest debug off: emulated ns per exit, pristine and patched', '',
            f"{first['nondebug']['mmio']['n']} MMIO exits to the VMM, "
            f"{first['nondebug']['hvc']['n']} hypercalls answered in "
            'KVM (SMCCC_VERSION); the ratio is of the means of the two runs. The '
            'last row steps the loop without the flag and without interrupts '
            '(ns per step), which runs on both kernels.', '',
            '| exit | ' + ' | '.join(f"{r['kernel']} run {r['n']}" for r in runs) +
            ' | patched / pristine | repeatability (pristine, patched) |',
            '| --- | ' + ' | '.join('---:' for _ in runs) + ' | ---: | ---: |']
    ratio = {}
    for kind in ('mmio', 'hvc', 'plain step'):
        if kind == 'plain step':
            per = {id(r): r['step'][('plain', 0)]['ns'] / r['step'][('plain', 0)]['stops']
                   for r in runs if ('plain', 0) in r['step']}
            if len(per) != len(runs):
                continue
        else:
            per = {id(r): r['nondebug'][kind]['ns'] / r['nondebug'][kind]['n']
                   for r in runs}
        mean = {side: sum(per[id(r)] for r in rs) / len(rs)
                for side, rs in (('pristine', pristine), ('patched', patched))}
        spread = {side: (max(per[id(r)] for r in rs) - min(per[id(r)] for r in rs)) /
                  mean[side] for side, rs in (('pristine', pristine), ('patched', patched))}
        ratio[kind] = mean['patched'] / mean['pristine']
        out.append(f'| {kind} | ' + ' | '.join(fmt(per[id(r)], 1) for r in runs) +
                   f" | {ratio[kind]:.4f} | {spread['pristine']:.4%}, "
                   f"{spread['patched']:.4%} |")
    out.append('')
    # The summary takes the exit whose ratio is farther from 1
    worst = max(('mmio', 'hvc'), key=lambda kind: abs(ratio[kind] - 1))
    summary['nondebug_cost_ratio'] = f"{ratio[worst]:.4f}"
    if 'plain step' in ratio:
        summary['plain_step_ratio'] = f"{ratio['plain step']:.4f}"

    # 5. Stepping throughput with the flag
    out += ['## 5. Steps per second of emulated time, with the flag', '',
            '| K | steps/s | relative to no interrupts |', '| ---: | ---: | ---: |']
    base = first['step'][('flag', 0)]
    base_rate = base['stops'] / base['ns'] * 1e9
    plain = first['step'][('plain', 0)]
    plain_rate = plain['stops'] / plain['ns'] * 1e9
    out.append(f'| none, without the flag | {plain_rate:.0f} | {fmt(plain_rate / base_rate, 3)} |')
    fig5 = {}
    for k in ks:
        f = first['step'][('flag', k)]
        rate = f['stops'] / f['ns'] * 1e9
        fig5[k] = rate / base_rate
        out.append(f"| {k or 'none'} | {rate:.0f} | {fmt(fig5[k])} |")
    out.append('')
    summary[f'step_rate_ratio_k{irq_ks[0]}'] = fmt(fig5[irq_ks[0]])
    return out, summary, fig2, fig5


def agreement(runs):
    """How the two patched runs' stepping figures compare: the fields
    that differ other than times and guest exits, the largest difference
    in guest exits (host interrupts land differently), and the largest
    relative difference in time, with where it is."""
    patched = [r for r in runs if r['kernel'] == 'patched']
    fields, exits, worst = set(), 0, (0.0, None)
    for key, a in patched[0]['step'].items():
        b = patched[1]['step'][key]
        for field, x in a.items():
            if field == 'ns':
                if abs(b[field] - x) / x > worst[0]:
                    worst = (abs(b[field] - x) / x,
                             f'{key[0]} at K = {key[1]}: {x} and {b[field]} ns')
            elif field == 'guest_exits':
                exits = max(exits, abs(b[field] - x))
            elif b[field] != x:
                fields.add(field)
    return sorted(fields), exits, worst


def plot(out_dir, fig2, fig5):
    """Figures 2 and 5 against K, in figures.svg (None without gnuplot)."""
    data = os.path.join(out_dir, 'figures.dat')
    with open(data, 'w') as f:
        f.write('# K exits_per_insn_without exits_per_insn_with step_rate_ratio\n')
        for k in sorted(k for k in fig2 if k):
            f.write(f'{k} {fig2[k][0]:.4f} {fig2[k][1]:.4f} {fig5[k]:.4f}\n')
    svg = os.path.join(out_dir, 'figures.svg')
    script = f'''
set terminal svg size 1000,400 dynamic
set output "{svg}"
set multiplot layout 1,2
set logscale x
set xlabel "K: loop instructions between interrupts"
set key top right
set title "Exits to userspace per instruction retired"
plot "{data}" using 1:2 with linespoints title "without the flag", \\
     "{data}" using 1:3 with linespoints title "with the flag"
set title "Steps per emulated second (1 = no interrupts)"
set key bottom right
set yrange [0:1.1]
plot "{data}" using 1:4 with linespoints title "with the flag"
unset multiplot
'''
    try:
        subprocess.run(['gnuplot'], input=script, text=True, check=True)
    except (OSError, subprocess.CalledProcessError) as e:
        print(f'bench: no plot: {e}', file=sys.stderr)
        return None
    return svg


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('base')
    ap.add_argument('logs', nargs='+')
    ap.add_argument('--out', help='default: build/bench/<base>')
    args = ap.parse_args()
    args.out = args.out or os.path.join('build', 'bench', args.base)

    runs = []
    for path in args.logs:
        m = re.search(r'bench-[^/]*-(pristine|patched)-(\d+)\.log$', path)
        if not m:
            sys.exit(f'bench: {path}: not a bench log name')
        run = parse_log(path)
        run.update(kernel=m.group(1), n=int(m.group(2)), path=path)
        runs.append(run)
    # The boot as make check judges it (timeouts, splats, unfinished init,
    # failed tests), then step_cost's own results
    failed = []
    for r in runs:
        with open(r['path'], errors='replace') as f:
            boot = ktap.parse(f.read())
        failed += [f"{r['path']}: {p}" for p in boot.problems()]
        failed += [f"{r['path']}: {t.name} {t.status}" for t in boot.results
                   if t.status == 'not ok']
    failed += [f"{r['path']}: {name} {res}" for r in runs
               for name, res in r['results'].items() if res == 'not ok']
    missing = [r['path'] for r in runs if not r['nondebug'] or
               (r['kernel'] == 'patched' and not r['step'])]
    if failed or missing or len({r['kernel'] for r in runs}) != 2:
        for f in failed:
            print(f'bench: FAILED {f}', file=sys.stderr)
        for m in missing:
            print(f'bench: {m}: no figures (see the log)', file=sys.stderr)
        sys.exit('bench: the runs are incomplete')

    lines, summary, fig2, fig5 = figures(runs)
    summary2 = figures(runs, 1)[1]
    fields, exits, (worst, where) = agreement(runs)
    order = ['exits_per_irq', 'irq_cost_in_steps', 'nondebug_cost_ratio',
             'plain_step_ratio', 'vmm_side_ioctls_per_irq']
    order += [k for k in summary if k not in order]
    head = [f'# make bench: base {args.base}', '',
            'QEMU -icount shift=0: times are emulated ns, one per instruction the '
            "emulated machine's CPUs executed (read through its 62.5 MHz counter, "
            '16 ns steps), not time on silicon. Guest exits and step-overs are read '
            "from KVM's statistics and tracepoints; exits to userspace, ioctls and "
            'retired instructions are counted by the VMM. Each kernel was booted twice, '
            'with different random seeds. '
            "Figures 1-3 and 5 are from the patched kernel's run 1. In its run 2, "
            + (f"these counts differ: {', '.join(fields)}; " if fields else
               'every count of the stepping runs is the same, ')
            + f'guest exits differ by at most {exits} (host interrupts), and times '
            f'by at most {worst:.2%} ({where}).', '',
            'The summary from run 1, then from run 2:', '', '```']
    head += ['bench: ' + ' '.join(f'{k}={s[k]}' for k in order)
             for s in (summary, summary2)]
    head += ['```', '']
    os.makedirs(args.out, exist_ok=True)
    svg = plot(args.out, fig2, fig5)
    text = '\n'.join(head + lines + ([f'Plot: {svg}', ''] if svg else []))
    with open(os.path.join(args.out, 'results.md'), 'w') as f:
        f.write(text)
    print(text)
    print('bench: ' + ' '.join(f'{k}={summary[k]}' for k in order))


if __name__ == '__main__':
    main()
