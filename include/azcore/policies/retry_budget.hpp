#pragma once
// RetryBudget: a cap on the extra requests retries may add, shared by the clients that hold it.
#include <array>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <mutex>
#include <utility>

namespace azcore::policies {

/// RetryBudget's settings.
struct RetryBudgetOptions {
    /// Retries may add at most this fraction of extra requests over the window (0.1 = 10%).
    double ratio = 0.1;
    /// The sliding window the ratio is measured over (in tenths: an event leaves the window
    /// between 0.9 and 1 window after it happened).
    std::chrono::steady_clock::duration window = std::chrono::seconds(10);
    /// Retries always allowed per window, so that a quiet client can still retry.
    std::size_t min_retries = 10;
    /// The clock (tests inject one); default std::chrono::steady_clock::now.
    std::function<std::chrono::steady_clock::time_point()> clock{};
};

/// Beyond Python (opt-in, RetryPolicyOptions::retry_budget): when an outage makes every request
/// fail, retries stop multiplying the load. A RetryPolicy with a budget records each call's first
/// try and asks before each retry; a retry is allowed while the retries in the window stay below
/// max(min_retries, ratio × first tries in the window). Past the budget the policy fails fast with
/// the last response (returned) or error (rethrown), as if its retries were exhausted.
/// Thread-safe, memory bounded (ten counters); share one between the clients (and threads) that
/// call one service.
class RetryBudget {
public:
    /// std::invalid_argument for a negative or NaN ratio or a window that is not positive.
    explicit RetryBudget(RetryBudgetOptions options = {});
    /// A first try was sent.
    void record_request();
    /// Whether one more retry fits in the budget; if so it is counted.
    bool try_acquire_retry();
    /// First tries recorded in the window now.
    std::size_t requests_in_window() const;
    /// Retries granted in the window now.
    std::size_t retries_in_window() const;
    /// The settings the budget was made with.
    const RetryBudgetOptions& options() const { return options_; }

private:
    static constexpr std::size_t slot_count = 10;
    struct Slot {
        std::int64_t index = INT64_MIN;  // which tenth of time this slot counts
        std::size_t requests = 0;
        std::size_t retries = 0;
    };
    std::int64_t slot_index(std::chrono::steady_clock::time_point t) const;
    /// The slot for now (under the lock), emptied if it counted an older tenth.
    Slot& current(std::int64_t index);
    /// Sums over the slots still in the window ending at index (under the lock).
    std::pair<std::size_t, std::size_t> totals(std::int64_t index) const;

    RetryBudgetOptions options_;
    std::chrono::steady_clock::duration slot_width_;
    mutable std::mutex mutex_;
    std::array<Slot, slot_count> slots_{};
    std::int64_t latest_ = INT64_MIN;
};

}  // namespace azcore::policies
