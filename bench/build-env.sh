# Sourced by the build scripts, with $base set: where things are, and the
# compilers' environment.
top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
tree=$top/build/linux-$base
out=$top/build/out-$base
mkdir -p "$out" "$top/build/logs"

export ARCH=arm64 CROSS_COMPILE=aarch64-linux-gnu-
# Cache hits across clones in different directories (CI uses a fresh one).
export CCACHE_BASEDIR=$top CCACHE_NOHASHDIR=1
