#include "server_stream.hpp"

#include <openssl/ssl.h>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/use_awaitable.hpp>

namespace azcore::testserver::detail {

namespace asio = boost::asio;

ServerStream::ServerStream(Socket socket, asio::ssl::context* tls) {
    if (tls != nullptr) {
        tls_.emplace(std::move(socket), *tls);
    } else {
        plain_.emplace(std::move(socket));
    }
}

asio::awaitable<bool> ServerStream::handshake() {
    if (!tls_) co_return true;
    auto [ec] = co_await tls_->async_handshake(asio::ssl::stream_base::server, asio::as_tuple(asio::use_awaitable));
    co_return !ec;
}

asio::awaitable<void> ServerStream::graceful_close() {
    if (tls_ && lowest().is_open()) {
        // Pretend the peer's close_notify arrived so the shutdown only sends ours.
        SSL_set_shutdown(tls_->native_handle(), SSL_RECEIVED_SHUTDOWN);
        co_await tls_->async_shutdown(asio::as_tuple(asio::use_awaitable));
    }
    boost::system::error_code ec;
    lowest().shutdown(Socket::shutdown_send, ec);
    lowest().close(ec);
}

void ServerStream::reset() {
    boost::system::error_code ec;
    lowest().set_option(asio::socket_base::linger(true, 0), ec);
    lowest().close(ec);
}

void ServerStream::close() {
    boost::system::error_code ec;
    lowest().close(ec);
}

}  // namespace azcore::testserver::detail
