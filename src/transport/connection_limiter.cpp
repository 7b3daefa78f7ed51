#include "transport/connection_limiter.hpp"

namespace azcore::transport::detail {

ConnectionLimiter::Slot ConnectionLimiter::acquire(const std::string& host) {
    if (unlimited()) return {};
    std::unique_lock lock(mutex_);
    const auto may_open = [&] { return (total_ == 0 || in_use_total_ < total_) && (per_host_ == 0 || in_use_[host] < per_host_); };
    if (!may_open()) {
        ++waiting_[host];
        released_.wait(lock, may_open);
        if (--waiting_[host] == 0) waiting_.erase(host);
    }
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

std::size_t ConnectionLimiter::waiting(const std::string& host) const {
    std::lock_guard lock(mutex_);
    const auto found = waiting_.find(host);
    return found == waiting_.end() ? 0 : found->second;
}

}  // namespace azcore::transport::detail
