#pragma once
// BlockingConnection: the sync driver of Http1Exchange and Http2Session: one connection over TCP
// (HTTP/1.1, or HTTP/2 when offered and the server takes it in the TLS handshake), one request at
// a time, read and written with the calling thread's blocking calls, each bounded by poll() for
// read_timeout (connection_timeout while connecting) and the call's deadline.
#include <azcore/bytes.hpp>
#include <azcore/transport/transport_response.hpp>

#include "transport/beast/http1_exchange.hpp"
#include "transport/beast/http2_session.hpp"

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/ssl/stream.hpp>
#include <boost/beast/core/flat_buffer.hpp>

#include <chrono>
#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace azcore::transport::detail {

/// A SyncReadStream and SyncWriteStream over a non-blocking socket whose every call waits at most
/// limit() for the socket to be ready (beast::error::timeout after).
class TimedSocket {
public:
    using lowest_layer_type = boost::asio::ip::tcp::socket::lowest_layer_type;
    using executor_type = boost::asio::ip::tcp::socket::executor_type;

    explicit TimedSocket(boost::asio::ip::tcp::socket& socket) : socket_(socket) {}
    void set_limit(std::chrono::steady_clock::duration limit) { limit_ = limit; }
    lowest_layer_type& lowest_layer() { return socket_.lowest_layer(); }
    const lowest_layer_type& lowest_layer() const { return socket_.lowest_layer(); }
    executor_type get_executor() { return socket_.get_executor(); }

    /// The next read waits for the socket first: right after a request went out, its answer is
    /// not there yet, and a read would only find that out (one system call fewer per request).
    void wait_before_next_read() { wait_first_ = true; }

    template <class Buffers>
    std::size_t read_some(const Buffers& buffers, boost::system::error_code& error) {
        if (limit_ <= std::chrono::steady_clock::duration::zero()) return timed_out(error);  // a deadline that passed
        if (std::exchange(wait_first_, false) && !wait(true, error)) return 0;
        for (;;) {
            const std::size_t n = socket_.read_some(buffers, error);
            if (error != boost::asio::error::would_block && error != boost::asio::error::try_again) return n;
            if (!wait(true, error)) return 0;
        }
    }
    template <class Buffers>
    std::size_t write_some(const Buffers& buffers, boost::system::error_code& error) {
        if (limit_ <= std::chrono::steady_clock::duration::zero()) return timed_out(error);  // a deadline that passed
        for (;;) {
            const std::size_t n = socket_.write_some(buffers, error);
            if (error != boost::asio::error::would_block && error != boost::asio::error::try_again) return n;
            if (!wait(false, error)) return 0;
        }
    }
    template <class Buffers>
    std::size_t read_some(const Buffers& buffers) {
        boost::system::error_code error;
        const std::size_t n = read_some(buffers, error);
        if (error) throw boost::system::system_error(error);
        return n;
    }
    template <class Buffers>
    std::size_t write_some(const Buffers& buffers) {
        boost::system::error_code error;
        const std::size_t n = write_some(buffers, error);
        if (error) throw boost::system::system_error(error);
        return n;
    }

    /// Sets error to beast::error::timeout; 0.
    static std::size_t timed_out(boost::system::error_code& error);
    /// Waits at most limit() for the socket to be readable (else writable); false with error set
    /// (beast::error::timeout when the limit passed).
    bool wait(bool readable, boost::system::error_code& error);
    /// The same for any socket and limit (connecting).
    static bool wait(boost::asio::ip::tcp::socket& socket, bool readable, std::chrono::steady_clock::duration limit,
                     boost::system::error_code& error);

private:
    boost::asio::ip::tcp::socket& socket_;
    std::chrono::steady_clock::duration limit_{};
    bool wait_first_ = false;
};

class BlockingConnection {
public:
    /// context only owns the socket's registration; it is never run.
    explicit BlockingConnection(boost::asio::io_context& context) : socket_(context) {}
    BlockingConnection(const BlockingConnection&) = delete;
    BlockingConnection& operator=(const BlockingConnection&) = delete;

