// Decoding is bounded, in both faces (through MockTransport): iter_bytes decodes only about the
// chunk it returns, whatever the compression ratio; read() stops at max_decoded_size.
#include <azcore/exceptions.hpp>
#include <azcore/rest/async_http_response.hpp>
#include <azcore/rest/http_request.hpp>
#include <azcore/rest/http_response.hpp>
#include <azcore/transport/connection_configuration.hpp>
#include <azcore/transport/mock_transport.hpp>

#include "support/process_stats.hpp"
#include "support/run_mode.hpp"
#include "../../../testserver/src/compression.hpp"
#include "../../../testserver/src/compression_bomb.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

namespace azcore::rest {
namespace {

using test::RunMode;
using transport::MockResponse;
using transport::MockTransport;

constexpr std::uint64_t kGiB = std::uint64_t(1) << 30;
constexpr std::uint64_t kMiB = std::uint64_t(1) << 20;

// A transport answering with size zero bytes encoded with codings ("gzip,gzip": gzip applied twice).
std::shared_ptr<MockTransport> bomb_transport(const std::string& codings, std::uint64_t size) {
    std::optional<std::string> body;
    std::string content_encoding;
    std::size_t start = 0;
    while (start <= codings.size()) {
        const std::size_t comma = std::min(codings.find(',', start), codings.size());
        const std::string coding = codings.substr(start, comma - start);
        body = body ? testserver::detail::compress(*body, coding) : testserver::detail::zeros_bomb(coding, size);
        content_encoding += (content_encoding.empty() ? "" : ", ") + coding;
        start = comma + 1;
    }
    MockResponse response{.headers = {{"Content-Encoding", content_encoding}}, .body = to_bytes(body.value())};
    return std::make_shared<MockTransport>([response](const transport::RecordedRequest&) { return response; });
}

std::shared_ptr<HttpRequest> bomb_request() { return std::make_shared<HttpRequest>("GET", "https://example.test/bomb"); }

class BoundedDecodingTest : public ::testing::TestWithParam<RunMode> {
protected:
    // The first count chunks of iter_bytes(chunk_size) over a streamed response, which is then closed.
    std::vector<Bytes> first_chunks(MockTransport& transport, std::size_t count, std::size_t chunk_size) const {
        const options::Kwargs options{{"stream", true}};
        if (GetParam() == RunMode::Sync) {
            std::vector<Bytes> chunks;
            auto response = transport.send(bomb_request(), options);
            for (BytesView chunk : response->iter_bytes(chunk_size)) {
                chunks.emplace_back(chunk.begin(), chunk.end());
                if (chunks.size() == count) break;
            }
            response->close();
            return chunks;
        }
        return test::run_awaitable(
            [](MockTransport& transport, const options::Kwargs& options, std::size_t count,
               std::size_t chunk_size) -> net::awaitable<std::vector<Bytes>> {
                std::vector<Bytes> chunks;
                auto response = co_await transport.async_send(bomb_request(), options);
                auto iteration = response->iter_bytes(chunk_size);
                while (chunks.size() < count) {
                    auto chunk = co_await iteration.next();
                    if (!chunk) break;
                    chunks.emplace_back(chunk->begin(), chunk->end());
                }
                response->close();
                co_return chunks;
            }(transport, options, count, chunk_size));
    }

    // The body of a response read by the transport (non-streamed), or by read() when streamed.
    Bytes read_body(MockTransport& transport, const options::Kwargs& options) const {
        const bool stream = options.get<bool>("stream").value_or(false);
        if (GetParam() == RunMode::Sync) {
            auto response = transport.send(bomb_request(), options);
            return stream ? response->read() : response->content();
        }
        return test::run_awaitable([](MockTransport& transport, const options::Kwargs& options,
                                      bool stream) -> net::awaitable<Bytes> {
            auto response = co_await transport.async_send(bomb_request(), options);
            if (stream) co_await response->read();
            co_return response->content();
        }(transport, options, stream));
    }

