#pragma once
// RetryBudget: a cap on the extra requests retries may add, shared by the clients that hold it.
#include <chrono>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>

namespace azcore::policies {

struct RetryBudgetOptions {
    /// Retries may add at most this fraction of extra requests over the window (0.1 = 10%).
    double ratio = 0.1;
    /// The sliding window the ratio is measured over.
    std::chrono::steady_clock::duration window = std::chrono::seconds(10);
    /// Retries always allowed per window, so that a quiet client can still retry.
    std::size_t min_retries = 10;
    /// The clock (tests inject one); default std::chrono::steady_clock::now.
    std::function<std::chrono::steady_clock::time_point()> clock{};
};

/// Beyond Python: when an outage makes every request fail, retries stop multiplying the load.
/// A RetryPolicy with a budget records each first try and asks before each retry; past the
/// budget it fails fast with the last response or error. Thread-safe; share one per client
/// (or per fleet of clients).
class RetryBudget {
public:
    explicit RetryBudget(RetryBudgetOptions options = {});
    /// A first try was sent.
    void record_request();
    /// Whether one more retry fits in the budget; if so it is counted.
    bool try_acquire_retry();

private:
    std::chrono::steady_clock::time_point now() const;
    void expire(std::chrono::steady_clock::time_point now);
    RetryBudgetOptions options_;
    std::mutex mutex_;
    std::deque<std::chrono::steady_clock::time_point> requests_;
    std::deque<std::chrono::steady_clock::time_point> retries_;
};

}  // namespace azcore::policies
