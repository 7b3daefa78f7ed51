#include "transport/beast/async_connection_limiter.hpp"

#include <boost/asio/redirect_error.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/system/system_error.hpp>

#include <mutex>

namespace azcore::transport::detail {

bool AsyncConnectionLimiter::may_open(const std::string& host) const {
    if (total_ != 0 && in_use_total_ >= total_) return false;
    if (per_host_ == 0) return true;
    const auto found = in_use_.find(host);
    return found == in_use_.end() || found->second < per_host_;
}

net::awaitable<AsyncConnectionLimiter::Slot> AsyncConnectionLimiter::acquire(std::string host) {
    if (unlimited()) co_return Slot();
    if (waiters_.empty() && may_open(host)) {
        ++in_use_[host];
        ++in_use_total_;
        co_return Slot(shared_from_this(), std::move(host));
    }
    auto waiter = std::make_shared<Waiter>(Waiter{host, boost::asio::steady_timer(executor_, boost::asio::steady_timer::time_point::max())});
    waiters_.push_back(waiter);
    {
        std::lock_guard lock(counts_mutex_);
        ++waiting_[host];
    }
    if (reclaim_) {
        const auto found = in_use_.find(host);
        const bool host_full = per_host_ != 0 && found != in_use_.end() && found->second >= per_host_;
        reclaim_(host, !host_full);  // a slot it frees at once is granted at once
    }
    boost::system::error_code error;
    if (!waiter->granted) co_await waiter->timer.async_wait(net::redirect_error(net::use_awaitable, error));
    {
        std::lock_guard lock(counts_mutex_);
        --waiting_[host];
    }
    if (!waiter->granted) {
        // Cancelled by the caller: leave the queue.
        waiters_.remove(waiter);
        throw boost::system::system_error(net::error::operation_aborted);
    }
    co_return Slot(shared_from_this(), std::move(host));
}

void AsyncConnectionLimiter::release(const std::string& host) noexcept {
    if (auto found = in_use_.find(host); found != in_use_.end() && found->second > 0) --found->second;
    if (in_use_total_ > 0) --in_use_total_;
    // The first waiters that may open now, in arrival order.
    for (auto it = waiters_.begin(); it != waiters_.end();) {
        if (!may_open((*it)->host)) {
            ++it;
            continue;
        }
        ++in_use_[(*it)->host];
        ++in_use_total_;
        (*it)->granted = true;
        (*it)->timer.cancel();
        it = waiters_.erase(it);
    }
}

std::size_t AsyncConnectionLimiter::waiting(const std::string& host) const {
    std::lock_guard lock(counts_mutex_);
    const auto found = waiting_.find(host);
    return found == waiting_.end() ? 0 : found->second;
}

}  // namespace azcore::transport::detail
