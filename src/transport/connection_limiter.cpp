#include "transport/connection_limiter.hpp"

namespace azcore::transport::detail {

ConnectionLimiter::Slot ConnectionLimiter::acquire(const std::string& host) {
    if (unlimited()) return {};
    std::unique_lock lock(mutex_);
    released_.wait(lock, [&] {
        return (total_ == 0 || in_use_total_ < total_) && (per_host_ == 0 || in_use_[host] < per_host_);
    });
    ++in_use_[host];
    ++in_use_total_;
    return Slot(this, host);
}

void ConnectionLimiter::release(const std::string& host) noexcept {
    {
        std::lock_guard lock(mutex_);
        if (--in_use_[host] == 0) in_use_.erase(host);
        --in_use_total_;
    }
    released_.notify_all();
}

}  // namespace azcore::transport::detail
