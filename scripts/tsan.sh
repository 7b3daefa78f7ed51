#!/usr/bin/env bash
# ThreadSanitizer run of the transport tests (both faces, the test server, the multi-threaded
# sync tests) and of the multi-threaded unit tests (pollers, token cache, bearer policy, paging).
# Not part of CI (time); run it after changing anything under src/transport/, src/polling/ or
# src/policies/.
set -euo pipefail
source "$(dirname "$0")/env.sh"
bash scripts/setup.sh
# g++: clang 14's TSan build crashes inside Asio coroutine frames (a toolchain problem).
cmake -S . -B build-tsan -G Ninja -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_COMPILER=g++ \
  -DAZCORE_TSAN=ON -DAZCORE_BUILD_BENCH=OFF
cmake --build build-tsan -j "$JOBS" --target azcore_integration_tests azcore-testserver azcore_unit_tests
TSAN_OPTIONS="halt_on_error=1 second_deadlock_stack=1 suppressions=$PWD/scripts/tsan.supp" ./build-tsan/tests/azcore_integration_tests \
  --gtest_filter='CurlTransportTest.*:CurlErrorTableTest.*:CurlTlsTest.*:AsyncPipelineClientTest.*:AsyncLifetimeTest.*:AsyncCurlTransportTest.*:CancellationStormTest.*:EachType/*:Http2Test.*:EachCoding/*:BothModes/ParityTest.*:BothModes/RetryIntegrationTest.*:BothModes/IdleCloseTest.*:BothModes/HandleReuseTest.*:BothModes/RequestValidationTest.*:BothModes/ConnectionPoolTest.*:ConnectionPoolReadmeExample.*:BothModes/TracingTest.*:TracingInterleavingTest.*:TracingCurrentSpanTest.*:DistributedTraceTest.*:*Otlp*'
# The unit tests whose code runs on more than one thread: the sync poller's thread, the token
# cache shared by threads and coroutines, the bearer policy's challenge thread, paging.
TSAN_OPTIONS="halt_on_error=1 second_deadlock_stack=1 suppressions=$PWD/scripts/tsan.supp" ./build-tsan/tests/azcore_unit_tests \
  --gtest_filter='*Poll*:*LRO*:*Bearer*:*TokenCache*:Capture*:RunBlocking*:*Paging*:*ItemPaged*:*SendChecked*:TracerProviderTest.*:BatchSpanProcessorTest.*'
