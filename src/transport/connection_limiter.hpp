#pragma once
// ConnectionLimiter: caps concurrent connections per host and in total; excess callers wait.
#include <condition_variable>
#include <cstddef>
#include <map>
#include <mutex>
#include <string>
#include <utility>

namespace azcore::transport::detail {

class ConnectionLimiter {
public:
    /// 0 means unlimited.
    ConnectionLimiter(std::size_t per_host, std::size_t total) : per_host_(per_host), total_(total) {}

    /// A held slot; releases on destruction.
    class Slot {
    public:
        Slot() = default;
        Slot(ConnectionLimiter* owner, std::string host) : owner_(owner), host_(std::move(host)) {}
        Slot(Slot&& other) noexcept : owner_(std::exchange(other.owner_, nullptr)), host_(std::move(other.host_)) {}
        Slot& operator=(Slot&& other) noexcept {
            if (this != &other) {
                release();
                owner_ = std::exchange(other.owner_, nullptr);
                host_ = std::move(other.host_);
            }
            return *this;
        }
        ~Slot() { release(); }
        void release() noexcept {
            if (owner_ != nullptr) std::exchange(owner_, nullptr)->release(host_);
        }

    private:
        ConnectionLimiter* owner_ = nullptr;
        std::string host_;
    };

    /// Blocks until a connection to host may be opened.
    Slot acquire(const std::string& host);
    bool unlimited() const { return per_host_ == 0 && total_ == 0; }
    /// Callers waiting in acquire(host) now.
    std::size_t waiting(const std::string& host) const;

private:
    void release(const std::string& host) noexcept;
    std::size_t per_host_;
    std::size_t total_;
    mutable std::mutex mutex_;
    std::condition_variable released_;
    std::map<std::string, std::size_t> in_use_;
    std::size_t in_use_total_ = 0;
    std::map<std::string, std::size_t> waiting_;
};

}  // namespace azcore::transport::detail
