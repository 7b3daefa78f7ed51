// Decompression bombs from the test server (/bomb), in both faces over curl: iter_bytes decodes
// only about the chunks it returns, whatever the compression ratio and through stacked codings;
// read() stops at max_decoded_size (a ConnectionConfiguration field and a per-call option).
#include <azcore/async_pipeline_client.hpp>
#include <azcore/exceptions.hpp>
#include <azcore/pipeline_client.hpp>
#include <azcore/rest/async_http_response.hpp>
#include <azcore/rest/http_request.hpp>
#include <azcore/testserver/test_server.hpp>
#include <azcore/transport/async_curl_transport.hpp>
#include <azcore/transport/curl_transport.hpp>

#include "support/dual_client.hpp"
#include "support/process_stats.hpp"
#include "support/run_mode.hpp"

#include <boost/asio/io_context.hpp>
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

namespace azcore::test {
namespace {

using rest::HttpRequest;
using testserver::TestServer;

const std::string kDecodeLimitMessage =
    "Failed to decode the response body: the decoded body exceeds max_decoded_size (1048576 bytes)";

// What a caller saw: the first chunks of a streamed bomb, and the status of the next request.
struct Streamed {
    std::vector<Bytes> chunks;
    int next_status = 0;
};

net::awaitable<Streamed> async_first_chunks(AsyncPipelineClient& client, std::string path, std::size_t count) {
    Streamed seen;
    HttpRequest request("GET", path);
    SendRequestOptions options{.stream = true};
    auto response = co_await client.send_request(std::move(request), std::move(options));
    auto chunks = response->iter_bytes(4096);
    while (seen.chunks.size() < count) {
        auto chunk = co_await chunks.next();
        if (!chunk) break;
        seen.chunks.emplace_back(chunk->begin(), chunk->end());
    }
    response->close();
    HttpRequest next("GET", "/echo");
    auto echo = co_await client.send_request(std::move(next));
    seen.next_status = echo->status_code();
    co_return seen;
}

// The first count chunks of iter_bytes(4096) over a streamed GET of path, which is then closed;
// then a GET of /echo on the same client.
Streamed first_chunks(RunMode mode, const std::string& base_url, const std::string& path, std::size_t count) {
    if (mode == RunMode::Sync) {
        PipelineClient client(base_url, {.transport = std::make_shared<transport::CurlTransport>(), .config = Configuration{}});
        Streamed seen;
        auto response = client.send_request(HttpRequest("GET", path), {.stream = true});
        for (BytesView chunk : response->iter_bytes(4096)) {
            seen.chunks.emplace_back(chunk.begin(), chunk.end());
            if (seen.chunks.size() == count) break;
        }
        response->close();
        seen.next_status = client.send_request(HttpRequest("GET", "/echo"))->status_code();
        return seen;
    }
    boost::asio::io_context io;
    auto transport = std::make_shared<transport::AsyncCurlTransport>(io.get_executor());
    AsyncPipelineClient client(base_url, io.get_executor(), {.transport = transport, .config = Configuration{}});
    return run_awaitable(io, async_first_chunks(client, path, count));
}

std::string decode_error_of(DualClient& client, const std::string& path, SendRequestOptions options = {}) {
    try {
        client.send(HttpRequest("GET", path), std::move(options));
    } catch (const exceptions::DecodeError& error) {
        return error.what();
    }
    return "no DecodeError";
}

class DecompressionBombTest : public ::testing::TestWithParam<RunMode> {
protected:
    TestServer server_;
};

TEST_P(DecompressionBombTest, IterBytesOverA1GiBBombReadsAFewChunksInBoundedMemory) {
    for (const std::string coding : {"gzip", "deflate", "br", "zstd", "gzip,gzip", "br,gzip"}) {
        PeakRss peak;
        const Streamed seen = first_chunks(GetParam(), server_.base_url(), "/bomb/" + coding + "?size=1073741824", 3);
        const std::int64_t growth = peak.growth();
        RecordProperty("peak_rss_growth_" + coding, std::to_string(growth));
        EXPECT_EQ(seen.chunks, std::vector<Bytes>(3, Bytes(4096, 0))) << coding;
        EXPECT_LT(growth, 64 << 20) << coding;
        EXPECT_EQ(seen.next_status, 200) << coding;
    }
}

TEST_P(DecompressionBombTest, ReadPastTheConfiguredMaxDecodedSizeRaisesDecodeError) {
    DualClient client(server_.base_url(), GetParam(), {.max_decoded_size = 1 << 20});
    for (const std::string coding : {"gzip", "deflate", "br", "zstd", "gzip,gzip"}) {
        PeakRss peak;
        EXPECT_EQ(decode_error_of(client, "/bomb/" + coding + "?size=16777216"), kDecodeLimitMessage) << coding;
        EXPECT_LT(peak.growth(), 64 << 20) << coding;
    }
    EXPECT_EQ(client.send(HttpRequest("GET", "/echo")).status_code, 200);
}

TEST_P(DecompressionBombTest, APerCallMaxDecodedSizeOverridesTheConfiguredOne) {
    DualClient client(server_.base_url(), GetParam());
    EXPECT_EQ(decode_error_of(client, "/bomb/br?size=16777216", {.kwargs = {{"max_decoded_size", 1 << 20}}}),
              kDecodeLimitMessage);
    DualClient limited(server_.base_url(), GetParam(), {.max_decoded_size = 1 << 20});
    const Result unlimited = limited.send(HttpRequest("GET", "/bomb/br?size=2097152"), {.kwargs = {{"max_decoded_size", 0}}});
    EXPECT_EQ(unlimited.body, std::string(2 << 20, '\0'));
}

TEST_P(DecompressionBombTest, ReadBelowTheLimitIsByteExact) {
    DualClient client(server_.base_url(), GetParam(), {.max_decoded_size = 1 << 20});
    const Result exact = client.send(HttpRequest("GET", "/bomb/zstd,br?size=1048576"));
    EXPECT_EQ(exact.headers.get("Content-Encoding"), "zstd, br");
    EXPECT_EQ(exact.body, std::string(1 << 20, '\0'));
    EXPECT_EQ(decode_error_of(client, "/bomb/zstd,br?size=1048577"), kDecodeLimitMessage);
}

TEST_P(DecompressionBombTest, ACorruptBodyIsStillADecodeError) {
    DualClient client(server_.base_url(), GetParam());
    EXPECT_EQ(decode_error_of(client, "/encoding/corrupt/br"),
              "Failed to decode the response body: Content-Encoding br: the body is not valid br data "
              "(PADDING_2)");
}

INSTANTIATE_TEST_SUITE_P(BothModes, DecompressionBombTest, ::testing::Values(RunMode::Sync, RunMode::Async),
                         [](const auto& info) { return info.param == RunMode::Sync ? "Sync" : "Async"; });

}  // namespace
}  // namespace azcore::test
