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
# Node.js and npm run the peers of the integration tests (tests/peers). The base image brings
# Node.js 20 with npm; only where they are missing, Debian's packages.
command -v node >/dev/null 2>&1 || packages+=(nodejs)
command -v npm >/dev/null 2>&1 || packages+=(npm)
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

# The peers of the integration tests: Spector (the Azure SDK scenario server, with the TypeSpec
# HTTP and Azure HTTP spec packages) and Azurite (the Azure Storage emulator), exactly as
# tests/peers/package-lock.json pins them. Reinstalled only when the lock file or Node.js changed.
peers="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/tests/peers"
stamp="$peers/node_modules/.azcore-installed"
wanted="$(sha256sum "$peers/package-lock.json" | cut -d' ' -f1) node $(node --version)"
if [[ ! -f "$stamp" || "$(cat "$stamp")" != "$wanted" ]]; then
  npm ci --prefix "$peers" --no-audit --no-fund --loglevel=error
  echo "$wanted" > "$stamp"
fi
