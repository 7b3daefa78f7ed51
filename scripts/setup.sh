#!/usr/bin/env bash
# Installs every Debian package azcore needs to build, test and benchmark.
# Idempotent and non-interactive; run as root on Debian 12.
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config ccache git ca-certificates openssl
  clang-14 libclang-rt-14-dev
  libboost1.81-dev libboost-url1.81-dev libboost-json1.81-dev
  libcurl4-openssl-dev libssl-dev zlib1g-dev libbrotli-dev libzstd-dev
  libfmt-dev libpugixml-dev libcli11-dev
  libgtest-dev libgmock-dev libbenchmark-dev
)
# Load peers for bench/ (nginx, wrk) are only needed when benchmarking.
if [[ "${AZCORE_SETUP_BENCH:-0}" == 1 ]]; then
  packages+=(nginx-light wrk valgrind)
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
