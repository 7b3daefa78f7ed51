#!/usr/bin/env bash
# Installs every Debian package azcore needs to build, test and benchmark.
# Idempotent and non-interactive; run as root on Debian 12.
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config ccache git ca-certificates openssl
  clang-14 libclang-rt-14-dev
  libboost1.81-dev libboost-url1.81-dev libboost-json1.81-dev
  libcurl4-openssl-dev libssl-dev zlib1g-dev libbrotli-dev libzstd-dev libnghttp2-dev
  libfmt-dev libpugixml-dev libcli11-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  nginx  # the HTTP/2 peer of the async transport tests (started by the tests themselves)
  tmux  # a real terminal for the azrest tests (progress bar, status line)
  doxygen  # the API reference, built from the public headers
  file  # CPack's Debian packages find their ELF files with it (dpkg-shlibdeps: tests/install/check_deb.sh)
)
# Node.js and npm run the peers of the integration tests (tests/peers). The base image brings
# Node.js 20 with npm; only where they are missing, Debian's packages.
command -v node >/dev/null 2>&1 || packages+=(nodejs)
command -v npm >/dev/null 2>&1 || packages+=(npm)
# The load generator and instruction counter are only needed when benchmarking.
bench=0
[[ "${AZCORE_SETUP_BENCH:-0}" == 1 ]] && bench=1
if ((bench)); then
  packages+=(wrk valgrind)
fi

# The given Debian packages that are not installed, one per line.
not_installed() {
  local p
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || echo "$p"
  done
}

updated=0
mapfile -t missing < <(not_installed "${packages[@]}")
if ((${#missing[@]})); then
  export DEBIAN_FRONTEND=noninteractive
  # Packages must not start services (nginx): tests start their own servers on free ports.
  if [[ ! -e /usr/sbin/policy-rc.d ]]; then
    printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d
    chmod +x /usr/sbin/policy-rc.d
    trap 'rm -f /usr/sbin/policy-rc.d' EXIT
  fi
  apt-get update -qq
  updated=1
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

# The bench's peers (P3; docs/PERFORMANCE.md): Python azure-core with requests and aiohttp from
# Debian, for Debian's /usr/bin/python3, and JS @azure/core-rest-pipeline exactly as
# bench/peers/node/package-lock.json pins it. Only on the bench's path (scripts/bench.sh sets
# AZCORE_SETUP_BENCH=1), never by default. A peer that does not install is only reported:
# scripts/bench.sh then says in its table that the peer is missing, and measures the rest.
if ((bench)); then
  mapfile -t missing < <(not_installed python3-azure python3-requests python3-aiohttp)
  if ((${#missing[@]})); then
    export DEBIAN_FRONTEND=noninteractive
    if ! { ((updated)) || apt-get update -qq; } ||
       ! apt-get install -y -qq --no-install-recommends "${missing[@]}"; then
      echo "setup.sh: the Python peer's packages (${missing[*]}) did not install; the bench runs without it" >&2
    fi
  fi
  bench_peers="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/bench/peers/node"
  stamp="$bench_peers/node_modules/.azcore-installed"
  if command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1; then
    wanted="$(sha256sum "$bench_peers/package-lock.json" | cut -d' ' -f1) node $(node --version)"
    if [[ ! -f "$stamp" || "$(cat "$stamp")" != "$wanted" ]]; then
      if npm ci --prefix "$bench_peers" --no-audit --no-fund --loglevel=error; then
        echo "$wanted" > "$stamp"
      else
        echo "setup.sh: the JS peer (bench/peers/node) did not install; the bench runs without it" >&2
      fi
    fi
  else
    echo "setup.sh: no node or npm: the JS peer (bench/peers/node) is not installed" >&2
  fi
fi
