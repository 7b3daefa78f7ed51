// The error table at the mapping level: rows that loopback tests cannot produce (DNS) and the
// phase rules behind every row.
#include <azcore/exceptions.hpp>

#include "transport/curl/curl_error_mapping.hpp"

#include <gtest/gtest.h>

namespace azcore::transport::detail {
namespace {

template <class Expected>
void expect_mapped(CURLcode code, TransferPhase phase) {
    std::exception_ptr error = map_curl_error(code, phase, "");
    try {
        std::rethrow_exception(error);
    } catch (const Expected& mapped) {
        EXPECT_EQ(mapped.error_code().value(), static_cast<int>(code));
        EXPECT_EQ(mapped.error_code().category().name(), std::string("curl"));
    } catch (const std::exception& other) {
        FAIL() << "code " << code << ": got " << typeid(other).name();
    }
}

TEST(CurlErrorMappingTest, DnsFailureIsServiceRequestError) {
    expect_mapped<exceptions::ServiceRequestError>(CURLE_COULDNT_RESOLVE_HOST, TransferPhase::Connecting);
    expect_mapped<exceptions::ServiceRequestError>(CURLE_COULDNT_RESOLVE_PROXY, TransferPhase::Connecting);
}

TEST(CurlErrorMappingTest, TlsAndProxyFailuresAreServiceRequestErrorEvenOnceConnected) {
    expect_mapped<exceptions::ServiceRequestError>(CURLE_PEER_FAILED_VERIFICATION, TransferPhase::AwaitingHeaders);
    expect_mapped<exceptions::ServiceRequestError>(CURLE_SSL_CONNECT_ERROR, TransferPhase::AwaitingHeaders);
    expect_mapped<exceptions::ServiceRequestError>(CURLE_PROXY, TransferPhase::Connecting);
}

TEST(CurlErrorMappingTest, TimeoutsDependOnWhetherTheConnectionExisted) {
    std::exception_ptr before = map_curl_error(CURLE_OPERATION_TIMEDOUT, TransferPhase::Connecting, "");
    EXPECT_THROW(std::rethrow_exception(before), exceptions::ServiceRequestTimeoutError);
    std::exception_ptr after = map_curl_error(CURLE_OPERATION_TIMEDOUT, TransferPhase::AwaitingHeaders, "");
    EXPECT_THROW(std::rethrow_exception(after), exceptions::ServiceResponseTimeoutError);
    std::exception_ptr body = map_curl_error(CURLE_OPERATION_TIMEDOUT, TransferPhase::ReadingBody, "");
    EXPECT_THROW(std::rethrow_exception(body), exceptions::ServiceResponseTimeoutError);
}

TEST(CurlErrorMappingTest, FailuresAfterTheRequestWasWrittenAreServiceResponseError) {
    expect_mapped<exceptions::ServiceResponseError>(CURLE_GOT_NOTHING, TransferPhase::AwaitingHeaders);
    expect_mapped<exceptions::ServiceResponseError>(CURLE_RECV_ERROR, TransferPhase::AwaitingHeaders);
    expect_mapped<exceptions::ServiceResponseError>(CURLE_WEIRD_SERVER_REPLY, TransferPhase::AwaitingHeaders);
}

TEST(CurlErrorMappingTest, FailuresInsideTheBodyAreIncompleteReadError) {
    EXPECT_THROW(std::rethrow_exception(map_curl_error(CURLE_PARTIAL_FILE, TransferPhase::ReadingBody, "")),
                 exceptions::IncompleteReadError);
    EXPECT_THROW(std::rethrow_exception(map_curl_error(CURLE_RECV_ERROR, TransferPhase::ReadingBody, "")),
                 exceptions::IncompleteReadError);
}

TEST(CurlErrorMappingTest, MessageCarriesCurlsDetail) {
    try {
        std::rethrow_exception(map_curl_error(CURLE_COULDNT_CONNECT, TransferPhase::Connecting, "Failed to connect to host"));
    } catch (const exceptions::ServiceRequestError& error) {
        EXPECT_STREQ(error.what(), "Failed to connect to host (curl error 7)");
    }
}

}  // namespace
}  // namespace azcore::transport::detail

namespace azcore::transport::detail {
namespace {
TEST(CurlErrorMappingTest, ATls13AlertOnTheFirstReadIsAHandshakeFailure) {
    auto error = map_curl_error(CURLE_RECV_ERROR, TransferPhase::AwaitingHeaders,
                                "OpenSSL SSL_read: error:0A00045C:SSL routines::tlsv13 alert certificate required");
    EXPECT_THROW(std::rethrow_exception(error), exceptions::ServiceRequestError);
    auto plain = map_curl_error(CURLE_RECV_ERROR, TransferPhase::AwaitingHeaders, "Connection reset by peer");
    EXPECT_THROW(std::rethrow_exception(plain), exceptions::ServiceResponseError);
}
}  // namespace
}  // namespace azcore::transport::detail
