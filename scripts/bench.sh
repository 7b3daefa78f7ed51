#!/usr/bin/env bash
# Runs azcore's benchmarks (shared/PERF.md) on this machine and prints one markdown table.
#
#   bash scripts/bench.sh [--rounds N] [--quick] [--write-doc] [--no-setup] [--no-callgrind]
#                         [--no-halt-poll] [--bin-dir DIR] [--callgrind-only [--baseline DIR]]
#
#   --rounds N      interleaved rounds; every figure is the median over them (default 5, at least 5
#                   for figures that are published)
#   --quick         smaller runs for trying the rig (100 MiB stream, fewer requests); not for the doc
#   --write-doc     writes the table, machine, versions and load into docs/PERFORMANCE.md
#   --no-setup      skips installing packages (scripts/setup.sh with AZCORE_SETUP_BENCH=1)
#   --no-callgrind  skips the instruction and cache-miss counts (valgrind)
#   --no-halt-poll  leaves the guest's halt polling alone: no P1 rows with it on (p1h_*, below)
#   --bin-dir DIR   no build: runs the programs already built in the CMake build directory DIR
#                   (absolute, or relative to the repository root: DIR/bench/*,
#                   DIR/testserver/azcore-testserver), whatever its build type (the doc says
#                   which); for trying the rig while another build is busy
#   --callgrind-only  only the instruction counts (P1, P2 at c=64 and c=256), each run --rounds
#                   times (interleaved) and printed as median and range; they do not depend on
#                   the machine's load, so this is the measure for a busy machine
#   --baseline DIR  with --callgrind-only: also counts the azcore programs of another CMake build
#                   directory DIR (say, a build of the commit before a change) in the same rounds
#
# What it does: installs nginx, wrk, valgrind and the peers; builds the bench/ programs (Release) in
# build-bench/; generates the data files in a temporary directory; starts nginx on 127.0.0.1 (one
# worker, access_log off, keep-alive) with an HTTP/1.1 server and an HTTPS + HTTP/2 server (a
# self-signed certificate made with openssl); runs every scenario in interleaved rounds; stops
# nginx; prints the table. Every ratio is azcore over raw libcurl from the same round, and the
# table shows the median of those per-round ratios. Raw RESULT lines and the programs' stderr are
# kept in build-bench/bench-results/.
#
# Placement (with 2 CPUs or more): nginx's worker and the test server are pinned to one CPU and
# every client (wrk too) to another with taskset, so that no figure depends on whether the
# scheduler put a client beside the server (which halves a concurrent rate and multiplies a
# sequential one on this VM). P1 runs a second time with the client on the server's CPU (p1s_*):
# there no request waits for a cross-CPU wake-up, and the clients' own work decides their rates.
# On a KVM guest booted with haltpoll.guest_halt_poll_ns=0 (this VM kind), an idle vCPU halts at
# once and every wake-up across CPUs goes through the hypervisor: P1 then runs a third time across
# CPUs (p1h_*) with the guest's halt polling at the kernel's default (200000 ns), set as root for
# that group only and put back after it (and on exit); --no-halt-poll skips it.
#
# P3, the peers (bench/peers/): Python azure-core (Debian's python3-azure with requests and aiohttp,
# run by /usr/bin/python3) and JS @azure/core-rest-pipeline (bench/peers/node, npm ci) do P1, P2
# and P4 (64 KiB reads) in the same interleaved rounds; a second table gives azcore over each peer
# (median of the per-round ratios). The setup step installs them; a peer that is missing or does
# not import is named in that table and the rest of the bench runs.
#
# azure-sdk-for-cpp (P1's other yardstick) is no Debian package: with AZCORE_BENCH_AZURE_SDK_FOR_CPP
# set to a checkout of github.com/Azure/azure-sdk-for-cpp, its azure-core is built and
# bench/peers/azsdk/azsdk_seq.cpp runs P1 in the same rounds (and under callgrind); without it the
# table says it was not measured.
set -euo pipefail
source "$(dirname "$0")/env.sh"   # cd to the repository root; JOBS

rounds=5
quick=0
write_doc=0
setup=1
callgrind=1
halt_poll=1
bin_dir=""
callgrind_only=0
baseline_dir=""
while (($#)); do
  case "$1" in
    --rounds) rounds="${2:?--rounds needs a number}"; shift 2 ;;
    --quick) quick=1; shift ;;
    --write-doc) write_doc=1; shift ;;
    --no-setup) setup=0; shift ;;
    --no-callgrind) callgrind=0; shift ;;
    --no-halt-poll) halt_poll=0; shift ;;
    --bin-dir) bin_dir="${2:?--bin-dir needs a directory}"; shift 2 ;;
    --callgrind-only) callgrind_only=1; shift ;;
    --baseline) baseline_dir="${2:?--baseline needs a directory}"; shift 2 ;;
    -h|--help) sed -n '2,30p' "$0"; exit 0 ;;
    *) echo "bench.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done
[[ "$rounds" =~ ^[1-9][0-9]*$ ]] || { echo "bench.sh: --rounds must be a positive number" >&2; exit 2; }
if ((callgrind_only)); then
  ((write_doc)) && { echo "bench.sh: --callgrind-only does not write the doc (its table needs every scenario)" >&2; exit 2; }
  ((callgrind)) || { echo "bench.sh: --callgrind-only and --no-callgrind exclude each other" >&2; exit 2; }
  if [[ -n "$baseline_dir" ]]; then
    baseline_dir="$(cd "$baseline_dir" && pwd)" || exit 2
    for prog in azcore_sync_seq azcore_async_conc; do
      [[ -x "$baseline_dir/bench/$prog" ]] || { echo "bench.sh: $baseline_dir/bench/$prog is missing" >&2; exit 2; }
    done
  fi
elif [[ -n "$baseline_dir" ]]; then
  echo "bench.sh: --baseline needs --callgrind-only" >&2; exit 2
fi

# Sizes of the scenarios (PERF.md). --quick shrinks them to try the rig.
if ((quick)); then
  big_bytes=$((100 * 1024 * 1024)); big_label="100 MiB"
  mid_bytes=0   # the big file is 100 MiB already
  p1_n=5000; p2_n=10000; p5_m=2000; p6_n=2000; p7_n=5000; wrk_seconds=2; cg_n=500
else
  big_bytes=$((1024 * 1024 * 1024)); big_label="1 GiB"
  mid_bytes=$((100 * 1024 * 1024))   # P4 also streams 100 MiB (azcore 64 KiB reads, raw, peers)
  p1_n=20000; p2_n=50000; p5_m=10000; p6_n=10000; p7_n=20000; wrk_seconds=5; cg_n=2000
fi
p7_c=1000
p7s_file=100m; ((mid_bytes)) || p7s_file=big   # the 100 MiB file (in --quick runs "big" is 100 MiB)
case_timeout=600   # seconds; no single program may run longer

log() { printf '[bench] %s\n' "$*" >&2; }

if ((setup)); then
  log "installing packages (AZCORE_SETUP_BENCH=1 scripts/setup.sh)"
  AZCORE_SETUP_BENCH=1 bash scripts/setup.sh >&2   # stdout carries only the tables
fi
tools=(nginx wrk openssl curl ss)
((callgrind_only)) && tools=(nginx openssl curl ss)   # no wrk ceiling to measure
for tool in "${tools[@]}"; do
  command -v "$tool" >/dev/null || { echo "bench.sh: $tool is missing (run without --no-setup)" >&2; exit 1; }
done
if ((callgrind)) && ! command -v valgrind >/dev/null; then
  log "valgrind missing: no instruction counts"; callgrind=0
fi
if ((callgrind_only && !callgrind)); then echo "bench.sh: --callgrind-only needs valgrind" >&2; exit 1; fi
# --callgrind-only counts P1 and P2 (GETs of /small): no large files to make. A full run counts
# every scenario (P4's streams, P5, P6 and P7 too).
cg_p1_p2_only="$callgrind_only"
if ((callgrind_only)); then big_bytes=0; mid_bytes=0; fi

# ---- build ---------------------------------------------------------------------------------
# -Wno-error=restrict: g++ 12 at -O3 (Release) reports a false -Wrestrict inside libstdc++'s
# string concatenation (GCC bug 105651); it stays a warning here so Release builds at all.
build=build-bench
out_dir="$build/bench-results"
mkdir -p "$out_dir"
have_async=1
if [[ -n "$bin_dir" ]]; then
  bin_dir="$(cd "$bin_dir" && pwd)"
  bin="$bin_dir/bench"
  testserver="$bin_dir/testserver/azcore-testserver"
  build_type="$(awk -F= '/^CMAKE_BUILD_TYPE:/ { print $2 }' "$bin_dir/CMakeCache.txt" 2>/dev/null || true)"
  programs="prebuilt in $bin_dir (${build_type:-unknown} build), not built by this run"
  log "no build: the programs $programs"
  for prog in raw_curl_easy raw_curl_multi raw_curl_stream azcore_sync_seq azcore_sync_stream; do
    [[ -x "$bin/$prog" ]] || { echo "bench.sh: $bin/$prog is missing" >&2; exit 1; }
  done
  for prog in azcore_async_conc azcore_async_inflight azcore_async_stream azcore_retry_faults; do
    [[ -x "$bin/$prog" ]] || have_async=0
  done
  ((have_async)) || log "an async program is missing in $bin: async scenarios are not measured"
else
  programs="built by this run (Release) in $build"
  log "building Release in $build"
  # Build output goes to stderr: stdout carries only the table.
  cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DCMAKE_CXX_FLAGS=-Wno-error=restrict \
    -DAZCORE_BUILD_TESTS=ON -DAZCORE_BUILD_BENCH=ON >"$out_dir/configure.log" 2>&1 ||
    { cat "$out_dir/configure.log" >&2; exit 1; }
  cmake --build "$build" -j "$JOBS" --target raw_curl_easy raw_curl_multi raw_curl_stream \
    azcore_sync_seq azcore_sync_stream azcore-testserver >&2
  if ! cmake --build "$build" -j "$JOBS" --target azcore_async_conc azcore_async_inflight azcore_async_stream azcore_retry_faults \
      >"$out_dir/build-async.log" 2>&1; then
    have_async=0
    log "the async programs did not build (see $out_dir/build-async.log): async scenarios are not measured"
  fi
  bin="$PWD/$build/bench"
  testserver="$PWD/$build/testserver/azcore-testserver"
