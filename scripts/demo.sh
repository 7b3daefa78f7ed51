#!/usr/bin/env bash
# Installs what is needed, builds azrest and runs its demo against the embedded test service.
set -euo pipefail
source "$(dirname "$0")/env.sh"
bash scripts/setup.sh
configure_gxx_build
cmake --build build -j "$JOBS" --target azrest
./build/tools/azrest/azrest demo
