// Http2Session, the HTTP/2 client step, against a real nghttp2 server session in memory: the
// bytes each side writes are handed to the other until both are quiet. Each row checks what a
// caller relies on: the request the server sees, the response the caller reads, flow control
// paced by the reader, and the error table's exception for each way a stream or the connection
// fails.
#include <azcore/exceptions.hpp>
#include <azcore/rest/body_stream.hpp>
#include <azcore/rest/http_request.hpp>

#include "support/expect_throws.hpp"
#include "transport/beast/http2_session.hpp"

#include <nghttp2/nghttp2.h>

#include <fmt/format.h>

#include <gtest/gtest.h>

#include <algorithm>
#include <cstring>
#include <map>
#include <string>
#include <typeinfo>
#include <utility>
#include <vector>

namespace azcore::test {
namespace {

namespace ex = exceptions;
using transport::ReceivedHead;
using transport::detail::Http2Session;
using transport::detail::TransferPhase;
using Fields = std::vector<std::pair<std::string, std::string>>;

std::string text_of(const Bytes& bytes) { return {bytes.begin(), bytes.end()}; }
Bytes bytes_of(std::string_view text) { return {text.begin(), text.end()}; }

/// count bytes of a pattern that shows where a byte went missing or moved.
std::string pattern(std::size_t count) {
    std::string out(count, '\0');
    for (std::size_t i = 0; i < count; ++i) out[i] = static_cast<char>('a' + (i * 7 + i / 251) % 26);
    return out;
}


nghttp2_nv nv(const std::string& name, const std::string& value) {
    return {.name = reinterpret_cast<std::uint8_t*>(const_cast<char*>(name.data())),
            .value = reinterpret_cast<std::uint8_t*>(const_cast<char*>(value.data())),
            .namelen = name.size(),
            .valuelen = value.size(),
            .flags = NGHTTP2_NV_FLAG_NONE};
}

/// An HTTP/2 server in memory (nghttp2's server session): records what each stream's request
/// carried, and answers as a row tells it.
class Server {
public:
    /// What the server saw of one stream.
    struct Seen {
        Fields headers;  // in order, pseudo-headers first
        std::string body;
        bool ended = false;                  // the request's END_STREAM arrived
        std::optional<std::uint32_t> reset;  // the client's RST_STREAM code

        /// The first value of name; "<absent>" without one.
        std::string header(std::string_view name) const {
            for (const auto& [key, value] : headers)
                if (key == name) return value;
            return "<absent>";
        }
    };

    Server() {
        nghttp2_session_callbacks* callbacks = nullptr;
        nghttp2_session_callbacks_new(&callbacks);
        nghttp2_session_callbacks_set_on_begin_headers_callback(callbacks, &on_begin_headers);
        nghttp2_session_callbacks_set_on_header_callback(callbacks, &on_header);
        nghttp2_session_callbacks_set_on_data_chunk_recv_callback(callbacks, &on_data_chunk);
        nghttp2_session_callbacks_set_on_frame_recv_callback(callbacks, &on_frame_recv);
        nghttp2_option* option = nullptr;
        nghttp2_option_new(&option);
        nghttp2_option_set_max_send_header_block_length(option, 1 << 20);  // the oversized head's row
        nghttp2_session_server_new2(&session_, callbacks, this, option);
        nghttp2_option_del(option);
        nghttp2_session_callbacks_del(callbacks);
        nghttp2_submit_settings(session_, NGHTTP2_FLAG_NONE, nullptr, 0);
    }
    ~Server() { nghttp2_session_del(session_); }
    Server(const Server&) = delete;
    Server& operator=(const Server&) = delete;

    /// Takes the client's bytes; the client never sends what the server cannot read.
    void input(std::span<const std::uint8_t> bytes) {
        const ssize_t used = nghttp2_session_mem_recv(session_, bytes.data(), bytes.size());
        ASSERT_EQ(used, static_cast<ssize_t>(bytes.size())) << nghttp2_strerror(static_cast<int>(used));
    }
    /// The bytes the server sends now.
    std::vector<std::uint8_t> output() {
        std::vector<std::uint8_t> out;
        const std::uint8_t* data = nullptr;
        for (ssize_t n; (n = nghttp2_session_mem_send(session_, &data)) > 0;) out.insert(out.end(), data, data + n);
        return out;
    }