fi

# ---- azure-sdk-for-cpp (P1's second yardstick) --------------------------------------------------
# Not a Debian package, and this machine reaches no GitHub: measured when AZCORE_BENCH_AZURE_SDK_FOR_CPP
# names a checkout of github.com/Azure/azure-sdk-for-cpp. Its azure-core is built (Release, its curl
# transport, no vcpkg) into $build/azure-sdk-for-cpp, and bench/peers/azsdk/azsdk_seq.cpp against it.
azsdk=""
azsdk_desc=""
azsdk_missing="not measured: set AZCORE_BENCH_AZURE_SDK_FOR_CPP to a checkout of github.com/Azure/azure-sdk-for-cpp"
if [[ -n "${AZCORE_BENCH_AZURE_SDK_FOR_CPP:-}" ]]; then
  azsdk_src="$(cd "$AZCORE_BENCH_AZURE_SDK_FOR_CPP" && pwd)"
  azsdk_log="$out_dir/azure-sdk-for-cpp.log"
  log "building azure-sdk-for-cpp's azure-core from $azsdk_src"
  if AZURE_SDK_DISABLE_AUTO_VCPKG=1 cmake -S "$azsdk_src/sdk/core/azure-core" -B "$build/azure-sdk-for-cpp" -G Ninja \
       -DCMAKE_BUILD_TYPE=Release -DBUILD_TRANSPORT_CURL=ON -DWARNINGS_AS_ERRORS=OFF -DBUILD_TESTING=OFF \
       -DBUILD_SAMPLES=OFF >"$azsdk_log" 2>&1 &&
     cmake --build "$build/azure-sdk-for-cpp" -j "$JOBS" >>"$azsdk_log" 2>&1 &&
     g++ -std=c++17 -O2 -DNDEBUG -I "$azsdk_src/sdk/core/azure-core/inc" bench/peers/azsdk/azsdk_seq.cpp \
       "$build/azure-sdk-for-cpp/libazure-core.a" -lcurl -lssl -lcrypto -lpthread -o "$build/azsdk_seq" >>"$azsdk_log" 2>&1; then
    azsdk="$PWD/$build/azsdk_seq"
    version_file="$azsdk_src/sdk/core/azure-core/src/private/package_version.hpp"
    azsdk_desc="azure-core $(awk '/define AZURE_CORE_VERSION_(MAJOR|MINOR|PATCH) / { v = v (v == "" ? "" : ".") $3 } END { print v }' "$version_file" 2>/dev/null) ($(git -C "$azsdk_src" rev-parse --short HEAD 2>/dev/null || echo 'not a git checkout'))"
  else
    azsdk_missing="did not build (see $azsdk_log)"
  fi
fi

# ---- peers (P3) ----------------------------------------------------------------------------
# Each is run only if it imports; otherwise the peers table says why it is missing.
peers="$PWD/bench/peers"
peer_python=/usr/bin/python3   # Debian's: python3-azure & co. install into its dist-packages
peers_log="$PWD/$out_dir/peers-check.log"   # why a peer did not import
: >"$peers_log"
have_python=0; python_desc=""; python_missing=""
if [[ ! -x "$peer_python" ]]; then
  python_missing="no $peer_python"
elif python_desc="$("$peer_python" -B -c '
import platform, aiohttp, azure.core, requests
print("azure-core %s (requests %s, aiohttp %s; Python %s)" % (azure.core.__version__, requests.__version__,
      aiohttp.__version__, platform.python_version()))' 2>>"$peers_log")"; then
  have_python=1
else
  python_missing="python3-azure, python3-requests or python3-aiohttp not installed (bench-results/peers-check.log)"
fi
have_js=0; js_desc=""; js_missing=""
if ! command -v node >/dev/null; then
  js_missing="no node"
elif js_desc="$(cd "$peers/node" && node --input-type=module -e '
import { createRequire } from "node:module";
await import("@azure/core-rest-pipeline");
const version = createRequire(import.meta.url)("@azure/core-rest-pipeline/package.json").version;
console.log("@azure/core-rest-pipeline " + version + " (Node.js " + process.version + ")");' 2>>"$peers_log")"; then
  have_js=1
else
  js_missing="@azure/core-rest-pipeline not installed in bench/peers/node (bench-results/peers-check.log)"
fi
if ((have_python)); then log "Python peer: $python_desc"; else log "Python peer missing: $python_missing"; fi
if ((have_js)); then log "JS peer: $js_desc"; else log "JS peer missing: $js_missing"; fi

# ---- environment ---------------------------------------------------------------------------
tmp="$(mktemp -d /tmp/azcore-bench.XXXXXX)"
nginx_pid=""
server_pid=""
# The guest's halt polling knob and the value found there, when this run changes it (P1's p1h_*).
halt_poll_knob=/sys/module/haltpoll/parameters/guest_halt_poll_ns
halt_poll_ns=200000   # the kernel's default
halt_poll_was=""
cleanup() {
  if [[ -n "$halt_poll_was" ]]; then echo "$halt_poll_was" >"$halt_poll_knob" 2>/dev/null || true; fi
  if [[ -n "$server_pid" ]]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  if [[ -f "$tmp/nginx.pid" ]]; then
    nginx_pid="$(cat "$tmp/nginx.pid")"
    kill -QUIT "$nginx_pid" 2>/dev/null || true
    for _ in $(seq 50); do kill -0 "$nginx_pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$nginx_pid" 2>/dev/null || true
  fi
  rm -rf "$tmp"
}
trap cleanup EXIT

# Sockets for P5 (10,000 held requests: as many sockets in the client, and in the server).
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
fd_limit="$(ulimit -n)"
if [[ "$fd_limit" != unlimited ]] && ((fd_limit < p5_m + 100)); then
  log "ulimit -n is $fd_limit: P5 cannot hold $p5_m requests; it runs with $((fd_limit - 100))"
  p5_m=$((fd_limit - 100))
fi

load_before="$(uptime)"
log "data files and certificate in $tmp"
mkdir -p "$tmp/www" "$tmp/nginx-temp"
# /small: a 100-byte JSON document.
printf '{"id":"0f8fad5b-d9cb-469f-a165-70867728950e","name":"azcore-bench","value":12345,"ok":true}\n' \
  >"$tmp/www/small"
head -c $((64 * 1024)) /dev/urandom >"$tmp/www/64k"
head -c $((1024 * 1024)) /dev/urandom >"$tmp/www/1m"
head -c "$big_bytes" /dev/urandom >"$tmp/www/big"
if ((mid_bytes)); then head -c "$mid_bytes" /dev/urandom >"$tmp/www/100m"; fi
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 2 \
  -subj /CN=localhost -addext "subjectAltName=IP:127.0.0.1,DNS:localhost" \
  -keyout "$tmp/key.pem" -out "$tmp/cert.pem" 2>/dev/null

free_port() {   # below the ephemeral range (32768+), so no client socket takes it meanwhile
  local port
  for _ in $(seq 200); do
    port=$((20000 + RANDOM % 12000))
    if [[ -z "$(ss -Htln "sport = :$port")" ]]; then echo "$port"; return 0; fi
  done
  return 1
}
port="$(free_port)"
tls_port="$(free_port)"
while [[ "$tls_port" == "$port" ]]; do tls_port="$(free_port)"; done
tls1_port="$(free_port)"
while [[ "$tls1_port" == "$port" || "$tls1_port" == "$tls_port" ]]; do tls1_port="$(free_port)"; done
user_line=""
[[ "$(id -u)" == 0 ]] && user_line="user root;"   # the worker reads files in a root-only temp dir
if [[ "$fd_limit" == unlimited ]]; then worker_files=65536; else worker_files="$fd_limit"; fi

locations='
    location = /small { default_type application/json; }
    location = /nginx_status { stub_status; }'
cat >"$tmp/nginx.conf" <<EOF
$user_line
worker_processes 1;
worker_rlimit_nofile $worker_files;
daemon on;
pid $tmp/nginx.pid;
error_log $tmp/nginx-error.log warn;
events { worker_connections $((worker_files - 100)); }
http {
  access_log off;
  sendfile on;
  tcp_nopush on;
  tcp_nodelay on;
  keepalive_requests 100000000;
  keepalive_timeout 300s;
  default_type application/octet-stream;
  client_body_temp_path $tmp/nginx-temp/body;
  proxy_temp_path $tmp/nginx-temp/proxy;
  fastcgi_temp_path $tmp/nginx-temp/fastcgi;
  uwsgi_temp_path $tmp/nginx-temp/uwsgi;
  scgi_temp_path $tmp/nginx-temp/scgi;
  server {
    listen 127.0.0.1:$port backlog=4096;
    root $tmp/www;$locations
  }
  server {
    listen 127.0.0.1:$tls_port ssl http2 backlog=4096;
    ssl_certificate $tmp/cert.pem;
    ssl_certificate_key $tmp/key.pem;
    http2_max_concurrent_streams 1000;
    root $tmp/www;$locations
  }
  server {
    listen 127.0.0.1:$tls1_port ssl backlog=4096;
    ssl_certificate $tmp/cert.pem;
    ssl_certificate_key $tmp/key.pem;
    root $tmp/www;$locations
  }
}
EOF
log "starting nginx on 127.0.0.1:$port (HTTP/1.1), 127.0.0.1:$tls_port (HTTPS, HTTP/2) and 127.0.0.1:$tls1_port (HTTPS, HTTP/1.1 only)"
nginx -p "$tmp" -c "$tmp/nginx.conf"
base="http://127.0.0.1:$port"
tls_base="https://127.0.0.1:$tls_port"
tls1_base="https://127.0.0.1:$tls1_port"
for _ in $(seq 50); do curl -fsS -o /dev/null "$base/small" 2>/dev/null && break; sleep 0.1; done
for route in /small /64k /1m; do
  curl -fsS -o /dev/null "$base$route" || { echo "bench.sh: nginx does not serve $route" >&2; exit 1; }
done
[[ "$(curl -sS --cacert "$tmp/cert.pem" -o /dev/null -w '%{http_version}' "$tls_base/small")" == 2 ]] ||
  { echo "bench.sh: the HTTPS server does not speak HTTP/2" >&2; exit 1; }
