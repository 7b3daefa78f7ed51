#include "transport/beast/blocking_connection.hpp"

#include <boost/asio/connect.hpp>
#include <boost/beast/core/error.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/empty_body.hpp>
#include <boost/asio/ssl/error.hpp>
#include <boost/asio/write.hpp>

#include "transport/beast/tls_contexts.hpp"

#include <poll.h>
#include <sys/socket.h>

#include <cerrno>
#include <string>

namespace azcore::transport::detail {
namespace {

namespace net = boost::asio;
namespace http = boost::beast::http;
using Clock = std::chrono::steady_clock;

}  // namespace

std::size_t TimedSocket::timed_out(boost::system::error_code& error) {
    error = boost::beast::error::timeout;
    return 0;
}

bool TimedSocket::wait(bool readable, boost::system::error_code& error) { return wait(socket_, readable, limit_, error); }

bool TimedSocket::wait(net::ip::tcp::socket& socket, bool readable, Clock::duration limit, boost::system::error_code& error) {
    error = {};
    const auto until = Clock::now() + limit;
    for (;;) {
        const auto left = std::chrono::ceil<std::chrono::milliseconds>(until - Clock::now()).count();
        if (left <= 0) {
            error = boost::beast::error::timeout;
            return false;
        }
        pollfd entry{.fd = socket.native_handle(), .events = static_cast<short>(readable ? POLLIN : POLLOUT), .revents = 0};
        const int ready = ::poll(&entry, 1, static_cast<int>(std::min<long long>(left, 1 << 30)));
        if (ready > 0) return true;
        if (ready < 0 && errno != EINTR) {
            error.assign(errno, boost::system::system_category());
            return false;
        }
    }
}

void BlockingConnection::connect(const std::string& host, const std::string& port, const ExchangeLimits& limits,
                                 std::shared_ptr<boost::asio::ssl::context> tls, const std::optional<ProxyRoute>& proxy,
                                 bool offer_h2) {
    boost::system::error_code error;
    net::ip::tcp::resolver resolver(socket_.get_executor());
    const std::string& peer_host = proxy ? proxy->host : host;
    const std::string& peer_port = proxy ? proxy->port : port;
    const auto endpoints = resolver.resolve(peer_host, peer_port, error);
    if (error) std::rethrow_exception(Http1Exchange::connect_failure(error, limits, false, peer_host, peer_port));
    exchange_.name_resolved();
    bool by_deadline = false;
    const auto until = Clock::now() + limits.next(limits.connection_timeout, &by_deadline);
    for (const auto& entry : endpoints) {
        error = {};
        socket_.close(error);
        socket_.open(entry.endpoint().protocol(), error);
        if (error) continue;
        socket_.non_blocking(true, error);
        // ::connect, not the socket's: Asio's blocking connect waits for the kernel's own timeout.
        const auto endpoint = entry.endpoint();
        if (::connect(socket_.native_handle(), endpoint.data(), static_cast<socklen_t>(endpoint.size())) != 0)
            error.assign(errno, boost::system::system_category());
        if (error == net::error::in_progress || error == net::error::would_block) {
            error = {};
            if (TimedSocket::wait(socket_, false, until - Clock::now(), error)) {
                int result = 0;
                socklen_t length = sizeof result;
                ::getsockopt(socket_.native_handle(), SOL_SOCKET, SO_ERROR, &result, &length);
                if (result != 0) error.assign(result, boost::system::system_category());
            }
        }
        if (!error) {
            socket_.set_option(net::ip::tcp::no_delay(true), error);
            exchange_.connected();
            if (tls && proxy) tunnel(host, port, limits, until, *proxy);
            if (tls) handshake(host, port, limits, until, std::move(tls), offer_h2);
            return;
        }
        if (error == boost::beast::error::timeout) break;
    }
    socket_.close();
    std::rethrow_exception(Http1Exchange::connect_failure(error, limits, by_deadline, peer_host, peer_port));
}

void BlockingConnection::tunnel(const std::string& host, const std::string& port, const ExchangeLimits& limits,
                                Clock::time_point until, const ProxyRoute& proxy) {
    const std::string target = tunnel_target(host, port);
    const std::string request = Http1Exchange::connect_request(target, proxy);
    boost::system::error_code error;
    timed_.set_limit(until - Clock::now());
    net::write(timed_, net::buffer(request), error);
    http::response_parser<http::empty_body> answer;
    answer.skip(true);  // a 2xx answer to CONNECT has no body: the tunnel follows
    if (!error) http::read_header(timed_, buffer_, answer, error);
    bool by_deadline = false;
    limits.next(limits.connection_timeout, &by_deadline);
    const unsigned status = error ? 0 : answer.get().result_int();
    if (!error && status / 100 == 2) return;
    close();
    const std::string reason = error ? std::string() : std::string(answer.get().reason());
    std::rethrow_exception(Http1Exchange::tunnel_failure(error, status, reason, limits, by_deadline, target));
}

void BlockingConnection::handshake(const std::string& host, const std::string& port, const ExchangeLimits& limits,
                                   Clock::time_point until, std::shared_ptr<boost::asio::ssl::context> tls, bool offer_h2) {
    tls_context_ = std::move(tls);
    tls_.emplace(timed_, *tls_context_);
    prepare_tls(*tls_, host);
    if (offer_h2) offer_http2(tls_->native_handle());
    timed_.set_limit(until - Clock::now());
    boost::system::error_code error;
    tls_->handshake(boost::asio::ssl::stream_base::client, error);
    if (!error) {
        exchange_.tls_done();
        if (took_http2(tls_->native_handle())) {
            h2_ = std::make_unique<Http2Session>();
            h2_in_.resize(Http1Exchange::read_room);
        }
        return;
    }
    const std::string detail = verify_failure_of(tls_->native_handle(), host);
    bool by_deadline = false;
    limits.next(limits.connection_timeout, &by_deadline);
    close();
    std::rethrow_exception(Http1Exchange::tls_failure(error, limits, by_deadline, host, port, detail));
}

ReceivedHead BlockingConnection::exchange(const std::shared_ptr<rest::HttpRequest>& request, std::string_view target,
                                          std::string_view host_header, const ExchangeLimits& limits) {
    if (h2_) return exchange_h2(request, target, host_header, limits);
    Http1Exchange::Next next = exchange_.begin(*request, target, host_header, requests_++);
    boost::system::error_code error;
    for (;;) {
        bool by_deadline = false;
        switch (next) {
            case Http1Exchange::Next::write: {
                timed_.set_limit(limits.next(limits.read_timeout, &by_deadline));
                with_stream([&](auto& stream) { net::write(stream, exchange_.to_write(), error); });
                if (!error) timed_.wait_before_next_read();
                next = exchange_.written(error, limits, by_deadline);
                break;
            }
            case Http1Exchange::Next::read_head: {
                timed_.set_limit(limits.next(limits.read_timeout, &by_deadline));
                error = exchange_.needs_bytes(buffer_) ? receive() : exchange_.parse(buffer_, false);
                next = exchange_.head_read(error, limits, by_deadline);
                break;
            }
            case Http1Exchange::Next::head_done:
                return exchange_.head();
        }
    }
}

ReceivedHead BlockingConnection::exchange_h2(const std::shared_ptr<rest::HttpRequest>& request, std::string_view target,
                                             std::string_view host_header, const ExchangeLimits& limits) {
    if (stream_ != 0) h2_->release(std::exchange(stream_, 0));
    stream_ = h2_->submit(request, "https", host_header, target);
    h2_->start_try(stream_, exchange_.try_start(), requests_++ > 0, exchange_.timings_so_far());
    while (!h2_->head_ready(stream_)) pump_h2(limits);
    return h2_->head(stream_);
}

void BlockingConnection::pump_h2(const ExchangeLimits& limits) {
    bool by_deadline = false;
    timed_.set_limit(limits.next(limits.read_timeout, &by_deadline));
    boost::system::error_code error;
    const std::span<const std::uint8_t> out = h2_->to_write();
    if (!out.empty()) net::write(*tls_, net::buffer(out.data(), out.size()), error);
    std::size_t n = 0;
    if (!error) n = tls_->read_some(net::buffer(h2_in_), error);
    if (n != 0) h2_->received(std::span<const std::uint8_t>(h2_in_.data(), n));
    if (error == boost::beast::error::timeout) {
        const TransferPhase phase = h2_->phase(stream_);
        h2_->fail(stream_, by_deadline ? deadline_error(phase, error) : read_timeout_error(limits.read_timeout, phase, error));
        close();
    } else if (error) {
        const bool closed_by_server = error == net::error::eof || error == boost::asio::ssl::error::stream_truncated;
        h2_->ended(error, closed_by_server ? "the server closed the connection" : error.message());
        close();
    }
}

std::size_t BlockingConnection::read_some(Bytes& out, std::size_t max, const ExchangeLimits& limits) {
    if (h2_) {
        for (;;) {
            std::optional<std::size_t> got;
            try {
                got = h2_->read(stream_, out, max);
            } catch (...) {
                if (!only_the_stream_failed()) close();
                throw;
            }
            if (got) return *got;
            pump_h2(limits);
        }
    }
    if (!exchange_.body_room(out, max, buffer_.size())) return 0;
    boost::system::error_code error;
    for (;;) {
        bool by_deadline = false;
        timed_.set_limit(limits.next(limits.read_timeout, &by_deadline));
        error = exchange_.needs_bytes(buffer_) ? receive() : exchange_.parse(buffer_, false);
        std::size_t got = 0;
        try {
            got = exchange_.body_read(error, out, limits, by_deadline);
        } catch (...) {
            close();
            throw;
        }
        if (got != 0 || exchange_.body_done()) return got;
    }
}

boost::system::error_code BlockingConnection::receive() {
    boost::system::error_code error;
    const net::mutable_buffer direct = exchange_.direct_room(buffer_.size());
    const std::size_t n = with_stream([&](auto& stream) {
        return stream.read_some(direct.size() != 0 ? direct : buffer_.prepare(Http1Exchange::read_room), error);
    });
    if (direct.size() == 0) buffer_.commit(n);
    const bool eof = error == net::error::eof || error == boost::asio::ssl::error::stream_truncated;
    if (error && !eof) return error;
    return direct.size() != 0 ? exchange_.parse_direct(n, eof) : exchange_.parse(buffer_, eof);
}

bool BlockingConnection::alive() noexcept {
    if (!socket_.is_open() || buffer_.size() != 0) return false;
    pollfd entry{.fd = socket_.native_handle(), .events = POLLIN, .revents = 0};
    if (::poll(&entry, 1, 0) == 0) return h2_ == nullptr || h2_->accepts_streams();
    if (!h2_) return false;  // readable: the server closed it (or sent what nobody asked for)
    // HTTP/2: frames the server may send at any time (SETTINGS, PING, GOAWAY), or its close.
    timed_.set_limit(std::chrono::milliseconds(1));
    boost::system::error_code error;
    const std::size_t n = tls_->read_some(net::buffer(h2_in_), error);
    if (n != 0) h2_->received(std::span<const std::uint8_t>(h2_in_.data(), n));
    return (!error || error == boost::beast::error::timeout) && h2_->accepts_streams();
}

void BlockingConnection::close() noexcept {
    tls_.reset();
    boost::system::error_code ignored;
    socket_.shutdown(net::ip::tcp::socket::shutdown_both, ignored);
    socket_.close(ignored);
}

}  // namespace azcore::transport::detail
