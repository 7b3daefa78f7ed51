#include "transport/beast/http1_connection.hpp"

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>

#include "transport/beast/tls_contexts.hpp"

#include <openssl/x509.h>

#include <stdexcept>
#include <string>

namespace azcore::transport::detail {

namespace http = boost::beast::http;

bool Http1Connection::arm(const ExchangeLimits& limits, double timeout) {
    bool by_deadline = false;
    stream().expires_after(limits.next(timeout, &by_deadline));
    return by_deadline;
}

net::awaitable<void> Http1Connection::connect(std::string host, std::string port, ExchangeLimits limits,
                                              std::shared_ptr<boost::asio::ssl::context> tls) {
    boost::system::error_code error;
    net::ip::tcp::resolver resolver(stream().get_executor());
    const auto endpoints = co_await resolver.async_resolve(host, port, net::redirect_error(net::use_awaitable, error));
    if (error) std::rethrow_exception(Http1Exchange::connect_failure(error, limits, false, host, port));
    exchange_.name_resolved();
    const bool by_deadline = arm(limits, limits.connection_timeout);
    co_await stream().async_connect(endpoints, net::redirect_error(net::use_awaitable, error));
    if (error) std::rethrow_exception(Http1Exchange::connect_failure(error, limits, by_deadline, host, port));
    stream().socket().set_option(net::ip::tcp::no_delay(true));
    exchange_.connected();
    if (!tls) co_return;
    tls_context_ = std::move(tls);
    tls_.emplace(stream(), *tls_context_);
    prepare_tls(*tls_, host);
    const bool handshake_by_deadline = arm(limits, limits.connection_timeout);
    co_await tls_->async_handshake(boost::asio::ssl::stream_base::client, net::redirect_error(net::use_awaitable, error));
    if (!error) {
        exchange_.tls_done();
        co_return;
    }
    const long verified = SSL_get_verify_result(tls_->native_handle());
    // host_name_verification refuses a certificate for another name without an X.509 reason.
    const std::string detail = verified == X509_V_OK                ? std::string()
                               : verified == X509_V_ERR_UNSPECIFIED ? "the certificate is not for '" + host + "'"
                                                                     : X509_verify_cert_error_string(verified);
    close();
    std::rethrow_exception(Http1Exchange::tls_failure(error, limits, handshake_by_deadline, host, port, detail));
}

net::awaitable<ReceivedHead> Http1Connection::exchange(const rest::HttpRequest& request, std::string_view target,
                                                       std::string_view host_header, ExchangeLimits limits) {
    stale_ = false;
    Http1Exchange::Next next = exchange_.begin(request, target, host_header, requests_++);
    boost::system::error_code error;
    for (;;) {
        switch (next) {
            case Http1Exchange::Next::write: {
                const bool by_deadline = arm(limits, limits.read_timeout);
                if (tls_) co_await http::async_write(*tls_, exchange_.serializer(), net::redirect_error(net::use_awaitable, error));
                else co_await http::async_write(stream(), exchange_.serializer(), net::redirect_error(net::use_awaitable, error));
                next = exchange_.written(error, limits, by_deadline);
                break;
            }
            case Http1Exchange::Next::read_head: {
                const bool by_deadline = arm(limits, limits.read_timeout);
                const std::size_t read = co_await read_into_parser(error);
                exchange_.head_bytes(read);  // what the parser consumed: the head's bytes (no body room yet)
                next = exchange_.head_read(error, limits, by_deadline);
                break;
            }
            case Http1Exchange::Next::stale:
                stale_ = true;
                close();
                co_return ReceivedHead{};
            case Http1Exchange::Next::head_done:
                co_return exchange_.head();
        }
    }
}

net::awaitable<std::size_t> Http1Connection::read_some(Bytes& out, std::size_t max, ExchangeLimits limits) {
    if (!exchange_.body_room(out, max, buffer_.size())) co_return 0;
    boost::system::error_code error;
    for (;;) {
        const bool by_deadline = arm(limits, limits.read_timeout);
        co_await read_into_parser(error);
        std::size_t got = 0;
        try {
            got = exchange_.body_read(error, out, limits, by_deadline);
        } catch (...) {
            close();
            throw;
        }
        if (got != 0 || exchange_.body_done()) co_return got;
    }
}

std::optional<std::size_t> Http1Connection::read_ready(Bytes& out, std::size_t max, const ExchangeLimits& limits) {
    if (exchange_.body_done()) return 0;
    if (buffer_.size() == 0) return std::nullopt;
    if (!exchange_.body_room(out, max, buffer_.size())) return 0;
    boost::system::error_code error;
    const std::size_t used = exchange_.parser().put(buffer_.data(), error);
    buffer_.consume(used);
    std::size_t got = 0;
    try {
        got = exchange_.body_read(error, out, limits, false);
    } catch (...) {
        close();
        throw;
    }
    if (got == 0 && !exchange_.body_done()) {
        exchange_.drop_room(out);
        return std::nullopt;
    }
    return got;
}

net::awaitable<std::size_t> Http1Connection::read_into_parser(boost::system::error_code& error) {
    if (tls_) co_return co_await http::async_read_some(*tls_, buffer_, exchange_.parser(), net::redirect_error(net::use_awaitable, error));
    co_return co_await http::async_read_some(stream(), buffer_, exchange_.parser(), net::redirect_error(net::use_awaitable, error));
}

boost::beast::tcp_stream& Http1Connection::stream() {
    if (!stream_) throw std::logic_error("AsyncBeastTransport: its io_context was destroyed");
    return *stream_;
}

void Http1Connection::close() noexcept {
    tls_.reset();
    if (!stream_) return;
    boost::system::error_code ignored;
    stream_->socket().shutdown(net::ip::tcp::socket::shutdown_both, ignored);
    stream_->socket().close(ignored);
}

void Http1Connection::drop() noexcept {
    tls_.reset();
    stream_.reset();
}

}  // namespace azcore::transport::detail