[[ "$(curl -sS --cacert "$tmp/cert.pem" -o /dev/null -w '%{http_version}' "$tls1_base/small")" == 1.1 ]] ||
  { echo "bench.sh: the HTTP/1.1-only HTTPS server does not answer in HTTP/1.1" >&2; exit 1; }
cat "$tmp/www/big" >/dev/null   # the streamed files start in the page cache
if ((mid_bytes)); then cat "$tmp/www/100m" >/dev/null; fi

# ---- running -------------------------------------------------------------------------------
results="$out_dir/results.txt"
errlog="$out_dir/stderr.log"
: >"$results"
: >"$errlog"
# Connections nginx has accepted so far (stub_status counts for all its servers, TLS included).
accepts() { curl -fsS "$base/nginx_status" 2>/dev/null | awk 'NR == 3 { print $1 }' || echo 0; }

# run_case ROUND LABEL COMMAND...: runs one program, records its RESULT line with the round, the
# label and the connections nginx accepted meanwhile.
run_case() {
  local round="$1" label="$2"; shift 2
  local before after output line rc=0
  before="$(accepts)"
  echo "=== round $round $label: $*" >>"$errlog"
  output="$(timeout "$case_timeout" "${pin[@]}" "$@" 2>>"$errlog")" || rc=$?
  after="$(accepts)"
  line="$(grep '^RESULT ' <<<"$output" | tail -n 1 || true)"
  [[ -n "$line" ]] || line="RESULT name=$label failed=1"
  local conns=$((after - before - 1))   # less the status request itself
  printf 'round=%s label=%s rc=%s conns=%s %s\n' "$round" "$label" "$rc" "$conns" "${line#RESULT }" >>"$results"
  log "round $round $label: ${line#RESULT } conns=$conns rc=$rc"
}

run_wrk() {   # ROUND LABEL CONNECTIONS
  local round="$1" label="$2" connections="$3" output rps
  # bash's time keyword adds wrk's CPU time (user and system seconds) after wrk's own output.
  output="$( { TIMEFORMAT='wrk_cpu %U %S'; time timeout "$case_timeout" "${pin[@]}" wrk -t1 -c"$connections" -d"${wrk_seconds}s" "$base/small"; } 2>&1 || true)"
  rps="$(awk '/^Requests\/sec:/ { print $2 }' <<<"$output")"
  local errs cpu
  errs="$(awk '/Non-2xx|Socket errors/ { e = 1 } END { print e + 0 }' <<<"$output")"
  # CPU per request: wrk's CPU time over the requests it completed ("N requests in ...").
  cpu="$(awk '/ requests in / { n = $1 } /^wrk_cpu / { c = $2 + $3 } END { if (n > 0) printf "%.2f", c * 1e6 / n }' <<<"$output")"
  printf 'round=%s label=%s rc=0 conns=%s name=wrk threads=1 connections=%s req_per_s=%s errors=%s%s\n' \
    "$round" "$label" "$connections" "$connections" "${rps:-0}" "$errs" "${cpu:+ cpu_us_per_req=$cpu}" >>"$results"
  log "round $round $label: wrk -t1 -c$connections: ${rps:-?} req/s${cpu:+, $cpu µs CPU per request}"
}

listen_overflows() { nstat -az TcpExtListenOverflows 2>/dev/null | awk '/ListenOverflows/ { print $2; f = 1 } END { if (!f) print 0 }'; }

start_testserver() {   # sets server_port; a fresh server per program, so its counts are that program's
  "${server_pin[@]}" "$testserver" --port 0 >"$tmp/testserver.out" 2>>"$errlog" &
  server_pid=$!
  server_port=""
  for _ in $(seq 100); do
    server_port="$(awk '/^port / { print $2; exit }' "$tmp/testserver.out" 2>/dev/null || true)"
    [[ -n "$server_port" ]] && return 0
    sleep 0.05
  done
  log "the test server did not start"
  return 1
}
stop_testserver() {
  kill "$server_pid" 2>/dev/null || true
  wait "$server_pid" 2>/dev/null || true
  server_pid=""
}

# held_case ROUND LABEL COMMAND...: runs COMMAND against a fresh test server; {URL} in it becomes
# the server's URL.
held_case() {
  local round="$1" label="$2"; shift 2
  start_testserver || return 0
  local args=() arg overflows_before overflows_after
  for arg in "$@"; do args+=("${arg//\{URL\}/http://127.0.0.1:$server_port}"); done
  # SYNs the kernel dropped because the server's accept queue was full (somaxconn) meanwhile.
  overflows_before="$(listen_overflows)"
  run_case "$round" "$label" "${args[@]}"
  overflows_after="$(listen_overflows)"
  # How many connections the server had open at once (its /stats route).
  local peak
  peak="$(curl -fsS "http://127.0.0.1:$server_port/stats" 2>/dev/null |
    grep -o '"peak_open_connections":[0-9]*' | cut -d: -f2 || true)"
  sed -i '$ s/$/ listen_overflows='"$((overflows_after - overflows_before))"' server_peak='"${peak:-0}"'/' "$results"
  stop_testserver
}

run_inflight() {   # ROUND: P5, raw curl multi (the floor) and azcore, each against its own server
  local round="$1"
  local raw=(p5_raw "$bin/raw_curl_multi" --url "{URL}/delay/1000" --n "$p5_m" --concurrency "$p5_m"
    --warmup-rounds 0 --max-seconds 120)
  local az=(p5_inflight "$bin/azcore_async_inflight" --url "{URL}" --m "$p5_m" --path /delay/1000 --max-seconds 120)
  if ((round % 2)); then held_case "$round" "${raw[@]}"; held_case "$round" "${az[@]}"
  else held_case "$round" "${az[@]}"; held_case "$round" "${raw[@]}"; fi
}

# One round runs every scenario once, raw, azcore and the peers side by side. run_group runs its
# programs one after another, round r starting at the ((r - 1) mod k)-th of its k programs, so that
# none of them always gets the warmer machine (with two: odd rounds run the first one first).
run_group() {   # ROUND LABEL CMD... [-- LABEL CMD...]...
  local round="$1"; shift
  local words=("$@") starts=(0) ends=() i j k
  for ((i = 0; i < ${#words[@]}; i++)); do
    if [[ "${words[i]}" == -- ]]; then ends+=("$i"); starts+=("$((i + 1))"); fi
  done
  ends+=("${#words[@]}")
  k=${#starts[@]}
  for ((i = 0; i < k; i++)); do
    j=$(((i + round - 1) % k))
    run_case "$round" "${words[@]:${starts[j]}:$((ends[j] - starts[j]))}"
  done
}

# The peers' commands for one scenario, each preceded by --, for run_group: PEER_ARGS is set to
#   -- p1_python ... -- p1_js ...   (only the peers that are there).
peer_args() {   # KIND LABEL_PREFIX LABEL_SUFFIX ARGS...; KIND is seq, conc or stream
  local kind="$1" prefix="$2" suffix="$3"; shift 3
  PEER_ARGS=()
  if ((have_python)); then
    case "$kind" in
      seq) PEER_ARGS+=(-- "${prefix}_python$suffix" "$peer_python" -B "$peers/python/python_sync_seq.py" "$@") ;;
      conc) PEER_ARGS+=(-- "${prefix}_python$suffix" "$peer_python" -B "$peers/python/python_async_conc.py" "$@") ;;
      stream) PEER_ARGS+=(-- "${prefix}_python_sync$suffix" "$peer_python" -B "$peers/python/python_sync_stream.py" "$@"
                -- "${prefix}_python_async$suffix" "$peer_python" -B "$peers/python/python_async_stream.py" "$@") ;;
    esac
  fi
  if ((have_js)); then
    case "$kind" in
      seq) PEER_ARGS+=(-- "${prefix}_js$suffix" node "$peers/node/js_seq.mjs" "$@") ;;
      conc) PEER_ARGS+=(-- "${prefix}_js$suffix" node "$peers/node/js_async_conc.mjs" "$@") ;;
      stream) PEER_ARGS+=(-- "${prefix}_js$suffix" node "$peers/node/js_async_stream.mjs" "$@") ;;
    esac
  fi
}

# Placement: the first CPU this script may run on serves (nginx's worker, the test server), the
# second runs the clients; pin and server_pin are the prefixes run_case, run_wrk and
# start_testserver put before a program. None with a single CPU.
pin=()
server_pin=()
server_cpu=""
client_cpu=""
if (($(nproc) > 1)) && command -v taskset >/dev/null; then
  cpu_list="$(taskset -pc $$ | awk -F': ' '{ n = split($2, parts, ",")
    for (i = 1; i <= n; i++) if (split(parts[i], r, "-") == 2) { for (c = r[1]; c <= r[2]; c++) print c } else print parts[i] }')"
  server_cpu="$(sed -n 1p <<<"$cpu_list")"
  client_cpu="$(sed -n 2p <<<"$cpu_list")"
fi
if [[ -n "$client_cpu" ]]; then
  taskset -pc "$server_cpu" "$(pgrep -P "$(cat "$tmp/nginx.pid")" | head -n 1)" >/dev/null
  pin=(taskset -c "$client_cpu")
  server_pin=(taskset -c "$server_cpu")
  log "nginx's worker and the test server on CPU $server_cpu, the clients on CPU $client_cpu"
  if ((halt_poll)) && [[ -w "$halt_poll_knob" && "$(cat "$halt_poll_knob")" == 0 ]]; then
    halt_poll_was=0
    log "the guest's halt polling is off ($halt_poll_knob = 0): P1 runs once more with it at $halt_poll_ns ns"
  fi
fi