    /// A whole response: the head, then body with END_STREAM (on the head when body is empty).
    void respond(std::int32_t id, int status, const Fields& fields, std::string body) {
        const auto nva = head_fields(status, fields);
        nghttp2_data_provider provider = make_body(std::move(body), true);
        ASSERT_EQ(nghttp2_submit_response(session_, id, nva.data(), nva.size(),
                                          bodies_.back()->data.empty() ? nullptr : &provider),
                  0);
    }
    /// A head alone (a 1xx one, or one whose body follows with data()).
    void head(std::int32_t id, int status, const Fields& fields = {}) {
        const auto nva = head_fields(status, fields);
        ASSERT_GE(nghttp2_submit_headers(session_, NGHTTP2_FLAG_NONE, id, nullptr, nva.data(), nva.size(), nullptr), 0);
    }
    /// Body bytes; end: with END_STREAM.
    void data(std::int32_t id, std::string body, bool end) {
        nghttp2_data_provider provider = make_body(std::move(body), end);
        ASSERT_EQ(nghttp2_submit_data(session_, end ? NGHTTP2_FLAG_END_STREAM : NGHTTP2_FLAG_NONE, id, &provider), 0);
    }
    void reset(std::int32_t id, std::uint32_t code) { ASSERT_EQ(nghttp2_submit_rst_stream(session_, NGHTTP2_FLAG_NONE, id, code), 0); }
    /// SETTINGS_MAX_CONCURRENT_STREAMS: the client may have at most n streams open at once.
    void limit_streams(std::uint32_t n) {
        const nghttp2_settings_entry entry{NGHTTP2_SETTINGS_MAX_CONCURRENT_STREAMS, n};
        ASSERT_EQ(nghttp2_submit_settings(session_, NGHTTP2_FLAG_NONE, &entry, 1), 0);
    }
    void goaway(std::int32_t last_id) {
        ASSERT_EQ(nghttp2_submit_goaway(session_, NGHTTP2_FLAG_NONE, last_id, NGHTTP2_NO_ERROR, nullptr, 0), 0);
    }

    const Seen& seen(std::int32_t id) { return streams_[id]; }
    const std::map<std::int32_t, Seen>& streams() const { return streams_; }
    /// Response body bytes handed to nghttp2 so far (what flow control let it send).
    std::size_t body_sent() const {
        std::size_t sent = 0;
        for (const auto& body : bodies_) sent += body->offset;
        return sent;
    }

private:
    struct Body {
        std::string data;
        std::size_t offset = 0;
        bool end = true;
    };

    std::vector<std::string> strings_;  // the names and values of the heads being submitted

    std::vector<nghttp2_nv> head_fields(int status, const Fields& fields) {
        strings_.clear();
        strings_.reserve(2 + 2 * fields.size());
        strings_.push_back(":status");
        strings_.push_back(fmt::format("{:03}", status));
        for (const auto& [name, value] : fields) {
            strings_.push_back(name);
            strings_.push_back(value);
        }
        std::vector<nghttp2_nv> nva;
        for (std::size_t i = 0; i < strings_.size(); i += 2) nva.push_back(nv(strings_[i], strings_[i + 1]));
        return nva;
    }

    nghttp2_data_provider make_body(std::string data, bool end) {
        bodies_.push_back(std::make_unique<Body>(Body{.data = std::move(data), .offset = 0, .end = end}));
        return {.source = {.ptr = bodies_.back().get()}, .read_callback = &read_body};
    }

    static ssize_t read_body(nghttp2_session*, std::int32_t, std::uint8_t* buffer, std::size_t length, std::uint32_t* flags,
                             nghttp2_data_source* source, void*) {
        Body& body = *static_cast<Body*>(source->ptr);
        const std::size_t n = std::min(length, body.data.size() - body.offset);
        if (n != 0) std::memcpy(buffer, body.data.data() + body.offset, n);
        body.offset += n;
        if (body.offset == body.data.size()) {
            *flags |= NGHTTP2_DATA_FLAG_EOF;
            if (!body.end) *flags |= NGHTTP2_DATA_FLAG_NO_END_STREAM;
        }
        return static_cast<ssize_t>(n);
    }

    static Server& self(void* user) { return *static_cast<Server*>(user); }
    static int on_begin_headers(nghttp2_session*, const nghttp2_frame* frame, void* user) {
        self(user).streams_[frame->hd.stream_id];
        return 0;
    }
    static int on_header(nghttp2_session*, const nghttp2_frame* frame, const std::uint8_t* name, std::size_t namelen,
                         const std::uint8_t* value, std::size_t valuelen, std::uint8_t, void* user) {
        self(user).streams_[frame->hd.stream_id].headers.emplace_back(std::string(reinterpret_cast<const char*>(name), namelen),
                                                                      std::string(reinterpret_cast<const char*>(value), valuelen));
        return 0;
    }
    static int on_data_chunk(nghttp2_session*, std::uint8_t, std::int32_t id, const std::uint8_t* data, std::size_t size, void* user) {
        self(user).streams_[id].body.append(reinterpret_cast<const char*>(data), size);
        return 0;
    }
    static int on_frame_recv(nghttp2_session*, const nghttp2_frame* frame, void* user) {
        if (frame->hd.stream_id == 0) return 0;
        Seen& seen = self(user).streams_[frame->hd.stream_id];
        if (frame->hd.type == NGHTTP2_RST_STREAM) seen.reset = frame->rst_stream.error_code;
        if ((frame->hd.type == NGHTTP2_HEADERS || frame->hd.type == NGHTTP2_DATA) && (frame->hd.flags & NGHTTP2_FLAG_END_STREAM) != 0)
            seen.ended = true;
        return 0;
    }

