// CurlExchange outcomes that a loopback server cannot produce over http.
#include <azcore/exceptions.hpp>
#include <azcore/rest/http_request.hpp>

#include "transport/curl/curl_exchange.hpp"

#include <gtest/gtest.h>

#include <memory>

namespace azcore::transport::detail {
namespace {

TEST(CurlExchangeTest, ATransferThatEndsWithoutAResponseFailsWithAMessage) {
    ConnectionMonitor monitor;
    CurlExchange exchange(std::make_shared<const rest::HttpRequest>("GET", "http://127.0.0.1/"), TransferSettings{}, monitor);
    std::unique_ptr<CURL, void (*)(CURL*)> easy(curl_easy_init(), &curl_easy_cleanup);
    exchange.finish(CURLE_OK, easy.get());
    ASSERT_TRUE(exchange.finished());
    ASSERT_TRUE(exchange.failure());
    try {
        std::rethrow_exception(exchange.failure());
    } catch (const std::exception& error) {
        EXPECT_EQ(typeid(error), typeid(exceptions::ServiceResponseError));
        EXPECT_STREQ(error.what(), "The transfer ended without a response (no HTTP header block was received)");
    }
}

}  // namespace
}  // namespace azcore::transport::detail
