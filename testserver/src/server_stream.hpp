#pragma once

#include <boost/asio/async_result.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/ssl/stream.hpp>

#include <optional>

namespace azcore::testserver::detail {

/// A server-side connection, plain TCP or TLS over TCP, usable with Asio and Beast algorithms.
class ServerStream {
public:
    using executor_type = boost::asio::any_io_executor;
    using Socket = boost::asio::ip::tcp::socket;

    /// tls null: plain TCP. plain_too (with tls): a client that does not start with a TLS
    /// handshake is served in plain TCP.
    ServerStream(Socket socket, boost::asio::ssl::context* tls, bool plain_too = false);

    executor_type get_executor() { return lowest().get_executor(); }
    Socket& lowest() { return tls_ ? tls_->next_layer() : *plain_; }
    bool is_tls() const { return tls_.has_value(); }

    template <class MutableBuffers, class Token>
    auto async_read_some(const MutableBuffers& buffers, Token&& token) {
        return boost::asio::async_initiate<Token, void(boost::system::error_code, std::size_t)>(
            [this](auto handler, const MutableBuffers& b) {
                if (tls_) {
                    tls_->async_read_some(b, std::move(handler));
                } else {
                    plain_->async_read_some(b, std::move(handler));
                }
            },
            token, buffers);
    }

    template <class ConstBuffers, class Token>
    auto async_write_some(const ConstBuffers& buffers, Token&& token) {
        return boost::asio::async_initiate<Token, void(boost::system::error_code, std::size_t)>(
            [this](auto handler, const ConstBuffers& b) {
                if (tls_) {
                    tls_->async_write_some(b, std::move(handler));
                } else {
                    plain_->async_write_some(b, std::move(handler));
                }
            },
            token, buffers);
    }

    /// TLS server handshake (after turning plain when plain_too and the client's first byte
    /// does not start one); no-op for plain TCP. Returns false on failure.
    boost::asio::awaitable<bool> handshake();
    /// Orderly end: TLS close_notify (without waiting for the peer's), then TCP FIN and close.
    boost::asio::awaitable<void> graceful_close();
    /// Aborts the connection with a TCP RST (SO_LINGER 0, then close).
    void reset();
    /// Closes the socket at once; pending operations fail.
    void close();

private:
    bool plain_too_ = false;
    std::optional<Socket> plain_;
    std::optional<boost::asio::ssl::stream<Socket>> tls_;
};

}  // namespace azcore::testserver::detail
