#pragma once
// ConnectionPoolStats: what a transport's connection pool holds at one moment, per host.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace azcore::transport {

/// One host's connections and requests at one moment.
struct HostConnections {
    /// "scheme://host:port" of the requests (connections through a proxy count under the host
    /// the requests were for).
    std::string host;
    /// Connections open now: in_use + idle.
    std::size_t open = 0;
    /// Open connections carrying at least one request.
    std::size_t in_use = 0;
    /// Open connections kept alive for the next request, carrying none.
    std::size_t idle = 0;
    /// Requests on a connection now (more than in_use when HTTP/2 multiplexes them).
    std::size_t active_requests = 0;
    /// Requests waiting for a connection: queued behind max_connections_per_host or
    /// max_connections, or while theirs is resolved and opened. Over HTTP/2 (the Beast
    /// transports) also those waiting to learn whether the first connection to the host speaks
    /// it, and those a connection holds back beyond the server's SETTINGS_MAX_CONCURRENT_STREAMS.
    std::size_t queued = 0;
    /// Connections opened for this host's requests since the transport was created, counted as
    /// each request ends (a request still in flight has not added its connection yet).
    std::uint64_t opened_total = 0;
    /// Requests to this host that have ended (completed, failed or abandoned).
    std::uint64_t requests_total = 0;
};

/// A snapshot of a transport's connection pool: one entry per host it has sent to, by host.
struct ConnectionPoolStats {
    /// One entry per host, by host.
    std::vector<HostConnections> hosts;

    /// The entry of host ("scheme://host:port"), or nullptr.
    const HostConnections* find(std::string_view host) const {
        for (const HostConnections& entry : hosts)
            if (entry.host == host) return &entry;
        return nullptr;
    }
};

}  // namespace azcore::transport
