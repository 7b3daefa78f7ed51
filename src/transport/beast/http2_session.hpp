#pragma once
// Http2Session: the decisions of an HTTP/2 client connection without I/O (RFC 9113, on nghttp2):
// the frames of each request, what each received frame means for its stream (head, body bytes,
// end, reset), flow control paced by the reader, and what a connection error, GOAWAY or reset
// means in azcore's error table. The async driver (Http2Connection) only moves the bytes it gives
// and takes.
#include <azcore/bytes.hpp>
#include <azcore/rest/transfer_timings.hpp>
#include <azcore/transport/transport_response.hpp>

#include "transport/transfer_errors.hpp"

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <exception>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <system_error>
#include <unordered_map>
#include <vector>

struct nghttp2_session;

namespace azcore::rest {
class HttpRequest;
}

namespace azcore::transport::detail {

class Http2Session {
public:
    /// The most response body bytes one stream holds before its reader takes them (its flow
    /// control window): the server sends no more until the reader makes room. 4 MiB, as Go's
    /// HTTP/2 client: a stream moves at most one window per round trip.
    static constexpr std::int32_t stream_window = 4 * 1024 * 1024;

    /// A client session; its first to_write() holds the connection preface and settings.
    Http2Session();
    ~Http2Session();
    Http2Session(const Http2Session&) = delete;
    Http2Session& operator=(const Http2Session&) = delete;

    /// Starts request (kept until its stream ends) to authority ("host:port") at path; returns
    /// the stream's id. The request check has accepted the request. Headers are sent in lower
    /// case; those HTTP/2 forbids (Connection, Keep-Alive, Proxy-Connection, Transfer-Encoding,
    /// Upgrade) are left out, Host becomes :authority. Throws ServiceRequestError when the
    /// connection takes no new stream (accepts_streams() is false).
    std::int32_t submit(std::shared_ptr<const rest::HttpRequest> request, std::string_view scheme, std::string_view authority,
                        std::string_view path);

    /// The bytes to send now (empty: nothing), valid until the next call of a member function.
    std::span<const std::uint8_t> to_write();
    /// Whether to_write() would give bytes.
    bool wants_write() const;
    /// Takes bytes received from the server. A protocol error fails every stream and the
    /// connection (alive() is false).
    void received(std::span<const std::uint8_t> bytes);
    /// The connection ended: the server closed it (eof) or a read or write failed (error). Every
    /// stream not yet ended fails.
    void ended(std::error_code error, std::string_view detail);

    /// The streams whose state changed since the last call: their head arrived, body bytes, their
    /// end or their failure.
    std::vector<std::int32_t> take_changed();

    /// The stream's response head has arrived (or the stream failed: head() throws).
    bool head_ready(std::int32_t id) const;
    /// The response head (once). Throws the stream's failure.
    ReceivedHead head(std::int32_t id);
    /// Appends at most max received body bytes of the stream to out; 0 at the end of the body;
    /// nullopt when none has arrived yet. Throws the stream's failure.
    std::optional<std::size_t> read(std::int32_t id, Bytes& out, std::size_t max);
    /// The stream's body ended (or it failed).
    bool body_done(std::int32_t id) const;
    /// Whether the stream has its response head (then a failure is in the body).
    TransferPhase phase(std::int32_t id) const;
    /// The stream's timings so far (as Http1Exchange::timings()); reused: its connection had
    /// carried an earlier request; start: when the try began.
    rest::TransferTimings timings(std::int32_t id) const;
    /// Lets go of a stream: one not yet ended is reset (CANCEL), its bytes dropped.
    void release(std::int32_t id);
    /// Fails a stream that waited too long (its timeout's exception): it is reset (CANCEL).
    void fail(std::int32_t id, std::exception_ptr failure);

    /// New streams may start: no GOAWAY, no connection failure.
    bool accepts_streams() const;
    /// The connection has not failed and the server has not closed it.
    bool alive() const noexcept { return !failed_; }
    /// Streams started and not yet released.
    std::size_t streams() const noexcept { return streams_.size(); }
    /// Streams whose request has not gone out yet: waiting for to_write(), or held back by the
    /// server's SETTINGS_MAX_CONCURRENT_STREAMS until earlier streams end.
    std::size_t waiting() const noexcept { return waiting_; }

    /// Notes when a stream's try began (timings()) and whether its connection was reused.
    void start_try(std::int32_t id, std::chrono::steady_clock::time_point start, bool reused, const rest::TransferTimings& connecting);

private:
    struct Stream;
    struct Callbacks;
    Stream* find(std::int32_t id) const;
    Stream& get(std::int32_t id) const;
    void fail_stream(Stream& stream, std::exception_ptr failure);
    void fail_all(std::exception_ptr failure);
    void changed(Stream& stream);
    void stop_waiting(Stream& stream);

    nghttp2_session* session_ = nullptr;
    std::unordered_map<std::int32_t, std::unique_ptr<Stream>> streams_;
    std::vector<std::int32_t> changed_;
    std::vector<std::uint8_t> out_;
    std::string scratch_;  // lower-cased header names of the request being submitted
    std::size_t waiting_ = 0;
    bool going_away_ = false;
    bool failed_ = false;
};

}  // namespace azcore::transport::detail
