#!/usr/bin/env python3
"""Check each backport series against the mainline series (bench/bases).

usage: drift.py [SERIES_DIR [BASES_FILE]]     (default: series, bench/bases)

A backport keeps the mainline patches, in the same order. Where it differs,
its cover letter says so, in a section that starts with the line
"Differences from the mainline series" and ends at the shortlog. This
compares, patch by patch:

  - the subject: a different one must be named there as "patch N";
  - for every file either patch touches, the lines the patch adds (its
    "+" lines, wherever they land): where they differ, or only one of the
    two touches the file, the difference gets a digest (the patch number,
    the path, and the diff of the two sets of added lines), and that
    digest must be in the section, as "[0123456789ab]" after the path.

The digest pins the difference a reviewer read: when it changes, the
section must be read and updated again.  A digest in the section that no
difference has any more (a stale entry) fails too.  "drift.py --digests"
prints every difference with its digest and diff, for review.

Paths are compared after mapping the selftests' old arm64 directory
(selftests/kvm/aarch64/) to its new name (selftests/kvm/arm64/). Exit
status 1, with one line per unlisted difference, when anything drifted.
"""

import difflib
import hashlib
import os
import re
import sys

COVER = '0000-cover-letter.patch'
SECTION = 'Differences from the mainline series'


def read_bases(path):
    with open(path) as f:
        return [line.split()[0] for line in f
                if line.strip() and not line.startswith('#')]


def normalise(path):
    return path.replace('selftests/kvm/aarch64/', 'selftests/kvm/arm64/')


def parse_patch(text):
    """(subject, {path: [added lines]}) of one git format-patch file."""
    subject, files, current = '', {}, None
    lines = text.splitlines()
    for i, line in enumerate(lines):
        if not subject and line.startswith('Subject: '):
            subject = line[len('Subject: '):]
            for more in lines[i + 1:]:
                if not more.startswith(' '):
                    break
                subject += more
            subject = re.sub(r'^\[PATCH[^]]*\]\s*', '', subject)
        m = re.match(r'^diff --git a/(\S+) b/(\S+)$', line)
        if m:
            current = normalise(m.group(2))
            files.setdefault(current, [])
        elif current and line.startswith('+') and not line.startswith('+++'):
            files[current].append(line[1:])
    return subject, files


def load_series(directory):
    with open(os.path.join(directory, 'series')) as f:
        names = [line.strip() for line in f
                 if line.strip() and not line.startswith('#')]
    patches = []
    for name in names:
        with open(os.path.join(directory, name), errors='replace') as f:
            patches.append(parse_patch(f.read()))
    return patches


def listed_differences(directory):
    """The text of the cover letter's differences section, or ''."""
    try:
        with open(os.path.join(directory, COVER), errors='replace') as f:
            text = f.read()
    except FileNotFoundError:
        return ''
    start = text.find(SECTION)
    if start < 0:
        return ''
    end = re.search(r'^.* \(\d+\):$', text[start:], re.M)
    return text[start:start + end.start()] if end else text[start:]


DIGEST = re.compile(r'\[([0-9a-f]{12})\]')


def difference(n, path, mlines, blines):
    """(digest, diff text) of one file's added lines in patch @n."""
    diff = list(difflib.unified_diff(mlines or [], blines or [],
                                     'mainline', 'backport', lineterm='', n=1))
    text = '\n'.join([f'patch {n} {path}'] + diff)
    return hashlib.sha256(text.encode()).hexdigest()[:12], '\n'.join(diff)


def differences(mainline, backport):
    """[(patch, path, digest, diff)] of the files whose added lines differ."""
    found = []
    for n in range(1, min(len(mainline), len(backport)) + 1):
        mfiles, bfiles = mainline[n - 1][1], backport[n - 1][1]
        for path in sorted(set(mfiles) | set(bfiles)):
            if mfiles.get(path) != bfiles.get(path):
                found.append((n, path) + difference(n, path, mfiles.get(path),
                                                    bfiles.get(path)))
    return found


def drift(mainline, backport, listed):
    """The differences between two series that @listed does not name."""
    problems = []
    digests = {d for _, _, d, _ in differences(mainline, backport)}
    for digest in DIGEST.findall(listed):
        if digest not in digests:
            problems.append(f'[{digest}]: listed, but no such difference (stale)')
    for n in range(1, max(len(mainline), len(backport)) + 1):
        if n > len(mainline) or n > len(backport):
            if f'patch {n}' not in listed:
                problems.append(f'patch {n}: in one series only')
            continue
        (msubject, mfiles), (bsubject, bfiles) = mainline[n - 1], backport[n - 1]
        if msubject != bsubject and f'patch {n}' not in listed:
            problems.append(f'patch {n}: subject "{bsubject}", mainline "{msubject}"')
        for path in sorted(set(mfiles) | set(bfiles)):
            if mfiles.get(path) == bfiles.get(path):
                continue
            digest = difference(n, path, mfiles.get(path), bfiles.get(path))[0]
            if f'[{digest}]' in listed:
                continue
            if path not in mfiles or path not in bfiles:
                where = 'only in the backport' if path in bfiles else 'only in mainline'
                problems.append(f'patch {n}: {path}: {where} [{digest}]')
            else:
                problems.append(f'patch {n}: {path}: the added lines differ [{digest}]')
    return problems


def main(series_dir, bases_file, show=False):
    bases = read_bases(bases_file)
    mainline = os.path.join(series_dir, bases[0])
    status = 0
    for base in bases[1:]:
        directory = os.path.join(series_dir, base)
        if show:
            for n, path, digest, diff in differences(load_series(mainline),
                                                     load_series(directory)):
                print(f'=== series/{base}: patch {n}: {path} [{digest}]\n{diff}\n')
            continue
        problems = drift(load_series(mainline), load_series(directory),
                         listed_differences(directory))
        for problem in problems:
            why = '' if problem.endswith('(stale)') else ', not listed in its cover letter'
            print(f'drift: series/{base}: {problem}{why}')
        if problems:
            status = 1
        else:
            print(f'drift: series/{base}: differs from series/{bases[0]} only where its cover letter says')
    return status


if __name__ == '__main__':
    top = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..')
    show = '--digests' in sys.argv
    args = [a for a in sys.argv[1:] if a != '--digests'] + [None, None]
    sys.exit(main(args[0] or os.path.join(top, 'series'),
                  args[1] or os.path.join(top, 'bench', 'bases'), show))
