#!/usr/bin/env bash
# Makes the Debian packages of the build with CPack (libazcore-dev, azrest), checks their control
# fields and paths, then, as root, installs them with dpkg, builds the consumer against the system
# install (CMake and pkg-config), runs it and azrest, and removes the packages again (also when a
# step fails). Not root: exits 77 (skipped) after the package checks.
# Usage: check_deb.sh BUILD_DIR SOURCE_DIR
set -euo pipefail
build_dir="$1"; source_dir="$2"
consumer="$source_dir/tests/install/consumer"
work=$(mktemp -d)
installed=()
cleanup() {
  if ((${#installed[@]})); then dpkg -r "${installed[@]}" > /dev/null; fi
  rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
quiet() { local log; log=$(mktemp); "$@" > "$log" 2>&1 || { cat "$log" >&2; rm -f "$log"; return 1; }; rm -f "$log"; }

quiet cpack -G DEB -B "$work/packages" --config "$build_dir/CPackConfig.cmake"
version=$(sed -n 's/^set(CPACK_PACKAGE_VERSION "\(.*\)")$/\1/p' "$build_dir/CPackConfig.cmake")
packages=()
for name in libazcore-dev azrest; do
  deb=$(find "$work/packages" -maxdepth 1 -name "${name}_${version}_*.deb")
  [[ -n "$deb" ]] || fail "cpack made no $name package"
  packages+=("$deb")
  echo "$(basename "$deb"):"
  dpkg-deb --field "$deb" Package Version Maintainer Section Depends | sed 's/^/  /'
  [[ $(dpkg-deb --field "$deb" Package) == "$name" ]] || fail "$deb is not package $name"
  [[ $(dpkg-deb --field "$deb" Version) == "$version" ]] || fail "$deb: version is not $version"
  [[ -n $(dpkg-deb --field "$deb" Maintainer) ]] || fail "$deb has no Maintainer"
  [[ -n $(dpkg-deb --field "$deb" Depends) ]] || fail "$deb has no Depends"
  description=$(dpkg-deb --field "$deb" Description)
  synopsis="${description%%$'\n'*}"
  [[ -n "$synopsis" && "$synopsis" != *"built using CMake"* ]] || fail "$deb has no synopsis of its own"
  # Every file under /usr, none under /usr/local, all owned by root.
  dpkg-deb --contents "$deb" > "$work/contents"
  awk '$6 !~ /^\.\/usr\// || $6 ~ /^\.\/usr\/local\// || $2 != "root/root" { print; bad = 1 } END { exit bad }' \
    "$work/contents" || fail "$deb has files outside /usr, under /usr/local or not root's"
done
dev="${packages[0]}"; tool="${packages[1]}"
for path in ./usr/include/azcore/pipeline_client.hpp ./usr/lib/libazcore.a ./usr/lib/cmake/azcore/azcoreConfig.cmake \
            ./usr/lib/pkgconfig/azcore.pc; do
  dpkg-deb --contents "$dev" | awk -v p="$path" '$6 == p { found = 1 } END { exit !found }' || fail "libazcore-dev lacks $path"
done
dpkg-deb --contents "$tool" | awk '$6 == "./usr/bin/azrest" { found = 1 } END { exit !found }' || fail "azrest lacks ./usr/bin/azrest"
pc=$(dpkg-deb --fsys-tarfile "$dev" | tar -xO ./usr/lib/pkgconfig/azcore.pc)
[[ $'\n'"$pc"$'\n' == *$'\nprefix=/usr\n'* ]] || fail "azcore.pc's prefix is not /usr"
# dpkg-shlibdeps found the runtime libraries azrest links (HTTP/2 and TLS; it no longer uses curl).
depends=$(dpkg-deb --field "$tool" Depends)
[[ $depends == *libnghttp2-14* ]] || fail "azrest does not depend on libnghttp2-14"
[[ $depends == *libssl3* ]] || fail "azrest does not depend on libssl3"

if [[ $(id -u) != 0 ]]; then
  echo "SKIPPED: installing the packages needs root (dpkg -i); the package checks above passed"
  exit 77
fi
for name in libazcore-dev azrest; do
  if [[ $(dpkg-query -W -f='${Status}' "$name" 2>/dev/null || true) == *installed* ]]; then
    echo "SKIPPED: $name is already installed on this machine; not replacing or removing it"
    exit 77
  fi
done
installed=(libazcore-dev azrest)
dpkg -i "$dev" "$tool" > /dev/null || fail "dpkg -i did not install the packages (their Depends?)"
echo "installed: libazcore-dev azrest $version"

quiet cmake -S "$consumer" -B "$work/build" -G Ninja
quiet cmake --build "$work/build"
grep -q '^azcore_DIR:PATH=/usr/lib/cmake/azcore$' "$work/build/CMakeCache.txt" || fail "CMake did not find the package in /usr"
echo "CMake consumer:"; "$work/build/consumer"
[[ $(pkg-config --variable=prefix azcore) == /usr ]] || fail "pkg-config does not find /usr's azcore.pc"
# shellcheck disable=SC2046 # the flags are words
g++ -std=c++20 "$consumer/main.cpp" -o "$work/pc_consumer" $(pkg-config --cflags --libs azcore)
echo "pkg-config consumer:"; "$work/pc_consumer"
[[ $(command -v azrest) == /usr/bin/azrest ]] || fail "azrest is not /usr/bin/azrest"
azrest --help > /dev/null || fail "azrest --help failed"
echo "azrest --help: exit 0"

dpkg -r libazcore-dev azrest > /dev/null
installed=()
[[ ! -e /usr/include/azcore && ! -e /usr/lib/pkgconfig/azcore.pc && ! -e /usr/bin/azrest ]] || fail "dpkg -r left files behind"
echo "removed: libazcore-dev azrest"