small="$base/small"
bigurl="$base/big"
# run_p1 ROUND PREFIX WRK_LABEL [-- LABEL CMD...]...: P1's sequential group, labelled PREFIX_*: raw
# libcurl, the cases given, azcore, azure-sdk-for-cpp and the peers; then wrk on one connection, the
# wire's ceiling (no client answers faster than wrk does), as WRK_LABEL.
run_p1() {
  local round="$1" prefix="$2" wrk_label="$3"; shift 3
  peer_args seq "$prefix" "" --url "$small" --n "$p1_n"
  run_group "$round" "${prefix}_raw" "$bin/raw_curl_easy" --url "$small" --n "$p1_n" "$@" \
    -- "${prefix}_azcore" "$bin/azcore_sync_seq" --url "$small" --n "$p1_n" \
    ${azsdk:+-- "${prefix}_azsdk" "$azsdk" --url "$small" --n "$p1_n"} "${PEER_ARGS[@]}"
  run_wrk "$round" "$wrk_label" 1
}
# --callgrind-only: no timed rounds.
for ((round = 1; round <= (callgrind_only ? 0 : rounds); round++)); do
  log "---- round $round of $rounds"
  # P1: sequential (and P3: the peers). p1_raw_same: raw libcurl sending the request bytes azcore's
  # default policies send.
  run_p1 "$round" p1 wrk_c1 -- p1_raw_same "$bin/raw_curl_easy" --url "$small" --n "$p1_n" --same-request 1
  # P1 again on one CPU (p1s_*): each client on the server's CPU.
  if [[ -n "$client_cpu" ]]; then
    pin=("${server_pin[@]}")
    run_p1 "$round" p1s wrk_c1s
    pin=(taskset -c "$client_cpu")
  fi
  # P1 again across CPUs with the guest's halt polling on (p1h_*): a wake-up finds the vCPU polling
  # instead of halted in the hypervisor.
  if [[ -n "$halt_poll_was" ]]; then
    echo "$halt_poll_ns" >"$halt_poll_knob"
    run_p1 "$round" p1h wrk_c1h
    echo "$halt_poll_was" >"$halt_poll_knob"
  fi
  # P2: concurrency 64 and 256 (no connection cap: one connection per concurrent request; the
  # peers too: Python's aiohttp connector without a limit, Node's default agent).
  for c in 64 256; do
    peer_args conc p2 "_c$c" --url "$small" --n "$p2_n" --concurrency "$c"
    if ((have_async)); then
      run_group "$round" "p2_raw_c$c" "$bin/raw_curl_multi" --url "$small" --n "$p2_n" --concurrency "$c" \
        -- "p2_raw_same_c$c" "$bin/raw_curl_multi" --url "$small" --n "$p2_n" --concurrency "$c" --same-request 1 \
        -- "p2_azcore_c$c" "$bin/azcore_async_conc" --url "$small" --n "$p2_n" --concurrency "$c" "${PEER_ARGS[@]}"
    else
      run_group "$round" "p2_raw_c$c" "$bin/raw_curl_multi" --url "$small" --n "$p2_n" --concurrency "$c" "${PEER_ARGS[@]}"
    fi
    run_wrk "$round" "wrk_c$c" "$c"
  done
  # P4: streaming. Each azcore variant runs next to a raw run of its own (p4_pair_LABEL; the
  # order alternates by round): raw libcurl's own figure swings by almost 2x between moments on
  # this machine. Then raw once more, beside the peers (64 KiB reads), for the peers table.
  for variant in sync_4096 sync_65536 async_4096 async_65536; do
    [[ "$variant" == async_* ]] && ! ((have_async)) && continue
    run_group "$round" "p4_pair_$variant" "$bin/raw_curl_stream" --url "$bigurl" \
      -- "p4_$variant" "$bin/azcore_${variant%_*}_stream" --url "$bigurl" --chunk "${variant#*_}"
  done
  peer_args stream p4 "" --url "$bigurl" --chunk 65536
  run_group "$round" p4_raw "$bin/raw_curl_stream" --url "$bigurl" "${PEER_ARGS[@]}"
  if ((mid_bytes)); then   # 100 MiB as well (full runs): raw, azcore with 64 KiB reads, the peers
    az_async=()
    if ((have_async)); then
      az_async=(-- p4_async_65536_100m "$bin/azcore_async_stream" --url "$base/100m" --chunk 65536)
    fi
    peer_args stream p4 _100m --url "$base/100m" --chunk 65536
    run_group "$round" p4_raw_100m "$bin/raw_curl_stream" --url "$base/100m" \
      -- p4_sync_65536_100m "$bin/azcore_sync_stream" --url "$base/100m" --chunk 65536 \
      "${az_async[@]}" "${PEER_ARGS[@]}"
  fi
  # P7 (extra): HTTP/2 over TLS (AsyncBeastTransport with http2 on; AsyncCurlTransport beside it), 1,000 concurrent. The raw floor lets curl put all 1,000 streams on
  # one connection (CURLMOPT_MAX_CONCURRENT_STREAMS; curl's default of 100 opens ~900 connections).
  # The HTTP/1.1 figure it is held to: azcore over TLS at the same concurrency, against a server
  # that offers only HTTP/1.1 (a connection per request in flight, opened in the warm-up).
  if ((have_async)); then
    run_group "$round" p7_raw "$bin/raw_curl_multi" --url "$tls_base/small" --n "$p7_n" --concurrency "$p7_c" \
      --cacert "$tmp/cert.pem" --max-concurrent-streams "$p7_c" \
      -- p7_azcore "$bin/azcore_async_conc" --url "$tls_base/small" --n "$p7_n" --concurrency "$p7_c" \
      --cacert "$tmp/cert.pem" --transport beast-h2 \
      -- p7_azcore_curl "$bin/azcore_async_conc" --url "$tls_base/small" --n "$p7_n" --concurrency "$p7_c" \
      --cacert "$tmp/cert.pem" --transport curl \
      -- p7_azcore_h1 "$bin/azcore_async_conc" --url "$tls1_base/small" --n "$p7_n" --concurrency "$p7_c" \
      --cacert "$tmp/cert.pem"
    # P7 streaming (reported): 100 MiB over TLS, async, 64 KiB reads; azcore over HTTP/2 beside
    # raw curl's HTTP/2 and azcore's HTTP/1.1 over TLS.
    run_group "$round" p7s_raw "$bin/raw_curl_stream" --url "$tls_base/$p7s_file" --cacert "$tmp/cert.pem" \
      -- p7s_azcore "$bin/azcore_async_stream" --url "$tls_base/$p7s_file" --chunk 65536 --cacert "$tmp/cert.pem" \
      --transport beast-h2 \
      -- p7s_azcore_h1 "$bin/azcore_async_stream" --url "$tls1_base/$p7s_file" --chunk 65536 --cacert "$tmp/cert.pem"
    # P5: held requests.
    run_inflight "$round"
    # P6: retries with ~10% injected faults (429 + Retry-After: 0, 503, reset) against a fresh
    # azcore-testserver; the program checks every outcome and the server's per-request counts.
    held_case "$round" p6_retry "$bin/azcore_retry_faults" --url "{URL}" --n "$p6_n" --concurrency 64 \
      --fault-percent 10 --seed "$round"
  fi
done

