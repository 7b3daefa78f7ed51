#include "transport/beast/http2_connection.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/error.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/ssl/error.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/system/system_error.hpp>

#include <poll.h>

namespace azcore::transport::detail {

Http2Connection::Http2Connection(Http1Connection& carrier, std::shared_ptr<void> owner, std::function<void(Http2Connection*)> ended,
                                 std::function<void(std::ptrdiff_t)> waiting_changed)
    : carrier_(carrier),
      owner_(std::move(owner)),
      ended_(std::move(ended)),
      waiting_changed_(std::move(waiting_changed)),
      in_(Http1Exchange::read_room) {}

Http2Connection::~Http2Connection() = default;

void Http2Connection::start() {
    carrier_.tcp().expires_never();  // each request has its own timer
    flush();
}

void Http2Connection::read() {
    if (reading_ || closed_) return;
    reading_ = true;
    net::co_spawn(carrier_.tcp().get_executor(), [self = shared_from_this()] { return self->read_loop(); }, net::detached);
}

void Http2Connection::pause_reading() {
    // Only the read is pending (the writer is done): cancelling the socket's operations ends it.
    if (reading_ && !writing_ && !closed_ && session_.streams() == 0) carrier_.tcp().cancel();
}

bool Http2Connection::idle_and_closed_by_server() const {
    if (closed_ || reading_ || session_.streams() != 0) return false;
    pollfd entry{.fd = const_cast<Http1Connection&>(carrier_).tcp().socket().native_handle(), .events = POLLIN, .revents = 0};
    return ::poll(&entry, 1, 0) != 0;
}

net::awaitable<ReceivedHead> Http2Connection::exchange(std::shared_ptr<const rest::HttpRequest> request, std::string_view authority,
                                                       std::string_view path, ExchangeLimits limits, std::int32_t* id,
                                                       std::chrono::steady_clock::time_point start, bool reused,
                                                       const rest::TransferTimings& connecting) {
    *id = session_.submit(std::move(request), "https", authority, path);
    session_.start_try(*id, start, reused, connecting);
    report_waiting();
    read();
    flush();
    while (!session_.head_ready(*id)) co_await wait(*id, limits);
    co_return session_.head(*id);
}

net::awaitable<std::size_t> Http2Connection::read_some(std::int32_t id, Bytes& out, std::size_t max, ExchangeLimits limits) {
    for (;;) {
        if (const std::optional<std::size_t> got = after_read(session_.read(id, out, max))) co_return *got;
        co_await wait(id, limits);
    }
}

std::optional<std::size_t> Http2Connection::after_read(std::optional<std::size_t> got) {
    if (got && *got != 0) flush();  // the window the reader opened (WINDOW_UPDATE), when due
    return got;
}

net::awaitable<void> Http2Connection::wait(std::int32_t id, const ExchangeLimits& limits) {
    boost::asio::steady_timer timer(carrier_.tcp().get_executor());
    bool by_deadline = false;
    timer.expires_after(limits.next(limits.read_timeout, &by_deadline));
    waiting_[id] = &timer;
    const auto [error] = co_await timer.async_wait(net::as_tuple(net::use_awaitable));
    waiting_.erase(id);
    if ((co_await net::this_coro::cancellation_state).cancelled() != net::cancellation_type::none)
        throw boost::system::system_error(net::error::operation_aborted);
    if (error) co_return;  // news of the stream (the waker cancelled the timer)
    const TransferPhase phase = session_.phase(id);
    session_.fail(id, by_deadline ? deadline_error(phase) : read_timeout_error(limits.read_timeout, phase));
    flush();
}

void Http2Connection::release(std::int32_t id) {
    session_.release(id);
    report_waiting();
    flush();
    if (!accepts_streams() && session_.streams() == 0) close();
    pause_reading();
}

void Http2Connection::flush() {
    if (writing_ || closed_ || !session_.wants_write()) return;
    writing_ = true;
    net::co_spawn(carrier_.tcp().get_executor(), [self = shared_from_this()] { return self->write_loop(); }, net::detached);
}

net::awaitable<void> Http2Connection::write_loop() {
    for (;;) {
        // Behind the completions that are ready now, so that one write carries the frames of all
        // the requests they start (see Http1Connection::exchange).
        co_await net::post(net::use_awaitable);
        if (closed_) break;
        const std::span<const std::uint8_t> out = session_.to_write();
        if (out.empty()) break;
        boost::system::error_code error;
        co_await net::async_write(carrier_.tls_stream(), net::buffer(out.data(), out.size()), net::redirect_error(net::use_awaitable, error));
        report_waiting();  // the requests that went out
        if (error) {
            session_.ended(error, error.message());
            break;
        }
    }
    writing_ = false;
    wake();
    pause_reading();
}

net::awaitable<void> Http2Connection::read_loop() {
    // While requests are on the connection: a read pending on an idle connection would keep its
    // io_context's run() from returning (pause_reading() cancels it).
    while (!closed_) {
        boost::system::error_code error;
        const std::size_t n =
            co_await carrier_.tls_stream().async_read_some(net::buffer(in_), net::redirect_error(net::use_awaitable, error));
        if (n != 0) session_.received(std::span<const std::uint8_t>(in_.data(), n));
        if (error == net::error::operation_aborted && !closed_) {
            if (session_.streams() == 0) break;  // paused
            continue;                            // a request came meanwhile
        }
        if (error) {
            const bool closed_by_server = error == net::error::eof || error == boost::asio::ssl::error::stream_truncated;
            session_.ended(error, closed_by_server ? "the server closed the connection" : error.message());
        }
        wake();  // ends the connection (finish) when the session failed
        if (!session_.alive()) break;
        flush();
    }
    reading_ = false;
}

void Http2Connection::report_waiting() {
    const std::size_t now = session_.waiting();
    if (now == waiting_reported_) return;
    if (waiting_changed_) waiting_changed_(static_cast<std::ptrdiff_t>(now) - static_cast<std::ptrdiff_t>(waiting_reported_));
    waiting_reported_ = now;
}

void Http2Connection::wake() {
    report_waiting();  // streams refused, reset or failed
    for (const std::int32_t id : session_.take_changed())
        if (const auto found = waiting_.find(id); found != waiting_.end()) found->second->cancel();
    if (!session_.alive() || !session_.accepts_streams()) {
        if (!session_.alive()) {
            for (auto& [id, timer] : waiting_) timer->cancel();
        }
        finish();
    }
}

void Http2Connection::finish() {
    if (finished_) return;
    finished_ = true;
    if (ended_) ended_(this);
}

void Http2Connection::close() noexcept {
    if (closed_) return;
    closed_ = true;
    session_.ended(std::make_error_code(std::errc::connection_aborted), "the connection was closed");
    // The socket only: the reader's and writer's pending operations end (aborted) before the TLS
    // stream goes, with the carrier.
    boost::system::error_code ignored;
    carrier_.tcp().socket().close(ignored);
    for (auto& [id, timer] : waiting_) timer->cancel();
    report_waiting();
    finish();
}

}  // namespace azcore::transport::detail
