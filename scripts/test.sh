#!/usr/bin/env bash
# Installs what is needed, builds everything with g++ and runs every test through ctest, then
# builds the unit tests, the integration tests (the test server's fault matrix, the cancellation
# storm, the async lifetime cases: the transport-level suites over curl's transports, and again as
# `beast.*` over Beast's) and the peer scenario tests (Spector, the Blob example on Azurite) with
# clang + AddressSanitizer/UndefinedBehaviorSanitizer and runs them, then runs each fuzz target
# over its seed corpus and for AZCORE_FUZZ_SECONDS (15) more (docs/FUZZING.md).
set -euo pipefail
source "$(dirname "$0")/env.sh"
bash scripts/setup.sh

configure_gxx_build
cmake --build build -j "$JOBS"
ctest --test-dir build --output-on-failure -j "$JOBS" --timeout 300

configure_asan_build
cmake --build build-asan -j "$JOBS" --target azcore_unit_tests azcore_integration_tests azcore_spector_tests \
  azcore_blob_tests azcore_examples_tests azcore_azrest_tests azcore_fuzz_targets
ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
  ctest --test-dir build-asan -R '^(unit|integration|beast|spector|examples|azrest)\.' --output-on-failure -j "$JOBS" --timeout 300
ctest --test-dir build-asan -L fuzz --output-on-failure -j "$JOBS"
