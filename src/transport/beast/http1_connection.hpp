#pragma once
// Http1Connection: one HTTP/1.1 connection over TCP (Boost.Beast) and the exchange of one request
// at a time on it. Every step is a coroutine on the connection's executor: the async transport
// awaits them, the sync transport runs them on an io_context of the connection's own. Failures
// are thrown as the exceptions of DESIGN.md's error table.
#include <azcore/bytes.hpp>
#include <azcore/net.hpp>
#include <azcore/transport/transport_response.hpp>

#include "transport/transfer_errors.hpp"
#include "transport/transfer_settings.hpp"

#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/buffer_body.hpp>
#include <boost/beast/http/parser.hpp>

#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace azcore::rest {
class HttpRequest;
}

namespace azcore::transport::detail {

/// The time limits of one request: read_timeout between bytes, and the call's deadline.
struct ExchangeLimits {
    double connection_timeout = 300;
    double read_timeout = 300;
    std::optional<std::chrono::steady_clock::time_point> deadline{};
};

/// The limits of a request's settings.
inline ExchangeLimits limits_of(const TransferSettings& settings) {
    return {.connection_timeout = settings.connection_timeout, .read_timeout = settings.read_timeout, .deadline = settings.deadline};
}

/// The Host header of a request to host_key ("scheme://host:port").
inline std::string host_header_of(const std::string& host_key) { return host_key.substr(host_key.find("://") + 3); }

/// std::invalid_argument for what the Beast transports cannot send yet (https, a proxy).
void check_supported(const TransferSettings& settings, std::string_view transport);

class Http1Connection {
public:
    explicit Http1Connection(net::any_io_executor executor);
    Http1Connection(const Http1Connection&) = delete;
    Http1Connection& operator=(const Http1Connection&) = delete;

    /// Resolves host and connects to port, within the connection timeout and the deadline.
    net::awaitable<void> connect(std::string host, std::string port, ExchangeLimits limits);
    /// Writes the request (head and body) to target with this Host header and reads the response
    /// head (informational responses skipped). On a connection that already carried a request,
    /// a server that closed it before answering is reported by stale() instead of an exception.
    net::awaitable<ReceivedHead> exchange(const rest::HttpRequest& request, std::string_view target,
                                          std::string_view host_header, ExchangeLimits limits);
    /// Appends at most max body bytes to out, at least one unless the body ended (0).
    net::awaitable<std::size_t> read_some(Bytes& out, std::size_t max, ExchangeLimits limits);

    /// The last exchange failed because the server had closed this kept-alive connection before
    /// any byte of the response: the request may be sent again on a new connection.
    bool stale() const noexcept { return stale_; }
    /// The body was read to its end and the server keeps the connection open.
    bool reusable() const noexcept;
    /// The body of the current exchange was read to its end (or there is none).
    bool body_done() const noexcept;
    /// Requests this connection has carried, the current one included.
    std::size_t requests() const noexcept { return requests_; }
    /// The local port (0 when not connected), for the pool's counts.
    int local_port() const noexcept;
    /// Closes the socket; idempotent.
    void close() noexcept;

private:
    using Parser = boost::beast::http::response_parser<boost::beast::http::buffer_body>;
    /// Arms the stream's timer for the next operation: read_timeout, or less if the deadline is nearer.
    void arm(const ExchangeLimits& limits, double timeout);
    /// The exception for error_code in the current phase.
    std::exception_ptr failure(const boost::system::error_code& error, const ExchangeLimits& limits) const;
    net::awaitable<void> write_request(const rest::HttpRequest& request, std::string_view target, std::string_view host_header,
                                       const ExchangeLimits& limits);
    net::awaitable<void> read_head(const ExchangeLimits& limits, bool head_request);

    boost::beast::tcp_stream stream_;
    boost::beast::flat_buffer buffer_;
    std::optional<Parser> parser_;
    TransferPhase phase_ = TransferPhase::Connecting;
    std::size_t requests_ = 0;
    bool stale_ = false;
    bool deadline_armed_ = false;  // the armed timer is the deadline's, not read_timeout's
};

}  // namespace azcore::transport::detail
