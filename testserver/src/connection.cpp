#include "connection.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/asio/write.hpp>

#include <array>

#include "request_reader.hpp"
#include "routes.hpp"

namespace azcore::testserver::detail {

namespace asio = boost::asio;

namespace {
constexpr auto awaitable_tuple = asio::as_tuple(asio::use_awaitable);

Reply read_error_reply(unsigned status) {
    switch (status) {
        case 413: return error_reply(status, "RequestBodyTooLarge", "the request body exceeds 256 MiB");
        case 431: return error_reply(status, "RequestHeaderFieldsTooLarge", "the request header exceeds 1 MiB");
        default: return error_reply(status, "BadRequest", "the request could not be parsed");
    }
}
}  // namespace

Connection::Connection(asio::ip::tcp::socket socket, asio::ssl::context* tls, ServerState& state, bool plain_too)
    : executor_(socket.get_executor()), stream_(std::move(socket), tls, plain_too), state_(state), timer_(executor_) {}

void Connection::start(std::shared_ptr<Connection> connection) {
    boost::system::error_code ec;
    connection->stream_.lowest().set_option(asio::ip::tcp::no_delay(true), ec);
    connection->id_ = connection->state_.connection_opened(connection);
    auto executor = connection->executor_;
    asio::co_spawn(executor, connection->run(), [connection](std::exception_ptr) { connection->finish(); });
}

void Connection::post_close() {
    asio::post(executor_, [self = shared_from_this()] {
        self->closing_ = true;
        self->timer_.cancel();
        self->stream_.close();
    });
}

void Connection::post_wake() {
    asio::post(executor_, [self = shared_from_this()] { self->timer_.cancel(); });
}

void Connection::finish() {
    if (finished_) return;
    finished_ = true;
    state_.end_hold(id_);
    stream_.close();
    state_.connection_closed(id_);
}

asio::awaitable<void> Connection::run() {
    // GCC 12 miscompiles some co_await expressions inside conditions: await into variables.
    bool ready = co_await stream_.handshake();
    if (ready) co_await serve_requests();
    if (!closing_ && stream_.lowest().is_open()) co_await stream_.graceful_close();
}

asio::awaitable<void> Connection::serve_requests() {
    for (;;) {
        ReadOutcome outcome = co_await read_request(stream_, buffer_);
        state_.count_sent(outcome.bytes_written);
        if (closing_) co_return;
        if (!outcome.request) {
            if (outcome.error_status != 0) {
                Request dummy;
                dummy.keep_alive = false;
                bool sent = co_await send(dummy, read_error_reply(outcome.error_status));
                (void)sent;
                co_await drain_then_close();
            }
            co_return;
        }
        Request& request = *outcome.request;
        state_.record(RecordedRequest{request.method, request.target, request.headers,
                                      request.body.substr(0, max_recorded_body), id_, request.body_bytes});
        bool keep_going = co_await dispatch(*this, request);
        if (!keep_going || closing_) co_return;
    }
}

asio::awaitable<bool> Connection::send(const Request& request, Reply reply) {
    const bool keep_alive = request.keep_alive && !closing_ && !state_.stopping();
    std::string head = serialize_head(reply, keep_alive);
    std::string framed;
    std::string_view body = reply.body;
    if (request.method == "HEAD" || status_forbids_body(reply.status)) {
        body = {};
    } else if (reply.chunked) {
        framed = chunked_body(reply.body, reply.chunk_size);
        body = framed;
    }
    std::array<asio::const_buffer, 2> buffers{asio::buffer(head), asio::buffer(body.data(), body.size())};
    [[maybe_unused]] auto [ec, n] = co_await asio::async_write(stream_, buffers, awaitable_tuple);
    state_.count_sent(n);
    co_return !ec && keep_alive;
}

asio::awaitable<bool> Connection::write(std::string_view bytes) {
    [[maybe_unused]] auto [ec, n] =
        co_await asio::async_write(stream_, asio::buffer(bytes.data(), bytes.size()), awaitable_tuple);
    state_.count_sent(n);
    co_return !ec && !closing_;
}

namespace {
// Copies from one side to the other until a read or a write fails (the end of the stream too).
template <class From, class To>
asio::awaitable<void> pump(From& from, To& to) {
    std::array<char, 65536> chunk;
    for (;;) {
        auto [read_ec, n] = co_await from.async_read_some(asio::buffer(chunk), awaitable_tuple);
        if (n != 0) {
            auto [write_ec, written] = co_await asio::async_write(to, asio::buffer(chunk.data(), n), awaitable_tuple);
            if (write_ec) co_return;
        }
        if (read_ec) co_return;
    }
}
}  // namespace

asio::awaitable<void> Connection::relay(asio::ip::tcp::socket& upstream) {
    using namespace asio::experimental::awaitable_operators;
    if (buffer_.size() != 0) {
        auto [ec, n] = co_await asio::async_write(upstream, buffer_.data(), awaitable_tuple);
        buffer_.consume(n);
        if (ec) co_return;
    }
    // Whichever direction ends first cancels the other.
    co_await (pump(stream_, upstream) || pump(upstream, stream_));
}

asio::awaitable<bool> Connection::sleep(std::chrono::milliseconds duration) {
    if (closing_) co_return false;
    timer_.expires_after(duration);
    [[maybe_unused]] auto [ec] = co_await timer_.async_wait(awaitable_tuple);
    co_return !closing_;
}

asio::awaitable<bool> Connection::wait_for_wake() {
    if (closing_) co_return false;
    timer_.expires_at(asio::steady_timer::time_point::max());
    [[maybe_unused]] auto [ec] = co_await timer_.async_wait(awaitable_tuple);
    co_return !closing_;
}

asio::awaitable<void> Connection::drain_then_close() {
    // Closing with unread input would reset the connection and could destroy the error response
    // before the client reads it: half-close, then read what the client still sends, for a while.
    boost::system::error_code ec;
    stream_.lowest().shutdown(asio::ip::tcp::socket::shutdown_send, ec);
    timer_.expires_after(std::chrono::seconds(1));
    timer_.async_wait([self = shared_from_this()](boost::system::error_code wait_ec) {
        if (!wait_ec) self->stream_.close();
    });
    co_await wait_for_peer_close();
    timer_.cancel();
    stream_.close();
}

asio::awaitable<void> Connection::wait_for_peer_close() {
    std::array<char, 65536> sink;
    for (;;) {
        [[maybe_unused]] auto [ec, n] = co_await stream_.async_read_some(asio::buffer(sink), awaitable_tuple);
        if (ec || closing_) co_return;
    }
}

}  // namespace azcore::testserver::detail
