#include <azcore/policies/retry_budget.hpp>

#include <algorithm>
#include <stdexcept>
#include <utility>

namespace azcore::policies {

RetryBudget::RetryBudget(RetryBudgetOptions options) : options_(std::move(options)) {
    if (!(options_.ratio >= 0)) throw std::invalid_argument("ratio: must be zero or more");
    if (options_.window <= std::chrono::steady_clock::duration::zero()) throw std::invalid_argument("window: must be positive");
    slot_width_ = std::max(options_.window / static_cast<std::int64_t>(slot_count), std::chrono::steady_clock::duration(1));
    if (!options_.clock) options_.clock = [] { return std::chrono::steady_clock::now(); };
}

std::int64_t RetryBudget::slot_index(std::chrono::steady_clock::time_point t) const {
    auto since = t.time_since_epoch();
    std::int64_t index = since / slot_width_;
    if (since < std::chrono::steady_clock::duration::zero() && since % slot_width_ != std::chrono::steady_clock::duration::zero())
        --index;  // floor, for clocks before their epoch
    return index;
}

RetryBudget::Slot& RetryBudget::current(std::int64_t index) {
    // Threads read the clock before taking the lock: a slightly older time counts in the newest slot.
    latest_ = std::max(latest_, index);
    const auto position = static_cast<std::size_t>(((latest_ % static_cast<std::int64_t>(slot_count)) + slot_count) % slot_count);
    Slot& slot = slots_[position];
    if (slot.index != latest_) slot = Slot{latest_, 0, 0};
    return slot;
}

std::pair<std::size_t, std::size_t> RetryBudget::totals(std::int64_t index) const {
    const std::int64_t newest = std::max(latest_, index);
    std::size_t requests = 0, retries = 0;
    for (const Slot& slot : slots_) {
        if (slot.index == INT64_MIN || slot.index > newest || newest - slot.index >= static_cast<std::int64_t>(slot_count)) continue;
        requests += slot.requests;
        retries += slot.retries;
    }
    return {requests, retries};
}

void RetryBudget::record_request() {
    const std::int64_t index = slot_index(options_.clock());
    std::lock_guard lock(mutex_);
    ++current(index).requests;
}

bool RetryBudget::try_acquire_retry() {
    const std::int64_t index = slot_index(options_.clock());
    std::lock_guard lock(mutex_);
    auto [requests, retries] = totals(index);
    const double allowed = std::max(static_cast<double>(options_.min_retries), options_.ratio * static_cast<double>(requests));
    if (static_cast<double>(retries) + 1 > allowed) return false;
    ++current(index).retries;
    return true;
}

std::size_t RetryBudget::requests_in_window() const {
    const std::int64_t index = slot_index(options_.clock());
    std::lock_guard lock(mutex_);
    return totals(index).first;
}

std::size_t RetryBudget::retries_in_window() const {
    const std::int64_t index = slot_index(options_.clock());
    std::lock_guard lock(mutex_);
    return totals(index).second;
}

}  // namespace azcore::policies
