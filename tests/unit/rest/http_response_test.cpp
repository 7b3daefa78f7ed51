#include <azcore/exceptions.hpp>
#include <azcore/rest/async_http_response.hpp>
#include <azcore/rest/http_request.hpp>
#include <azcore/rest/http_response.hpp>

#include "support/run_mode.hpp"

#include <gtest/gtest.h>
#include <zlib.h>

namespace azcore::rest {
namespace {

// A body handed out in pieces of at most `piece` bytes, recording whether it was closed.
class PieceBody final : public ResponseBodyReader {
public:
    PieceBody(Bytes body, std::size_t piece, bool* closed) : body_(std::move(body)), piece_(piece), closed_(closed) {}
    std::size_t read_some(Bytes& out, std::size_t max) override {
        std::size_t n = std::min({max, piece_, body_.size() - offset_});
        auto first = body_.begin() + static_cast<std::ptrdiff_t>(offset_);
        out.insert(out.end(), first, first + static_cast<std::ptrdiff_t>(n));
        offset_ += n;
        return n;
    }
    void close() noexcept override { *closed_ = true; }

private:
    Bytes body_;
    std::size_t offset_ = 0;
    std::size_t piece_;
    bool* closed_;
};

Bytes gzip(std::string_view text) {
    z_stream z{};
    deflateInit2(&z, Z_BEST_COMPRESSION, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
    Bytes out(compressBound(text.size()) + 64);
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(text.data()));
    z.avail_in = static_cast<uInt>(text.size());
    z.next_out = out.data();
    z.avail_out = static_cast<uInt>(out.size());
    deflate(&z, Z_FINISH);
    out.resize(z.total_out);
    deflateEnd(&z);
    return out;
}

struct Made {
    std::unique_ptr<bool> closed = std::make_unique<bool>(false);  // outlives the response
    std::shared_ptr<HttpResponse> response;
};

Made make(Bytes body, CaseInsensitiveDict headers = {}, std::size_t piece = 3) {
    Made made;
    auto request = std::make_shared<HttpRequest>("GET", "https://example.test/r");
    made.response = std::make_shared<HttpResponse>(request, 200, "OK", std::move(headers),
                                                   std::make_unique<PieceBody>(std::move(body), piece, made.closed.get()));
    return made;
}

std::string joined(ByteChunks chunks, std::vector<std::size_t>* sizes = nullptr) {
    std::string all;
    for (BytesView chunk : chunks) {
        all += as_string_view(chunk);
        if (sizes) sizes->push_back(chunk.size());
    }
    return all;
}

TEST(HttpResponseTest, ContentBeforeReadRaisesResponseNotReadError) {
    auto made = make(to_bytes("abc"));
    EXPECT_THROW(made.response->content(), exceptions::ResponseNotReadError);
    EXPECT_EQ(as_string_view(made.response->read()), "abc");
    EXPECT_EQ(as_string_view(made.response->content()), "abc");
    EXPECT_TRUE(made.response->is_stream_consumed());
    EXPECT_TRUE(made.response->is_closed());
    EXPECT_TRUE(*made.closed);
}

TEST(HttpResponseTest, IterBytesYieldsChunksOfAtMostChunkSizeAndClosesAtTheEnd) {
    auto made = make(to_bytes("0123456789"), {}, 4);
    std::vector<std::size_t> sizes;
    EXPECT_EQ(joined(made.response->iter_bytes(3), &sizes), "0123456789");
    EXPECT_EQ(sizes, (std::vector<std::size_t>{3, 3, 3, 1}));
    EXPECT_TRUE(made.response->is_closed());
    EXPECT_THROW(made.response->iter_bytes(), exceptions::StreamConsumedError);
}

TEST(HttpResponseTest, IterBytesOverAReadBodyServesSlicesButIterRawIsConsumed) {
    auto made = make(to_bytes("abcdef"));
    made.response->read();
    std::vector<std::size_t> sizes;
    EXPECT_EQ(joined(made.response->iter_bytes(4), &sizes), "abcdef");
    EXPECT_EQ(sizes, (std::vector<std::size_t>{4, 2}));
    EXPECT_THROW(made.response->iter_raw(), exceptions::StreamConsumedError);
}

TEST(HttpResponseTest, StreamingAClosedResponseRaisesStreamClosedError) {
    auto made = make(to_bytes("abc"));
    made.response->close();
    EXPECT_TRUE(*made.closed);
    EXPECT_THROW(made.response->iter_raw(), exceptions::StreamClosedError);
    EXPECT_THROW(made.response->read(), exceptions::StreamClosedError);
}

TEST(HttpResponseTest, DecodesGzipInIterBytesButNotInIterRaw) {
    std::string text(20000, 'x');
    for (std::size_t i = 0; i < text.size(); i += 7) text[i] = static_cast<char>('a' + i % 26);
    Bytes compressed = gzip(text);
    auto decoded = make(compressed, {{"Content-Encoding", "gzip"}}, 1000);
    EXPECT_EQ(joined(decoded.response->iter_bytes(4096)), text);
    auto raw = make(compressed, {{"Content-Encoding", "gzip"}}, 1000);
    EXPECT_EQ(to_bytes(joined(raw.response->iter_raw(4096))), compressed);
}

TEST(HttpResponseTest, CorruptCompressedBodyRaisesDecodeError) {
    auto made = make(to_bytes("definitely not gzip"), {{"Content-Encoding", "gzip"}});
    EXPECT_THROW(made.response->read(), exceptions::DecodeError);
}

TEST(HttpResponseTest, TextUsesTheCharsetAndReplacesInvalidUtf8) {
    auto latin = make(Bytes{'c', 'a', 'f', 0xE9}, {{"Content-Type", "text/plain; charset=ISO-8859-1"}});
    latin.response->read();
    EXPECT_EQ(latin.response->encoding(), "iso-8859-1");
    EXPECT_EQ(latin.response->text(), "caf\xC3\xA9");
    auto broken = make(Bytes{0xEF, 0xBB, 0xBF, 'o', 'k', 0xFF});
    broken.response->read();
    EXPECT_EQ(broken.response->encoding(), std::nullopt);
    EXPECT_EQ(broken.response->text(), "ok\xEF\xBF\xBD");
}

// Each ill-formed sequence becomes one U+FFFD per maximal subpart, as bytes.decode("utf-8",
// "replace") gives in Python (the expected values were produced by Python 3.11).
TEST(HttpResponseTest, InvalidUtf8IsReplacedAsPythonReplacesIt) {
    const std::string r = "\xEF\xBF\xBD";
    const std::vector<std::pair<std::string, std::string>> cases = {
        {"a\xC3\xA9\xFF" "b\xE2\x82" "c", "a\xC3\xA9" + r + "b" + r + "c"},
        {"\xED\xA0\x80x", r + r + r + "x"},
        {"\xF0\x9F\x98", r},
        {"\xF4\x90\x80\x80", r + r + r + r},
        {"\xE0\x80\xAF", r + r + r},
        {"\xC0\xAF", r + r},
        {"ok\xF0\x9F\x98\x80!", "ok\xF0\x9F\x98\x80!"},
    };
    for (const auto& [input, expected] : cases) {
        auto made = make(to_bytes(input));
        made.response->read();
        EXPECT_EQ(made.response->text(), expected) << input;
    }
}

TEST(HttpResponseTest, JsonParsesTheBodyAndRaisesDecodeErrorOnInvalidJson) {
    auto good = make(to_bytes(R"({"a":[1,2]})"));
    good.response->read();
    EXPECT_EQ(good.response->json().at("a").as_array().size(), 2u);
    auto bad = make(to_bytes("{nope"));
    bad.response->read();
    EXPECT_THROW(bad.response->json(), exceptions::DecodeError);
}

// json() reads the text() of the body: a BOM is dropped, invalid UTF-8 is U+FFFD without a
// charset and a DecodeError with charset=utf-8, another charset is decoded first, whether or not
// the bytes would parse as they are.
TEST(HttpResponseTest, JsonReadsTheTextOfTheBodyInItsCharset) {
    const std::string r = "\xEF\xBF\xBD";
    struct Case {
        std::string body;
        std::string content_type;
        std::optional<std::string> value;  // of "a"; nothing: DecodeError
    };
    const std::vector<Case> cases = {
        {R"({"a":"caf\u00e9"})", "application/json", "caf\xC3\xA9"},
        {"{\"a\":\"caf\xC3\xA9\"}", "application/json; charset=utf-8", "caf\xC3\xA9"},
        {"\xEF\xBB\xBF{\"a\":\"x\"}", "application/json", "x"},
        {"\xEF\xBB\xBF{\"a\":\"x\"}", "application/json; charset=utf-8", "x"},
        {"{\"a\":\"\xFF\"}", "application/json", r},
        {"{\"a\":\"\xED\xA0\x80\"}", "application/json", r + r + r},
        {"{\"a\":\"\xC0\xAF\"}", "application/json", r + r},
        {"{\"a\":\"\xFF\"}", "application/json; charset=utf-8", std::nullopt},
        {"{\"a\":\"caf\xE9\"}", "application/json; charset=iso-8859-1", "caf\xC3\xA9"},
        {"{\"a\":\"caf\xC3\xA9\"}", "application/json; charset=ascii", std::nullopt},
        {"{\"a\":\"caf\xC3\xA9\"}", "application/json; charset=iso-8859-1", "caf\xC3\x83\xC2\xA9"},
    };
    for (const Case& c : cases) {
        auto made = make(to_bytes(c.body), {{"Content-Type", c.content_type}});
        made.response->read();
        if (!c.value) {
            EXPECT_THROW(made.response->json(), exceptions::DecodeError) << c.body << " as " << c.content_type;
            continue;
        }
        try {
            EXPECT_EQ(made.response->json().at("a").as_string(), *c.value) << c.body << " as " << c.content_type;
        } catch (const std::exception& error) {
            ADD_FAILURE() << c.body << " as " << c.content_type << ": " << error.what();
        }
    }
}

TEST(HttpResponseTest, RaiseForStatusRaisesFrom400) {
    auto request = std::make_shared<HttpRequest>("GET", "https://example.test/r");
    HttpResponseBase ok(request, 399, "Fine", {});
    EXPECT_NO_THROW(ok.raise_for_status());
    auto failed = std::make_shared<HttpResponseBase>(request, 404, "Not Found", CaseInsensitiveDict{});
    failed->set_content(to_bytes("missing"));
    try {
        failed->raise_for_status();
        FAIL();
    } catch (const exceptions::HttpResponseError& error) {
        EXPECT_EQ(error.status_code(), 404);
        EXPECT_EQ(error.response().get(), failed.get());
    }
}

TEST(HttpResponseTest, PrintsLikePython) {
    auto request = std::make_shared<HttpRequest>("GET", "https://example.test/r");
    HttpResponseBase response(request, 200, "OK", {{"Content-Type", "application/json"}});
    std::ostringstream out;
    out << response;
    EXPECT_EQ(out.str(), "<HttpResponse: 200 OK, Content-Type: application/json>");
}

// The async face shares the decisions: same chunks, same errors.
class MemoryAsyncBody final : public AsyncResponseBodyReader {
public:
    explicit MemoryAsyncBody(Bytes body) : body_(std::move(body)) {}
    net::awaitable<std::size_t> async_read_some(Bytes& out, std::size_t max) override {
        std::size_t n = std::min<std::size_t>({max, 5, body_.size() - offset_});
        auto first = body_.begin() + static_cast<std::ptrdiff_t>(offset_);
        out.insert(out.end(), first, first + static_cast<std::ptrdiff_t>(n));
        offset_ += n;
        co_return n;
    }
    void close() noexcept override {}

private:
    Bytes body_;
    std::size_t offset_ = 0;
};

TEST(AsyncHttpResponseTest, IterBytesAndReadMatchTheSyncFace) {
    auto request = std::make_shared<HttpRequest>("GET", "https://example.test/r");
    auto response = std::make_shared<AsyncHttpResponse>(request, 200, "OK", CaseInsensitiveDict{{"Content-Encoding", "gzip"}},
                                                        std::make_unique<MemoryAsyncBody>(gzip("hello async world")));
    std::string all = test::run_awaitable([](std::shared_ptr<AsyncHttpResponse> r) -> net::awaitable<std::string> {
        std::string text;
        auto chunks = r->iter_bytes(4);
        while (auto chunk = co_await chunks.next()) {
            EXPECT_LE(chunk->size(), 4u);
            text += as_string_view(*chunk);
        }
        co_return text;
    }(response));
    EXPECT_EQ(all, "hello async world");
    EXPECT_TRUE(response->is_closed());
    EXPECT_THROW(test::run_awaitable(response->read()), exceptions::StreamConsumedError);
    EXPECT_THROW(response->iter_raw(), exceptions::StreamConsumedError);
}

// A body that has its bytes ready on some reads and must wait on others: the ready reads go
// without a wait, the rest through async_read_some, and the body comes out whole either way.
class SometimesReadyBody final : public AsyncResponseBodyReader {
public:
    SometimesReadyBody(Bytes body, std::vector<bool> ready) : body_(std::move(body)), ready_(std::move(ready)) {}
    net::awaitable<std::size_t> async_read_some(Bytes& out, std::size_t max) override {
        ++waited;
        co_return take(out, max);
    }
    std::optional<std::size_t> read_ready(Bytes& out, std::size_t max, const net::any_io_executor&) override {
        const bool ready = calls_ < ready_.size() && ready_[calls_];
        ++calls_;
        if (!ready) return std::nullopt;
        ++taken_ready;
        return take(out, max);
    }
    void close() noexcept override {}
    int waited = 0;
    int taken_ready = 0;

private:
    std::size_t take(Bytes& out, std::size_t max) {
        std::size_t n = std::min<std::size_t>({max, 3, body_.size() - offset_});
        auto first = body_.begin() + static_cast<std::ptrdiff_t>(offset_);
        out.insert(out.end(), first, first + static_cast<std::ptrdiff_t>(n));
        offset_ += n;
        return n;
    }
    Bytes body_;
    std::vector<bool> ready_;
    std::size_t calls_ = 0;
    std::size_t offset_ = 0;
};

TEST(AsyncHttpResponseTest, ReadsWhatIsReadyWithoutWaitingAndWaitsForTheRest) {
    auto request = std::make_shared<HttpRequest>("GET", "https://example.test/r");
    const std::string text = "ready, then waited for, then ready";
    for (const bool gzipped : {false, true}) {
        SCOPED_TRACE(gzipped ? "gzip" : "identity");
        const Bytes body = gzipped ? gzip(text) : Bytes(text.begin(), text.end());
        // read(): ready, ready, wait, ready, wait, wait, then always ready.
        std::vector<bool> ready{true, true, false, true, false, false};
        ready.resize(100, true);
        auto reader = std::make_unique<SometimesReadyBody>(body, ready);
        SometimesReadyBody& source = *reader;
        CaseInsensitiveDict headers;
        if (gzipped) headers.set("Content-Encoding", "gzip");
        auto response = std::make_shared<AsyncHttpResponse>(request, 200, "OK", headers, std::move(reader));
        BytesView content = test::run_awaitable(response->read());
        EXPECT_EQ(as_string_view(content), text);
        EXPECT_EQ(source.waited, 3);
        EXPECT_GT(source.taken_ready, 3);
        EXPECT_TRUE(response->is_closed());

        // iter_raw: every other read waits.
        std::vector<bool> alternate(100);
        for (std::size_t i = 0; i < alternate.size(); ++i) alternate[i] = i % 2 == 0;
        auto chunked = std::make_shared<AsyncHttpResponse>(request, 200, "OK", headers,
                                                           std::make_unique<SometimesReadyBody>(body, alternate));
        Bytes raw = test::run_awaitable([](std::shared_ptr<AsyncHttpResponse> r) -> net::awaitable<Bytes> {
            Bytes all;
            auto chunks = r->iter_raw(4);
            while (auto chunk = co_await chunks.next()) all.insert(all.end(), chunk->begin(), chunk->end());
            co_return all;
        }(chunked));
        EXPECT_EQ(raw, body);
    }
}

}  // namespace
}  // namespace azcore::rest
