# Sourced by the build scripts, with $base set: where things are, and the
# compilers' environment.  TREE and OUT override the source and build
# directories (bench/cost/build.sh builds make bench's kernels that way).
top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
tree=${TREE:-$top/build/linux-$base}
out=${OUT:-$top/build/out-$base}
mkdir -p "$out" "$top/build/logs"

export ARCH=arm64 CROSS_COMPILE=aarch64-linux-gnu-
# Cache hits across clones in different directories (CI uses a fresh one).
export CCACHE_BASEDIR=$top CCACHE_NOHASHDIR=1
