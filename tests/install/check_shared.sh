#!/usr/bin/env bash
# Builds azcore as a shared library (BUILD_SHARED_LIBS=ON, the library target only) in
# BUILD_DIR-shared, checks its SONAME, and runs check_install.sh on it.
# The objects compile exactly as the static build's (src/CMakeLists.txt), so with the compiler
# cache of that build this costs a link: the directory is a sibling of BUILD_DIR, so relative
# paths (CCACHE_BASEDIR) are the same, and CCACHE_NOHASHDIR keeps the build directory out of the
# cache key of -g compiles. scripts/env.sh sets both for the first build too: a key computed with
# the directory never matches one computed without it.
# BUILD_TYPE_FLAGS are the static build's CMAKE_CXX_FLAGS_<BUILD_TYPE>, so the commands match.
# Usage: check_shared.sh BUILD_DIR SOURCE_DIR BUILD_TYPE CXX_COMPILER BUILD_TYPE_FLAGS
set -euo pipefail
# Runs a command quietly; prints its output when it fails.
quiet() { local log; log=$(mktemp); "$@" > "$log" 2>&1 || { cat "$log" >&2; rm -f "$log"; return 1; }; rm -f "$log"; }
build_dir="$1"; source_dir="$2"; build_type="$3"; cxx="$4"; build_type_flags="$5"
shared="${build_dir%/}-shared"
export CCACHE_NOHASHDIR=1
quiet cmake -S "$source_dir" -B "$shared" -G Ninja -DBUILD_SHARED_LIBS=ON -DAZCORE_BUILD_TESTS=OFF \
  -DAZCORE_BUILD_BENCH=OFF -DCMAKE_BUILD_TYPE="$build_type" -DCMAKE_CXX_COMPILER="$cxx" \
  "-DCMAKE_CXX_FLAGS_${build_type^^}=$build_type_flags"
quiet cmake --build "$shared" --target azcore -j "${JOBS:-2}"
library=$(find "$shared/src" -maxdepth 1 -name 'libazcore.so.*.*.*')
soname=$(readelf -d "$library" | sed -n 's/.*(SONAME).*\[\(.*\)\]/\1/p')
echo "built $(basename "$library"), SONAME $soname"
[[ "$soname" == libazcore.so.0.1 ]] || { echo "FAIL: SONAME is '$soname', not libazcore.so.0.1" >&2; exit 1; }
exec "$(dirname "$0")/check_install.sh" "$shared" "$source_dir"
