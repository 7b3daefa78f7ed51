#pragma once
// ConnectionMonitor: a curl transport's view of its connection pool (ConnectionPoolStats).
//
// Requests report when they start, when their request goes out on a connection (curl's
// pre-request callback gives that connection's local port) and when they end. Sockets are
// registered by the transport's open/close socket callbacks. A snapshot matches the two: an open
// socket belongs to the host whose request last used its local port, and is in use while a
// request of that host is on it. curl 7.88 closes a connection attempt that never completed
// without the close callback, so a snapshot drops a registered socket whose descriptor no longer
// refers to the socket that was opened (checked by inode).
#include <azcore/transport/connection_pool_stats.hpp>

#include <curl/curl.h>
#include <sys/types.h>

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace azcore::transport::detail {

class ConnectionMonitor {
public:
    /// One host's counters; the monitor owns it for its whole life (requests keep a pointer).
    struct Host {
        std::string key;
        std::size_t waiting = 0;
        std::vector<std::pair<int, std::size_t>> ports;  // local port → requests on it now
        std::uint64_t opened = 0;
        std::uint64_t ended = 0;
    };

    /// A request to host_key started; it waits for a connection.
    Host& started(const std::string& host_key);
    /// The request's bytes go out on the connection with this local port.
    void connected(Host& host, int local_port);
    /// The request ended; local_port is the one given to connected(), or -1 if it never was;
    /// new_connections: the connections curl opened for it (CURLINFO_NUM_CONNECTS).
    void ended(Host& host, int local_port, long new_connections);

    /// Opens a close-on-exec socket for a connection to address and registers it; its inode
    /// in *inode. CURL_SOCKET_BAD when the socket cannot be made.
    curl_socket_t open(const curl_sockaddr& address, ino_t* inode = nullptr);
    /// The transport is about to close a socket open() made.
    void socket_closed(curl_socket_t socket);
    /// CURLOPT_OPENSOCKETFUNCTION / CURLOPT_CLOSESOCKETFUNCTION with the monitor as their data
    /// (for a transport with no socket bookkeeping of its own).
    static curl_socket_t open_socket(void* monitor, curlsocktype purpose, curl_sockaddr* address);
    static int close_socket(void* monitor, curl_socket_t socket);
    /// The inode of the file socket's descriptor refers to (0 when it is closed): tells a socket
    /// from a later one that reuses its descriptor number.
    static ino_t inode_of(curl_socket_t socket);

    ConnectionPoolStats snapshot();

private:
    std::mutex mutex_;
    std::map<std::string, std::unique_ptr<Host>, std::less<>> hosts_;
    std::unordered_map<int, Host*> port_owner_;           // local port → the host that last used it
    std::unordered_map<curl_socket_t, ino_t> sockets_;    // registered sockets and their inodes
};

}  // namespace azcore::transport::detail
