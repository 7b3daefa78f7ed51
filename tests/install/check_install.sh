#!/usr/bin/env bash
# Installs the built azcore into a temporary prefix, then builds a consumer against it twice, with
# CMake (find_package) and with a plain g++ line from `pkg-config --cflags --libs azcore`, and runs
# both. A shared libazcore must be what both consumers load; a static one must be linked in.
# Usage: check_install.sh BUILD_DIR SOURCE_DIR
set -euo pipefail
# Runs a command quietly; prints its output when it fails.
quiet() { local log; log=$(mktemp); "$@" > "$log" 2>&1 || { cat "$log" >&2; rm -f "$log"; return 1; }; rm -f "$log"; }
build_dir="$1"; source_dir="$2"
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
prefix="$work/prefix"
consumer="$source_dir/tests/install/consumer"
quiet cmake --install "$build_dir" --prefix "$prefix"
libdir=$(cd "$prefix" && dirname "$(find . -name azcore.pc -path '*/pkgconfig/*')")
libdir="$prefix/${libdir#./}"; libdir="${libdir%/pkgconfig}"

quiet cmake -S "$consumer" -B "$work/build" -G Ninja -DCMAKE_PREFIX_PATH="$prefix"
quiet cmake --build "$work/build"
echo "CMake consumer:"; "$work/build/consumer"

export PKG_CONFIG_PATH="$libdir/pkgconfig"
flags=$(pkg-config --cflags --libs azcore)
echo "pkg-config --cflags --libs azcore: $flags"
rpath=()
[[ -e "$libdir/libazcore.so" ]] && rpath=("-Wl,-rpath,$(pkg-config --variable=libdir azcore)")
# shellcheck disable=SC2086 # the flags are words
g++ -std=c++20 "$consumer/main.cpp" -o "$work/pc_consumer" $flags "${rpath[@]}"
echo "pkg-config consumer:"; "$work/pc_consumer"

for program in "$work/build/consumer" "$work/pc_consumer"; do
  needed=$(readelf -d "$program" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p' | tr '\n' ' ')
  if [[ -e "$libdir/libazcore.so" ]]; then
    soname=$(readelf -d "$libdir/libazcore.so" | sed -n 's/.*(SONAME).*\[\(.*\)\]/\1/p')
    [[ " $needed" == *" $soname "* ]] || { echo "FAIL: $program does not need $soname (needs: $needed)" >&2; exit 1; }
    loaded=$(ldd "$program" | awk -v so="$soname" '$1 == so { print $3 }')
    [[ "$loaded" == "$libdir/$soname" ]] || { echo "FAIL: $program loads $soname from '$loaded', not $libdir" >&2; exit 1; }
    echo "$(basename "$program") loads $loaded"
  else
    [[ " $needed" != *" libazcore"* ]] || { echo "FAIL: $program needs a shared libazcore (needs: $needed)" >&2; exit 1; }
    echo "$(basename "$program") links libazcore.a in (needs: $needed)"
  fi
done
