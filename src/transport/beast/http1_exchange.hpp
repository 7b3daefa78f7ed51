#pragma once
// Http1Exchange: the decisions of one HTTP/1.1 request and response on a connection, without I/O:
// the bytes of the request (request_head.hpp), the response parser (response_parser.hpp, on
// Beast's), what a read or write error means (DESIGN.md's error table), informational responses,
// a kept-alive connection the server had closed, keep-alive. The async driver (Http1Connection)
// and the sync driver (BlockingConnection) do only the reads and writes it asks for.
#include <azcore/bytes.hpp>
#include <azcore/rest/transfer_timings.hpp>
#include <azcore/transport/transport_response.hpp>

#include "transport/beast/response_parser.hpp"
#include "transport/transfer_errors.hpp"
#include "transport/transfer_settings.hpp"

#include <boost/asio/buffer.hpp>
#include <boost/beast/core/error.hpp>
#include <boost/beast/core/flat_buffer.hpp>

#include <array>
#include <chrono>
#include <cstddef>
#include <initializer_list>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace azcore::rest {
class BodyStream;
class HttpRequest;
}  // namespace azcore::rest

namespace azcore::transport::detail {

/// The time limits of one request: read_timeout between bytes, and the call's deadline.
struct ExchangeLimits {
    double connection_timeout = 300;
    double read_timeout = 300;
    std::optional<std::chrono::steady_clock::time_point> deadline{};

    /// How long the next operation may take: timeout seconds, or less when the deadline is
    /// nearer (then *by_deadline is true).
    std::chrono::steady_clock::duration next(double timeout, bool* by_deadline) const;
};

/// The limits of a request's settings.
inline ExchangeLimits limits_of(const TransferSettings& settings) {
    return {.connection_timeout = settings.connection_timeout, .read_timeout = settings.read_timeout, .deadline = settings.deadline};
}

/// The limits of reading a response body: a streamed body is not bound by the deadline (it bounds
/// its headers only).
inline ExchangeLimits body_limits_of(const TransferSettings& settings) {
    ExchangeLimits limits = limits_of(settings);
    if (settings.reading.stream) limits.deadline.reset();
    return limits;
}

/// The Host header of a request to host_key ("scheme://host:port"): a view into host_key.
inline std::string_view host_header_of(std::string_view host_key) { return host_key.substr(host_key.find("://") + 3); }

/// The proxy a request's connection goes through.
struct ProxyRoute {
    std::string host;
    std::string port;
    /// "Basic ..." from the proxy URL's user information; empty without.
    std::string authorization{};
};

/// The proxy of a request: settings.proxy unless its NO_PROXY bypasses the request's host;
/// nullopt: none. std::invalid_argument for a proxy URL that is not http:// (transport names the
/// caller in the message).
std::optional<ProxyRoute> proxy_route(const TransferSettings& settings, std::string_view transport);

class Http1Exchange {
public:
    /// The most one read of the socket takes.
    static constexpr std::size_t read_room = 64 * 1024;

    using Parser = ResponseParser;

    /// What a driver does after a step.
    enum class Next {
        write,       // write to_write() (again: a stream body has more)
        read_head,   // read, and parse(), until the response head is done
        head_done,   // the response head is complete: head()
    };

    /// Starts the try's clock, when the transport has picked the connection (before connecting
    /// a new one); reused: a kept-alive connection.
    void start_try(bool reused);
    /// The new connection's name was resolved, its TCP connection made, its TLS handshake done.
    void name_resolved() { timings_.name_lookup = elapsed(); }
    void connected() { timings_.connect = elapsed(); }
    void tls_done() { timings_.tls_handshake = elapsed(); }
    /// A read of the head moved bytes bytes of status lines and headers into the parser.
    void head_bytes(std::size_t bytes);
    /// What the reader sees: the head's points once the head arrived, the rest once the body
    /// was read to its end.
    rest::TransferTimings timings() const;
    /// The timings recorded so far, whatever the phase (a new connection's, before a request).
    const rest::TransferTimings& timings_so_far() const noexcept { return timings_; }
    /// When the try began.
    std::chrono::steady_clock::time_point try_start() const noexcept { return try_start_; }

    /// Starts the request on a connection that has carried `earlier` requests before.
    Next begin(const rest::HttpRequest& request, std::string_view target, std::string_view host_header, std::size_t earlier);
    /// What the next write sends, whole: the head with a body held in memory, or a stream body's
    /// next chunk.
    std::span<const boost::asio::const_buffer> to_write() const { return {out_.data(), out_count_}; }

    /// A write of to_write() ended with error; by_deadline: the operation's time limit was the
    /// deadline's. Throws the mapped failure.
    Next written(const boost::system::error_code& error, const ExchangeLimits& limits, bool by_deadline);
    /// Parses what buffer holds (the head, or body bytes into the room body_room() gave) and
    /// consumes it; the stream ended when eof. Returns the parser's error (none when it wants
    /// more bytes or more room).
    boost::system::error_code parse(boost::beast::flat_buffer& buffer, bool eof);
    /// Whether the next step needs bytes from the socket: buffer is empty, or what it holds is
    /// not enough for the parser to go on (part of a line).
    bool needs_bytes(const boost::beast::flat_buffer& buffer) const noexcept { return buffer.size() == 0 || starved_; }
    /// A read of the head (then parse()) ended with error. Throws the mapped failure.
    Next head_read(const boost::system::error_code& error, const ExchangeLimits& limits, bool by_deadline);
    /// The response head (after head_done; its headers move out, so once).
    ReceivedHead head();

