#include <azcore/policies/retry_budget.hpp>

#include <stdexcept>

namespace azcore::policies {

RetryBudget::RetryBudget(RetryBudgetOptions options) : options_(std::move(options)) {
    if (!(options_.ratio >= 0)) throw std::invalid_argument("ratio: must be zero or more");
    if (options_.window <= std::chrono::steady_clock::duration::zero()) throw std::invalid_argument("window: must be positive");
}

std::chrono::steady_clock::time_point RetryBudget::now() const {
    return options_.clock ? options_.clock() : std::chrono::steady_clock::now();
}

void RetryBudget::expire(std::chrono::steady_clock::time_point now) {
    auto cutoff = now - options_.window;
    while (!requests_.empty() && requests_.front() <= cutoff) requests_.pop_front();
    while (!retries_.empty() && retries_.front() <= cutoff) retries_.pop_front();
}

void RetryBudget::record_request() {
    auto t = now();
    std::lock_guard lock(mutex_);
    expire(t);
    requests_.push_back(t);
}

bool RetryBudget::try_acquire_retry() {
    auto t = now();
    std::lock_guard lock(mutex_);
    expire(t);
    double allowed = options_.ratio * static_cast<double>(requests_.size());
    if (retries_.size() >= options_.min_retries && static_cast<double>(retries_.size()) >= allowed) return false;
    retries_.push_back(t);
    return true;
}

}  // namespace azcore::policies
