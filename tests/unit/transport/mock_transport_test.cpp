// MockTransport's own messages keep secrets out.
#include <azcore/rest/http_request.hpp>
#include <azcore/transport/mock_transport.hpp>

#include <gtest/gtest.h>

#include <memory>
#include <stdexcept>

namespace azcore::transport {
namespace {

TEST(MockTransportTest, AnExhaustedScriptNamesTheRequestWithoutItsSignature) {
    MockTransport transport(std::vector<MockTransport::Outcome>{});
    auto request = std::make_shared<rest::HttpRequest>("GET", "https://a.example/c?sv=1&sig=SECRET");
    try {
        transport.send(request, {});
        FAIL() << "no std::logic_error";
    } catch (const std::logic_error& error) {
        EXPECT_STREQ(error.what(), "MockTransport: no scripted response left for GET https://a.example/c?sv=1&sig=REDACTED");
    }
}

}  // namespace
}  // namespace azcore::transport
