#!/bin/bash
# Run the kernel's scripts/checkpatch.pl --strict on every patch of
# series/<base>/.  The only message ignored is FILE_PATH_CHANGES ("does
# MAINTAINERS need updating?"): the new files fall under existing entries.
set -euo pipefail
base=${1:?usage: checkpatch.sh <base>}
cd "$(dirname "$0")/.."
tree=build/linux-$base
series=$PWD/series/$base
failed=0
for p in $(sed -e 's/#.*//' -e '/^[[:space:]]*$/d' "series/$base/series"); do
	# From inside the kernel tree, or it takes this repository for one.
	if out=$(cd "$tree" && perl scripts/checkpatch.pl --strict --no-tree --quiet \
			--ignore FILE_PATH_CHANGES "$series/$p" 2>&1); then
		echo "checkpatch: $p: clean"
	else
		echo "checkpatch: $p:"
		echo "$out" | sed 's/^/    /'
		failed=1
	fi
done
exit $failed
