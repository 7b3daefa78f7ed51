#pragma once
// AsyncConnectionLimiter: ConnectionLimiter for coroutines on one executor: caps concurrent
// connections per host and in total; excess requests wait (cancellably) in arrival order.
#include <azcore/net.hpp>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/steady_timer.hpp>

#include <atomic>
#include <cstddef>
#include <functional>
#include <list>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <utility>

namespace azcore::transport::detail {

class AsyncConnectionLimiter : public std::enable_shared_from_this<AsyncConnectionLimiter> {
public:
    /// 0 means unlimited. Every call is made on executor.
    AsyncConnectionLimiter(net::any_io_executor executor, std::size_t per_host, std::size_t total)
        : executor_(std::move(executor)), per_host_(per_host), total_(total) {}

    /// A held slot; releases on destruction (on the limiter's executor).
    class Slot {
    public:
        Slot() = default;
        Slot(std::shared_ptr<AsyncConnectionLimiter> owner, std::string host) : owner_(std::move(owner)), host_(std::move(host)) {}
        Slot(Slot&& other) noexcept = default;
        Slot& operator=(Slot&& other) noexcept {
            if (this != &other) {
                release();
                owner_ = std::move(other.owner_);
                host_ = std::move(other.host_);
            }
            return *this;
        }
        ~Slot() { release(); }
        void release() noexcept {
            if (owner_) std::exchange(owner_, nullptr)->release(host_);
        }

    private:
        std::shared_ptr<AsyncConnectionLimiter> owner_;
        std::string host_;
    };

    /// Waits until a connection to host may be opened; cancellable (operation_aborted).
    net::awaitable<Slot> acquire(std::string host);
    /// What a request that must wait calls first: the owner may close a connection no request is
    /// on whose slot it holds (any host's, or only host's when any_host is false: host's own
    /// limit is the one reached); its slot then goes to the waiters, in arrival order.
    using Reclaim = std::function<void(const std::string& host, bool any_host)>;
    void set_reclaim(Reclaim reclaim) { reclaim_ = std::move(reclaim); }
    bool unlimited() const { return per_host_ == 0 && total_ == 0; }
    /// Requests waiting for host now (any thread).
    std::size_t waiting(const std::string& host) const;
    /// Lets go of the waiters' timers and the executor: their io_context is being destroyed (a
    /// strand's executor refers to a service of it).
    void drop() noexcept {
        waiters_.clear();
        reclaim_ = nullptr;
        executor_ = net::any_io_executor();
    }

private:
    struct Waiter {
        std::string host;
        boost::asio::steady_timer timer;
        bool granted = false;
    };
    bool may_open(const std::string& host) const;
    void release(const std::string& host) noexcept;

    net::any_io_executor executor_;
    std::size_t per_host_;
    std::size_t total_;
    std::map<std::string, std::size_t> in_use_;
    std::size_t in_use_total_ = 0;
    std::list<std::shared_ptr<Waiter>> waiters_;
    Reclaim reclaim_;
    mutable std::mutex counts_mutex_;
    std::map<std::string, std::size_t> waiting_;  // for waiting() from other threads
};

}  // namespace azcore::transport::detail
