#!/usr/bin/env bash
# Fuzzes one target of tests/fuzz, or all of them one after another, for longer than CI does:
#   scripts/fuzz.sh <target|all> [seconds per target, default 600]
# Targets: the names of tests/fuzz/*_fuzz.cpp without _fuzz.cpp (e.g. www_authenticate).
# Uses the sanitizer build of scripts/test.sh (build-asan). Starts from the committed seed corpus
# (not written to); new inputs go to build-asan/tests/fuzz/new_inputs/<target>, a crashing input to
# build-asan/tests/fuzz/crashes/<target>-crash-<sha1> (replay: run the target with that file).
set -euo pipefail
source "$(dirname "$0")/env.sh"

usage="usage: scripts/fuzz.sh <target|all> [seconds]"
target="${1:?$usage}"
seconds="${2:-600}"
[[ $seconds =~ ^[0-9]+$ ]] || { echo "$usage" >&2; exit 2; }

known=()
for source in tests/fuzz/*_fuzz.cpp; do
  name="$(basename "$source" _fuzz.cpp)"
  known+=("$name")
done
if [[ $target == all ]]; then
  targets=("${known[@]}")
elif [[ " ${known[*]} " == *" $target "* ]]; then
  targets=("$target")
else
  echo "unknown fuzz target '$target'; one of: all ${known[*]}" >&2
  exit 2
fi

configure_asan_build
cmake --build build-asan -j "$JOBS" --target "${targets[@]/%/_fuzz}"
out=build-asan/tests/fuzz
mkdir -p "$out/crashes"
for name in "${targets[@]}"; do
  mkdir -p "$out/new_inputs/$name"
  dictionary=()
  [[ -f tests/fuzz/$name.dict ]] && dictionary=(-dict="tests/fuzz/$name.dict")
  echo "== $name: $seconds s"
  "$out/${name}_fuzz" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
    "${dictionary[@]}" -artifact_prefix="$out/crashes/$name-" "$out/new_inputs/$name" "tests/fuzz/corpus/$name"
done
