#include "server_stream.hpp"

#include <openssl/ssl.h>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/use_awaitable.hpp>

namespace azcore::testserver::detail {

namespace asio = boost::asio;

ServerStream::ServerStream(Socket socket, asio::ssl::context* tls, bool plain_too) : plain_too_(plain_too) {
    if (tls != nullptr) {
        tls_.emplace(std::move(socket), *tls);
    } else {
        plain_.emplace(std::move(socket));
    }
}

asio::awaitable<bool> ServerStream::handshake() {
    if (!tls_) co_return true;
    if (plain_too_) {
        // A TLS record starts with 0x16 (handshake); anything else is taken for plain HTTP.
        unsigned char first = 0;
        auto [ec, n] = co_await tls_->next_layer().async_receive(asio::buffer(&first, 1), Socket::message_peek,
                                                                 asio::as_tuple(asio::use_awaitable));
        if (ec || n != 1) co_return false;
        if (first != 0x16) {
            plain_.emplace(std::move(tls_->next_layer()));
            tls_.reset();
            co_return true;
        }
    }
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
