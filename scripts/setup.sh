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
  nginx  # the HTTP/2 peer of the async transport tests (started by the tests themselves)
)
# The load generator and instruction counter are only needed when benchmarking.
if [[ "${AZCORE_SETUP_BENCH:-0}" == 1 ]]; then
  packages+=(wrk valgrind)
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  export DEBIAN_FRONTEND=noninteractive
  # Packages must not start services (nginx): tests start their own servers on free ports.
  if [[ ! -e /usr/sbin/policy-rc.d ]]; then
    printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d
    chmod +x /usr/sbin/policy-rc.d
    trap 'rm -f /usr/sbin/policy-rc.d' EXIT
  fi
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
