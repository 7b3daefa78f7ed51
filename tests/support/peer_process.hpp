#pragma once
// PeerProcess: a peer service (an npm package under tests/peers: Spector, Azurite) run as a child
// process on a free loopback port for the duration of a test, and stopped by its process group.
// SpectorServer and AzuriteServer are built on it.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <sys/types.h>
#include <vector>

namespace azcore::test {

/// tests/peers (from CMake), where scripts/setup.sh installs the npm peers.
std::string peers_dir();
/// The repository checkout (from CMake).
std::string source_dir();
/// Why the npm peer `bin` (e.g. "tsp-spector") cannot be run, or nothing when it can: for GTEST_SKIP.
std::optional<std::string> peer_missing(const std::string& bin);

/// A free TCP port on 127.0.0.1 (bound to port 0, then released).
std::uint16_t free_loopback_port();
/// True when 127.0.0.1:port accepts a TCP connection.
bool accepts_tcp(std::uint16_t port);
/// True when 127.0.0.1:port answers `GET /` with an HTTP status line (any status).
bool answers_http(std::uint16_t port);

/// A child process leading its own process group, its stdout and stderr in log_file. It gets
/// SIGTERM when the thread that started it ends (PR_SET_PDEATHSIG), so a crashed test leaves no
/// peer behind: start peers from the test's main thread.
class PeerProcess {
public:
    /// argv[0] is the executable's path. Throws std::runtime_error when the process cannot start.
    PeerProcess(std::vector<std::string> argv, const std::string& working_directory, std::string log_file);
    /// stop().
    ~PeerProcess();
    PeerProcess(const PeerProcess&) = delete;
    PeerProcess& operator=(const PeerProcess&) = delete;

    pid_t pid() const { return pid_; }
    /// True (and reaped) once the process has ended.
    bool exited();
    /// SIGTERM to the process group, SIGKILL after 5 s; idempotent.
    void stop();
    /// The last `bytes` of the log (stdout and stderr).
    std::string log_tail(std::size_t bytes = 2000) const;
    /// The resident set size of the process (VmRSS), 0 once it has ended.
    std::size_t rss_bytes() const;

private:
    std::string log_file_;
    pid_t pid_ = -1;
};

/// How a peer is started: its name (for messages), its command line for a given port, and what
/// "ready" means.
struct PeerLaunch {
    std::string name{};
    std::function<std::vector<std::string>(std::uint16_t port)> argv{};
    std::string working_directory{};
    std::string log_file{};
    /// Default: answers_http.
    std::function<bool(std::uint16_t port)> ready{};
    std::chrono::milliseconds timeout{60'000};
};

/// A started, ready peer.
struct StartedPeer {
    std::unique_ptr<PeerProcess> process{};
    std::uint16_t port = 0;
    std::chrono::milliseconds startup_time{};
};

/// Starts the peer on a free port and polls every 100 ms until it is ready. A peer that exits at
/// start because another process took the port meanwhile is started again on another port (3
/// tries). Throws std::runtime_error with the peer's log tail when it exits or is not ready in time.
StartedPeer start_peer(const PeerLaunch& launch);

/// The one Peer of this process (Peer's default constructor starts it), started on first use and
/// stopped at exit; a failed start is reported again, without a new attempt, to every later caller.
template <class Peer>
Peer& shared_peer() {
    static std::mutex mutex;
    static std::unique_ptr<Peer> peer;
    static std::string failure;
    std::lock_guard lock(mutex);
    if (peer) return *peer;
    if (!failure.empty()) throw std::runtime_error(failure);
    try {
        peer = std::make_unique<Peer>();
    } catch (const std::exception& error) {
        failure = error.what();
        throw;
    }
    return *peer;
}

}  // namespace azcore::test
