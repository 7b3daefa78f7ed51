#include "transport/beast/http1_connection.hpp"

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/empty_body.hpp>
#include <boost/asio/ssl/error.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/buffers_suffix.hpp>

#include "transport/beast/tls_contexts.hpp"


#include <poll.h>

#include <stdexcept>
#include <string>

namespace azcore::transport::detail {

namespace http = boost::beast::http;

bool Http1Connection::arm(const ExchangeLimits& limits, double timeout) {
    bool by_deadline = false;
    stream().expires_after(limits.next(timeout, &by_deadline));
    return by_deadline;
}

net::awaitable<void> Http1Connection::connect(const std::string& host, const std::string& port, const ExchangeLimits& limits,
                                              std::shared_ptr<boost::asio::ssl::context> tls, const std::optional<ProxyRoute>& proxy,
                                              bool offer_h2) {
    boost::system::error_code error;
    net::ip::tcp::resolver resolver(stream().get_executor());
    const std::string peer_host = proxy ? proxy->host : host;
    const std::string peer_port = proxy ? proxy->port : port;
    const auto endpoints = co_await resolver.async_resolve(peer_host, peer_port, net::redirect_error(net::use_awaitable, error));
    if (error) std::rethrow_exception(Http1Exchange::connect_failure(error, limits, false, peer_host, peer_port));
    exchange_.name_resolved();
    const bool by_deadline = arm(limits, limits.connection_timeout);
    co_await stream().async_connect(endpoints, net::redirect_error(net::use_awaitable, error));
    if (error) std::rethrow_exception(Http1Exchange::connect_failure(error, limits, by_deadline, peer_host, peer_port));
    stream().socket().set_option(net::ip::tcp::no_delay(true));
    exchange_.connected();
    if (!tls) {
        stream().socket().non_blocking(true);  // receive_now() returns would_block, not waits
        co_return;
    }
    if (proxy) {
        // A tunnel to host:port through the proxy, within what is left of the connection timeout.
        const std::string target = tunnel_target(host, port);
        const std::string request = Http1Exchange::connect_request(target, *proxy);
        co_await net::async_write(stream(), net::buffer(request), net::redirect_error(net::use_awaitable, error));
        http::response_parser<http::empty_body> answer;
        answer.skip(true);  // a 2xx answer to CONNECT has no body: the tunnel follows
        if (!error) co_await http::async_read_header(stream(), buffer_, answer, net::redirect_error(net::use_awaitable, error));
        const unsigned status = error ? 0 : answer.get().result_int();
        if (error || status / 100 != 2) {
            const std::string reason = error ? std::string() : std::string(answer.get().reason());
            close();
            std::rethrow_exception(Http1Exchange::tunnel_failure(error, status, reason, limits, by_deadline, target));
        }
    }
    tls_context_ = std::move(tls);
    tls_.emplace(stream(), *tls_context_);
    prepare_tls(*tls_, host);
    if (offer_h2) offer_http2(tls_->native_handle());
    const bool handshake_by_deadline = arm(limits, limits.connection_timeout);
    co_await tls_->async_handshake(boost::asio::ssl::stream_base::client, net::redirect_error(net::use_awaitable, error));
    if (!error) {
        exchange_.tls_done();
        h2_ = took_http2(tls_->native_handle());
        co_return;
    }
    const std::string detail = verify_failure_of(tls_->native_handle(), host);
    close();
    std::rethrow_exception(Http1Exchange::tls_failure(error, limits, handshake_by_deadline, host, port, detail));
}

net::awaitable<ReceivedHead> Http1Connection::exchange(const rest::HttpRequest& request, std::string_view target,
                                                       std::string_view host_header, const ExchangeLimits& limits) {
    Http1Exchange::Next next = exchange_.begin(request, target, host_header, requests_++);
    boost::system::error_code error;
    for (;;) {
        switch (next) {
            case Http1Exchange::Next::write: {
                // Behind the completions that are ready now: a thread that finishes a batch of
                // responses then sends the next requests together, and a server woken by the first
                // finds the others waiting, instead of being woken (and sleeping again) for each.
                // Measured at 64 in flight on a loaded machine: nginx spent about 20% less CPU per
                // request, and azcore went from about 18k to 23k requests a second (raw curl multi
                // 25k-27k; docs/PERFORMANCE.md, "Issue 14, seventh session").
                co_await net::post(net::use_awaitable);
                // Over plain TCP what the socket takes at once goes without a timer or the
                // reactor (a request's head and a small body: all of it); the rest waits. After a
                // whole write, one turn of the scheduler before the answer is read, as a waited
                // write's completion took: the answer is a round trip away, and a read at once
                // finds nothing more often (decisions.md).
                const std::size_t sent = tls_ ? 0 : send_now(error);
                bool by_deadline = false;
                if (!error && sent == net::buffer_size(exchange_.to_write())) {
                    co_await net::post(net::use_awaitable);
                } else if (!error) {
                    by_deadline = arm(limits, limits.read_timeout);
                    boost::beast::buffers_suffix<std::span<const net::const_buffer>> rest(exchange_.to_write());
                    rest.consume(sent);
                    if (tls_) co_await net::async_write(*tls_, rest, net::redirect_error(net::use_awaitable, error));
                    else co_await net::async_write(stream(), rest, net::redirect_error(net::use_awaitable, error));
                }
                next = exchange_.written(error, limits, by_deadline);
                break;
            }
            case Http1Exchange::Next::read_head: {
                const bool by_deadline = arm(limits, limits.read_timeout);
                if (exchange_.needs_bytes(buffer_)) error = co_await receive();
                else error = exchange_.parse(buffer_, false);
                next = exchange_.head_read(error, limits, by_deadline);
                break;
            }
            case Http1Exchange::Next::head_done:
                co_return exchange_.head();
        }
    }
}

net::awaitable<std::size_t> Http1Connection::read_some(Bytes& out, std::size_t max, const ExchangeLimits& limits) {
    if (!exchange_.body_room(out, max, buffer_.size())) co_return 0;
    boost::system::error_code error;
    for (;;) {
        const bool by_deadline = arm(limits, limits.read_timeout);
        if (exchange_.needs_bytes(buffer_)) error = co_await receive();
        else error = exchange_.parse(buffer_, false);
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
    // Bytes are needed: when the last read filled its room, more are likely waiting in the socket,
    // and a read that does not wait takes them without the reactor, a timer or a coroutine.
    const bool read_socket = exchange_.needs_bytes(buffer_);
    if (read_socket && (!more_waiting_ || tls_)) return std::nullopt;
    if (!exchange_.body_room(out, max, buffer_.size())) return 0;
    const boost::system::error_code error = read_socket ? receive_now() : exchange_.parse(buffer_, false);
    if (read_socket && error == net::error::would_block) {
        exchange_.drop_room(out);
        return std::nullopt;
    }
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

net::awaitable<boost::system::error_code> Http1Connection::receive() {
    boost::system::error_code error;
    const ReadRoom room = read_room();
    std::size_t n = 0;
    if (tls_) n = co_await tls_->async_read_some(room.bytes, net::redirect_error(net::use_awaitable, error));
    else n = co_await stream().async_read_some(room.bytes, net::redirect_error(net::use_awaitable, error));
    co_return received(room, n, error);
}

boost::system::error_code Http1Connection::receive_now() {
    boost::system::error_code error;
    const ReadRoom room = read_room();
    const std::size_t n = stream().socket().read_some(room.bytes, error);  // the socket does not block (connect())
    return received(room, n, error);
}

std::size_t Http1Connection::send_now(boost::system::error_code& error) {
    const std::size_t n = stream().socket().write_some(exchange_.to_write(), error);  // does not block (connect())
    if (error == net::error::would_block) error = {};
    return error ? 0 : n;
}

Http1Connection::ReadRoom Http1Connection::read_room() {
    // Body bytes straight into the caller's room when they may go there (no copy), else the buffer.
    const net::mutable_buffer direct = exchange_.direct_room(buffer_.size());
    if (direct.size() != 0) return {direct, true};
    return {buffer_.prepare(Http1Exchange::read_room), false};
}

boost::system::error_code Http1Connection::received(const ReadRoom& room, std::size_t n, const boost::system::error_code& error) {
    if (!room.direct) buffer_.commit(n);
    more_waiting_ = !error && n == room.bytes.size();
    const bool eof = error == net::error::eof || error == boost::asio::ssl::error::stream_truncated;
    if (error && !eof) return error;
    return room.direct ? exchange_.parse_direct(n, eof) : exchange_.parse(buffer_, eof);
}

boost::beast::tcp_stream& Http1Connection::stream() {
    if (!stream_) throw std::logic_error("AsyncBeastTransport: its io_context was destroyed");
    return *stream_;
}

bool Http1Connection::alive() const noexcept {
    if (!stream_ || !stream_->socket().is_open() || buffer_.size() != 0) return false;
    pollfd entry{.fd = const_cast<boost::beast::tcp_stream&>(*stream_).socket().native_handle(), .events = POLLIN, .revents = 0};
    return ::poll(&entry, 1, 0) == 0;  // readable: the server closed it (or sent what nobody asked for)
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
