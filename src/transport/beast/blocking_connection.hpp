#pragma once
// BlockingConnection: the sync driver of Http1Exchange: one HTTP/1.1 connection over TCP, read
// and written with the calling thread's blocking calls, each bounded by poll() for read_timeout
// (connection_timeout while connecting) and the call's deadline.
#include <azcore/bytes.hpp>
#include <azcore/transport/transport_response.hpp>

#include "transport/beast/http1_exchange.hpp"

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/flat_buffer.hpp>

#include <cstddef>
#include <string>
#include <string_view>

namespace azcore::transport::detail {

class BlockingConnection {
public:
    /// context only owns the socket's registration; it is never run.
    explicit BlockingConnection(boost::asio::io_context& context) : socket_(context) {}
    BlockingConnection(const BlockingConnection&) = delete;
    BlockingConnection& operator=(const BlockingConnection&) = delete;

    /// Resolves host and connects to port, within the connection timeout and the deadline.
    void connect(const std::string& host, const std::string& port, const ExchangeLimits& limits);
    /// Writes the request and reads the response head; on a kept-alive connection the server had
    /// closed, returns with stale() true instead.
    ReceivedHead exchange(const rest::HttpRequest& request, std::string_view target, std::string_view host_header,
                          const ExchangeLimits& limits);
    /// Appends at most max body bytes to out, at least one unless the body ended (0).
    std::size_t read_some(Bytes& out, std::size_t max, const ExchangeLimits& limits);

    bool stale() const noexcept { return stale_; }
    bool reusable() const noexcept { return socket_.is_open() && exchange_.reusable(); }
    bool body_done() const noexcept { return exchange_.body_done(); }
    /// Closes the socket; idempotent.
    void close() noexcept;

private:
    boost::asio::ip::tcp::socket socket_;
    boost::beast::flat_buffer buffer_;
    Http1Exchange exchange_;
    std::size_t requests_ = 0;
    bool stale_ = false;
};

}  // namespace azcore::transport::detail