    nghttp2_session* session_ = nullptr;
    std::map<std::int32_t, Seen> streams_;
    std::vector<std::unique_ptr<Body>> bodies_;
};

std::shared_ptr<rest::HttpRequest> request(std::string method, CaseInsensitiveDict headers = {}) {
    auto made = std::make_shared<rest::HttpRequest>(std::move(method), "https://example.test/path");
    made->headers = std::move(headers);
    made->content = std::monostate{};
    return made;
}

class Http2SessionTest : public ::testing::Test {
protected:
    Http2Session client;
    Server server;

    /// Hands the bytes of each side to the other until both are quiet.
    void pump() {
        for (int round = 0; round < 10000; ++round) {
            const std::span<const std::uint8_t> out = client.to_write();
            bool moved = !out.empty();
            if (moved) server.input(out);
            const std::vector<std::uint8_t> back = server.output();
            if (!back.empty()) {
                client.received(back);
                moved = true;
            }
            if (!moved) return;
        }
        FAIL() << "the sides never went quiet";
    }

    /// Submits request to example.test:443 at path and lets the server see it.
    std::int32_t start(std::shared_ptr<const rest::HttpRequest> made, std::string_view path = "/path") {
        const std::int32_t id = client.submit(std::move(made), "https", "example.test:443", path);
        pump();
        return id;
    }

