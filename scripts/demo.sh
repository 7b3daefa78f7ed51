#!/usr/bin/env bash
# Installs what is needed, builds azrest and runs its demo against the embedded test service.
set -euo pipefail
source "$(dirname "$0")/env.sh"
bash scripts/setup.sh
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER=g++
cmake --build build -j "$JOBS" --target azrest
./build/tools/azrest/azrest demo
