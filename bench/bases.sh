# Sourced: read bench/bases, the kernels the series is kept for.
bases_file=$(dirname "${BASH_SOURCE[0]}")/bases
# All bases, mainline first.
bases() { awk '!/^#/ && NF { print $1 }' "$bases_file"; }
# The mainline base.
mainline_base() { bases | head -1; }
# "<package> <suite>" of a base.
base_source() {
	awk -v b="$1" '!/^#/ && $1 == b { print $3, $4; found = 1 }
		END { exit !found }' "$bases_file" ||
		{ echo "unknown base '$1' (see bench/bases)" >&2; return 1; }
}
