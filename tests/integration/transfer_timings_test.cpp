// HttpResponseBase::timings() from both curl transports against the test server: the phases of a
// try in order, the byte counts the server read and wrote, a kept connection's reuse, TLS, and a
// streamed response whose total waits for the end of its body.
#include <azcore/async_pipeline_client.hpp>
#include <azcore/pipeline_client.hpp>
#include <azcore/rest/async_http_response.hpp>
#include <azcore/rest/http_request.hpp>
#include <azcore/rest/http_response.hpp>
#include <azcore/rest/transfer_timings.hpp>
#include <azcore/testserver/test_server.hpp>
#include <azcore/transport/async_curl_transport.hpp>
#include <azcore/transport/curl_transport.hpp>
#include <azcore/transport/mock_transport.hpp>

#include "support/dual_client.hpp"
#include "support/run_mode.hpp"
#include "support/temp_dir.hpp"

#include <boost/asio/io_context.hpp>
#include <gtest/gtest.h>

#include <chrono>
#include <memory>
#include <string>

namespace azcore::test {
namespace {

using rest::HttpRequest;
using rest::TransferTimings;
using testserver::TestServer;
using namespace std::chrono_literals;

/// The head's points are there and in order, each >= 0; those of a new connection only for one.
void expect_head_in_order(const TransferTimings& timings) {
    ASSERT_TRUE(timings.connection_reused && timings.pretransfer && timings.first_byte);
    if (*timings.connection_reused) {
        EXPECT_EQ(timings.name_lookup, std::nullopt);
        EXPECT_EQ(timings.connect, std::nullopt);
        EXPECT_EQ(timings.tls_handshake, std::nullopt);
    } else {
        ASSERT_TRUE(timings.name_lookup && timings.connect);
        EXPECT_GE(timings.name_lookup->count(), 0);
        EXPECT_LE(*timings.name_lookup, *timings.connect);
        EXPECT_LE(*timings.connect, *timings.pretransfer);
        if (timings.tls_handshake) {
            EXPECT_LE(*timings.connect, *timings.tls_handshake);
            EXPECT_LE(*timings.tls_handshake, *timings.pretransfer);
        }
    }
    EXPECT_GE(timings.pretransfer->count(), 0);
    EXPECT_LE(*timings.pretransfer, *timings.first_byte);
}

/// Every point is there and in order: the head's, then total.
void expect_all_in_order(const TransferTimings& timings) {
    expect_head_in_order(timings);
    ASSERT_TRUE(timings.total && timings.first_byte);
    EXPECT_LE(*timings.first_byte, *timings.total);
    EXPECT_TRUE(timings.request_body_size && timings.response_header_size && timings.response_body_size);
}

class TransferTimingsTest : public ::testing::TestWithParam<RunMode> {
protected:
    TestServer server_;
};

TEST_P(TransferTimingsTest, APlainTryHasItsPhasesInOrderAndNoTlsHandshake) {
    DualClient client(server_.base_url(), GetParam());
    const Result result = client.send(HttpRequest("GET", "/bytes/1000"));
    ASSERT_EQ(result.status_code, 200);
    const TransferTimings& timings = result.response->timings();
    expect_all_in_order(timings);
    EXPECT_EQ(timings.tls_handshake, std::nullopt);
    EXPECT_EQ(timings.connection_reused, false);
    EXPECT_GT(timings.total->count(), 0);
}

TEST_P(TransferTimingsTest, ByteCountsAreWhatTheServerReadAndWrote) {
    DualClient client(server_.base_url(), GetParam());
    const Result result = client.send(HttpRequest("POST", "/echo", {.content = to_bytes(std::string("hello, timings"))}));
    ASSERT_EQ(result.status_code, 200);
    const TransferTimings& timings = result.response->timings();
    const auto requests = server_.requests();
    ASSERT_EQ(requests.size(), 1u);
    EXPECT_EQ(timings.request_body_size, 14u);
    EXPECT_EQ(requests[0].body_bytes, 14u);
    EXPECT_EQ(timings.response_body_size, result.body.size());
    ASSERT_TRUE(timings.response_header_size && timings.response_body_size);
    const std::uint64_t received = *timings.response_header_size + *timings.response_body_size;
    // The server counts what it wrote once its write completed: maybe after the client read it.
    server_.wait_until([&] { return server_.bytes_sent() == received; }, 2s);
    EXPECT_EQ(server_.bytes_sent(), received);
}

TEST_P(TransferTimingsTest, ATryOnAKeptConnectionReportsItsReuse) {
    DualClient client(server_.base_url(), GetParam());
    const Result first = client.send(HttpRequest("GET", "/bytes/10"));
    const Result second = client.send(HttpRequest("GET", "/bytes/10"));
    EXPECT_EQ(server_.connections_accepted(), 1u);
    EXPECT_EQ(first.response->timings().connection_reused, false);
    EXPECT_EQ(second.response->timings().connection_reused, true);
    expect_all_in_order(second.response->timings());  // without name_lookup, connect
    EXPECT_EQ(second.response->timings().response_body_size, 10u);
}

TEST_P(TransferTimingsTest, ATlsTryHasItsHandshakeBetweenConnectAndPretransfer) {
    const TempDir dir;
    const testserver::CertificateFiles cert = testserver::make_self_signed_certificate(dir.path().string());
    TestServer server({.tls = testserver::TlsFiles{cert.cert_file, cert.key_file}});
    DualClient client(server.base_url(), GetParam(), {.connection_verify = cert.cert_file});
    const Result result = client.send(HttpRequest("GET", "/bytes/100"));
    ASSERT_EQ(result.status_code, 200);
    const TransferTimings& timings = result.response->timings();
    expect_all_in_order(timings);
    ASSERT_TRUE(timings.tls_handshake.has_value());
    EXPECT_GT(*timings.tls_handshake, *timings.connect);  // a handshake takes a round trip
    EXPECT_EQ(timings.response_body_size, 100u);
}

/// A streamed response's timings when it arrived, after its first chunk, and once read to its end.
struct StreamedTimings {
    TransferTimings at_head;
    TransferTimings after_first_chunk;
    TransferTimings at_end;
};

StreamedTimings stream_in_chunks(RunMode mode, const std::string& base_url, const std::string& path) {
    StreamedTimings seen;
    if (mode == RunMode::Sync) {
        PipelineClient client(base_url, {.transport = std::make_shared<transport::CurlTransport>(), .config = Configuration{}});
        auto response = client.send_request(HttpRequest("GET", path), {.stream = true});
        seen.at_head = response->timings();
        auto chunks = response->iter_raw(10);
        auto chunk = chunks.begin();
        seen.after_first_chunk = response->timings();
        while (chunk != chunks.end()) ++chunk;
        seen.at_end = response->timings();
        return seen;
    }
    boost::asio::io_context io;
    AsyncPipelineClient client(base_url, io.get_executor(),
                               {.transport = std::make_shared<transport::AsyncCurlTransport>(io.get_executor()), .config = Configuration{}});
    run_awaitable(io, [&]() -> net::awaitable<void> {
        const HttpRequest request("GET", path);
        auto response = co_await client.send_request(request, {.stream = true});
        seen.at_head = response->timings();
        auto chunks = response->iter_raw(10);
        auto first = co_await chunks.next();
        seen.after_first_chunk = response->timings();
        while (first) first = co_await chunks.next();
        seen.at_end = response->timings();
    }());
    return seen;
}

TEST_P(TransferTimingsTest, AStreamedResponseHasNoTotalUntilReadToItsEnd) {
    // The 100 bytes are all there when the head is (curl has finished): the total still waits for the reader.
    const StreamedTimings seen = stream_in_chunks(GetParam(), server_.base_url(), "/bytes/100");
    expect_head_in_order(seen.at_head);
    for (const TransferTimings* before : {&seen.at_head, &seen.after_first_chunk}) {
        EXPECT_EQ(before->total, std::nullopt);
        EXPECT_EQ(before->response_body_size, std::nullopt);
        EXPECT_EQ(before->request_body_size, std::nullopt);
    }
    EXPECT_EQ(seen.after_first_chunk, seen.at_head);
    expect_all_in_order(seen.at_end);
    EXPECT_EQ(seen.at_end.first_byte, seen.at_head.first_byte);
    EXPECT_EQ(seen.at_end.response_body_size, 100u);
}

TEST_P(TransferTimingsTest, AMockTransportResponseHasNoTimings) {
    auto mock = std::make_shared<transport::MockTransport>(
        [](const transport::RecordedRequest&) { return transport::MockResponse{.status_code = 200, .body = to_bytes(std::string("ok"))}; });
    const pipeline::Pipeline pipeline(mock);
    const pipeline::PipelineResponse response = run_pipeline(pipeline, GetParam(), HttpRequest("GET", "https://example.test/"));
    EXPECT_EQ(response.http_response->timings(), TransferTimings{});
}

// The README's "Diagnostics" example.
TEST(TransferTimingsReadmeExample, AResponseSaysHowItsTryWent) {
    TestServer server;
    const std::string base_url = server.base_url();
    azcore::PipelineClient client(base_url);
    auto response = client.send_request(azcore::rest::HttpRequest("GET", "/bytes/1000"));
    const azcore::rest::TransferTimings& timings = response->timings();
    EXPECT_EQ(timings.connection_reused, false);
    EXPECT_EQ(timings.tls_handshake, std::nullopt);
    expect_all_in_order(timings);
    EXPECT_EQ(timings.response_body_size, 1000u);
    ASSERT_TRUE(timings.first_byte && timings.pretransfer);
    const auto server_time = *timings.first_byte - *timings.pretransfer;  // microseconds
    EXPECT_GE(server_time.count(), 0);
}

INSTANTIATE_TEST_SUITE_P(BothModes, TransferTimingsTest, ::testing::Values(RunMode::Sync, RunMode::Async));

}  // namespace
}  // namespace azcore::test
