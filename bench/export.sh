#!/bin/bash
# Regenerate series/<base>/ from the commits on top of "base" in
# build/linux-<base>: git format-patch with stable names and no commit ids
# (--zero-commit), the "series" file, and the cover letter, whose prose is
# kept from the existing 0000-cover-letter.patch (subject + body) while git
# rewrites the shortlog and diffstat.
set -euo pipefail
base=${1:?usage: export.sh <base>}
cd "$(dirname "$0")/.."
. bench/identity
tree=build/linux-$base
dir=series/$base
cover=$dir/0000-cover-letter.patch

[ -z "$(git -C "$tree" status --porcelain -uno)" ] ||
	{ echo "export: $tree has uncommitted changes; commit them first" >&2; exit 1; }
n=$(git -C "$tree" rev-list --count base..HEAD)

# Cover prose: the subject after "[PATCH 0/N] ", then the body up to the
# shortlog that starts with "<author> (<count>):".
description=$(mktemp)
trap 'rm -f "$description"' EXIT
if [ -f "$cover" ]; then
	awk -v who="$PROJECT_NAME" '
		!body && /^Subject: / { sub(/^Subject: (\[[^]]*\] )?/, ""); subject = $0; insubj = 1; next }
		!body && insubj && /^ / { subject = subject $0; next }
		!body && /^$/ { print subject; print ""; body = 1; next }
		!body { insubj = 0; next }
		body && index($0, who " (") == 1 && $0 ~ /\([0-9]+\):$/ { exit }
		body { print }' "$cover" >"$description"
else
	printf 'KVM: arm64: *** SUBJECT HERE ***\n\n*** BLURB HERE ***\n' >"$description"
fi
git -C "$tree" config branch.series.description "$(cat "$description")"

rm -f "$dir"/*.patch
git -C "$tree" format-patch -q --zero-commit --no-signature --base=base \
	--cover-letter --cover-from-description=subject \
	-o "$PWD/$dir" base..HEAD
{
	echo "# Patches in the order git am applies them."
	(cd "$dir" && ls [0-9][0-9][0-9][0-9]-*.patch | grep -v '^0000-cover-letter')
} >"$dir/series"
echo "export: $dir: $n patches + cover letter"
