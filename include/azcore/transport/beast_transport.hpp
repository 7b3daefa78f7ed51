#pragma once
// BeastTransport: the sync transport on Boost.Beast (HTTP/1.1) and nghttp2 (HTTP/2, when asked).
#include <azcore/transport/connection_configuration.hpp>
#include <azcore/transport/connection_pool_stats.hpp>
#include <azcore/transport/http_transport.hpp>

#include <memory>

namespace azcore::transport {

/// Sync HTTP/1.1 on Boost.Beast: a pool of kept-alive connections per host, streaming in both
/// directions, https through OpenSSL, http proxies (https through a CONNECT tunnel). The same
/// settings, errors and pool counts as CurlTransport. With ConnectionConfiguration::http2, HTTP/2
/// on https where the server takes it: a connection carries one request at a time, as HTTP/1.1.
/// Thread-safe: share one instance across threads.
class BeastTransport : public HttpTransport {
public:
    /// A transport with these settings.
    explicit BeastTransport(ConnectionConfiguration config = {});
    ~BeastTransport() override;
    BeastTransport(const BeastTransport&) = delete;
    BeastTransport& operator=(const BeastTransport&) = delete;

    std::shared_ptr<rest::HttpResponse> send(const std::shared_ptr<rest::HttpRequest>& request,
                                             const options::Kwargs& options) override;
    std::span<const std::string_view> option_names() const override;
    void close() override;
    /// The settings it was made with.
    const ConnectionConfiguration& config() const;
    /// Per host: open, idle and in-use connections, requests on them and queued for one. Any thread.
    ConnectionPoolStats connection_pool() const;
    const ConnectionConfiguration* connection_config() const override { return &config(); }
    /// True: send refuses what the request check refuses, also when called without a pipeline.
    bool checks_requests() const override { return true; }

private:
    /// The connection pool (src/transport/beast).
    class Impl;
    std::shared_ptr<Impl> impl_;
};

}  // namespace azcore::transport