# Instructions per request (deterministic): the difference between a run of cg_n + N0 requests
# and one of N0 requests, divided by cg_n, so start-up and the first connections cancel out
# (N0 = 200 sequential; 1,000 concurrent, past the warm-up round that opens every connection).
# Streams: the difference between streaming the 100 MiB file and GET /small, per MiB.
bench_prog() {   # PROGRAM: its path (in $bin unless it is a path already)
  if [[ "$1" == /* ]]; then echo "$1"; else echo "$bin/$1"; fi
}
cg_ir() {   # OUT PROGRAM ARGS...: the instructions PROGRAM ran under callgrind
  local out="$1" path; path="$(bench_prog "$2")"; shift 2
  valgrind --tool=callgrind --callgrind-out-file="$out" "$path" "$@" >/dev/null 2>>"$errlog" || true
  awk '/^(summary|totals):/ { print $2; exit }' "$out" 2>/dev/null || echo 0
}
cg_record() {   # LABEL PROGRAM KEY A B DIVISOR WHAT: (B - A) / DIVISOR as one result line and its log line
  local per
  per="$(awk -v a="${4:-0}" -v b="${5:-0}" -v n="$6" 'BEGIN { printf "%.0f", (b - a) / n }')"
  printf 'round=%s label=%s rc=0 conns=1 name=callgrind program=%s n=%s %s=%s\n' \
    "$cg_round" "$1" "${2##*/}" "$cg_n" "$3" "$per" >>"$results"
  log "callgrind $1 (${2##*/}): $per $7"
}
cg_case() {   # LABEL N0 URL PROGRAM ARGS... (--url URL and --n are added)
  local label="$1" n0="$2" url="$3" prog="$4"; shift 4
  local a b
  a="$(cg_ir "$tmp/cg.$label.a" "$prog" --url "$url" --n "$n0" "$@")"
  b="$(cg_ir "$tmp/cg.$label.b" "$prog" --url "$url" --n "$((cg_n + n0))" "$@")"
  cg_record "$label" "$prog" instr_per_req "$a" "$b" "$cg_n" "instructions per request"
}
cg_held() {   # LABEL N0 PROGRAM ARGS...: against a fresh test server each run; {URL} and {N} are filled in
  local label="$1" n0="$2" prog="$3"; shift 3
  local irs=() n arg args
  for n in "$n0" $((cg_n + n0)); do
    start_testserver || return 0
    args=()
    for arg in "$@"; do arg="${arg//\{URL\}/http://127.0.0.1:$server_port}"; args+=("${arg//\{N\}/$n}"); done
    irs+=("$(cg_ir "$tmp/cg.$label.$n" "$prog" "${args[@]}")")
    stop_testserver
  done
  cg_record "$label" "$prog" instr_per_req "${irs[0]}" "${irs[1]}" "$cg_n" "instructions per request"
}
cg_stream() {   # LABEL PROGRAM ARGS...: instructions per MiB streamed (--url is added)
  local label="$1" prog="$2"; shift 2
  local a b mib
  mib=$(($(stat -c %s "$tmp/www/$p7s_file") / (1024 * 1024)))
  a="$(cg_ir "$tmp/cg.$label.a" "$prog" --url "$base/small" "$@")"
  b="$(cg_ir "$tmp/cg.$label.b" "$prog" --url "$base/$p7s_file" "$@")"
  cg_record "$label" "$prog" instr_per_mib "$a" "$b" "$mib" "instructions per MiB"
}
# Cache misses per request (cachegrind's simulated caches, the same difference of two runs): how
# many lines of code (I1) and of data (D1, reads and writes) one request brings into the first-level
# caches. A sequential request runs after a sleep, with its caches cold, so this is what P1's time
# per request follows beside the instructions.
cg_misses() {   # LABEL N0 PROGRAM ARGS... (--url /small and --n are added)
  local label="$1" n0="$2" prog="$3" path n; shift 3
  path="$(bench_prog "$prog")"
  for n in "$n0" $((cg_n + n0)); do
    valgrind --tool=cachegrind --cache-sim=yes --cachegrind-out-file="$tmp/cm.$label.$n" \
      "$path" --url "$small" --n "$n" "$@" >/dev/null 2>>"$errlog" || true
  done
  local line
  line="$(awk -v n="$cg_n" '
    /^desc: I1 cache:/ { sub(/^desc: I1 cache: */, ""); split($0, d, " "); i1 = d[1] }
    /^events:/ { for (i = 2; i <= NF; i++) col[$i] = i }
    /^summary:/ { run++; for (k in col) v[run, k] = $(col[k]) }
    END {
      if (run != 2) exit 1
      mi = (v[2, "I1mr"] - v[1, "I1mr"]) / n; md = (v[2, "D1mr"] + v[2, "D1mw"] - v[1, "D1mr"] - v[1, "D1mw"]) / n
      printf "i1_miss_per_req=%.0f d1_miss_per_req=%.0f i1_bytes=%s", mi, md, i1
    }' "$tmp/cm.$label.$n0" "$tmp/cm.$label.$((cg_n + n0))" 2>/dev/null)" || { log "cachegrind $label failed"; return 0; }
  printf 'round=%s label=%s rc=0 conns=1 name=cachegrind program=%s n=%s %s\n' "$cg_round" "$label" "${prog##*/}" "$cg_n" "$line" >>"$results"
  log "cachegrind $label (${prog##*/}): $line"
}
cg_round=0
cg_all() {   # every instruction count once, as round cg_round
  cg_case cg_raw 200 "$small" raw_curl_easy --warmup 0
  cg_case cg_raw_same 200 "$small" raw_curl_easy --warmup 0 --same-request 1
  cg_case cg_azcore 200 "$small" azcore_sync_seq --warmup 0
  [[ -n "$azsdk" ]] && cg_case cg_azsdk 200 "$small" "$azsdk" --warmup 0
  [[ -n "$baseline_dir" ]] && cg_case cg_baseline 200 "$small" "$baseline_dir/bench/azcore_sync_seq" --warmup 0
  if ((have_async)); then
    for c in 64 256; do
      cg_case "cg_raw_c$c" 1000 "$small" raw_curl_multi --concurrency "$c"
      cg_case "cg_raw_same_c$c" 1000 "$small" raw_curl_multi --concurrency "$c" --same-request 1
      cg_case "cg_azcore_c$c" 1000 "$small" azcore_async_conc --concurrency "$c"
      [[ -n "$baseline_dir" ]] && cg_case "cg_baseline_c$c" 1000 "$small" "$baseline_dir/bench/azcore_async_conc" --concurrency "$c"
    done
  fi
  ((cg_p1_p2_only)) && return 0
  # P1: first-level cache misses per request.
  cg_misses cm_raw 200 raw_curl_easy --warmup 0
  cg_misses cm_azcore 200 azcore_sync_seq --warmup 0
  [[ -n "$azsdk" ]] && cg_misses cm_azsdk 200 "$azsdk" --warmup 0
  # P4: per MiB, raw libcurl and each azcore variant.
  cg_stream cg_p4_raw raw_curl_stream
  local face chunk
  for face in sync async; do
    [[ "$face" == async ]] && ! ((have_async)) && continue
    for chunk in 4096 65536; do cg_stream "cg_p4_${face}_$chunk" "azcore_${face}_stream" --chunk "$chunk"; done
  done
  ((have_async)) || return 0
  # P5: requests held at once, a connection each (opened in the count).
  cg_held cg_p5_raw 1000 raw_curl_multi --url "{URL}/delay/1000" --n "{N}" --concurrency "{N}" --warmup-rounds 0
  cg_held cg_p5_azcore 1000 azcore_async_inflight --url "{URL}" --m "{N}" --path /delay/1000
  # P6: with its faults and retries.
  cg_held cg_p6_azcore 1000 azcore_retry_faults --url "{URL}" --n "{N}" --concurrency 64 --fault-percent 10 --seed 1
  # P7: HTTP/2 over TLS at P7's concurrency, one connection.
  cg_case cg_p7_raw 1000 "$tls_base/small" raw_curl_multi --concurrency "$p7_c" --cacert "$tmp/cert.pem" \
    --max-concurrent-streams "$p7_c"
  cg_case cg_p7_azcore 1000 "$tls_base/small" azcore_async_conc --concurrency "$p7_c" --cacert "$tmp/cert.pem" \
    --transport beast-h2
  return 0
}
if ((callgrind_only)); then
  for ((cg_round = 1; cg_round <= rounds; cg_round++)); do
    log "---- instruction counts, round $cg_round of $rounds"
    cg_all
  done
  # Median and range over the rounds of each count.
  echo
  echo "Instructions per request (callgrind; $cg_n requests; median and range of $rounds rounds; $(git rev-parse --short HEAD 2>/dev/null || echo '?')):"
  echo
  echo "| count | median | range |"
  echo "|---|---|---|"
  awk '
    { for (i = 1; i <= NF; i++) { split($i, kv, "="); f[kv[1]] = kv[2] } }
    f["name"] == "callgrind" { n[f["label"]]++; v[f["label"], n[f["label"]]] = f["instr_per_req"] + 0; if (!(f["label"] in seen)) { seen[f["label"]] = 1; order[++labels] = f["label"] } }
    END {
      for (l = 1; l <= labels; l++) {
        label = order[l]; m = n[label]
        for (i = 1; i <= m; i++) a[i] = v[label, i]
        for (i = 2; i <= m; i++) { t = a[i]; for (j = i - 1; j >= 1 && a[j] > t; j--) a[j + 1] = a[j]; a[j + 1] = t }
        med = m % 2 ? a[(m + 1) / 2] : (a[m / 2] + a[m / 2 + 1]) / 2
        printf "| %s | %.1fk | %.1fk–%.1fk |\n", label, med / 1000, a[1] / 1000, a[m] / 1000
      }
    }' "$results"
  echo
  echo "(cg_baseline*: the programs of $([[ -n "$baseline_dir" ]] && echo "$baseline_dir" || echo "no --baseline").)"
  exit 0
fi
if ((callgrind)); then
  cg_all
fi

load_after="$(uptime)"
cp "$tmp/nginx-error.log" "$out_dir/nginx-error.log" 2>/dev/null || true

# ---- the table -----------------------------------------------------------------------------
# The functions both tables use, and the parsing of the results file into v[label, key, round].
# shellcheck disable=SC2016 # an awk program: its $ are awk's
awk_lib='
function sortn(a, n,    i, j, t) { for (i = 2; i <= n; i++) { t = a[i]; for (j = i - 1; j >= 1 && a[j] > t; j--) a[j + 1] = a[j]; a[j + 1] = t } }
function median(a, n) { if (n == 0) return ""; sortn(a, n); return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2 }
# median over rounds of label.key
function med(label, key,    r, n, a) { n = 0; for (r = 0; r <= rounds; r++) if ((label, key, r) in v) a[++n] = v[label, key, r] + 0; return median(a, n) }
function count(label, key,    r, n) { n = 0; for (r = 0; r <= rounds; r++) if ((label, key, r) in v) n++; return n }
function sum(label, key,    r, s) { s = 0; for (r = 0; r <= rounds; r++) if ((label, key, r) in v) s += v[label, key, r]; return s }
function maxof(label, key,    r, m) { m = ""; for (r = 0; r <= rounds; r++) if ((label, key, r) in v && (m == "" || v[label, key, r] + 0 > m)) m = v[label, key, r] + 0; return m }
# median over rounds of a.ka / b.kb, each pair from the same round
function ratio(la, ka, lb, kb,    r, n, a) { n = 0; for (r = 0; r <= rounds; r++) if ((la, ka, r) in v && (lb, kb, r) in v && v[lb, kb, r] > 0) a[++n] = v[la, ka, r] / v[lb, kb, r]; return median(a, n) }
# the same against the best of two raw labels in each round
function ratio_best(la, ka, l1, l2, kb,    r, n, a, b) { n = 0; for (r = 0; r <= rounds; r++) if ((la, ka, r) in v) { b = 0; if ((l1, kb, r) in v) b = v[l1, kb, r] + 0; if ((l2, kb, r) in v && v[l2, kb, r] + 0 > b) b = v[l2, kb, r] + 0; if (b > 0) a[++n] = v[la, ka, r] / b } return median(a, n) }
function rate(x) { return x == "" ? "not measured" : sprintf("%s req/s", commas(sprintf("%.0f", x))) }
function commas(s,    out) { out = ""; while (length(s) > 3) { out = "," substr(s, length(s) - 2) out; s = substr(s, 1, length(s) - 3) } return s out }
function fx(x, d) { return x == "" ? "—" : sprintf("%." d "f", x) }
function mib(kb) { return kb == "" ? "—" : sprintf("%.1f MiB", kb / 1024) }
function met(x, op, t) { if (x == "") return "not measured"; if (op == ">=") return x >= t ? "yes" : "**no**"; return x <= t ? "yes" : "**no**" }
function errs(label,    e) { e = sum(label, "errors"); return e > 0 ? sprintf("; **%d errors**", e) : "" }
function conns(label) { return count(label, "conns") ? sprintf("%.0f", med(label, "conns")) : "?" }
# the connections azcore opened by its own count (its transport connection_pool()), when reported
function pool(label) { return count(label, "pool_opened") ? sprintf(" [its pool: %.0f]", med(label, "pool_opened")) : "" }
function instr(label) { x = med(label, "instr_per_req"); return x == "" ? "not measured" : commas(sprintf("%.0f", x)) }
# the CPU time (user + system) a client spent per request over its timed requests, when reported
function cpu(label,    x) { x = med(label, "cpu_us_per_req"); return x == "" ? "not measured" : sprintf("%.1f µs", x) }
{
  round = ""; label = ""
  for (i = 1; i <= NF; i++) { eq = index($i, "="); k = substr($i, 1, eq - 1); x = substr($i, eq + 1); if (k == "round") round = x; if (k == "label") label = x }
  for (i = 1; i <= NF; i++) { eq = index($i, "="); v[label, substr($i, 1, eq - 1), round] = substr($i, eq + 1) }
}
'
table="$(awk -v rounds="$rounds" -v big="$big_label" -v p1n="$p1_n" -v halt_poll_ns="$halt_poll_ns" -v p2n="$p2_n" -v p5m="$p5_m" -v p6n="$p6_n" \
  -v p7n="$p7_n" -v p7c="$p7_c" -v cgn="$cg_n" -v have_async="$have_async" -v azsdk_desc="$azsdk_desc" \
  -v azsdk_missing="$azsdk_missing" "$awk_lib"'
# A reported row of instruction counts (KEY instr_per_req or instr_per_mib): RAW (a label, or "")
# beside AZ, and their ratio.
function cgrow(id, scenario, raw, az, key,    a, b) {
  a = med(az, key); if (a == "") return
  b = raw == "" ? "" : med(raw, key)
  printf "| %s | %s | — | %s | %s | %s | reported | — |\n", id, scenario, raw == "" ? "—" : (b == "" ? "not measured" : commas(sprintf("%.0f", b))), commas(sprintf("%.0f", a)), fx(b > 0 ? a / b : "", 3)
}
# A reported row of P1'"'"'s CPU time per request (user + system over the timed requests) for the
# clients labelled P_* and wrk (W), with azcore over raw libcurl and over azure-sdk-for-cpp.
function p1cpu(scenario, p, w,    sdk) {
  if (!count(p "_azcore", "cpu_us_per_req")) return
  sdk = count(p "_azsdk", "cpu_us_per_req") ? sprintf("; azure-sdk-for-cpp %s (%s × it)", cpu(p "_azsdk"), fx(ratio(p "_azcore", "cpu_us_per_req", p "_azsdk", "cpu_us_per_req"), 3)) : ""
  printf "| P1 | %s | %s (wrk -t1 -c1) | %s | %s%s | %s | reported | — |\n", scenario, cpu(w), cpu(p "_raw"), cpu(p "_azcore"), sdk, fx(ratio(p "_azcore", "cpu_us_per_req", p "_raw", "cpu_us_per_req"), 3)
}
# P1'"'"'s rows again for the clients labelled P_* and wrk (W), run in another placement (WHERE, HOW).
function p1again(p, w, where, how,    r) {
  if (!count(p "_azcore", "req_per_s")) return
  r = ratio(p "_azcore", "req_per_s", p "_raw", "req_per_s")
  printf "| P1 | the same %s: %s (1 keep-alive connection%s) | %s (wrk -t1 -c1, pinned too) | %s (one easy handle) | %s%s | %s | ≥ 0.95 | %s |\n", where, how, pool(p "_azcore"), rate(med(w, "req_per_s")), rate(med(p "_raw", "req_per_s")), rate(med(p "_azcore", "req_per_s")), errs(p "_azcore"), fx(r, 3), met(r, ">=", 0.95)
  if (count(p "_azsdk", "req_per_s")) {
    r = ratio(p "_azcore", "req_per_s", p "_azsdk", "req_per_s")
    printf "| P1 | the same %s against azure-sdk-for-cpp | — | %s (azure-sdk-for-cpp)%s | %s | %s | ≥ 1.0 | %s |\n", where, rate(med(p "_azsdk", "req_per_s")), errs(p "_azsdk"), rate(med(p "_azcore", "req_per_s")), fx(r, 3), met(r, ">=", 1.0)
  }
  p1cpu("CPU time per request " where ", user + system", p, w)
}
END {
  print "| id | scenario (connections used) | wrk ceiling | raw libcurl | azcore | azcore / raw | target | met |"
  print "|---|---|---|---|---|---|---|---|"
  # P1
  r = ratio("p1_azcore", "req_per_s", "p1_raw", "req_per_s")
  printf "| P1 | sync sequential, %s GET /small, default policies (client and nginx'"'"'s worker on separate CPUs; 1 keep-alive connection%s) | %s (wrk -t1 -c1) | %s (one easy handle) | %s%s | %s | ≥ 0.95 | %s |\n", commas(p1n), pool("p1_azcore"), rate(med("wrk_c1", "req_per_s")), rate(med("p1_raw", "req_per_s")), rate(med("p1_azcore", "req_per_s")), errs("p1_azcore"), fx(r, 3), met(r, ">=", 0.95)
  cr = med("cg_raw", "instr_per_req"); ca = med("cg_azcore", "instr_per_req"); c = (cr != "" && ca != "" && cr > 0) ? ca / cr : ""
  printf "| P1 | callgrind instructions per request (%s sequential GETs) | — | %s | %s | %s | ≤ 1.2 | %s |\n", commas(cgn), cr == "" ? "not measured" : commas(sprintf("%.0f", cr)), ca == "" ? "not measured" : commas(sprintf("%.0f", ca)), fx(c, 3), met(c, "<=", 1.2)
  # The same two rows against raw libcurl sending the request bytes azcore sends (reported only).
  r = ratio("p1_azcore", "req_per_s", "p1_raw_same", "req_per_s")
  if (r != "") printf "| P1 | the same, raw libcurl sending azcore'"'"'s request bytes (User-Agent, x-ms-client-request-id, Accept-Encoding) | — | %s | %s | %s | reported | — |\n", rate(med("p1_raw_same", "req_per_s")), rate(med("p1_azcore", "req_per_s")), fx(r, 3)
  # P1 against azure-sdk-for-cpp (built when AZCORE_BENCH_AZURE_SDK_FOR_CPP names a checkout)
  if (count("p1_azsdk", "req_per_s")) {
    r = ratio("p1_azcore", "req_per_s", "p1_azsdk", "req_per_s")
    printf "| P1 | the same against azure-sdk-for-cpp (%s: its client pipeline over its curl transport, in the same rounds) | — | %s (azure-sdk-for-cpp)%s | %s | %s | ≥ 1.0 | %s |\n", azsdk_desc, rate(med("p1_azsdk", "req_per_s")), errs("p1_azsdk"), rate(med("p1_azcore", "req_per_s")), fx(r, 3), met(r, ">=", 1.0)
  } else {
    printf "| P1 | the same against azure-sdk-for-cpp | — | %s | %s | — | ≥ 1.0 | not measured |\n", azsdk_missing, rate(med("p1_azcore", "req_per_s"))
  }
  cz = med("cg_azsdk", "instr_per_req")
  if (cz != "") printf "| P1 | callgrind instructions per request, azure-sdk-for-cpp | — | %s (azure-sdk-for-cpp) | %s | %s | reported | — |\n", instr("cg_azsdk"), instr("cg_azcore"), fx(cz > 0 && ca != "" ? ca / cz : "", 3)
  cs = med("cg_raw_same", "instr_per_req"); c = (cs != "" && ca != "" && cs > 0) ? ca / cs : ""
  if (cs != "") printf "| P1 | callgrind instructions per request, raw libcurl sending azcore'"'"'s request bytes | — | %s | %s | %s | reported | — |\n", instr("cg_raw_same"), instr("cg_azcore"), fx(c, 3)
  # P1: first-level cache misses per request (cachegrind)
  if (count("cm_azcore", "i1_miss_per_req")) {
    ri = med("cm_raw", "i1_miss_per_req"); ai = med("cm_azcore", "i1_miss_per_req"); si = med("cm_azsdk", "i1_miss_per_req")
    sdk = si == "" ? "" : sprintf("; azure-sdk-for-cpp I1 %s, D1 %s", commas(sprintf("%.0f", si)), commas(sprintf("%.0f", med("cm_azsdk", "d1_miss_per_req"))))
    printf "| P1 | cachegrind misses per request in its simulated first-level caches (%s KiB I1): code lines (I1), data lines (D1) | — | I1 %s, D1 %s%s | I1 %s, D1 %s | %s (I1)%s | reported | — |\n", med("cm_azcore", "i1_bytes") / 1024, commas(sprintf("%.0f", ri)), commas(sprintf("%.0f", med("cm_raw", "d1_miss_per_req"))), sdk, commas(sprintf("%.0f", ai)), commas(sprintf("%.0f", med("cm_azcore", "d1_miss_per_req"))), fx(ri > 0 ? ai / ri : "", 3), (si > 0 ? sprintf("; %s × azure-sdk-for-cpp", fx(ai / si, 3)) : "")
  }
  p1cpu("CPU time per request, user + system (the client'"'"'s own cost; sequential rates are bounded by the wire)", "p1", "wrk_c1")
  # P1 on one CPU (each client on nginx'"'"'s worker'"'"'s CPU), and across CPUs with the guest'"'"'s halt polling on
  p1again("p1s", "wrk_c1s", "on one CPU", "the client on nginx'"'"'s worker'"'"'s CPU, so that no request waits for a cross-CPU wake-up")
  p1again("p1h", "wrk_c1h", "with halt polling", "client and nginx'"'"'s worker on separate CPUs as in the first row, with the guest'"'"'s halt polling on (guest_halt_poll_ns " halt_poll_ns "): a wake-up finds the other vCPU polling, not halted in the hypervisor")
  # P2
  best = ""
  for (i = 1; i <= 2; i++) { cc = i == 1 ? 64 : 256
    r = ratio_best("p2_azcore_c" cc, "req_per_s", "p2_raw_c64", "p2_raw_c256", "req_per_s")
    rs = ratio("p2_azcore_c" cc, "req_per_s", "p2_raw_c" cc, "req_per_s")
    printf "| P2 | async one thread, %s GET /small at concurrency %d (no cap: %s connections azcore%s, %s raw) | %s (wrk -t1 -c%d) | %s (curl multi, one thread) | %s%s | %s vs best raw multi (%s vs raw at c=%d) | ≥ 0.90 × best raw multi | %s |\n", commas(p2n), cc, have_async ? conns("p2_azcore_c" cc) : "—", pool("p2_azcore_c" cc), conns("p2_raw_c" cc), rate(med("wrk_c" cc, "req_per_s")), cc, rate(med("p2_raw_c" cc, "req_per_s")), have_async ? rate(med("p2_azcore_c" cc, "req_per_s")) : "not measured (async did not build)", errs("p2_azcore_c" cc), fx(r, 3), fx(rs, 3), cc, met(r, ">=", 0.90)
  }
  # P2: raw sending the same request bytes, and instructions per request (reported only)
  for (i = 1; i <= 2; i++) { cc = i == 1 ? 64 : 256
    r = ratio("p2_azcore_c" cc, "req_per_s", "p2_raw_same_c" cc, "req_per_s")
    if (r != "") printf "| P2 | the same at concurrency %d, raw curl multi sending azcore'"'"'s request bytes | — | %s | %s | %s | reported | — |\n", cc, rate(med("p2_raw_same_c" cc, "req_per_s")), rate(med("p2_azcore_c" cc, "req_per_s")), fx(r, 3)
    cr = med("cg_raw_c" cc, "instr_per_req"); cs = med("cg_raw_same_c" cc, "instr_per_req"); ca = med("cg_azcore_c" cc, "instr_per_req")
    if (ca != "") printf "| P2 | callgrind instructions per request at concurrency %d (%s GETs) | — | %s (%s with azcore'"'"'s request bytes) | %s | %s (%s vs the same bytes) | reported | — |\n", cc, commas(cgn), instr("cg_raw_c" cc), instr("cg_raw_same_c" cc), instr("cg_azcore_c" cc), fx(cr > 0 ? ca / cr : "", 3), fx(cs > 0 ? ca / cs : "", 3)
    if (count("p2_azcore_c" cc, "cpu_us_per_req")) printf "| P2 | CPU time per request at concurrency %d, user + system | %s (wrk -t1 -c%d) | %s | %s | %s | reported | — |\n", cc, cpu("wrk_c" cc), cc, cpu("p2_raw_c" cc), cpu("p2_azcore_c" cc), fx(ratio("p2_azcore_c" cc, "cpu_us_per_req", "p2_raw_c" cc, "cpu_us_per_req"), 3)
  }
  # P4: each variant against the raw run next to it (its pair)
  for (i = 1; i <= 4; i++) {
    face = i <= 2 ? "sync" : "async"; chunk = (i % 2) ? 4096 : 65536; lab = "p4_" face "_" chunk
    pair = "p4_pair_" face "_" chunk; raw_mb = med(pair, "mb_per_s"); raw_rss = med(pair, "peak_rss_kb")
    r = ratio(lab, "mb_per_s", pair, "mb_per_s"); rss = maxof(lab, "peak_rss_kb")
    ok = (r == "" || rss == "") ? "not measured" : ((r >= 0.9 && rss <= 32768) ? "yes" : "**no**")
    printf "| P4 | stream %s, %s iter_bytes(%s) (1 connection; raw run next to it) | — | %s MB/s, peak RSS %s | %s | %s | ≥ 0.9; RSS ≤ 32 MiB | %s |\n", big, face, chunk == 4096 ? "4 KiB" : "64 KiB", fx(raw_mb, 0), mib(raw_rss), med(lab, "mb_per_s") == "" ? "not measured" : sprintf("%s MB/s, peak RSS %s (max of rounds)%s", fx(med(lab, "mb_per_s"), 0), mib(rss), errs(lab)), fx(r, 3), ok
  }
  for (i = 1; i <= 4; i++) {
    face = i <= 2 ? "sync" : "async"; chunk = (i % 2) ? 4096 : 65536
    cgrow("P4", sprintf("callgrind instructions per MiB streamed (100 MiB less GET /small), %s iter_bytes(%s)", face, chunk == 4096 ? "4 KiB" : "64 KiB"), "cg_p4_raw", "cg_p4_" face "_" chunk, "instr_per_mib")
  }
  # P5
  for (r = 0; r <= rounds; r++) if (("p5_raw", "peak_rss_kb", r) in v && v["p5_raw", "concurrency", r] > 0)
    v["p5_raw", "kb_per_inflight", r] = (v["p5_raw", "peak_rss_kb", r] - v["p5_raw", "rss_before_kb", r]) / v["p5_raw", "concurrency", r]
  raw5 = count("p5_raw", "n") ? sprintf("completed %s, errors %d; last done after %s s (accept-queue overflows: %s); %s KiB RSS per in-flight request; server saw %s open at once", commas(sprintf("%.0f", med("p5_raw", "n"))), sum("p5_raw", "errors"), fx(med("p5_raw", "seconds"), 2), fx(med("p5_raw", "listen_overflows"), 0), fx(med("p5_raw", "kb_per_inflight"), 1), commas(sprintf("%.0f", med("p5_raw", "server_peak")))) : "not measured"
  if (count("p5_inflight", "completed")) {
    comp = med("p5_inflight", "completed"); e = sum("p5_inflight", "errors")
    ok = (comp == p5m && e == 0 && count("p5_inflight", "completed") == count("p5_inflight", "m")) ? "yes" : "**no**"
    r = ratio("p5_inflight", "kb_per_inflight", "p5_raw", "kb_per_inflight")
    rt = ratio("p5_inflight", "seconds", "p5_raw", "seconds")
    printf "| P5 | %s requests in flight at once on one thread, /delay/1000 on azcore-testserver (no cap: one connection each) | — | %s | completed %s of %s (median), errors %d (all rounds); last done after %s s (accept-queue overflows: %s); %s KiB RSS per in-flight request (%s → %s); server saw %s open at once | memory %s, time %s | all complete, no errors; memory reported | %s |\n", commas(p5m), raw5, commas(sprintf("%.0f", comp)), commas(p5m), e, fx(med("p5_inflight", "seconds"), 2), fx(med("p5_inflight", "listen_overflows"), 0), fx(med("p5_inflight", "kb_per_inflight"), 1), mib(med("p5_inflight", "rss_before_kb")), mib(med("p5_inflight", "peak_rss_kb")), commas(sprintf("%.0f", med("p5_inflight", "server_peak"))), fx(r, 2), fx(rt, 2), ok
  } else {
    printf "| P5 | %s requests in flight at once | — | %s | not measured | — | all complete | not measured |\n", commas(p5m), raw5
  }
  cgrow("P5", sprintf("callgrind instructions per held request, its connection opened (%s held at once less 1,000)", commas(cgn + 1000)), "cg_p5_raw", "cg_p5_azcore", "instr_per_req")
  # P6
  if (count("p6_retry", "passed")) {
    ok = (sum("p6_retry", "passed") == count("p6_retry", "passed") && count("p6_retry", "passed") == rounds) ? "yes" : "**no**"
    printf "| P6 | async one thread, %s GET /flaky at concurrency 64 on azcore-testserver, ~10%% faults (429 + Retry-After: 0, 503, reset; 1 in 10 permanent) | — | — | %s faulted (%s permanent); %s succeeded, %s failed with the expected error, %d wrong (all rounds); server saw %s requests, expected %s; %d requests sent a wrong number of times, %d over 1 + retry_total (all rounds); %s | — | every request succeeds or fails with the right error; no extra requests | %s |\n", commas(p6n), fx(med("p6_retry", "faulted"), 0), fx(med("p6_retry", "permanent"), 0), fx(med("p6_retry", "succeeded"), 0), fx(med("p6_retry", "failed_as_expected"), 0), sum("p6_retry", "errors"), fx(med("p6_retry", "server_requests"), 0), fx(med("p6_retry", "expected_server_requests"), 0), sum("p6_retry", "count_mismatches"), sum("p6_retry", "over_retry_limit"), rate(med("p6_retry", "req_per_s")), ok
  } else {
    printf "| P6 | retries with ~10%% injected faults | — | — | not measured | — | every request succeeds or fails with the right error; no extra requests | not measured |\n"
  }
  cgrow("P6", sprintf("callgrind instructions per request, its faults and retries included (%s GET /flaky less 1,000)", commas(cgn + 1000)), "", "cg_p6_azcore", "instr_per_req")
  # P7 (extra)
  if (count("p7_raw", "req_per_s")) {
    r = ratio("p7_azcore", "req_per_s", "p7_raw", "req_per_s")
    h1 = ratio("p7_azcore", "req_per_s", "p7_azcore_h1", "req_per_s")
    plain = ratio("p7_azcore", "req_per_s", "p2_azcore_c256", "req_per_s")
    over_curl = ratio("p7_azcore_curl", "req_per_s", "p7_raw", "req_per_s")
    printf "| P7 | HTTP/2 over TLS, %s GET /small at concurrency %s (%s connections azcore%s, %s raw) | — | %s (curl multi) | %s%s | %s (%s × azcore HTTP/1.1 over TLS at the same concurrency: %s, %s connections%s; %s × plaintext HTTP/1.1 c=256; over AsyncCurlTransport %s = %s × raw) | multiplexed; ≥ HTTP/1.1 throughput | %s |\n", commas(p7n), commas(p7c), conns("p7_azcore"), pool("p7_azcore"), conns("p7_raw"), rate(med("p7_raw", "req_per_s")), rate(med("p7_azcore", "req_per_s")), errs("p7_azcore"), fx(r, 3), fx(h1, 3), rate(med("p7_azcore_h1", "req_per_s")), conns("p7_azcore_h1"), pool("p7_azcore_h1"), fx(plain, 3), rate(med("p7_azcore_curl", "req_per_s")), fx(over_curl, 3), (h1 == "") ? "not measured" : ((h1 >= 1 && med("p7_azcore", "conns") <= 16) ? "yes" : "**no**")
  }
  if (count("p7s_raw", "mb_per_s")) {
    r = ratio("p7s_azcore", "mb_per_s", "p7s_raw", "mb_per_s"); h1 = ratio("p7s_azcore", "mb_per_s", "p7s_azcore_h1", "mb_per_s")
    printf "| P7 | stream 100 MiB over TLS, async iter_bytes(64 KiB), HTTP/2 (1 connection) | — | %s MB/s (curl over %s) | %s MB/s, peak RSS %s (max of rounds)%s | %s (%s × azcore HTTP/1.1 over TLS: %s MB/s) | reported | — |\n", fx(med("p7s_raw", "mb_per_s"), 0), med("p7s_raw", "http2") == 1 ? "HTTP/2" : "HTTP/1.1", fx(med("p7s_azcore", "mb_per_s"), 0), mib(maxof("p7s_azcore", "peak_rss_kb")), errs("p7s_azcore"), fx(r, 3), fx(h1, 3), fx(med("p7s_azcore_h1", "mb_per_s"), 0)
  }
  cgrow("P7", sprintf("callgrind instructions per request, HTTP/2 over TLS at concurrency %s (%s GETs)", commas(p7c), commas(cgn)), "cg_p7_raw", "cg_p7_azcore", "instr_per_req")
}' "$results")"

