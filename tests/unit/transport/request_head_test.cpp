// The bytes the Beast transports send for a request (Http1Exchange's write side, request_head.hpp):
// each row's request as the exchange writes it, every write joined, head and body.
#include <azcore/rest/body_stream.hpp>
#include <azcore/rest/http_request.hpp>

#include "transport/beast/http1_exchange.hpp"
#include "transport/beast/request_head.hpp"

#include <gtest/gtest.h>

#include <functional>
#include <memory>
#include <string>

namespace azcore::test {
namespace {

using transport::detail::Http1Exchange;

constexpr const char* kDefaults = "Accept: */*\r\nAccept-Encoding: deflate, gzip, br, zstd\r\n";

std::shared_ptr<const Bytes> bytes_of(std::string_view text) { return std::make_shared<const Bytes>(text.begin(), text.end()); }

// Chunks of a text, 3 bytes at a time, with or without announcing the length.
std::shared_ptr<rest::BodyStream> stream_of(std::string text, bool announce_length) {
    auto position = std::make_shared<std::size_t>(0);
    const std::uint64_t size = text.size();
    return std::make_shared<rest::GeneratorStream>(
        [text = std::move(text), position]() -> std::optional<Bytes> {
            if (*position >= text.size()) return std::nullopt;
            const std::string piece = text.substr(*position, 3);
            *position += piece.size();
            return Bytes(piece.begin(), piece.end());
        },
        announce_length ? std::optional<std::uint64_t>(size) : std::nullopt);
}

// Everything the exchange writes for request, up to reading the response.
std::string sent(const rest::HttpRequest& request) {
    Http1Exchange exchange;
    exchange.start_try(false);
    const transport::detail::ExchangeLimits limits;
    std::string wire;
    Http1Exchange::Next next = exchange.begin(request, "/r?a=1", "example.test:8080", 0);
    while (next == Http1Exchange::Next::write) {
        for (const auto& buffer : exchange.to_write()) wire.append(static_cast<const char*>(buffer.data()), buffer.size());
        next = exchange.written({}, limits, false);
    }
    EXPECT_EQ(next, Http1Exchange::Next::read_head);
    return wire;
}

struct HeadRow {
    const char* name;
    std::function<rest::HttpRequest()> request;
    std::string wire;
};

class RequestHeadTest : public ::testing::TestWithParam<HeadRow> {};

TEST_P(RequestHeadTest, WritesTheRequestLineTheHeadersInOrderAndTheBody) {
    EXPECT_EQ(sent(GetParam().request()), GetParam().wire);
}

rest::HttpRequest with(std::string method, std::initializer_list<std::pair<std::string, std::string>> headers,
                       rest::RequestContent content = {}) {
    rest::HttpRequest request(std::move(method), "http://example.test:8080/r?a=1");
    request.headers = {};
    for (const auto& [name, value] : headers) request.headers.add(name, value);
    request.content = std::move(content);
    return request;
}

const std::string kGet = std::string("GET /r?a=1 HTTP/1.1\r\nHost: example.test:8080\r\n");

INSTANTIATE_TEST_SUITE_P(
    Rows, RequestHeadTest,
    ::testing::Values(
        HeadRow{"GetWithoutBody", [] { return with("GET", {}); }, kGet + kDefaults + "\r\n"},
        HeadRow{"HeadersInTheirOrderAfterHost",
                [] { return with("GET", {{"x-ms-version", "2021-08-06"}, {"User-Agent", "azsdk"}, {"x-ms-version", "again"}}); },
                kGet + "x-ms-version: 2021-08-06\r\nUser-Agent: azsdk\r\nx-ms-version: again\r\n" + kDefaults + "\r\n"},
        HeadRow{"GivenHostAcceptAndAcceptEncodingAreNotAdded",
                [] { return with("GET", {{"accept", "application/json"}, {"Host", "other"}, {"Accept-Encoding", "identity"}}); },
                "GET /r?a=1 HTTP/1.1\r\naccept: application/json\r\nHost: other\r\nAccept-Encoding: identity\r\n\r\n"},
        HeadRow{"PostWithoutBodySendsContentLengthZero", [] { return with("POST", {}); },
                "POST /r?a=1 HTTP/1.1\r\nHost: example.test:8080\r\n" + std::string(kDefaults) + "Content-Length: 0\r\n\r\n"},
        HeadRow{"DeleteWithoutBodySendsNoLength", [] { return with("DELETE", {}); },
                "DELETE /r?a=1 HTTP/1.1\r\nHost: example.test:8080\r\n" + std::string(kDefaults) + "\r\n"},
        HeadRow{"BytesGetTheirLength", [] { return with("PUT", {}, bytes_of("hello")); },
                "PUT /r?a=1 HTTP/1.1\r\nHost: example.test:8080\r\n" + std::string(kDefaults) + "Content-Length: 5\r\n\r\nhello"},
        HeadRow{"AGivenContentLengthIsTheOnlyOne", [] { return with("PUT", {{"content-length", "5"}}, bytes_of("hello")); },
                "PUT /r?a=1 HTTP/1.1\r\nHost: example.test:8080\r\ncontent-length: 5\r\n" + std::string(kDefaults) + "\r\nhello"},
        HeadRow{"HeadSendsNoBody", [] { return with("HEAD", {}, bytes_of("hello")); },
                "HEAD /r?a=1 HTTP/1.1\r\nHost: example.test:8080\r\n" + std::string(kDefaults) + "\r\n"},
        HeadRow{"AStreamOfKnownLengthGoesAsIs", [] { return with("PUT", {}, stream_of("abcdefgh", true)); },
                "PUT /r?a=1 HTTP/1.1\r\nHost: example.test:8080\r\n" + std::string(kDefaults) + "Content-Length: 8\r\n\r\nabcdefgh"},
        HeadRow{"AStreamOfUnknownLengthGoesInChunks", [] { return with("PUT", {}, stream_of("abcdefgh", false)); },
                "PUT /r?a=1 HTTP/1.1\r\nHost: example.test:8080\r\n" + std::string(kDefaults) +
                    "Transfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n3\r\ndef\r\n2\r\ngh\r\n0\r\n\r\n"},
        HeadRow{"AnEmptyStreamOfUnknownLengthIsTheLastChunk", [] { return with("PUT", {}, stream_of("", false)); },
                "PUT /r?a=1 HTTP/1.1\r\nHost: example.test:8080\r\n" + std::string(kDefaults) +
                    "Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n"},
        HeadRow{"ChunkedIsAppendedToAGivenTransferEncoding",
                [] { return with("PUT", {{"Transfer-Encoding", "gzip"}}, stream_of("ab", false)); },
                "PUT /r?a=1 HTTP/1.1\r\nHost: example.test:8080\r\nTransfer-Encoding: gzip, chunked\r\n" + std::string(kDefaults) +
                    "\r\n2\r\nab\r\n0\r\n\r\n"},
        HeadRow{"AGivenTransferEncodingGetsChunkedAndNoLength",
                [] { return with("PUT", {{"Transfer-Encoding", "gzip"}}, bytes_of("hello")); },
                "PUT /r?a=1 HTTP/1.1\r\nHost: example.test:8080\r\nTransfer-Encoding: gzip, chunked\r\n" + std::string(kDefaults) +
                    "\r\n5\r\nhello\r\n0\r\n\r\n"},
        HeadRow{"AGivenChunkedTransferEncodingSendsBytesAsOneChunk",
                [] { return with("POST", {{"transfer-encoding", "Chunked"}}, bytes_of("hello")); },
                "POST /r?a=1 HTTP/1.1\r\nHost: example.test:8080\r\ntransfer-encoding: Chunked\r\n" + std::string(kDefaults) +
                    "\r\n5\r\nhello\r\n0\r\n\r\n"}),
    [](const ::testing::TestParamInfo<HeadRow>& info) { return std::string(info.param.name); });

TEST(RequestHeadTest, AConnectRequestNamesItsTargetAndCarriesTheProxyCredentials) {
    EXPECT_EQ(transport::detail::connect_request_head("example.test:443", ""),
              "CONNECT example.test:443 HTTP/1.1\r\nHost: example.test:443\r\n\r\n");
    EXPECT_EQ(transport::detail::connect_request_head("example.test:443", "Basic dTpw"),
              "CONNECT example.test:443 HTTP/1.1\r\nHost: example.test:443\r\nProxy-Authorization: Basic dTpw\r\n\r\n");
}

TEST(RequestHeadTest, AChunkLineIsTheSizeInHexAndTheLastChunkEndsTheTrailer) {
    char line[24];
    for (const auto& [size, expected] : std::initializer_list<std::pair<std::size_t, std::string_view>>{
             {1, "1\r\n"}, {26, "1a\r\n"}, {65536, "10000\r\n"}, {0, "0\r\n\r\n"}}) {
        EXPECT_EQ(std::string_view(line, transport::detail::write_chunk_line(line, size)), expected) << size;
    }
}

TEST(RequestHeadTest, AConnectionsNextRequestReusesNothingOfTheLast) {
    Http1Exchange exchange;
    exchange.start_try(false);
    const auto joined = [&] {
        std::string wire;
        for (const auto& buffer : exchange.to_write()) wire.append(static_cast<const char*>(buffer.data()), buffer.size());
        return wire;
    };
    const rest::HttpRequest first = with("PUT", {{"x-long-header-name", std::string(100, 'v')}}, bytes_of("hello"));
    exchange.begin(first, "/first", "h", 0);
    ASSERT_NE(joined().find("hello"), std::string::npos);
    const rest::HttpRequest second = with("GET", {});
    exchange.begin(second, "/", "h", 1);
    EXPECT_EQ(joined(), "GET / HTTP/1.1\r\nHost: h\r\n" + std::string(kDefaults) + "\r\n");
}

}  // namespace
}  // namespace azcore::test
