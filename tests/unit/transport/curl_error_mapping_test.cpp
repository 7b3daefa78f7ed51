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

namespace azcore::transport::detail {
namespace {

/// what() of error when its type is exactly E; otherwise what it is instead.
template <class E>
std::string message_of(const std::exception_ptr& error) {
    try {
        std::rethrow_exception(error);
    } catch (const std::exception& e) {
        if (typeid(e) == typeid(E)) return e.what();
        return std::string("<") + typeid(e).name() + ": " + e.what() + ">";
    }
}

TEST(CurlErrorMappingTest, ReadTimeoutMessagesNameThePhase) {
    EXPECT_EQ(message_of<exceptions::ServiceRequestTimeoutError>(read_timeout_error(0.5, TransferPhase::Connecting)),
              "No data received for 0.5 seconds (read_timeout) while connecting");
    EXPECT_EQ(message_of<exceptions::ServiceResponseTimeoutError>(read_timeout_error(0.5, TransferPhase::AwaitingHeaders)),
              "No data received for 0.5 seconds (read_timeout) while waiting for the response headers");
    EXPECT_EQ(message_of<exceptions::ServiceResponseTimeoutError>(read_timeout_error(2, TransferPhase::ReadingBody)),
              "No data received for 2 seconds (read_timeout) while receiving the response body");
}

TEST(CurlErrorMappingTest, ADeadlineIsARequestTimeoutBeforeTheConnectionAndAResponseTimeoutAfter) {
    EXPECT_EQ(message_of<exceptions::ServiceRequestTimeoutError>(deadline_error(TransferPhase::Connecting)),
              "The operation's timeout ran out while connecting");
    EXPECT_EQ(message_of<exceptions::ServiceResponseTimeoutError>(deadline_error(TransferPhase::AwaitingHeaders)),
              "The operation's timeout ran out while waiting for the response headers");
    EXPECT_EQ(message_of<exceptions::ServiceResponseTimeoutError>(deadline_error(TransferPhase::ReadingBody)),
              "The operation's timeout ran out while receiving the response body");
}

TEST(CurlErrorMappingTest, AnEndWithoutAResponseIsServiceResponseError) {
    EXPECT_EQ(message_of<exceptions::ServiceResponseError>(no_response_error()),
              "The transfer ended without a response (no HTTP header block was received)");
}

}  // namespace
}  // namespace azcore::transport::detail

namespace azcore::transport::detail {
namespace {
TEST(CurlErrorMappingTest, HeadersOverCurlsLimitsAreHeadersTooLargeNotOutOfMemory) {
    const std::string too_large = "The response headers are too large (the limits: 64 KiB for a header line, 300 KiB in all)";
    auto line = map_curl_error(CURLE_OUT_OF_MEMORY, TransferPhase::AwaitingHeaders, "");
    EXPECT_EQ(message_of<exceptions::ServiceResponseError>(line), too_large);
    auto block = map_curl_error(CURLE_RECV_ERROR, TransferPhase::AwaitingHeaders, "Too large response headers: 307762 > 307200");
    EXPECT_EQ(message_of<exceptions::ServiceResponseError>(block), too_large);
    expect_mapped<exceptions::ServiceResponseError>(CURLE_OUT_OF_MEMORY, TransferPhase::AwaitingHeaders);
    // Elsewhere it stays what curl says.
    EXPECT_EQ(message_of<exceptions::ServiceRequestError>(map_curl_error(CURLE_OUT_OF_MEMORY, TransferPhase::Connecting, "")),
              "Out of memory (curl error 27)");
}
}  // namespace
}  // namespace azcore::transport::detail

namespace azcore::transport::detail {
namespace {

// The failures both transports can meet are said in the same words (transfer_errors), with
// curl's code and text after them.
TEST(CurlErrorMappingTest, SharedFailuresAreSaidInTransferErrorsWords) {
    const CurlFailureFacts facts{.host = "127.0.0.1", .port = "8080", .connection_timeout = 0.2, .declared = 1000, .received = 10};
    const CurlFailureFacts chunked{.host = "127.0.0.1", .port = "8080", .declared = -1, .received = 10};
    EXPECT_EQ(message_of<exceptions::ServiceRequestTimeoutError>(
                  map_curl_error(CURLE_OPERATION_TIMEDOUT, TransferPhase::Connecting, "Connection timed out after 201 milliseconds", facts)),
              "No connection to 127.0.0.1 port 8080 within 0.2 seconds (connection_timeout) (curl error 28: Connection timed out "
              "after 201 milliseconds)");
    EXPECT_EQ(message_of<exceptions::ServiceResponseError>(map_curl_error(CURLE_GOT_NOTHING, TransferPhase::AwaitingHeaders, "", facts)),
              "The server closed the connection before the response (curl error 52: Server returned nothing (no headers, no data))");
    EXPECT_EQ(message_of<exceptions::ServiceResponseError>(
                  map_curl_error(CURLE_UNSUPPORTED_PROTOCOL, TransferPhase::AwaitingHeaders, "Unsupported HTTP version in response", facts)),
              "The response's status line or headers are not valid HTTP/1.1 (curl error 1: Unsupported HTTP version in response)");
    EXPECT_EQ(message_of<exceptions::IncompleteReadError>(map_curl_error(
                  CURLE_PARTIAL_FILE, TransferPhase::ReadingBody, "transfer closed with 990 bytes remaining to read", facts)),
              "The connection closed with 990 bytes remaining of the response body's 1000 (Content-Length) (curl error 18: transfer "
              "closed with 990 bytes remaining to read)");
    EXPECT_EQ(message_of<exceptions::IncompleteReadError>(map_curl_error(
                  CURLE_PARTIAL_FILE, TransferPhase::ReadingBody, "transfer closed with outstanding read data remaining", chunked)),
              "The connection closed before the chunked response body ended (curl error 18: transfer closed with outstanding read "
              "data remaining)");
    EXPECT_EQ(message_of<exceptions::IncompleteReadError>(map_curl_error(
                  CURLE_RECV_ERROR, TransferPhase::ReadingBody, "Illegal or missing hexadecimal sequence in chunked-encoding", chunked)),
              "The response body's chunked encoding is malformed (curl error 56: Illegal or missing hexadecimal sequence in "
              "chunked-encoding)");
    EXPECT_EQ(message_of<exceptions::ServiceRequestError>(map_curl_error(
                  CURLE_PEER_FAILED_VERIFICATION, TransferPhase::Connecting, "SSL certificate problem: self-signed certificate", facts)),
              "The TLS handshake with 127.0.0.1 port 8080 failed (curl error 60: SSL certificate problem: self-signed certificate)");
    EXPECT_EQ(message_of<exceptions::ServiceRequestError>(
                  map_curl_error(CURLE_RECV_ERROR, TransferPhase::Connecting, "CONNECT tunnel failed, response 404", facts)),
              "The proxy refused CONNECT 127.0.0.1:8080 (curl error 56: CONNECT tunnel failed, response 404)");
    // Without the facts (no host), curl's words alone.
    EXPECT_EQ(message_of<exceptions::ServiceRequestTimeoutError>(
                  map_curl_error(CURLE_OPERATION_TIMEDOUT, TransferPhase::Connecting, "Timeout was reached")),
              "Timeout was reached (curl error 28)");
}

}  // namespace
}  // namespace azcore::transport::detail
