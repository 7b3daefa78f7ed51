#pragma once
// BeastPool: a Beast transport's kept-alive connections per host and the counts
// connection_pool() reports. Connection is the transport's holder of an Http1Connection (its
// `connection` member). Any thread.
#include <azcore/transport/connection_configuration.hpp>
#include <azcore/transport/connection_pool_stats.hpp>

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

namespace azcore::transport::detail {

template <class Connection>
class BeastPool {
public:
    explicit BeastPool(ConnectionConfiguration config) : config_(std::move(config)) {}

    const ConnectionConfiguration& config() const { return config_; }

    /// An idle connection to host_key (reused = true), or a new, unconnected one from make.
    /// An idle connection the server has not closed is reused (the last one kept first); one it
    /// closed is dropped, as curl checks before reusing.
    template <class Make>
    std::unique_ptr<Connection> take(const std::string& host_key, bool& reused, Make&& make) {
        std::vector<std::unique_ptr<Connection>> closed;
        std::lock_guard lock(mutex_);
        Host& host = hosts_[host_key];
        ++host.active;
        while (!host.idle.empty()) {
            std::unique_ptr<Connection> connection = std::move(host.idle.back());
            host.idle.pop_back();
            if (connection->connection.alive()) {
                reused = true;
                return connection;
            }
            --host.open;
            closed.push_back(std::move(connection));
        }
        reused = false;
        ++host.open;
        return make();
    }

    /// The request on connection ended (connection may be null); one that can carry another
    /// request is kept idle, any other is closed. opened: the request opened the connection (it
    /// counts in opened_total from now, as curl's counts do).
    void give_back(const std::string& host_key, std::unique_ptr<Connection> connection, bool opened) {
        std::unique_ptr<Connection> closing;
        std::lock_guard lock(mutex_);
        Host& host = hosts_[host_key];
        --host.active;
        ++host.requests;
        if (opened) ++host.opened;
        if (connection && connection->connection.reusable()) {
            host.idle.push_back(std::move(connection));
        } else if (connection) {
            --host.open;
            closing = std::move(connection);
        }
    }

    /// A connection from take() that never connected: not counted as open.
    void not_opened(const std::string& host_key) {
        std::lock_guard lock(mutex_);
        --hosts_[host_key].open;
    }

    /// The connection a request opened speaks HTTP/2: it stays open, shared by the requests that
    /// follow (the opener's request is one of them).
    void became_shared(const std::string& host_key) {
        std::lock_guard lock(mutex_);
        Host& host = hosts_[host_key];
        ++host.shared;
        ++host.shared_active;
    }
    /// A request starts on a shared connection.
    void shared_request(const std::string& host_key) {
        std::lock_guard lock(mutex_);
        Host& host = hosts_[host_key];
        ++host.active;
        ++host.shared_active;
    }
    /// A request on a shared connection ended; opened: it opened the connection.
    void shared_request_ended(const std::string& host_key, bool opened) {
        std::lock_guard lock(mutex_);
        Host& host = hosts_[host_key];
        --host.active;
        --host.shared_active;
        ++host.requests;
        if (opened) ++host.opened;
    }
    /// delta more (or fewer) requests on a shared connection wait to be sent (HTTP/2's stream limit).
    void shared_waiting(const std::string& host_key, std::ptrdiff_t delta) {
        std::lock_guard lock(mutex_);
        Host& host = hosts_[host_key];
        host.shared_waiting = static_cast<std::size_t>(static_cast<std::ptrdiff_t>(host.shared_waiting) + delta);
    }
    /// delta more (or fewer) requests wait for the first connection to the host to say whether it
    /// speaks HTTP/2.
    void probe_waiting(const std::string& host_key, std::ptrdiff_t delta) {
        std::lock_guard lock(mutex_);
        Host& host = hosts_[host_key];
        host.probe_waiting = static_cast<std::size_t>(static_cast<std::ptrdiff_t>(host.probe_waiting) + delta);
    }
    /// A shared connection takes no more requests (closed, or closing once its requests end).
    void shared_closed(const std::string& host_key) {
        std::lock_guard lock(mutex_);
        Host& host = hosts_[host_key];
        --host.open;
        --host.shared;
    }

    /// Closes every idle connection.
    void clear() {
        std::vector<std::unique_ptr<Connection>> closing;
        std::lock_guard lock(mutex_);
        for (auto& [key, host] : hosts_) {
            host.open -= host.idle.size();
            for (auto& connection : host.idle) closing.push_back(std::move(connection));
            host.idle.clear();
        }
    }

    /// The counts per host: pools of the same host with other TLS settings add up.
    ConnectionPoolStats snapshot(const std::function<std::size_t(const std::string&)>& queued = {}) const {
        std::lock_guard lock(mutex_);
        ConnectionPoolStats stats;
        for (const auto& [key, host] : hosts_) {
            const std::string name(host_key_of(key));
            if (stats.hosts.empty() || stats.hosts.back().host != name)
                stats.hosts.push_back({.host = name, .queued = queued ? queued(name) : 0});
            HostConnections& entry = stats.hosts.back();
            // A shared (HTTP/2) connection is in use while a request is on it.
            const std::size_t idle = host.idle.size() + (host.shared_active == 0 ? host.shared : 0);
            entry.open += host.open;
            entry.in_use += host.open - idle;
            entry.idle += idle;
            // Requests an HTTP/2 connection holds back, or waiting for a probe, wait: queued.
            entry.active_requests += host.active - std::min(host.active, host.shared_waiting);
            entry.queued += host.shared_waiting + host.probe_waiting;
            entry.opened_total += host.opened;
            entry.requests_total += host.requests;
        }
        return stats;
    }

    /// The pool a request's connection comes from: its host, for https its TLS settings, and the
    /// proxy it goes through.
    static std::string pool_key(const std::string& host_key, const std::string& tls_key, const std::string& proxy) {
        if (tls_key.empty() && proxy.empty()) return host_key;
        return host_key + "|" + tls_key + "|" + proxy;
    }
    /// The host a pool_key() names.
    static std::string_view host_key_of(std::string_view pool_key) { return pool_key.substr(0, pool_key.find('|')); }

private:
    struct Host {
        std::vector<std::unique_ptr<Connection>> idle;
        std::size_t open = 0;
        std::size_t active = 0;
        std::uint64_t opened = 0;
        std::uint64_t requests = 0;
        std::size_t shared = 0;         // HTTP/2 connections (counted in open)
        std::size_t shared_active = 0;  // requests on them (counted in active)
        std::size_t shared_waiting = 0; // of those, requests not sent yet (the server's stream limit)
        std::size_t probe_waiting = 0;  // requests waiting to learn whether a new connection speaks HTTP/2
    };

    ConnectionConfiguration config_;
    mutable std::mutex mutex_;
    std::map<std::string, Host, std::less<>> hosts_;
};

}  // namespace azcore::transport::detail
