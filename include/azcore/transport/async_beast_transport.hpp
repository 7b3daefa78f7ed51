#pragma once
// AsyncBeastTransport: the async transport on Boost.Beast (HTTP/1.1), nghttp2 (HTTP/2, when
// asked) and a Boost.Asio executor.
#include <azcore/transport/connection_configuration.hpp>
#include <azcore/transport/connection_pool_stats.hpp>
#include <azcore/transport/http_transport.hpp>

#include <boost/asio/any_io_executor.hpp>

#include <memory>

namespace azcore::transport {

/// Async HTTP/1.1 on Boost.Beast: kept-alive connections per host on the executor it is created
/// with, on no thread but the one(s) running that executor's io_context. Calls from coroutines on
/// another executor hop to the transport's executor and back. https through OpenSSL, http proxies
/// (https through a CONNECT tunnel), connection caps with waiting requests served in arrival order:
/// the same settings, errors and pool counts as AsyncCurlTransport. With
/// ConnectionConfiguration::http2, HTTP/2 on https where the server takes it: one connection per
/// host carries every request at once (requests made while the first connection's protocol is
/// not yet known wait for it); it holds one connection slot while open.
class AsyncBeastTransport : public HttpTransport {
public:
    /// A transport running on executor with these settings.
    explicit AsyncBeastTransport(net::any_io_executor executor, ConnectionConfiguration config = {});
    ~AsyncBeastTransport() override;
    AsyncBeastTransport(const AsyncBeastTransport&) = delete;
    AsyncBeastTransport& operator=(const AsyncBeastTransport&) = delete;

    net::awaitable<std::shared_ptr<rest::AsyncHttpResponse>> async_send(std::shared_ptr<rest::HttpRequest> request,
                                                                        const options::Kwargs& options) override;
    std::span<const std::string_view> option_names() const override;
    /// Closes the connections no request is using.
    void close() override;
    /// Per host: open, idle and in-use connections and requests on them. Any thread.
    ConnectionPoolStats connection_pool() const;
    /// The executor requests run on.
    const net::any_io_executor& get_executor() const;
    /// The settings it was made with.
    const ConnectionConfiguration& config() const;
    const ConnectionConfiguration* connection_config() const override { return &config(); }
    /// True: send refuses what the request check refuses, also when called without a pipeline.
    bool checks_requests() const override { return true; }

private:
    /// The connection pool on the executor (src/transport/beast).
    class Impl;
    std::shared_ptr<Impl> impl_;
};

}  // namespace azcore::transport
