#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core/flat_buffer.hpp>

#include <chrono>
#include <memory>
#include <string_view>

#include "reply.hpp"
#include "request.hpp"
#include "server_state.hpp"
#include "server_stream.hpp"

namespace azcore::testserver::detail {

/// One accepted connection: a coroutine on the socket's strand that reads requests and hands
/// them to the routes. The member functions below the control ones are for routes, called from
/// that coroutine only.
class Connection final : public ConnectionControl, public std::enable_shared_from_this<Connection> {
public:
    /// socket's executor must be a strand (or the server single-threaded); tls null: plain TCP;
    /// plain_too: see ServerStream.
    Connection(boost::asio::ip::tcp::socket socket, boost::asio::ssl::context* tls, ServerState& state, bool plain_too = false);

    /// Registers the connection with the state and runs it to its end.
    static void start(std::shared_ptr<Connection> connection);

    void post_close() override;
    void post_wake() override;

    std::size_t id() const { return id_; }
    ServerState& state() { return state_; }
    /// Whether the server is closing this connection.
    bool closing() const { return closing_; }

    /// Writes reply for request (no body for HEAD); returns whether another request may follow.
    boost::asio::awaitable<bool> send(const Request& request, Reply reply);
    /// Writes raw bytes; false on failure.
    boost::asio::awaitable<bool> write(std::string_view bytes);
    /// Waits; false if the connection is closing.
    boost::asio::awaitable<bool> sleep(std::chrono::milliseconds duration);
    /// Waits until post_wake() or closing; false if closing.
    boost::asio::awaitable<bool> wait_for_wake();
    /// Reads and discards until the peer closes or the connection is closed.
    boost::asio::awaitable<void> wait_for_peer_close();
    /// Relays bytes between the client (the request's unread bytes first) and upstream until
    /// either side closes or fails; the connection then ends.
    boost::asio::awaitable<void> relay(boost::asio::ip::tcp::socket& upstream);
    /// Aborts with a TCP RST.
    void reset() { stream_.reset(); }
    /// Orderly close (FIN).
    boost::asio::awaitable<void> close() { return stream_.graceful_close(); }

private:
    boost::asio::awaitable<void> run();
    boost::asio::awaitable<void> serve_requests();
    /// Half-closes, discards what the peer still sends (for at most a second), then closes.
    boost::asio::awaitable<void> drain_then_close();
    void finish();

    boost::asio::any_io_executor executor_;
    ServerStream stream_;
    ServerState& state_;
    boost::asio::steady_timer timer_;
    boost::beast::flat_buffer buffer_;
    std::size_t id_ = 0;
    bool closing_ = false;
    bool finished_ = false;
};

}  // namespace azcore::testserver::detail