    /// Every body byte the stream holds now (to its end when it has ended).
    std::string read_held(std::int32_t id, std::size_t max = 1 << 20) {
        Bytes out;
        for (std::optional<std::size_t> n; (n = client.read(id, out, max)) && *n != 0;) {
        }
        return text_of(out);
    }
};

// --- the request as the server sees it ---

// Pseudo-headers first, names lower-case, the connection's own headers left out, Accept and
// Accept-Encoding added; a GET has no Content-Length and ends with its head.
TEST_F(Http2SessionTest, SendsPseudoHeadersLowerCaseNamesAndNoConnectionHeaders) {
    const std::int32_t id = start(request("GET", {{"X-Custom-Header", "Value"},
                                                  {"Connection", "keep-alive"},
                                                  {"Keep-Alive", "timeout=5"},
                                                  {"Proxy-Connection", "keep-alive"},
                                                  {"Transfer-Encoding", "chunked"},
                                                  {"Upgrade", "h2c"}}),
                                  "/path?q=1");
    const Fields expected{{":method", "GET"},         {":scheme", "https"},
                          {":authority", "example.test:443"}, {":path", "/path?q=1"},
                          {"x-custom-header", "Value"}, {"accept", "*/*"},
                          {"accept-encoding", "deflate, gzip, br, zstd"}};
    EXPECT_EQ(server.seen(id).headers, expected);
    EXPECT_TRUE(server.seen(id).ended);
    EXPECT_FALSE(server.seen(id).reset.has_value());
}

// A Host header is the :authority (and is not sent as a header).
TEST_F(Http2SessionTest, HostHeaderBecomesTheAuthority) {
    const std::int32_t id = start(request("GET", {{"Host", "other.example:8443"}}));
    EXPECT_EQ(server.seen(id).header(":authority"), "other.example:8443");
    EXPECT_EQ(server.seen(id).header("host"), "<absent>");
}

// Accept and Accept-Encoding given by the caller are sent once, as given.
TEST_F(Http2SessionTest, KeepsTheCallersAcceptAndAcceptEncoding) {
    const std::int32_t id = start(request("GET", {{"Accept", "application/json"}, {"Accept-Encoding", "identity"}}));
    const Fields expected{{":method", "GET"},   {":scheme", "https"},         {":authority", "example.test:443"},
                          {":path", "/path"}, {"accept", "application/json"}, {"accept-encoding", "identity"}};
    EXPECT_EQ(server.seen(id).headers, expected);
}

// TE goes only as "trailers" (the one value HTTP/2 allows).
TEST_F(Http2SessionTest, SendsTeOnlyAsTrailers) {
    const std::int32_t kept = start(request("GET", {{"TE", "trailers"}}));
    const std::int32_t dropped = start(request("GET", {{"TE", "gzip"}}));
    EXPECT_EQ(server.seen(kept).header("te"), "trailers");
    EXPECT_EQ(server.seen(dropped).header("te"), "<absent>");
    EXPECT_TRUE(server.seen(dropped).ended);
}

// Content-Length is the bytes body's size, and 0 for a POST without a body.
TEST_F(Http2SessionTest, SendsContentLengthOfABytesBodyAndZeroForAnEmptyPost) {
    auto with_body = request("POST");
    with_body->content = std::make_shared<const Bytes>(bytes_of("hello"));
    const std::int32_t id = start(with_body);
    const std::int32_t empty = start(request("POST"));
    EXPECT_EQ(server.seen(id).header("content-length"), "5");
    EXPECT_EQ(server.seen(id).body, "hello");
    EXPECT_TRUE(server.seen(id).ended);
    EXPECT_EQ(server.seen(empty).header("content-length"), "0");
    EXPECT_EQ(server.seen(empty).body, "");
    EXPECT_TRUE(server.seen(empty).ended);
}

// Empty bytes given to any method are a body of length 0, as over HTTP/1.1 (request_body()); a GET
// without content has no content-length.
TEST_F(Http2SessionTest, EmptyBytesAreABodyOfLengthZeroForAnyMethod) {
    auto given = request("DELETE");
    given->content = std::make_shared<const Bytes>();
    const std::int32_t id = start(given);
    const std::int32_t get = start(request("GET"));
    EXPECT_EQ(server.seen(id).header("content-length"), "0");
    EXPECT_TRUE(server.seen(id).ended);
    EXPECT_EQ(server.seen(get).header("content-length"), "<absent>");
}

// --- request bodies ---

// A bytes body over the server's first window (64 KiB) arrives whole.
TEST_F(Http2SessionTest, SendsABytesBodyWhole) {
    const std::string body = pattern(300 * 1024 + 7);
    auto made = request("PUT");
    made->content = std::make_shared<const Bytes>(bytes_of(body));
    const std::int32_t id = start(made);
    EXPECT_EQ(server.seen(id).header("content-length"), std::to_string(body.size()));
    EXPECT_TRUE(server.seen(id).body == body) << server.seen(id).body.size() << " bytes of " << body.size();
    EXPECT_TRUE(server.seen(id).ended);
}

// A stream body larger than 64 KiB arrives whole, its length as Content-Length.
TEST_F(Http2SessionTest, SendsAStreamBodyWhole) {
    const std::string body = pattern(200 * 1024 + 3);
    auto made = request("PUT");
    made->content = std::shared_ptr<rest::BodyStream>(std::make_shared<rest::BytesStream>(bytes_of(body)));
    const std::int32_t id = start(made);
    EXPECT_EQ(server.seen(id).header("content-length"), std::to_string(body.size()));
    EXPECT_TRUE(server.seen(id).body == body) << server.seen(id).body.size() << " bytes of " << body.size();
    EXPECT_TRUE(server.seen(id).ended);
}

// HEAD sends no body (and no Content-Length) even when the request holds one.
TEST_F(Http2SessionTest, HeadSendsNoBody) {
    auto made = request("HEAD");
    made->content = std::make_shared<const Bytes>(bytes_of("ignored"));
    const std::int32_t id = start(made);
    EXPECT_EQ(server.seen(id).header(":method"), "HEAD");
    EXPECT_EQ(server.seen(id).header("content-length"), "<absent>");
    EXPECT_EQ(server.seen(id).body, "");
    EXPECT_TRUE(server.seen(id).ended);
}

// --- the response ---

// Status, headers (repeated ones kept, no pseudo-header), version "2", no reason.
TEST_F(Http2SessionTest, GivesTheResponseHead) {
    const std::int32_t id = start(request("GET"));
    server.respond(id, 201, {{"x-dup", "a"}, {"content-type", "text/plain"}, {"x-dup", "b"}}, "");
    pump();
    ASSERT_TRUE(client.head_ready(id));
    EXPECT_EQ(client.phase(id), TransferPhase::ReadingBody);
    const ReceivedHead head = client.head(id);
    EXPECT_EQ(head.status_code, 201);
    EXPECT_EQ(head.reason, "");
    EXPECT_EQ(head.http_version, "2");
    EXPECT_EQ(head.headers.get_all("X-Dup"), (std::vector<std::string>{"a", "b"}));
    EXPECT_EQ(head.headers.get("Content-Type"), "text/plain");
    EXPECT_EQ(head.headers.size(), 3u);
    Bytes out;
    EXPECT_EQ(client.read(id, out, 100), std::optional<std::size_t>(0));
    EXPECT_TRUE(client.body_done(id));
}

// The body is read as it arrives, in pieces of at most max; nothing yet is nullopt, the end is 0;
// take_changed() names the stream when its head, body bytes and end arrive.
TEST_F(Http2SessionTest, ReadsTheBodyInPiecesAsItArrives) {
    const std::int32_t id = start(request("GET"));
    EXPECT_TRUE(client.take_changed().empty());
    EXPECT_FALSE(client.head_ready(id));
    EXPECT_EQ(client.phase(id), TransferPhase::AwaitingHeaders);

    server.head(id, 200);
    pump();
    EXPECT_EQ(client.take_changed(), std::vector<std::int32_t>{id});
    ASSERT_TRUE(client.head_ready(id));
    EXPECT_EQ(client.head(id).status_code, 200);
    Bytes out;
    EXPECT_EQ(client.read(id, out, 100), std::nullopt);

    server.data(id, "hello world", false);
    pump();
    EXPECT_EQ(client.take_changed(), std::vector<std::int32_t>{id});
    EXPECT_EQ(client.read(id, out, 4), std::optional<std::size_t>(4));
    EXPECT_EQ(text_of(out), "hell");
    EXPECT_EQ(client.read(id, out, 100), std::optional<std::size_t>(7));
    EXPECT_EQ(text_of(out), "hello world");
    EXPECT_EQ(client.read(id, out, 100), std::nullopt);
    EXPECT_FALSE(client.body_done(id));

    server.data(id, "", true);
    pump();
    EXPECT_EQ(client.take_changed(), std::vector<std::int32_t>{id});
    EXPECT_EQ(client.read(id, out, 100), std::optional<std::size_t>(0));
    EXPECT_TRUE(client.body_done(id));
    EXPECT_TRUE(client.take_changed().empty());
}

// 100 and 103 heads before the final one are skipped: the caller sees the final head only.
TEST_F(Http2SessionTest, SkipsInformationalHeads) {
    const std::int32_t id = start(request("GET"));
    server.head(id, 100);
    server.head(id, 103, {{"link", "</style.css>; rel=preload"}});
    pump();
    EXPECT_FALSE(client.head_ready(id));
    server.respond(id, 200, {{"x-final", "yes"}}, "ok");
    pump();
    ASSERT_TRUE(client.head_ready(id));
    const ReceivedHead head = client.head(id);
    EXPECT_EQ(head.status_code, 200);
    EXPECT_EQ(head.headers, (CaseInsensitiveDict{{"x-final", "yes"}}));
    EXPECT_EQ(read_held(id), "ok");
}

// 50 streams at once, answered in reverse order: each gets its own head and body.
TEST_F(Http2SessionTest, ManyConcurrentStreamsAnsweredOutOfOrder) {
    std::vector<std::int32_t> ids;
    for (int i = 0; i < 50; ++i) ids.push_back(client.submit(request("GET"), "https", "example.test:443", "/item/" + std::to_string(i)));
    pump();
    ASSERT_EQ(server.streams().size(), 50u);
    for (auto it = ids.rbegin(); it != ids.rend(); ++it) {
        const std::string path = server.seen(*it).header(":path");
        server.respond(*it, 200, {{"x-path", path}}, "body of " + path + std::string(static_cast<std::size_t>(*it), '.'));
    }
    pump();
    for (std::size_t i = 0; i < ids.size(); ++i) {
        const std::string path = "/item/" + std::to_string(i);
        ASSERT_TRUE(client.head_ready(ids[i])) << path;
        EXPECT_EQ(client.head(ids[i]).headers.get("x-path"), path);
        EXPECT_EQ(read_held(ids[i]), "body of " + path + std::string(static_cast<std::size_t>(ids[i]), '.'));
        EXPECT_TRUE(client.body_done(ids[i]));
    }
}

// Streams beyond the server's SETTINGS_MAX_CONCURRENT_STREAMS wait in the session (waiting()) and
// go out as earlier streams end; a waiting stream let go never goes out.
TEST_F(Http2SessionTest, StreamsBeyondTheServersLimitWaitTheirTurn) {
    server.limit_streams(2);
    pump();
    std::vector<std::int32_t> ids;
    for (int i = 0; i < 5; ++i) ids.push_back(client.submit(request("GET"), "https", "example.test:443", "/" + std::to_string(i)));
    EXPECT_EQ(client.waiting(), 5u);  // nothing written yet
    pump();
    EXPECT_EQ(client.waiting(), 3u);
    EXPECT_EQ(server.streams().size(), 2u);
    client.release(ids[4]);
    EXPECT_EQ(client.waiting(), 2u);
    for (std::size_t answered = 0; answered < 4; ++answered) {
        server.respond(ids[answered], 200, {}, "ok");
        pump();
        ASSERT_TRUE(client.head_ready(ids[answered]));
        EXPECT_EQ(read_held(ids[answered]), "ok");
        client.release(ids[answered]);
        pump();
        EXPECT_EQ(client.waiting(), answered < 2 ? 1u - answered : 0u) << "after " << answered + 1 << " answers";
    }
    EXPECT_EQ(server.streams().size(), 4u);  // the released one never went out
    EXPECT_EQ(client.streams(), 0u);
}

// A body of two windows and more: the server sends no more than stream_window bytes until the
// caller reads; as it reads, the rest arrives, byte for byte.
TEST_F(Http2SessionTest, FlowControlHoldsTheServerToTheReadersPace) {
    const std::string body = pattern(2 * static_cast<std::size_t>(Http2Session::stream_window) + 12345);
    const std::int32_t id = start(request("GET"));
    server.respond(id, 200, {{"content-length", std::to_string(body.size())}}, body);
    pump();
    EXPECT_EQ(server.body_sent(), static_cast<std::size_t>(Http2Session::stream_window));
    pump();  // nothing read: still no more
    EXPECT_EQ(server.body_sent(), static_cast<std::size_t>(Http2Session::stream_window));
    ASSERT_TRUE(client.head_ready(id));
    client.head(id);

    std::string received;
    for (int round = 0; round < 1000 && !client.body_done(id); ++round) {
        const std::string held = read_held(id);
        EXPECT_LE(held.size(), static_cast<std::size_t>(Http2Session::stream_window));
        received += held;
        pump();
    }
    EXPECT_TRUE(client.body_done(id));
    EXPECT_EQ(server.body_sent(), body.size());
    EXPECT_TRUE(received == body) << received.size() << " bytes of " << body.size();
}

// A reader that takes a little at a time, with more arriving between its reads (its held bytes
// never run out until the end), still gets the body byte for byte.
TEST_F(Http2SessionTest, AReaderThatNeverCatchesUpGetsTheBodyByteForByte) {
    const std::string body = pattern(3 * static_cast<std::size_t>(Http2Session::stream_window) + 777);
    const std::int32_t id = start(request("GET"));
    server.respond(id, 200, {{"content-length", std::to_string(body.size())}}, body);
    pump();
    ASSERT_TRUE(client.head_ready(id));
    client.head(id);

    Bytes received;
    for (int round = 0; round < 100000 && !client.body_done(id); ++round) {
        client.read(id, received, 40000);
        pump();
    }
    EXPECT_TRUE(client.body_done(id));
    EXPECT_TRUE(text_of(received) == body) << received.size() << " bytes of " << body.size();
}

// --- failures ---

// RST_STREAM before the head: ServiceResponseError naming the code.
TEST_F(Http2SessionTest, ResetBeforeTheHead) {
    const std::int32_t id = start(request("GET"));
    server.reset(id, NGHTTP2_INTERNAL_ERROR);
    pump();
    EXPECT_EQ(client.take_changed(), std::vector<std::int32_t>{id});
    ASSERT_TRUE(client.head_ready(id));
    expect_throws_exactly<ex::ServiceResponseError>([&] { client.head(id); },
                                            "The server reset the HTTP/2 stream before the response head (INTERNAL_ERROR)");
    EXPECT_TRUE(client.alive());
    EXPECT_TRUE(client.accepts_streams());
}

// REFUSED_STREAM: the request was not processed, ServiceRequestError (safe to send again).
TEST_F(Http2SessionTest, RefusedStreamIsAServiceRequestError) {
    const std::int32_t id = start(request("POST"));
    server.reset(id, NGHTTP2_REFUSED_STREAM);
    pump();
    expect_throws_exactly<ex::ServiceRequestError>([&] { client.head(id); },
                                           "The server refused the HTTP/2 stream before processing the request (REFUSED_STREAM)");
    // The exception carries HTTP/2's own error code.
    try {
        client.head(id);
    } catch (const ex::ServiceRequestError& error) {
        EXPECT_EQ(error.error_code().value(), NGHTTP2_REFUSED_STREAM);
        EXPECT_STREQ(error.error_code().category().name(), "http2");
        EXPECT_EQ(error.error_code().message(), "REFUSED_STREAM");
    }
}

// RST_STREAM inside the body: the bytes before it are read, then IncompleteReadError.
TEST_F(Http2SessionTest, ResetInsideTheBody) {
    const std::int32_t id = start(request("GET"));
    server.head(id, 200, {{"content-length", "10"}});
    server.data(id, "hello", false);
    pump();
    server.reset(id, NGHTTP2_INTERNAL_ERROR);
    pump();
    EXPECT_EQ(client.head(id).status_code, 200);
    Bytes out;
    EXPECT_EQ(client.read(id, out, 100), std::optional<std::size_t>(5));
    EXPECT_EQ(text_of(out), "hello");
    expect_throws_exactly<ex::IncompleteReadError>([&] { client.read(id, out, 100); },
                                           "The server reset the HTTP/2 stream inside the response body (INTERNAL_ERROR)");
    EXPECT_TRUE(client.body_done(id));
}

// GOAWAY whose last stream is below one of ours: that one fails as refused, the first is answered,
// and the connection takes no new stream.
TEST_F(Http2SessionTest, GoawayRefusesTheStreamsAboveItsLastStream) {
    const std::int32_t first = start(request("GET"));
    const std::int32_t second = start(request("GET"));
    ASSERT_LT(first, second);
    server.goaway(first);
    server.respond(first, 200, {}, "first");
    pump();
    EXPECT_EQ(client.head(first).status_code, 200);
    EXPECT_EQ(read_held(first), "first");
    expect_throws_exactly<ex::ServiceRequestError>([&] { client.head(second); },
                                           "The server refused the HTTP/2 stream before processing the request (REFUSED_STREAM)");
    EXPECT_FALSE(client.accepts_streams());
    EXPECT_TRUE(client.alive());
    expect_throws_exactly<ex::ServiceRequestError>([&] { client.submit(request("GET"), "https", "example.test:443", "/"); },
                                           "The HTTP/2 connection takes no new request (the server is closing it)");
}

// The connection ends before the head: closed before the response (or, on a reused connection,
// the message that says the request may have been received).
TEST_F(Http2SessionTest, EndedBeforeTheHead) {
    const std::int32_t id = start(request("GET"));
    const std::int32_t reused = start(request("GET"));
    client.start_try(reused, std::chrono::steady_clock::now(), true, {});
    client.ended(std::make_error_code(std::errc::connection_reset), "the server closed the connection");
    EXPECT_FALSE(client.alive());
    EXPECT_FALSE(client.accepts_streams());
    expect_throws_exactly<ex::ServiceResponseError>([&] { client.head(id); },
                                            "The server closed the connection before the response (the server closed the connection)");
    expect_throws_exactly<ex::ServiceResponseError>([&] { client.head(reused); },
                                            "The connection closed before a response arrived (the request may have been received)");
}

// The connection ends inside a body: with Content-Length the message names the missing and
// declared bytes; without, the body ended early.
TEST_F(Http2SessionTest, EndedInsideTheBody) {
    const std::int32_t id = start(request("GET"));
    const std::int32_t unsized = start(request("GET"));
    server.head(id, 200, {{"content-length", "10"}});
    server.data(id, "hello", false);
    server.head(unsized, 200);
    pump();
    client.ended(std::make_error_code(std::errc::connection_reset), "the server closed the connection");
    EXPECT_EQ(client.head(id).status_code, 200);
    EXPECT_EQ(client.phase(id), TransferPhase::ReadingBody);
    Bytes out;
    EXPECT_EQ(client.read(id, out, 100), std::optional<std::size_t>(5));
    expect_throws_exactly<ex::IncompleteReadError>(
        [&] { client.read(id, out, 100); },
        "The connection closed with 5 bytes remaining of the response body's 10 (Content-Length) (the server closed the connection)");
    EXPECT_EQ(client.head(unsized).status_code, 200);
    expect_throws_exactly<ex::IncompleteReadError>([&] { client.read(unsized, out, 100); },
                                           "The response body ended early: the server closed the connection");
}

// Bytes that are not HTTP/2 frames (first, or after the server's SETTINGS): every stream fails
// with ServiceResponseError, and the connection is dead.
TEST_F(Http2SessionTest, GarbageFromTheServerFailsTheConnection) {
    for (const bool after_settings : {false, true}) {
        SCOPED_TRACE(after_settings ? "after the server's settings" : "first");
        Http2Session fresh;
        Server peer;
        const std::int32_t id = fresh.submit(request("GET"), "https", "example.test:443", "/");
        peer.input(fresh.to_write());
        if (after_settings) fresh.received(peer.output());
        const std::string garbage = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok";
        fresh.received(std::span(reinterpret_cast<const std::uint8_t*>(garbage.data()), garbage.size()));
        EXPECT_FALSE(fresh.alive());
        EXPECT_FALSE(fresh.accepts_streams());
        EXPECT_EQ(fresh.take_changed(), std::vector<std::int32_t>{id});
        ASSERT_TRUE(fresh.head_ready(id));
        expect_throws_exactly<ex::ServiceResponseError>([&] { fresh.head(id); }, "The server's HTTP/2 frames could not be read (Protocol error)");
    }
}

// A head over 300 KiB (repeated fields: HPACK sends them in a few bytes) fails its stream with
// the headers-too-large error and resets it; the connection stays.
TEST_F(Http2SessionTest, HeadOver300KiBFailsTheStream) {
    const std::int32_t id = start(request("GET"));
    Fields fields;
    for (int i = 0; i < 400; ++i) fields.emplace_back("x-big", std::string(1000, 'b'));
    server.respond(id, 200, fields, "");
    pump();
    ASSERT_TRUE(client.head_ready(id));
    expect_throws_exactly<ex::ServiceResponseError>(
        [&] { client.head(id); }, "The response headers are too large (the limits: 64 KiB for a header line, 300 KiB in all)");
    EXPECT_EQ(server.seen(id).reset, std::optional<std::uint32_t>(NGHTTP2_INTERNAL_ERROR));
    EXPECT_TRUE(client.alive());
}

// A :status below 100 ("001": nghttp2 checks only that it has three digits) fails the stream; it
// is not given as a final status.
TEST_F(Http2SessionTest, StatusBelow100FailsTheStream) {
    const std::int32_t id = start(request("GET"));
    server.respond(id, 1, {}, "x");
    pump();
    ASSERT_TRUE(client.head_ready(id));
    expect_throws_exactly<ex::ServiceResponseError>([&] { client.head(id); }, "The server's HTTP/2 response status is not valid (001)");
    EXPECT_EQ(server.seen(id).reset, std::optional<std::uint32_t>(NGHTTP2_INTERNAL_ERROR));
    EXPECT_TRUE(client.alive());
}

// fail() (a timeout): head() and read() rethrow that failure; the server sees RST_STREAM CANCEL.
TEST_F(Http2SessionTest, FailRethrowsTheFailureAndCancelsTheStream) {
    const std::int32_t id = start(request("GET"));
    client.fail(id, std::make_exception_ptr(ex::ServiceResponseTimeoutError("The operation's timeout ran out")));
    EXPECT_EQ(client.take_changed(), std::vector<std::int32_t>{id});
    EXPECT_TRUE(client.head_ready(id));
    expect_throws_exactly<ex::ServiceResponseTimeoutError>([&] { client.head(id); }, "The operation's timeout ran out");
    Bytes out;
    expect_throws_exactly<ex::ServiceResponseTimeoutError>([&] { client.read(id, out, 10); }, "The operation's timeout ran out");
    pump();
    EXPECT_EQ(server.seen(id).reset, std::optional<std::uint32_t>(NGHTTP2_CANCEL));
    EXPECT_TRUE(client.alive());
}

// release() of a stream inside its body: the server sees RST_STREAM CANCEL; the stream is gone.
TEST_F(Http2SessionTest, ReleaseCancelsAnUnfinishedStream) {
    const std::int32_t id = start(request("GET"));
    const std::int32_t done = start(request("GET"));
    server.head(id, 200);
    server.data(id, "partial", false);
    server.respond(done, 200, {}, "whole");
    pump();
    EXPECT_EQ(read_held(done), "whole");
    client.release(id);
    client.release(done);
    EXPECT_EQ(client.streams(), 0u);
    pump();
    EXPECT_EQ(server.seen(id).reset, std::optional<std::uint32_t>(NGHTTP2_CANCEL));
    EXPECT_FALSE(server.seen(done).reset.has_value());  // it had ended: nothing to cancel
    EXPECT_TRUE(client.alive());
}

// --- timings ---

// Once the body ended: total, and the sizes of both bodies.
TEST_F(Http2SessionTest, TimingsOnceTheBodyEnded) {
    auto made = request("POST");
    made->content = std::make_shared<const Bytes>(bytes_of("abc"));
    const std::int32_t id = client.submit(made, "https", "example.test:443", "/");
    client.start_try(id, std::chrono::steady_clock::now(), false, {});
    pump();
    server.head(id, 200);
    server.data(id, "hello", false);
    pump();
    EXPECT_FALSE(client.timings(id).total.has_value());  // the body has not ended
    server.data(id, "!", true);
    pump();
    EXPECT_EQ(read_held(id), "hello!");
    const rest::TransferTimings timings = client.timings(id);
    EXPECT_TRUE(timings.total.has_value());
    EXPECT_TRUE(timings.first_byte.has_value());
    EXPECT_EQ(timings.connection_reused, std::optional<bool>(false));
    EXPECT_EQ(timings.request_body_size, std::optional<std::uint64_t>(3));
    EXPECT_EQ(timings.response_body_size, std::optional<std::uint64_t>(6));
}

}  // namespace
}  // namespace azcore::test
