#pragma once
// CurlTransport: the sync transport on libcurl.
#include <azcore/transport/connection_configuration.hpp>
#include <azcore/transport/connection_pool_stats.hpp>
#include <azcore/transport/http_transport.hpp>

#include <memory>

namespace azcore::transport {

/// Sync HTTP on libcurl: pooled easy handles, one shared connection/DNS/TLS-session cache,
/// keep-alive, streaming in both directions. Thread-safe: share one instance across threads.
class CurlTransport : public HttpTransport {
public:
    /// A transport with these settings.
    explicit CurlTransport(ConnectionConfiguration config = {});
    ~CurlTransport() override;
    CurlTransport(const CurlTransport&) = delete;
    CurlTransport& operator=(const CurlTransport&) = delete;

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
    /// The handle pool and shared caches (src/transport/curl).
    class Impl;
    std::shared_ptr<Impl> impl_;
};

}  // namespace azcore::transport
