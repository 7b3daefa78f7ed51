#!/usr/bin/env bash
# Installs what is needed, builds everything with g++ and runs every test through ctest, then
# builds the unit tests and the peer scenario tests (Spector, the Blob example on Azurite) with
# clang + AddressSanitizer/UndefinedBehaviorSanitizer and runs them.
set -euo pipefail
source "$(dirname "$0")/env.sh"
bash scripts/setup.sh

cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER=g++
cmake --build build -j "$JOBS"
ctest --test-dir build --output-on-failure -j "$JOBS" --timeout 300

cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_COMPILER=clang++-14 \
  -DAZCORE_SANITIZE=ON -DAZCORE_BUILD_BENCH=OFF
cmake --build build-asan -j "$JOBS" --target azcore_unit_tests azcore_spector_tests azcore_blob_tests
ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
  ctest --test-dir build-asan -R '^(unit|spector|examples)\.' --output-on-failure -j "$JOBS" --timeout 300
