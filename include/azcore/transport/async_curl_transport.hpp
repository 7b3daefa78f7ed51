#pragma once
// AsyncCurlTransport: the async transport: curl's multi_socket API driven by a Boost.Asio executor.
#include <azcore/transport/connection_configuration.hpp>
#include <azcore/transport/connection_pool_stats.hpp>
#include <azcore/transport/http_transport.hpp>

#include <boost/asio/any_io_executor.hpp>

#include <memory>

namespace azcore::transport {

/// Async HTTP on libcurl: one curl multi handle driven by the executor it is created with, on no
/// thread but the one(s) running that executor's io_context (run it on one thread, or pass a
/// strand). Thousands of requests in flight; HTTP/2 multiplexing when the server offers it.
/// Cancellation (Asio cancellation slots) removes the transfer at once. Calls from coroutines on
/// another executor hop to the transport's executor and back.
class AsyncCurlTransport : public HttpTransport {
public:
    /// A transport running on executor with these settings.
    explicit AsyncCurlTransport(net::any_io_executor executor, ConnectionConfiguration config = {});
    ~AsyncCurlTransport() override;
    AsyncCurlTransport(const AsyncCurlTransport&) = delete;
    AsyncCurlTransport& operator=(const AsyncCurlTransport&) = delete;

    net::awaitable<std::shared_ptr<rest::AsyncHttpResponse>> async_send(std::shared_ptr<rest::HttpRequest> request,
                                                                        const options::Kwargs& options) override;
    std::span<const std::string_view> option_names() const override;
    /// Closes the connections no request is using; requests in flight keep theirs. Called from
    /// another thread, it happens on the transport's thread the next time that runs.
    void close() override;
    /// Transfers in progress now (started, and neither finished nor cancelled).
    std::size_t in_flight() const;
    /// Per host: open, idle and in-use connections, requests on them and queued for one. Any thread.
    ConnectionPoolStats connection_pool() const;

    /// The executor requests run on.
    const net::any_io_executor& get_executor() const;
    /// The settings it was made with.
    const ConnectionConfiguration& config() const;
    const ConnectionConfiguration* connection_config() const override { return &config(); }
    /// True: send refuses what the request check refuses, also when called without a pipeline.
    bool checks_requests() const override { return true; }

private:
    /// The curl multi handle and its Asio driver (src/transport/curl).
    class Driver;
    std::shared_ptr<Driver> driver_;
};

}  // namespace azcore::transport
