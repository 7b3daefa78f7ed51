#pragma once
// CurlTransportImpl: what CurlTransport shares with its in-flight transfers: the pool of
// easy/multi handle pairs (each keeps its connections alive), the DNS/TLS-session share, the limiter.
#include <azcore/transport/connection_configuration.hpp>

#include "transport/connection_limiter.hpp"
#include "transport/curl/connection_monitor.hpp"

#include <curl/curl.h>

#include <array>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace azcore::transport::detail {

/// One easy handle driven by its own multi handle; the multi's connection cache keeps the
/// connections this pair opened alive for the next request that takes the pair from the pool.
class CurlHandlePair {
public:
    /// Its sockets are registered with monitor.
    CurlHandlePair(CURLSH* share, ConnectionMonitor& monitor);
    ~CurlHandlePair();
    CurlHandlePair(const CurlHandlePair&) = delete;
    CurlHandlePair& operator=(const CurlHandlePair&) = delete;
    CURL* easy() const { return easy_; }
    CURLM* multi() const { return multi_; }
    /// Back to curl's defaults (the share kept), for a request that cannot keep the last one's
    /// options (CurlExchange::configure).
    void reset();

    /// What the last request left on the handle (CurlExchange::leaves()); empty when new.
    std::string standing;

private:
    /// The options every request keeps: the share and the monitor's socket callbacks.
    void set_transport_options();

    CURL* easy_;
    CURLM* multi_;
    CURLSH* share_;
    ConnectionMonitor* monitor_;
};

class CurlTransportImpl {
public:
    explicit CurlTransportImpl(ConnectionConfiguration config);
    ~CurlTransportImpl();
    CurlTransportImpl(const CurlTransportImpl&) = delete;
    CurlTransportImpl& operator=(const CurlTransportImpl&) = delete;

    /// A handle pair that last talked to host_key when there is one (its connection may be alive).
    std::unique_ptr<CurlHandlePair> acquire(const std::string& host_key);
    void release(std::unique_ptr<CurlHandlePair> handles, const std::string& host_key);
    /// Drops every idle pair and its connections.
    void clear_pool();

    const ConnectionConfiguration& config() const { return config_; }
    ConnectionLimiter& limiter() { return limiter_; }
    ConnectionMonitor& monitor() { return monitor_; }

private:
    static void lock_share(CURL*, curl_lock_data data, curl_lock_access, void* self);
    static void unlock_share(CURL*, curl_lock_data data, void* self);

    ConnectionMonitor monitor_;  // first: outlives the handles, whose sockets it hears closing
    ConnectionConfiguration config_;
    ConnectionLimiter limiter_;
    CURLSH* share_;
    std::array<std::mutex, CURL_LOCK_DATA_LAST> share_locks_;
    std::mutex pool_mutex_;
    std::map<std::string, std::vector<std::unique_ptr<CurlHandlePair>>> idle_;
};

}  // namespace azcore::transport::detail
