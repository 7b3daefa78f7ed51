// RetryBudget: max(min_retries, ratio × first tries) retries per sliding window, shared and thread-safe.
#include <azcore/policies/retry_budget.hpp>

#include <gtest/gtest.h>

#include <atomic>
#include <limits>
#include <chrono>
#include <memory>
#include <stdexcept>
#include <thread>
#include <vector>

namespace azcore::policies {
namespace {

using namespace std::chrono_literals;
using TimePoint = std::chrono::steady_clock::time_point;

/// A budget on a clock the test moves: 10 s window (1 s tenths), starting at 1 h.
struct Fixture {
    TimePoint now = TimePoint{} + 1h;
    std::shared_ptr<RetryBudget> make(double ratio, std::size_t min_retries) {
        return std::make_shared<RetryBudget>(
            RetryBudgetOptions{.ratio = ratio, .window = 10s, .min_retries = min_retries, .clock = [this] { return now; }});
    }
};

std::size_t acquire_all(RetryBudget& budget, std::size_t attempts) {
    std::size_t granted = 0;
    for (std::size_t i = 0; i < attempts; ++i) granted += budget.try_acquire_retry() ? 1 : 0;
    return granted;
}

TEST(RetryBudget, AllowsMinRetriesWithoutAnyRequest) {
    Fixture f;
    auto budget = f.make(0.1, 3);
    EXPECT_EQ(acquire_all(*budget, 10), 3u);
    EXPECT_EQ(budget->retries_in_window(), 3u);
}

TEST(RetryBudget, AllowsRatioTimesTheFirstTriesInTheWindow) {
    Fixture f;
    auto budget = f.make(0.1, 0);
    for (int i = 0; i < 100; ++i) budget->record_request();
    EXPECT_EQ(budget->requests_in_window(), 100u);
    EXPECT_EQ(acquire_all(*budget, 50), 10u);
    // More first tries make room for more retries.
    for (int i = 0; i < 20; ++i) budget->record_request();
    EXPECT_EQ(acquire_all(*budget, 50), 2u);
}

TEST(RetryBudget, TheGreaterOfMinRetriesAndTheRatioApplies) {
    Fixture f;
    auto budget = f.make(0.5, 4);
    for (int i = 0; i < 4; ++i) budget->record_request();  // ratio: 2 retries; minimum: 4
    EXPECT_EQ(acquire_all(*budget, 10), 4u);
}

TEST(RetryBudget, ZeroRatioAndZeroMinimumNeverRetries) {
    Fixture f;
    auto budget = f.make(0, 0);
    for (int i = 0; i < 1000; ++i) budget->record_request();
    EXPECT_FALSE(budget->try_acquire_retry());
}

TEST(RetryBudget, CountsSlideOutOfTheWindow) {
    Fixture f;
    auto budget = f.make(0.1, 0);
    for (int i = 0; i < 100; ++i) budget->record_request();
    EXPECT_EQ(acquire_all(*budget, 10), 10u);
    f.now += 5s;
    for (int i = 0; i < 50; ++i) budget->record_request();
    EXPECT_EQ(budget->requests_in_window(), 150u);
    EXPECT_EQ(acquire_all(*budget, 10), 5u);  // 15 allowed, 10 used
    f.now += 5s;  // the first 100 tries and 10 retries leave the window
    EXPECT_EQ(budget->requests_in_window(), 50u);
    EXPECT_EQ(budget->retries_in_window(), 5u);
    EXPECT_EQ(acquire_all(*budget, 10), 0u);
    f.now += 5s;  // everything left
    EXPECT_EQ(budget->requests_in_window(), 0u);
    EXPECT_EQ(budget->retries_in_window(), 0u);
}

TEST(RetryBudget, EventsStayForAtLeastNineTenthsOfTheWindow) {
    Fixture f;
    auto budget = f.make(0, 1);
    EXPECT_TRUE(budget->try_acquire_retry());
    f.now += 9s;
    EXPECT_FALSE(budget->try_acquire_retry());
    f.now += 1s;
    EXPECT_TRUE(budget->try_acquire_retry());
}

TEST(RetryBudget, AnOlderTimeFromARacingThreadCountsInTheNewestSlot) {
    Fixture f;
    auto budget = f.make(0, 2);
    f.now += 20s;
    EXPECT_TRUE(budget->try_acquire_retry());
    f.now -= 15s;  // a thread that read the clock long before taking the lock
    EXPECT_TRUE(budget->try_acquire_retry());
    EXPECT_FALSE(budget->try_acquire_retry());
    f.now += 15s;
    EXPECT_EQ(budget->retries_in_window(), 2u);
}

TEST(RetryBudget, IsThreadSafeAndNeverGrantsMoreThanTheBudget) {
    auto budget = std::make_shared<RetryBudget>(RetryBudgetOptions{.ratio = 0.5, .window = 1h, .min_retries = 100});
    std::atomic<std::size_t> granted{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < 8; ++t) {
        threads.emplace_back([&] {
            for (int i = 0; i < 500; ++i) {
                budget->record_request();
                if (budget->try_acquire_retry()) ++granted;
            }
        });
    }
    for (auto& thread : threads) thread.join();
    EXPECT_EQ(budget->requests_in_window(), 4000u);
    // Never more than half the first tries (nor the minimum), however the threads interleave.
    EXPECT_LE(granted.load(), 2000u);
    EXPECT_GE(granted.load(), 100u);
    EXPECT_EQ(budget->retries_in_window(), granted.load());
}

TEST(RetryBudget, RejectsABadRatioOrWindow) {
    EXPECT_THROW(RetryBudget({.ratio = -0.1}), std::invalid_argument);
    EXPECT_THROW(RetryBudget({.ratio = std::numeric_limits<double>::quiet_NaN()}), std::invalid_argument);
    EXPECT_THROW(RetryBudget({.window = 0s}), std::invalid_argument);
}

TEST(RetryBudget, DefaultsAreTenPercentOverTenSecondsWithTenRetries) {
    RetryBudget budget;
    EXPECT_EQ(budget.options().ratio, 0.1);
    EXPECT_EQ(budget.options().window, std::chrono::steady_clock::duration(10s));
    EXPECT_EQ(budget.options().min_retries, 10u);
}

}  // namespace
}  // namespace azcore::policies
