#include "transport/curl/curl_transport_impl.hpp"

#include <mutex>
#include <new>
#include <stdexcept>

namespace azcore::transport::detail {
namespace {

void global_init() {
    static std::once_flag once;
    std::call_once(once, [] {
        if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) throw std::runtime_error("curl_global_init failed");
    });
}

constexpr std::size_t max_idle_per_host = 64;

}  // namespace

CurlHandlePair::CurlHandlePair(CURLSH* share, ConnectionMonitor& monitor)
    : easy_(curl_easy_init()), multi_(curl_multi_init()), share_(share), monitor_(&monitor) {
    if (easy_ == nullptr || multi_ == nullptr) {
        if (easy_ != nullptr) curl_easy_cleanup(easy_);
        if (multi_ != nullptr) curl_multi_cleanup(multi_);
        throw std::bad_alloc();
    }
    set_transport_options();
}

void CurlHandlePair::reset() {
    curl_easy_reset(easy_);
    set_transport_options();
    standing.clear();
}

void CurlHandlePair::set_transport_options() {
    curl_easy_setopt(easy_, CURLOPT_SHARE, share_);
    curl_easy_setopt(easy_, CURLOPT_OPENSOCKETFUNCTION, &ConnectionMonitor::open_socket);
    curl_easy_setopt(easy_, CURLOPT_OPENSOCKETDATA, monitor_);
    curl_easy_setopt(easy_, CURLOPT_CLOSESOCKETFUNCTION, &ConnectionMonitor::close_socket);
    curl_easy_setopt(easy_, CURLOPT_CLOSESOCKETDATA, monitor_);
}

CurlHandlePair::~CurlHandlePair() {
    curl_multi_cleanup(multi_);
    curl_easy_cleanup(easy_);
}

CurlTransportImpl::CurlTransportImpl(ConnectionConfiguration config)
    : config_(std::move(config)),
      limiter_(config_.max_connections_per_host, config_.max_connections),
      share_((global_init(), curl_share_init())) {
    if (share_ == nullptr) throw std::bad_alloc();
    curl_share_setopt(share_, CURLSHOPT_LOCKFUNC, &CurlTransportImpl::lock_share);
    curl_share_setopt(share_, CURLSHOPT_UNLOCKFUNC, &CurlTransportImpl::unlock_share);
    curl_share_setopt(share_, CURLSHOPT_USERDATA, this);
    // Connections are not shared across handles: curl does not support that between threads.
    curl_share_setopt(share_, CURLSHOPT_SHARE, CURL_LOCK_DATA_DNS);
    curl_share_setopt(share_, CURLSHOPT_SHARE, CURL_LOCK_DATA_SSL_SESSION);
}

CurlTransportImpl::~CurlTransportImpl() {
    clear_pool();
    curl_share_cleanup(share_);
}

void CurlTransportImpl::lock_share(CURL*, curl_lock_data data, curl_lock_access, void* self) {
    static_cast<CurlTransportImpl*>(self)->share_locks_.at(static_cast<std::size_t>(data)).lock();
}

void CurlTransportImpl::unlock_share(CURL*, curl_lock_data data, void* self) {
    static_cast<CurlTransportImpl*>(self)->share_locks_.at(static_cast<std::size_t>(data)).unlock();
}

std::unique_ptr<CurlHandlePair> CurlTransportImpl::acquire(const std::string& host_key) {
    {
        std::lock_guard lock(pool_mutex_);
        auto it = idle_.find(host_key);
        if (it == idle_.end() || it->second.empty()) {
            // Any idle pair will do; its old connections simply age out of its cache.
            for (auto other = idle_.begin(); other != idle_.end() && it == idle_.end(); ++other)
                if (!other->second.empty()) it = other;
        }
        if (it != idle_.end() && !it->second.empty()) {
            auto handles = std::move(it->second.back());
            it->second.pop_back();
            return handles;
        }
    }
    return std::make_unique<CurlHandlePair>(share_, monitor_);
}

void CurlTransportImpl::release(std::unique_ptr<CurlHandlePair> handles, const std::string& host_key) {
    std::lock_guard lock(pool_mutex_);
    auto& idle = idle_[host_key];
    if (idle.size() < max_idle_per_host) idle.push_back(std::move(handles));
}

void CurlTransportImpl::clear_pool() {
    std::map<std::string, std::vector<std::unique_ptr<CurlHandlePair>>> idle;
    {
        std::lock_guard lock(pool_mutex_);
        idle.swap(idle_);
    }
}

}  // namespace azcore::transport::detail
