#pragma once
// Which HTTP/1.1 transports the integration suites run over. ctest runs the transport-level suites
// twice: over the curl transports, and (label `beast`, tests named `beast.*`) with
// AZCORE_TEST_TRANSPORT=beast over BeastTransport and AsyncBeastTransport.
#include <cstdlib>
#include <string_view>

namespace azcore::test {

enum class TestTransport { Curl, Beast };

/// The transports this run of the suites is for.
inline TestTransport test_transport() {
    const char* kind = std::getenv("AZCORE_TEST_TRANSPORT");
    return kind != nullptr && std::string_view(kind) == "beast" ? TestTransport::Beast : TestTransport::Curl;
}

}  // namespace azcore::test
