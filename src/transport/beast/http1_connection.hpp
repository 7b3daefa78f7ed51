#pragma once
// Http1Connection: the async driver of Http1Exchange: one HTTP/1.1 connection over TCP on an
// executor (beast::tcp_stream, whose timer bounds each operation that waits), one exchange at a time.
#include <azcore/bytes.hpp>
#include <azcore/net.hpp>
#include <azcore/transport/transport_response.hpp>

#include "transport/beast/http1_exchange.hpp"

#include <boost/asio/ssl/context.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>

#include <memory>

#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace azcore::transport::detail {

class Http1Connection {
public:
    explicit Http1Connection(net::any_io_executor executor) : stream_(std::in_place, std::move(executor)) {}
    Http1Connection(const Http1Connection&) = delete;
    Http1Connection& operator=(const Http1Connection&) = delete;

    /// Resolves host and connects to port, within the connection timeout and the deadline; with
    /// tls, the TLS handshake too (host checked against the server's certificate).
    /// Through proxy when given: the TCP connection is the proxy's, and with tls a tunnel to
    /// host:port is asked for (CONNECT) before the handshake. offer_h2: with tls, HTTP/2 is offered
    /// (ALPN h2, then http/1.1); negotiated_h2() says whether the server took it.
    /// The arguments are the caller's, who awaits the result (taken by reference, they stay out of
    /// the caller's coroutine frame).
    net::awaitable<void> connect(const std::string& host, const std::string& port, const ExchangeLimits& limits,
                                 std::shared_ptr<boost::asio::ssl::context> tls = nullptr,
                                 const std::optional<ProxyRoute>& proxy = std::nullopt, bool offer_h2 = false);
    /// The server chose HTTP/2 in the TLS handshake: the connection belongs to an Http2Connection,
    /// which reads and writes tls_stream() itself.
    bool negotiated_h2() const noexcept { return h2_; }
    /// The TLS stream of a connected https connection.
    boost::beast::ssl_stream<boost::beast::tcp_stream&>& tls_stream() { return *tls_; }
    /// The TCP stream (its timer bounds each operation until expires_never()).
    boost::beast::tcp_stream& tcp() { return stream(); }
    /// The try's timings up to the connection (name lookup, connect, TLS handshake).
    rest::TransferTimings connect_timings() const { return exchange_.timings_so_far(); }
    /// When the current try began (start_try()).
    std::chrono::steady_clock::time_point try_start() const noexcept { return exchange_.try_start(); }
    /// Writes the request and reads the response head.
    net::awaitable<ReceivedHead> exchange(const rest::HttpRequest& request, std::string_view target,
                                          std::string_view host_header, const ExchangeLimits& limits);
    /// Appends at most max body bytes to out, at least one unless the body ended (0).
    net::awaitable<std::size_t> read_some(Bytes& out, std::size_t max, const ExchangeLimits& limits);

    /// read_some without waiting: the body bytes already received (parsed from the read buffer),
    /// or those a read that does not wait finds in the socket when the last read filled its room
    /// (plain TCP); 0 at the end, nullopt when a read must wait.
    std::optional<std::size_t> read_ready(Bytes& out, std::size_t max, const ExchangeLimits& limits);

    /// Starts the try's clock (before connect() for a new connection); reused: kept alive.
    void start_try(bool reused) { exchange_.start_try(reused); }
    /// The current try's timings, as Http1Exchange::timings().
    rest::TransferTimings timings() const { return exchange_.timings(); }

    /// An idle kept-alive connection the server has not closed (nothing to read on it), as curl
    /// checks before reusing one.
    bool alive() const noexcept;
    bool reusable() const noexcept { return stream_ && stream_->socket().is_open() && exchange_.reusable(); }
    bool body_done() const noexcept { return exchange_.body_done(); }
    /// Closes the socket; idempotent.
    void close() noexcept;
    /// Destroys the socket and its timer now: their io_context is being destroyed. Any later
    /// use throws std::logic_error.
    void drop() noexcept;

private:
    /// Where the next read of the stream goes: the caller's room (direct) or the buffer.
    struct ReadRoom {
        net::mutable_buffer bytes;
        bool direct = false;
    };
    ReadRoom read_room();
    /// One read of the stream into read_room() (through TLS when the connection has it), parsed;
    /// the error of the read or of the parse.
    net::awaitable<boost::system::error_code> receive();
    /// receive() without waiting, over plain TCP: would_block when the socket has nothing yet.
    boost::system::error_code receive_now();
    /// Writes what of the exchange's to_write() the socket takes without waiting (plain TCP);
    /// returns how many bytes (0 with error set when the write failed).
    std::size_t send_now(boost::system::error_code& error);
    /// A read of n bytes into room ended with error: commits and parses them.
    boost::system::error_code received(const ReadRoom& room, std::size_t n, const boost::system::error_code& error);
    /// Arms the stream's timer for the next operation; returns whether the deadline is its limit.
    bool arm(const ExchangeLimits& limits, double timeout);

    /// The stream; std::logic_error once dropped.
    boost::beast::tcp_stream& stream();

    std::optional<boost::beast::tcp_stream> stream_;
    std::shared_ptr<boost::asio::ssl::context> tls_context_;
    std::optional<boost::beast::ssl_stream<boost::beast::tcp_stream&>> tls_;
    boost::beast::flat_buffer buffer_;
    Http1Exchange exchange_;
    std::size_t requests_ = 0;
    bool h2_ = false;
    bool more_waiting_ = false;  // the last read of the stream filled its room: more bytes are likely waiting
};

}  // namespace azcore::transport::detail