    // The message of the DecodeError that reading ends with ("" when there is none).
    std::string decode_error(MockTransport& transport, const options::Kwargs& options) const {
        try {
            read_body(transport, options);
        } catch (const exceptions::DecodeError& error) {
            return error.what();
        }
        return "";
    }
};

const std::vector<std::string> kCodings = {"gzip", "deflate", "br", "zstd", "gzip,gzip", "br,gzip"};

TEST_P(BoundedDecodingTest, IterBytesOverA1GiBBombDecodesOnlyAboutTheChunksItReturns) {
    for (const std::string& coding : kCodings) {
        auto transport = bomb_transport(coding, kGiB);
        test::PeakRss peak;
        const std::vector<Bytes> chunks = first_chunks(*transport, 3, 4096);
        EXPECT_EQ(chunks, std::vector<Bytes>(3, Bytes(4096, 0))) << coding;
        EXPECT_LT(peak.growth(), 64 << 20) << coding;
    }
}

TEST_P(BoundedDecodingTest, ReadPastMaxDecodedSizeRaisesDecodeErrorNamingTheLimit) {
    for (const std::string& coding : kCodings) {
        auto transport = bomb_transport(coding, 16 * kMiB);
        EXPECT_EQ(decode_error(*transport, {{"max_decoded_size", 1 << 20}}),
                  "Failed to decode the response body: the decoded body exceeds max_decoded_size (1048576 bytes)")
            << coding;
    }
}

TEST_P(BoundedDecodingTest, ReadOfABodyOfExactlyMaxDecodedSizeIsByteExact) {
    auto exact = bomb_transport("br,gzip", kMiB);
    EXPECT_EQ(read_body(*exact, {{"max_decoded_size", 1 << 20}}), Bytes(kMiB, 0));
    auto one_more = bomb_transport("br,gzip", kMiB + 1);
    EXPECT_EQ(decode_error(*one_more, {{"max_decoded_size", 1 << 20}}),
              "Failed to decode the response body: the decoded body exceeds max_decoded_size (1048576 bytes)");
}

TEST_P(BoundedDecodingTest, AStreamedResponseReadInFullHonoursTheLimitAndIsClosed) {
    auto transport = bomb_transport("zstd", 16 * kMiB);
    EXPECT_EQ(decode_error(*transport, {{"stream", true}, {"max_decoded_size", 1000}}),
              "Failed to decode the response body: the decoded body exceeds max_decoded_size (1000 bytes)");
    std::shared_ptr<HttpResponseBase> response;
    if (GetParam() == RunMode::Sync) {
        auto sync = transport->send(bomb_request(), {{"stream", true}, {"max_decoded_size", 1000}});
        EXPECT_THROW(sync->read(), exceptions::DecodeError);
        response = sync;
    } else {
        response = test::run_awaitable([](MockTransport& transport) -> net::awaitable<std::shared_ptr<HttpResponseBase>> {
            const options::Kwargs options{{"stream", true}, {"max_decoded_size", 1000}};
            auto async = co_await transport.async_send(bomb_request(), options);
            bool raised = false;
            try {
                co_await async->read();
            } catch (const exceptions::DecodeError&) {
                raised = true;
            }
            EXPECT_TRUE(raised);
            co_return async;
        }(*transport));
    }
    EXPECT_TRUE(response->is_closed());
    EXPECT_THROW(response->content(), exceptions::ResponseNotReadError);
}

TEST_P(BoundedDecodingTest, ZeroMeansNoLimitAndTheDefaultIs256MiB) {
    auto transport = bomb_transport("gzip", 2 * kMiB);
    EXPECT_EQ(read_body(*transport, {{"max_decoded_size", 0}}), Bytes(2 * kMiB, 0));
    EXPECT_EQ(read_body(*transport, {}), Bytes(2 * kMiB, 0));
    EXPECT_EQ(HttpResponseBase::DEFAULT_MAX_DECODED_SIZE, 256 * kMiB);
    EXPECT_EQ(transport::ConnectionConfiguration{}.max_decoded_size, HttpResponseBase::DEFAULT_MAX_DECODED_SIZE);
}

TEST_P(BoundedDecodingTest, BodiesWithoutContentEncodingAreNotLimited) {
    const MockResponse plain{.body = Bytes(2 * kMiB, 7)};
    MockTransport transport([plain](const transport::RecordedRequest&) { return plain; });
    EXPECT_EQ(read_body(transport, {{"max_decoded_size", 1 << 20}}), Bytes(2 * kMiB, 7));
}

TEST_P(BoundedDecodingTest, ANegativeMaxDecodedSizeIsRejected) {
    auto transport = bomb_transport("gzip", 10);
    try {
        read_body(*transport, {{"max_decoded_size", -1}});
        FAIL() << "no exception";
    } catch (const std::invalid_argument& error) {
        EXPECT_STREQ(error.what(), "max_decoded_size: must be a number of bytes (0: no limit)");
    }
}

INSTANTIATE_TEST_SUITE_P(BothModes, BoundedDecodingTest, ::testing::Values(RunMode::Sync, RunMode::Async),
                         [](const auto& info) { return info.param == RunMode::Sync ? "Sync" : "Async"; });

}  // namespace
}  // namespace azcore::rest