    /// Resolves host and connects to port, within the connection timeout and the deadline; with
    /// tls, the TLS handshake too (host checked against the server's certificate).
    /// Through proxy when given: the TCP connection is the proxy's, and with tls a tunnel to
    /// host:port is asked for (CONNECT) before the handshake.
    /// offer_h2: with tls, HTTP/2 is offered (ALPN h2, then http/1.1).
    void connect(const std::string& host, const std::string& port, const ExchangeLimits& limits,
                 std::shared_ptr<boost::asio::ssl::context> tls = nullptr, const std::optional<ProxyRoute>& proxy = std::nullopt,
                 bool offer_h2 = false);
    /// Writes the request and reads the response head.
    ReceivedHead exchange(const std::shared_ptr<rest::HttpRequest>& request, std::string_view target, std::string_view host_header,
                          const ExchangeLimits& limits);
    /// Appends at most max body bytes to out, at least one unless the body ended (0).
    std::size_t read_some(Bytes& out, std::size_t max, const ExchangeLimits& limits);

    /// Starts the try's clock (before connect() for a new connection); reused: kept alive.
    void start_try(bool reused) { exchange_.start_try(reused); }
    /// The current try's timings, as Http1Exchange::timings().
    rest::TransferTimings timings() const { return h2_ ? h2_->timings(stream_) : exchange_.timings(); }

    /// An idle kept-alive connection the server has not closed (nothing to read on it), as curl
    /// checks before reusing one. Over HTTP/2 what the server sent meanwhile (settings, pings)
    /// is taken in, and a GOAWAY makes it not alive.
    bool alive() noexcept;
    bool reusable() const noexcept {
        if (h2_) return socket_.is_open() && h2_->accepts_streams() && h2_->body_done(stream_);
        return socket_.is_open() && exchange_.reusable();
    }
    bool body_done() const noexcept { return h2_ ? h2_->body_done(stream_) : exchange_.body_done(); }
    /// After the request failed: only its HTTP/2 stream did (reset or refused by the server), and
    /// the connection may carry the next request, as AsyncBeastTransport keeps it.
    bool only_the_stream_failed() const noexcept { return h2_ && socket_.is_open() && h2_->alive(); }
    /// The server took HTTP/2.
    bool negotiated_h2() const noexcept { return h2_ != nullptr; }
    /// Closes the socket; idempotent.
    void close() noexcept;

private:
    /// One read of the stream into the buffer (what is there, waiting at most the timed socket's
    /// limit), parsed; the error of the read or of the parse.
    boost::system::error_code receive();
    ReceivedHead exchange_h2(const std::shared_ptr<rest::HttpRequest>& request, std::string_view target, std::string_view host_header,
                             const ExchangeLimits& limits);
    /// Sends what the HTTP/2 session has to send, then reads once (waiting at most the read
    /// timeout or the deadline) into it. A timeout fails the stream; any other error, the
    /// connection.
    void pump_h2(const ExchangeLimits& limits);
    void tunnel(const std::string& host, const std::string& port, const ExchangeLimits& limits,
                std::chrono::steady_clock::time_point until, const ProxyRoute& proxy);
    void handshake(const std::string& host, const std::string& port, const ExchangeLimits& limits,
                   std::chrono::steady_clock::time_point until, std::shared_ptr<boost::asio::ssl::context> tls, bool offer_h2);
    /// Calls f with the stream to read and write: the TLS stream, or the timed socket.
    template <class F>
    decltype(auto) with_stream(F&& f) {
        if (tls_) return f(*tls_);
        return f(timed_);
    }

    boost::asio::ip::tcp::socket socket_;
    TimedSocket timed_{socket_};
    std::shared_ptr<boost::asio::ssl::context> tls_context_;
    std::optional<boost::asio::ssl::stream<TimedSocket&>> tls_;
    boost::beast::flat_buffer buffer_;
    Http1Exchange exchange_;
    std::size_t requests_ = 0;
    std::unique_ptr<Http2Session> h2_;  // when the server took HTTP/2
    std::int32_t stream_ = 0;           // the HTTP/2 stream of the current request
    std::vector<std::uint8_t> h2_in_;
};

}  // namespace azcore::transport::detail