# P3: azcore over each peer, per scenario (median of the per-round ratios).
peers_table="$(awk -v rounds="$rounds" -v big="$big_label" -v p1n="$p1_n" -v p2n="$p2_n" -v mid="$mid_bytes" \
  -v have_python="$have_python" -v python_missing="$python_missing" -v python_ver="$(awk '{ print $2 }' <<<"$python_desc")" \
  -v have_js="$have_js" -v js_missing="$js_missing" -v js_ver="$(awk '{ print $2 }' <<<"$js_desc")" "$awk_lib"'
function plural(n, word) { return sprintf("%s %s%s", n, word, n == 1 ? "" : "s") }
# One figure of LABEL: a request rate or a streaming rate (with its ratio to RAW and the peak RSS),
# the connections nginx accepted, errors and failed rounds.
function fig(label, kind, raw,    x, out, r, f) {
  out = ""
  if (kind == "rate") { x = med(label, "req_per_s"); if (x != "") out = rate(x) }
  else {
    x = med(label, "mb_per_s")
    if (x != "") {
      out = fx(x, 0) " MB/s"; r = ratio(label, "mb_per_s", raw, "mb_per_s")
      if (r != "") out = out " (" fx(r, 2) " × raw)"
      out = out ", peak RSS " mib(maxof(label, "peak_rss_kb"))
    }
  }
  if (out == "") out = "not measured"
  else if (count(label, "conns")) out = out ", " plural(conns(label), "connection")
  out = out errs(label)
  f = count(label, "failed")
  if (f) out = out sprintf("; **failed in %d of %d rounds** (stderr.log)", f, rounds)
  return out
}
# PEER is "python" or "js"; KIND "rate" (a P3 target of TARGET) or "stream" (reported only).
# CEILING (a label, optional): a rate no client reaches, shown beside the rate the target asks for.
function row(id, scenario, peer, what, plabel, alabel, kind, raw, target, ceiling,    have, why, name, key, goal, r, pf, af, pr, cx) {
  have = peer == "python" ? have_python : have_js
  why = peer == "python" ? python_missing : js_missing
  name = peer == "python" ? "Python azure-core " python_ver : "JS core-rest-pipeline " js_ver
  if (!have) name = peer == "python" ? "Python azure-core" : "JS core-rest-pipeline"
  key = kind == "rate" ? "req_per_s" : "mb_per_s"
  goal = target == "" ? "reported (P4: azcore ≥ 0.9 × raw)" : "≥ " target
  af = fig(alabel, kind, raw)
  if (!have) {
    printf "| %s | %s | %s%s | **not run: %s** | %s | — | %s | not measured |\n", id, scenario, name, what, why, af, goal
    return
  }
  pf = fig(plabel, kind, raw)
  r = ratio(alabel, key, plabel, key)
  pr = med(plabel, key); cx = ceiling == "" ? "" : med(ceiling, key)
  if (pr != "" && cx != "") goal = goal sprintf(" (%s × the peer is %s; the wire on one connection, wrk -t1 -c1: %s)", target, rate(pr * target), rate(cx))
  printf "| %s | %s | %s%s | %s | %s | %s | %s | %s |\n", id, scenario, name, what, pf, af, fx(r, 2), goal, target == "" ? "—" : met(r, ">=", target)
}
# The CPU time per request of the peer beside azcore'"'"'s, and how many times more the peer spends
# (the median of the per-round ratios): the peers'"'"' rate targets read as a cost, which the wire does
# not bound.
function cpurow(id, scenario, peer, what, plabel, alabel,    have, name) {
  have = peer == "python" ? have_python : have_js
  if (!have || !count(plabel, "cpu_us_per_req") || !count(alabel, "cpu_us_per_req")) return
  name = peer == "python" ? "Python azure-core " python_ver : "JS core-rest-pipeline " js_ver
  printf "| %s | %s: CPU time per request, user + system | %s%s | %s | %s | %s × less CPU | reported | — |\n", id, scenario, name, what, cpu(plabel), cpu(alabel), fx(ratio(plabel, "cpu_us_per_req", alabel, "cpu_us_per_req"), 2)
}
# P1'"'"'s peer rows for the clients labelled P_* and wrk (W), run in the placement WHERE (none: the first).
function p1peers(p, w, where) {
  if (!count(p "_azcore", "req_per_s")) return
  if (where != "") where = " " where
  row("P1", "sync sequential" where ", " commas(p1n) " GET /small", "python", ", RequestsTransport", p "_python", p "_azcore", "rate", "", 12, w)
  row("P1", "sequential" where ", " commas(p1n) " GET /small (JS: each awaited)", "js", "", p "_js", p "_azcore", "rate", "", 2.5, w)
}
function streams(size, suffix, raw) {
  row("P4", "stream " size ", sync, 64 KiB reads", "python", ", RequestsTransport", "p4_python_sync" suffix, "p4_sync_65536" suffix, "stream", raw, "")
  row("P4", "stream " size ", async, 64 KiB reads", "python", ", AioHttpTransport", "p4_python_async" suffix, "p4_async_65536" suffix, "stream", raw, "")
  row("P4", "stream " size ", async, 64 KiB reads", "js", "", "p4_js" suffix, "p4_async_65536" suffix, "stream", raw, "")
}
END {
  print "| id | scenario | peer | the peer | azcore | azcore / peer | target | met |"
  print "|---|---|---|---|---|---|---|---|"
  p1peers("p1", "wrk_c1", "")
  p1peers("p1s", "wrk_c1s", "on one CPU (the client on nginx'"'"'s worker'"'"'s CPU)")
  p1peers("p1h", "wrk_c1h", "across CPUs with the guest'"'"'s halt polling on")
  cpurow("P1", "sync sequential", "python", ", RequestsTransport", "p1_python", "p1_azcore")
  cpurow("P1", "sequential (JS: each awaited)", "js", "", "p1_js", "p1_azcore")
  for (i = 1; i <= 2; i++) { cc = i == 1 ? 64 : 256
    row("P2", "async one thread, " commas(p2n) " GET /small at concurrency " cc, "python", ", AioHttpTransport, no connection cap", "p2_python_c" cc, "p2_azcore_c" cc, "rate", "", 12)
    row("P2", "async one thread, " commas(p2n) " GET /small at concurrency " cc, "js", ", a pool of " cc " async loops", "p2_js_c" cc, "p2_azcore_c" cc, "rate", "", 2.5)
  }
  for (i = 1; i <= 2; i++) { cc = i == 1 ? 64 : 256
    cpurow("P2", "async, concurrency " cc, "python", ", AioHttpTransport", "p2_python_c" cc, "p2_azcore_c" cc)
    cpurow("P2", "async, concurrency " cc, "js", "", "p2_js_c" cc, "p2_azcore_c" cc)
  }
  if (mid + 0 > 0) streams("100 MiB", "_100m", "p4_raw_100m")
  streams(big, "", "p4_raw")
}' "$results")"

echo
echo "$table"
echo
echo "P3 peers (azcore over each peer; same rounds):"
echo
echo "$peers_table"
echo

# ---- the doc -------------------------------------------------------------------------------
if ((write_doc)); then
  doc=docs/PERFORMANCE.md
  cpu="$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)"
  block="$(cat <<EOF
<!-- bench:begin (written by scripts/bench.sh --write-doc; do not edit by hand) -->
Run of $(date -u '+%Y-%m-%d %H:%M UTC'): $rounds interleaved rounds$( ((quick)) && echo ", --quick sizes (not the PERF.md sizes)"); every figure is the median over
the rounds, every ratio the median of the per-round ratios (azcore and raw libcurl measured side by side).

$table

P3, the peers (same rounds; every ratio is azcore over the peer, the median of the per-round ratios):

$peers_table

- Machine: $(nproc) CPUs ($cpu), $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo) RAM, $(uname -sr).
- Load: before \`$(echo "$load_before" | sed 's/^ *//')\`; after \`$(echo "$load_after" | sed 's/^ *//')\`.
- Programs: $programs.
- Peers: $( ((have_python)) && echo "Python $python_desc, Debian's /usr/bin/python3" || echo "Python: not run ($python_missing)"); $( ((have_js)) && echo "JS $js_desc" || echo "JS: not run ($js_missing)"); azure-sdk-for-cpp: $([[ -n "$azsdk" ]] && echo "$azsdk_desc, built from source by this run" || echo "$azsdk_missing").
- Versions: $(curl --version | head -n 1 | cut -d' ' -f1-3), $(nginx -v 2>&1 | sed 's/^nginx version: //'), $(g++ --version | head -n 1), wrk $(dpkg-query -W -f='${Version}' wrk 2>/dev/null), $(valgrind --version 2>/dev/null || echo "no valgrind").
- Placement: $([[ -n "$client_cpu" ]] && echo "nginx's worker and the test server pinned to CPU $server_cpu, every client (wrk too) to CPU $client_cpu (taskset); P1's one-CPU rows put the client on CPU $server_cpu$([[ -n "$halt_poll_was" ]] && echo "; P1's halt-polling rows ran with $halt_poll_knob at $halt_poll_ns (the kernel's default; this VM boots with 0), put back to 0 after each group")" || echo "no pinning (one CPU)").
- Server: nginx, 1 worker, access_log off, sendfile, keepalive_requests 100000000, HTTP/2 server with
  http2_max_concurrent_streams 1000; P5 against \`azcore-testserver --port 0\` (1 thread). Open-file
  limit $fd_limit for every process.
- Connections: no cap anywhere (azcore's \`max_connections_per_host\` = 0, curl multi without
  \`CURLMOPT_MAX_HOST_CONNECTIONS\`, the Python peer's aiohttp connector without a limit, the JS
  peer's default keep-alive \`http.Agent\`); the counts in the tables are the connections nginx
  accepted during the run (median of rounds).
<!-- bench:end -->
EOF
)"
  if [[ -f "$doc" ]] && grep -q '<!-- bench:begin' "$doc"; then
    BENCH_BLOCK="$block" awk '
      /<!-- bench:begin/ { print ENVIRON["BENCH_BLOCK"]; skip = 1; next }
      /<!-- bench:end/ { skip = 0; next }
      !skip { print }' "$doc" >"$doc.tmp" && mv "$doc.tmp" "$doc"
  else
    printf '# azcore — performance\n\nMeasured with `bash scripts/bench.sh` (rules: ../shared/PERF.md).\n\n%s\n' "$block" >"$doc"
  fi
  log "wrote $doc"
fi
log "raw results: $results; programs' stderr: $errlog"
