#include "transport/curl/connection_monitor.hpp"

#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <unordered_set>

namespace azcore::transport::detail {
namespace {

/// The local port of a connected IPv4 or IPv6 socket, or -1.
int local_port_of(curl_socket_t socket) {
    sockaddr_storage address{};
    socklen_t length = sizeof address;
    if (::getsockname(socket, reinterpret_cast<sockaddr*>(&address), &length) != 0) return -1;
    if (address.ss_family == AF_INET) return ntohs(reinterpret_cast<const sockaddr_in&>(address).sin_port);
    if (address.ss_family == AF_INET6) return ntohs(reinterpret_cast<const sockaddr_in6&>(address).sin6_port);
    return -1;
}

}  // namespace

ino_t ConnectionMonitor::inode_of(curl_socket_t socket) {
    struct stat status {};
    return ::fstat(socket, &status) == 0 ? status.st_ino : 0;
}

ConnectionMonitor::Host& ConnectionMonitor::started(const std::string& host_key) {
    std::lock_guard lock(mutex_);
    auto it = hosts_.find(host_key);
    if (it == hosts_.end()) {
        auto host = std::make_unique<Host>();
        host->key = host_key;
        it = hosts_.emplace(host_key, std::move(host)).first;
    }
    ++it->second->waiting;
    return *it->second;
}

void ConnectionMonitor::connected(Host& host, int local_port) {
    std::lock_guard lock(mutex_);
    --host.waiting;
    port_owner_[local_port] = &host;
    auto it = std::find_if(host.ports.begin(), host.ports.end(), [&](const auto& entry) { return entry.first == local_port; });
    if (it == host.ports.end()) host.ports.emplace_back(local_port, 1);
    else ++it->second;
}

void ConnectionMonitor::ended(Host& host, int local_port, long new_connections) {
    std::lock_guard lock(mutex_);
    ++host.ended;
    host.opened += static_cast<std::uint64_t>(std::max(new_connections, 0L));
    if (local_port < 0) {
        --host.waiting;
        return;
    }
    auto it = std::find_if(host.ports.begin(), host.ports.end(), [&](const auto& entry) { return entry.first == local_port; });
    if (it != host.ports.end() && --it->second == 0) host.ports.erase(it);
}

curl_socket_t ConnectionMonitor::open(const curl_sockaddr& address, ino_t* inode) {
    const curl_socket_t socket = ::socket(address.family, address.socktype | SOCK_CLOEXEC, address.protocol);
    if (socket == CURL_SOCKET_BAD) return CURL_SOCKET_BAD;
    const ino_t opened = inode_of(socket);
    if (inode != nullptr) *inode = opened;
    std::lock_guard lock(mutex_);
    sockets_[socket] = opened;
    return socket;
}

void ConnectionMonitor::socket_closed(curl_socket_t socket) {
    std::lock_guard lock(mutex_);
    sockets_.erase(socket);
}

curl_socket_t ConnectionMonitor::open_socket(void* monitor, curlsocktype, curl_sockaddr* address) {
    return static_cast<ConnectionMonitor*>(monitor)->open(*address);
}

int ConnectionMonitor::close_socket(void* monitor, curl_socket_t socket) {
    static_cast<ConnectionMonitor*>(monitor)->socket_closed(socket);
    return ::close(socket);
}

ConnectionPoolStats ConnectionMonitor::snapshot() {
    std::lock_guard lock(mutex_);
    std::map<const Host*, HostConnections> counts;
    std::unordered_set<int> live_ports;
    for (auto it = sockets_.begin(); it != sockets_.end();) {
        const curl_socket_t socket = it->first;
        if (inode_of(socket) != it->second) {  // closed without the callback (see the header)
            it = sockets_.erase(it);
            continue;
        }
        ++it;
        const int port = local_port_of(socket);
        if (port <= 0) continue;  // not connected yet
        live_ports.insert(port);
        auto owner = port_owner_.find(port);
        if (owner == port_owner_.end()) continue;  // connected, but no request has used it yet
        const Host& host = *owner->second;
        HostConnections& entry = counts[&host];
        ++entry.open;
        const bool busy = std::any_of(host.ports.begin(), host.ports.end(), [&](const auto& p) { return p.first == port; });
        ++(busy ? entry.in_use : entry.idle);
    }
    // A port no open socket has any more is forgotten (ports are reused by other connections).
    std::erase_if(port_owner_, [&](const auto& entry) { return !live_ports.contains(entry.first); });
    ConnectionPoolStats stats;
    stats.hosts.reserve(hosts_.size());
    for (const auto& [key, host] : hosts_) {
        HostConnections entry = counts[host.get()];
        entry.host = key;
        entry.queued = host->waiting;
        for (const auto& [port, requests] : host->ports) entry.active_requests += requests;
        entry.opened_total = host->opened;
        entry.requests_total = host->ended;
        stats.hosts.push_back(std::move(entry));
    }
    return stats;
}

}  // namespace azcore::transport::detail
