#!/bin/bash
# Create build/linux-<base>: Debian's linux-source-<base> unpacked into a git
# repository (first commit: the pristine source, tagged "base"), then the
# series in series/<base>/ applied on top with git am, one commit per patch.
#
# An existing tree is left alone when it already carries exactly the series;
# otherwise this stops, unless FORCE=1, which resets it to "base" and
# re-applies the series (work that was not exported is lost).
set -euo pipefail
base=${1:?usage: tree.sh <base>}
cd "$(dirname "$0")/.."
. bench/identity
export GIT_AUTHOR_NAME="$PROJECT_NAME" GIT_AUTHOR_EMAIL="$PROJECT_EMAIL"
export GIT_COMMITTER_NAME="$PROJECT_NAME" GIT_COMMITTER_EMAIL="$PROJECT_EMAIL"

tree=build/linux-$base
series=series/$base
tarball=build/src-$base/linux-source-$base.tar.xz
version=$(cat "build/src-$base/version" 2>/dev/null || true)

patches() { sed -e 's/#.*//' -e '/^[[:space:]]*$/d' "$series/series" 2>/dev/null || true; }
patch_ids() { cat "$@" | git patch-id --stable | cut -d' ' -f1 | sort; }

if [ -d "$tree/.git" ]; then
	have=$(git -C "$tree" log -p --reverse base..HEAD | patch_ids)
	want=$(patches | sed "s|^|$series/|" | xargs -r cat | patch_ids)
	if [ "$have" = "$want" ] && [ -z "$(git -C "$tree" status --porcelain -uno)" ]; then
		echo "tree: $tree already carries series/$base ($(patches | wc -l) patches)"
		exit 0
	fi
	if [ "${FORCE:-0}" != 1 ]; then
		echo "tree: $tree differs from $series (local commits or edits)." >&2
		echo "      'make export' to keep them, or 'make tree FORCE=1' to discard them." >&2
		exit 1
	fi
	echo "tree: FORCE=1, resetting $tree to base"
	git -C "$tree" am --abort 2>/dev/null || true
	git -C "$tree" checkout -q -f base
	git -C "$tree" branch -q -f series base
	git -C "$tree" checkout -q series
else
	[ -f "$tarball" ] || { echo "tree: $tarball missing: run 'make deps'" >&2; exit 1; }
	echo "tree: unpacking $tarball ($version)"
	mkdir -p build
	rm -rf "$tree" "build/linux-source-$base"
	tar -C build -xf "$tarball"
	mv "build/linux-source-$base" "$tree"
	git -C "$tree" init -q -b series
	git -C "$tree" config core.autocrlf false
	git -C "$tree" config user.name "$PROJECT_NAME"
	git -C "$tree" config user.email "$PROJECT_EMAIL"
	# Debian's tarball ends .gitignore with "/*": force-add the whole tree.
	echo "tree: committing the pristine source"
	git -C "$tree" add -f -A .
	# Dated like the tarball, so that every machine gets the same base id.
	GIT_AUTHOR_DATE="$(date -u -r "$tarball" +%s) +0000" \
	GIT_COMMITTER_DATE="$(date -u -r "$tarball" +%s) +0000" \
	git -C "$tree" commit -q -m "Debian linux-source-$base $version (pristine)" \
		-m "Unpacked from $tarball, package version $version."
	git -C "$tree" tag base
fi

n=0
for p in $(patches); do
	echo "tree: applying $p"
	git -C "$tree" am -q --keep-cr "$PWD/$series/$p" || {
		echo "tree: $series/$p does not apply; tree left mid-am in $tree" >&2
		exit 1
	}
	n=$((n + 1))
done
echo "tree: $tree ready, base $version + $n patches"
