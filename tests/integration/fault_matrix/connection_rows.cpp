// Rows: what a server (or its absence) can do to a connection and to HTTP/1.1 framing.
#include <azcore/exceptions.hpp>

#include "fault_matrix/matrix.hpp"

#include <fmt/format.h>

namespace azcore::test::matrix {

using rest::HttpRequest;
namespace ex = exceptions;

namespace {

// A streamed body whose bytes already wait in the socket when the client reads them (target writes
// the head alone; the client waits 100 ms before reading): a read fills its whole 64 KiB room, so
// the next read does not wait, and finds nothing (or the end); the row's error follows. Chunks of
// 4 KiB read through the connection's buffer, chunks of 64 KiB straight into the caller's room.
template <class E>
Row after_a_full_read_row(std::string name, std::string target, std::string part, SendRequestOptions options) {
    return {std::move(name), [=](Matrix& m) {
                auto client = m.client();
                for (const std::size_t chunk : {std::size_t{4096}, std::size_t{65536}}) {
                    SCOPED_TRACE(chunk);
                    expect_throws<E>(
                        [&] {
                            client->send(HttpRequest("GET", target), options,
                                         {.chunk_size = chunk, .wait_before_reading = std::chrono::milliseconds(100)});
                        },
                        part);
                }
                m.expect_still_works(*client);
            }};
}

}  // namespace

std::vector<Row> connection_rows() {
    return {
        {"ConnectionRefusedIsServiceRequestError",
         [](Matrix& m) {
             auto client = m.client();
             const std::string url = loopback_url("http", closed_port(), "/echo");
             expect_throws<ex::ServiceRequestError>([&] { client->send(HttpRequest("GET", url)); },
                                                    "Failed to connect to 127.0.0.1 port");
             m.expect_still_works(*client);
         }},
        // The async follow-up used to stall for its read_timeout: curl closed the timed-out socket
        // behind the driver's back and the next connection, reusing the fd, was never polled.
        {"ConnectTimeoutIsServiceRequestTimeoutError",
         [](Matrix& m) {
             FullBacklogListener listener;
             auto client = m.client({.connection_timeout = 0.2, .read_timeout = 5});
             const std::string url = loopback_url("http", listener.port(), "/echo");
             // Both transports name the host, the port and the setting; curl's own words ("Connection
             // timeout after 200 ms", or "Timeout was reached" when its timer fires first) follow.
             expect_throws<ex::ServiceRequestTimeoutError>(
                 [&] { client->send(HttpRequest("GET", url)); },
                 fmt::format("No connection to 127.0.0.1 port {} within 0.2 seconds (connection_timeout)", listener.port()));
             m.expect_still_works(*client);
         }},
        error_row<ex::ServiceResponseError>("ResetBeforeTheStatusLineIsServiceResponseError", "/reset/before-status",
                                            "Connection reset by peer"),
        error_row<ex::ServiceResponseError>("ResetInsideTheHeadersIsServiceResponseError", "/reset/mid-headers",
                                            "Connection reset by peer"),
        error_row<ex::IncompleteReadError>("ResetInsideTheBodyIsIncompleteReadError", "/reset/mid-body", "Connection reset by peer"),
        error_row<ex::ServiceResponseError>("FinWithoutAnAnswerIsServiceResponseError", "/close/before-status",
                                            "The server closed the connection before the response"),
        error_row<ex::IncompleteReadError>("BodyShorterThanContentLengthIsIncompleteReadError", "/short?declared=1000&actual=10",
                                           "The connection closed with 990 bytes remaining of the response body's 1000 (Content-Length)"),
        error_row<ex::ServiceResponseError>("ConflictingContentLengthsAreServiceResponseError", "/conflicting-length",
                                            "conflicting Content-Length headers: 5, 10"),
        error_row<ex::ServiceResponseError>("InvalidStatusLineIsServiceResponseError", "/invalid-status",
                                            "The response's status line or headers are not valid HTTP/1.1"),
        error_row<ex::ServiceResponseError>("OversizedHeadersAreServiceResponseError", "/huge-headers?kb=400",
                                            "The response headers are too large (the limits: 64 KiB for a header line, 300 KiB in all)"),
        error_row<ex::IncompleteReadError>("InvalidChunkSizeIsIncompleteReadError", "/bad-chunk",
                                           "The response body's chunked encoding is malformed"),
        error_row<ex::IncompleteReadError>("ChunkedBodyCutOffIsIncompleteReadError", "/chunked-cut?bytes=5000",
                                           "The connection closed before the chunked response body ended"),
        error_row<ex::ServiceResponseTimeoutError>("StallInsideTheBodyIsServiceResponseTimeoutError",
                                                   "/stall?bytes=1000&after=10",
                                                   "No data received for 0.1 seconds (read_timeout)",
                                                   {.kwargs = {{"read_timeout", 0.1}}}),
        after_a_full_read_row<ex::ServiceResponseTimeoutError>("StallRightAfterAFullReadIsServiceResponseTimeoutError",
                                                               "/stall?bytes=200000&after=65536&pause_ms=20",
                                                               "No data received for 0.2 seconds (read_timeout)",
                                                               {.stream = true, .kwargs = {{"read_timeout", 0.2}}}),
        after_a_full_read_row<ex::IncompleteReadError>(
            "ClosedRightAfterAFullReadIsIncompleteReadError", "/short?declared=200000&actual=65536&pause_ms=20",
            "The connection closed with 134464 bytes remaining of the response body's 200000 (Content-Length)", {.stream = true}),
        {"SlowDripWithinReadTimeoutCompletes",
         [](Matrix& m) {
             auto client = m.client();
             Result result = client->send(HttpRequest("GET", "/drip?bytes=4&interval_ms=25"), {.kwargs = {{"read_timeout", 0.5}}});
             EXPECT_EQ(result.status_code, 200);
             EXPECT_EQ(result.body, testserver::generated_bytes(4));
             m.expect_still_works(*client);
         }},
    };
}

}  // namespace azcore::test::matrix
