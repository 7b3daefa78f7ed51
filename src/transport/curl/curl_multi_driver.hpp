#pragma once
// CurlMultiDriver: one curl multi handle driven by one Asio executor through curl's
// multi_socket API (CURLMOPT_SOCKETFUNCTION / CURLMOPT_TIMERFUNCTION), after curl's
// event-loop examples: callbacks only record what curl wants; socket_action runs from Asio
// completion handlers, never from inside a curl callback.
#include <azcore/transport/connection_configuration.hpp>

#include "transport/curl/connection_monitor.hpp"
#include "utils/context_shutdown.hpp"

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/posix/stream_descriptor.hpp>
#include <boost/asio/steady_timer.hpp>

#include <curl/curl.h>
#include <sys/types.h>

#include <atomic>
#include <cstdint>
#include <memory>
#include <optional>
#include <unordered_map>
#include <string>
#include <vector>

namespace azcore::transport::detail {

/// A transfer on a driver: told when it ends, and when the driver's context is destroyed.
class MultiTransfer {
public:
    virtual void on_done(CURLcode result) = 0;
    /// The driver's context is being destroyed: drop every Asio object now.
    virtual void on_context_shutdown() noexcept = 0;
    /// Its handle while it is on the multi, else null.
    virtual CURL* easy_handle() const noexcept = 0;

protected:
    ~MultiTransfer() = default;

private:
    friend class CurlMultiDriver;
    MultiTransfer* previous_ = nullptr;  // the driver's list of live transfers
    MultiTransfer* next_ = nullptr;
};

class CurlMultiDriver : public std::enable_shared_from_this<CurlMultiDriver>, public azcore::detail::ContextMember {
public:
    CurlMultiDriver(boost::asio::any_io_executor executor, ConnectionConfiguration config);
    ~CurlMultiDriver();
    CurlMultiDriver(const CurlMultiDriver&) = delete;
    CurlMultiDriver& operator=(const CurlMultiDriver&) = delete;

    /// Empty once detached.
    const boost::asio::any_io_executor& executor() const { return executor_; }
    const ConnectionConfiguration& config() const { return config_; }

    /// The executor's context is being destroyed: drops the timers and socket watches, and those
    /// of every live transfer, while that is still allowed. From then on the driver only releases
    /// curl resources.
    void on_context_shutdown() noexcept override;
    bool detached() const { return detached_.load(std::memory_order_acquire); }
    /// std::logic_error naming the misuse once detached.
    void check_attached() const;
    /// A transfer object exists on this driver (from construction to destruction, on its thread).
    void track(MultiTransfer* transfer) noexcept;
    void untrack(MultiTransfer* transfer) noexcept;

    /// An easy handle from the pool with what its last request left on it
    /// (CurlExchange::leaves()), or a new one (nothing left).
    struct PooledEasy {
        CURL* easy = nullptr;
        std::string standing{};
    };
    PooledEasy acquire_easy();
    /// Back to curl's defaults and the driver's own options (for a request that cannot keep the
    /// last one's: CurlExchange::configure).
    void reset_easy(CURL* easy);
    /// Starts the transfer configured on easy; transfer->on_done is called when it ends.
    void add(CURL* easy, MultiTransfer* transfer);
    /// Stops a transfer (finished or not) and returns its handle to the pool, with what the
    /// transfer left on it (CurlExchange::leaves()). An unfinished transfer's connection is closed
    /// at once.
    void remove(CURL* easy, std::string standing) noexcept;
    /// Closes the connections no transfer is using; the others are not affected.
    void close_idle();
    std::size_t in_flight() const { return in_flight_; }
    /// What the pool holds per host (ConnectionPoolStats); every transfer reports to it.
    ConnectionMonitor& monitor() { return monitor_; }
    /// Sockets registered with the reactor (in flight or kept alive).
    std::size_t watched_sockets() const { return watches_.size(); }

private:
    // A socket the driver opened stays registered with the reactor from its first use until curl
    // closes it, so a kept-alive connection costs no epoll registration per request: between
    // transfers curl wants nothing from it (wanted == 0) and no wait is pending.
    // curl 7.88 closes a connection attempt that never completed (cancelled, refused, or a lost
    // happy-eyeballs race) without CLOSESOCKETFUNCTION, and its threaded resolver's socketpair
    // too: the kernel then drops the epoll registration with the socket, and a watch kept under
    // that descriptor number would never see the next socket that reuses it. So a watch knows
    // its socket by inode, and one whose socket is gone is dropped when curl lets go of it
    // (CURL_POLL_REMOVE) or when curl opens a new socket under its number.
    struct Watch {
        Watch(boost::asio::posix::stream_descriptor descriptor, ino_t inode)
            : descriptor(std::move(descriptor)), inode(inode) {}
        boost::asio::posix::stream_descriptor descriptor;
        ino_t inode;           // 0: a socket the driver did not open, dropped at CURL_POLL_REMOVE
        int wanted = 0;        // CURL_POLL_IN / OUT bits
        bool reading = false;
        bool writing = false;
        bool removed = false;  // no longer registered
    };
    using Watches = std::unordered_map<curl_socket_t, std::shared_ptr<Watch>>;

    static int on_socket(CURL* easy, curl_socket_t socket, int what, void* self, void* socket_data);
    static int on_timer(CURLM* multi, long timeout_ms, void* self);
    static curl_socket_t on_open_socket(void* self, curlsocktype purpose, curl_sockaddr* address);
    static int on_close_socket(void* self, curl_socket_t socket);
    void prepare_easy(CURL* easy);
    Watches::iterator watch_for(curl_socket_t socket);
    void drop(Watches::iterator it);
    bool still_open(curl_socket_t socket, const Watch& watch) const;
    void on_ready(const std::shared_ptr<Watch>& watch, curl_socket_t socket, int direction, boost::system::error_code error);
    void arm(const std::shared_ptr<Watch>& watch, curl_socket_t socket);
    void socket_action(curl_socket_t socket, int events);
    void drain();
    void create_multi();

    ConnectionMonitor monitor_;  // first: outlives the multi, whose sockets it hears closing
    boost::asio::any_io_executor executor_;
    ConnectionConfiguration config_;
    CURLM* multi_ = nullptr;
    CURLSH* share_ = nullptr;
    std::optional<boost::asio::steady_timer> timer_;  // empty once detached
    std::shared_ptr<azcore::detail::ContextMembers> context_members_;
    std::atomic<bool> detached_{false};
    MultiTransfer* transfers_ = nullptr;  // live transfers, for on_context_shutdown()
    std::uint64_t timer_generation_ = 0;  // a posted 0 ms timeout runs only if still current
    Watches watches_;
    std::unordered_map<curl_socket_t, ino_t> opened_;  // opened by the driver, not yet watched
    std::vector<PooledEasy> idle_easy_;
    std::size_t in_flight_ = 0;
};

}  // namespace azcore::transport::detail
