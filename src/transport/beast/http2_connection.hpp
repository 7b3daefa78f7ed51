#pragma once
// Http2Connection: the async driver of Http2Session: one HTTP/2 connection over TLS on an
// executor, carrying many requests at once. One coroutine reads and feeds the session; one
// writes what the session has to send, after the completions that are ready (as Http1Connection);
// each request waits on its own timer, which its stream's news cancels and whose expiry is the
// request's read timeout or deadline.
#include <azcore/bytes.hpp>
#include <azcore/net.hpp>
#include <azcore/transport/transport_response.hpp>

#include "transport/beast/http1_connection.hpp"
#include "transport/beast/http2_session.hpp"

#include <boost/asio/steady_timer.hpp>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace azcore::rest {
class HttpRequest;
}

namespace azcore::transport::detail {

class Http2Connection : public std::enable_shared_from_this<Http2Connection> {
public:
    /// Takes over carrier, connected over TLS with HTTP/2 negotiated (negotiated_h2()); owner keeps
    /// carrier alive. ended runs (on the executor) once when the connection can take no more
    /// requests: the server closed it, sent GOAWAY, or it failed. waiting_changed (on the executor)
    /// gets the change in the number of its requests not sent yet (Http2Session::waiting()).
    Http2Connection(Http1Connection& carrier, std::shared_ptr<void> owner, std::function<void(Http2Connection*)> ended,
                    std::function<void(std::ptrdiff_t)> waiting_changed = {});
    ~Http2Connection();
    Http2Connection(const Http2Connection&) = delete;
    Http2Connection& operator=(const Http2Connection&) = delete;

    /// Starts reading and sends the connection preface.
    void start();

    /// Sends request (path on authority) on a new stream, whose id goes to *id (release it when
    /// done, also after an exception), and waits for the response head. start and connecting:
    /// the try's start and its connection's timings; reused: an earlier request opened the
    /// connection.
    net::awaitable<ReceivedHead> exchange(std::shared_ptr<const rest::HttpRequest> request, std::string_view authority,
                                          std::string_view path, ExchangeLimits limits, std::int32_t* id,
                                          std::chrono::steady_clock::time_point start, bool reused,
                                          const rest::TransferTimings& connecting);
    /// Appends at most max body bytes of the stream to out, at least one unless the body ended (0).
    net::awaitable<std::size_t> read_some(std::int32_t id, Bytes& out, std::size_t max, ExchangeLimits limits);
    /// read_some without waiting: nullopt when no byte has arrived.
    std::optional<std::size_t> read_ready(std::int32_t id, Bytes& out, std::size_t max) { return after_read(session_.read(id, out, max)); }
    /// Lets go of the stream (reset when it had not ended).
    void release(std::int32_t id);

    bool body_done(std::int32_t id) const { return session_.body_done(id); }
    rest::TransferTimings timings(std::int32_t id) const { return session_.timings(id); }
    /// New requests may start on it.
    bool accepts_streams() const { return !closed_ && session_.accepts_streams(); }
    /// Requests on it now.
    std::size_t streams() const noexcept { return session_.streams(); }
    /// With no request on it (so nothing read), the server sent something: its GOAWAY and
    /// close, as an idle HTTP/1.1 connection's (the caller closes it rather than reuse it).
    bool idle_and_closed_by_server() const;
    /// Closes the socket: every request on it fails.
    void close() noexcept;

private:
    /// Waits for news of stream id, or for its timeout: then the stream fails with the timeout.
    net::awaitable<void> wait(std::int32_t id, const ExchangeLimits& limits);
    net::awaitable<void> read_loop();
    /// Starts the reader unless it runs.
    void read();
    /// Ends the reader when no request is on the connection.
    void pause_reading();
    net::awaitable<void> write_loop();
    /// Starts the writer unless it runs (it sends what the session has when it gets its turn).
    void flush();
    /// Wakes the requests whose streams changed; ends the connection when the session failed.
    void wake();
    void finish();
    /// Tells waiting_changed what changed since the last time.
    void report_waiting();
    std::optional<std::size_t> after_read(std::optional<std::size_t> got);

    Http1Connection& carrier_;
    std::shared_ptr<void> owner_;
    std::function<void(Http2Connection*)> ended_;
    std::function<void(std::ptrdiff_t)> waiting_changed_;
    std::size_t waiting_reported_ = 0;
    Http2Session session_;
    std::unordered_map<std::int32_t, boost::asio::steady_timer*> waiting_;
    std::vector<std::uint8_t> in_;
    bool writing_ = false;
    bool reading_ = false;
    bool closed_ = false;
    bool finished_ = false;
};

}  // namespace azcore::transport::detail
