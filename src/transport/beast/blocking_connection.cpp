#include "transport/beast/blocking_connection.hpp"

#include <boost/asio/connect.hpp>
#include <boost/beast/core/error.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>

#include <poll.h>
#include <sys/socket.h>

#include <cerrno>

namespace azcore::transport::detail {
namespace {

namespace net = boost::asio;
namespace http = boost::beast::http;
using Clock = std::chrono::steady_clock;

/// Waits until socket is ready for events, at most limit; false with error set otherwise
/// (beast::error::timeout when the limit passed).
bool wait_for(net::ip::tcp::socket& socket, short events, Clock::duration limit, boost::system::error_code& error) {
    const auto until = Clock::now() + limit;
    for (;;) {
        const auto left = std::chrono::ceil<std::chrono::milliseconds>(until - Clock::now()).count();
        if (left <= 0) {
            error = boost::beast::error::timeout;
            return false;
        }
        pollfd entry{.fd = socket.native_handle(), .events = events, .revents = 0};
        const int ready = ::poll(&entry, 1, static_cast<int>(std::min<long long>(left, 1 << 30)));
        if (ready > 0) return true;
        if (ready < 0 && errno != EINTR) {
            error.assign(errno, boost::system::system_category());
            return false;
        }
    }
}

/// A SyncReadStream and SyncWriteStream over a non-blocking socket whose every call waits at
/// most limit for the socket to be ready.
class TimedSocket {
public:
    TimedSocket(net::ip::tcp::socket& socket, Clock::duration limit) : socket_(socket), limit_(limit) {}

    template <class Buffers>
    std::size_t read_some(const Buffers& buffers, boost::system::error_code& error) {
        for (;;) {
            const std::size_t n = socket_.read_some(buffers, error);
            if (error != net::error::would_block && error != net::error::try_again) return n;
            error = {};
            if (!wait_for(socket_, POLLIN, limit_, error)) return 0;
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
    std::size_t write_some(const Buffers& buffers, boost::system::error_code& error) {
        for (;;) {
            const std::size_t n = socket_.write_some(buffers, error);
            if (error != net::error::would_block && error != net::error::try_again) return n;
            error = {};
            if (!wait_for(socket_, POLLOUT, limit_, error)) return 0;
        }
    }
    template <class Buffers>
    std::size_t write_some(const Buffers& buffers) {
        boost::system::error_code error;
        const std::size_t n = write_some(buffers, error);
        if (error) throw boost::system::system_error(error);
        return n;
    }

private:
    net::ip::tcp::socket& socket_;
    Clock::duration limit_;
};

}  // namespace

void BlockingConnection::connect(const std::string& host, const std::string& port, const ExchangeLimits& limits) {
    boost::system::error_code error;
    net::ip::tcp::resolver resolver(socket_.get_executor());
    const auto endpoints = resolver.resolve(host, port, error);
    if (error) std::rethrow_exception(Http1Exchange::connect_failure(error, limits, false, host, port));
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
            if (wait_for(socket_, POLLOUT, until - Clock::now(), error)) {
                int result = 0;
                socklen_t length = sizeof result;
                ::getsockopt(socket_.native_handle(), SOL_SOCKET, SO_ERROR, &result, &length);
                if (result != 0) error.assign(result, boost::system::system_category());
            }
        }
        if (!error) {
            socket_.set_option(net::ip::tcp::no_delay(true), error);
            return;
        }
        if (error == boost::beast::error::timeout) break;
    }
    socket_.close();
    std::rethrow_exception(Http1Exchange::connect_failure(error, limits, by_deadline, host, port));
}

ReceivedHead BlockingConnection::exchange(const rest::HttpRequest& request, std::string_view target, std::string_view host_header,
                                          const ExchangeLimits& limits) {
    stale_ = false;
    Http1Exchange::Next next = exchange_.begin(request, target, host_header, requests_++);
    boost::system::error_code error;
    for (;;) {
        bool by_deadline = false;
        switch (next) {
            case Http1Exchange::Next::write: {
                TimedSocket stream(socket_, limits.next(limits.read_timeout, &by_deadline));
                http::write(stream, exchange_.serializer(), error);
                next = exchange_.written(error, limits, by_deadline);
                break;
            }
            case Http1Exchange::Next::read_head: {
                TimedSocket stream(socket_, limits.next(limits.read_timeout, &by_deadline));
                http::read_some(stream, buffer_, exchange_.parser(), error);
                next = exchange_.head_read(error, limits, by_deadline);
                break;
            }
            case Http1Exchange::Next::stale:
                stale_ = true;
                close();
                return {};
            case Http1Exchange::Next::head_done:
                return exchange_.head();
        }
    }
}

std::size_t BlockingConnection::read_some(Bytes& out, std::size_t max, const ExchangeLimits& limits) {
    if (!exchange_.body_room(out, max, buffer_.size())) return 0;
    boost::system::error_code error;
    for (;;) {
        bool by_deadline = false;
        TimedSocket stream(socket_, limits.next(limits.read_timeout, &by_deadline));
        http::read_some(stream, buffer_, exchange_.parser(), error);
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

void BlockingConnection::close() noexcept {
    boost::system::error_code ignored;
    socket_.shutdown(net::ip::tcp::socket::shutdown_both, ignored);
    socket_.close(ignored);
}

}  // namespace azcore::transport::detail