    /// Points the parser's body at out's room for at most max bytes (appended: out grows by the
    /// room given when a socket read may fill it, else as bytes are parsed); returns false at the
    /// end of the body.
    bool body_room(Bytes& out, std::size_t max, std::size_t buffered);
    /// A read (then parse()) into the room body_room() gave ended with error; returns the bytes it added to out (0: read again
    /// unless body_done()). Throws the mapped failure.
    std::size_t body_read(const boost::system::error_code& error, Bytes& out, const ExchangeLimits& limits, bool by_deadline);
    /// Where the next read of the socket may put body bytes itself, with no copy through the
    /// connection's buffer (an empty buffer when it may not): all of the room body_room() gave,
    /// when nothing is buffered, the body has a Content-Length and the room holds at least
    /// direct_read_min bytes or is what is left of such a room after a read filled it in part (a
    /// reader that fills whole chunks asks for that rest next). A smaller read goes through the
    /// buffer, one socket read serving many.
    boost::asio::mutable_buffer direct_room(std::size_t buffered) const noexcept;
    /// n body bytes were read into direct_room() (parse() for them); eof: the stream ended.
    boost::system::error_code parse_direct(std::size_t n, bool eof);
    static constexpr std::size_t direct_read_min = 16 * 1024;
    /// Gives back the room body_room() added to out (nothing was read into it).
    void drop_room(Bytes& out) { out.resize(body_start_); }
    /// The body was read to its end (or there is none).
    bool body_done() const noexcept { return !parser_ || parser_->is_done(); }
    /// The body was read to its end and the server keeps the connection open.
    bool reusable() const noexcept { return parser_ && parser_->is_done() && parser_->keep_alive(); }

    /// The exception for error in the current phase (timeout: by the deadline or read_timeout).
    std::exception_ptr failure(const boost::system::error_code& error, const ExchangeLimits& limits, bool by_deadline) const;
    /// The exception for a failed connection attempt to host:port.
    static std::exception_ptr connect_failure(const boost::system::error_code& error, const ExchangeLimits& limits, bool by_deadline,
                                              std::string_view host, std::string_view port);

    /// The CONNECT request that opens a tunnel through proxy to target ("host:port").
    static std::string connect_request(std::string_view target, const ProxyRoute& proxy);
    /// The exception for a tunnel the proxy did not open: a read or write error, or its status.
    static std::exception_ptr tunnel_failure(const boost::system::error_code& error, unsigned status, std::string_view reason,
                                             const ExchangeLimits& limits, bool by_deadline, std::string_view target);
    /// The exception for a failed TLS handshake with host:port; detail: OpenSSL's verification
    /// result when it is what failed (else empty).
    static std::exception_ptr tls_failure(const boost::system::error_code& error, const ExchangeLimits& limits, bool by_deadline,
                                          std::string_view host, std::string_view port, std::string_view detail);

private:
    /// A parser for the next response (the first, or the one after an informational response).
    void new_parser();
    /// Whether a socket read may put body bytes straight into a room of this size (see direct_room()).
    bool may_read_direct(std::size_t room) const noexcept;
    /// Points the parser at the body's room in out (body_start_, body_room_): set aside when a
    /// socket read may fill it, else appended to as bytes are parsed.
    void give_room(Bytes& out);
    rest::TransferTimings::Duration elapsed() const;

    std::chrono::steady_clock::time_point try_start_{};
    rest::TransferTimings timings_;
    std::uint64_t head_bytes_ = 0;
    bool starved_ = false;  // the last parse() stopped for want of bytes
    std::string conflicting_lengths_;  // the Content-Length values of a head Beast refused for them
    std::uint64_t body_bytes_ = 0;
    std::uint64_t sent_body_bytes_ = 0;
    /// Sets to_write() to buffers.
    void write_next(std::initializer_list<boost::asio::const_buffer> buffers);
    /// The stream body's next chunk into to_write(); false at its end, once written.
    bool next_chunk();

    std::string head_;  // the request head (reused by the connection's next request)
    std::array<boost::asio::const_buffer, 3> out_{};
    std::size_t out_count_ = 0;
    char chunk_line_[24] = {};
    bool chunked_ = false;  // the body goes in chunks
    std::optional<Parser> parser_;
    std::shared_ptr<rest::BodyStream> stream_;  // a stream body still being written
    std::unique_ptr<std::array<std::uint8_t, 64 * 1024>> chunk_;
    bool head_request_ = false;
    bool upload_done_ = false;
    std::size_t earlier_ = 0;
    std::size_t body_start_ = 0;
    std::size_t body_room_ = 0;
    bool rest_direct_ = false;  // the last body read filled a room of direct_read_min or more (or its rest) in part
    TransferPhase phase_ = TransferPhase::AwaitingHeaders;
};

}  // namespace azcore::transport::detail
