// Http2Session (the HTTP/2 client step, on nghttp2) over what a server sends. A client session
// starts two requests, a GET (stream 1) and a POST with a small body (stream 3); the input is the
// server's bytes, handed over in three pieces, each followed by what the driver does: it takes the
// bytes to write, then the head and the body bytes of every stream that changed. Then the
// connection ends. Each stream gives a final head (status 200-999, version "2") and a body no larger
// than the input, or an azcore exception (anything else escapes and is a finding); once the
// connection has ended no stream is left waiting.
#include "fuzz_support.hpp"

#include <azcore/exceptions.hpp>
#include <azcore/rest/http_request.hpp>

#include "transport/beast/http2_session.hpp"

#include <array>
#include <memory>
#include <span>
#include <system_error>

namespace {

using azcore::transport::detail::Http2Session;

/// What the driver saw of one stream.
struct Seen {
    std::int32_t id = 0;
    bool head_taken = false;
    bool done = false;  // its body ended, or it failed
    std::size_t body = 0;
};

/// Takes the stream's head once it is ready, then every body byte it holds.
void step(Http2Session& session, Seen& seen) {
    try {
        if (!seen.head_taken) {
            if (!session.head_ready(seen.id)) return;
            const azcore::transport::ReceivedHead head = session.head(seen.id);
            seen.head_taken = true;
            AZCORE_FUZZ_CHECK(head.status_code >= 200 && head.status_code <= 999);
            AZCORE_FUZZ_CHECK(head.http_version == "2" && head.reason.empty());
        }
        for (;;) {
            azcore::Bytes out;
            const std::optional<std::size_t> n = session.read(seen.id, out, 1000);
            if (!n) return;
            AZCORE_FUZZ_CHECK(*n == out.size() && *n <= 1000);
            seen.body += *n;
            if (*n == 0) {
                seen.done = true;
                return;
            }
        }
    } catch (const azcore::exceptions::AzureError&) {
        seen.done = true;  // the stream's failure, as the error table names it
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    Http2Session session;
    auto get = std::make_shared<azcore::rest::HttpRequest>("GET", "https://example.test/a");
    auto post = std::make_shared<azcore::rest::HttpRequest>("POST", "https://example.test/b");
    post->content = std::make_shared<const azcore::Bytes>(azcore::Bytes{'h', 'e', 'l', 'l', 'o'});
    std::array<Seen, 2> streams{Seen{.id = session.submit(get, "https", "example.test", "/a")},
                                Seen{.id = session.submit(post, "https", "example.test", "/b")}};
    session.to_write();

    const std::span<const std::uint8_t> input(data, size);
    std::size_t at = 0;
    for (int piece = 0; piece < 3; ++piece) {
        const std::size_t n = piece == 2 ? size - at : size / 3;
        session.received(input.subspan(at, n));
        at += n;
        session.to_write();
        for (const std::int32_t id : session.take_changed()) {
            bool ours = false;
            for (Seen& seen : streams)
                if (seen.id == id) {
                    ours = true;
                    step(session, seen);
                }
            AZCORE_FUZZ_CHECK(ours);
        }
    }

    session.ended(std::make_error_code(std::errc::connection_reset), "the server closed the connection");
    AZCORE_FUZZ_CHECK(!session.alive() && !session.accepts_streams());
    session.to_write();
    for (Seen& seen : streams) {
        step(session, seen);
        AZCORE_FUZZ_CHECK(seen.done);
        AZCORE_FUZZ_CHECK(session.head_ready(seen.id) && session.body_done(seen.id));
        AZCORE_FUZZ_CHECK(seen.body <= size);
        session.release(seen.id);
    }
    AZCORE_FUZZ_CHECK(session.streams() == 0);
    return 0;
}
