// AsyncConnectionLimiter: the async Beast transport's caps on connections in use. A request over
// the cap waits in arrival order; before it waits, the owner may close an idle connection whose
// slot it holds (an HTTP/2 connection), and the slot goes to the waiter.
#include "transport/beast/async_connection_limiter.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <gtest/gtest.h>

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace azcore::transport::detail {
namespace {

using Slot = AsyncConnectionLimiter::Slot;

struct Limiter {
    Limiter(std::size_t per_host, std::size_t total)
        : limiter(std::make_shared<AsyncConnectionLimiter>(context.get_executor(), per_host, total)) {}
    /// Starts acquiring a slot for host; the slot lands in *into once granted.
    void acquire(const std::string& host, std::optional<Slot>* into) {
        boost::asio::co_spawn(
            context, [this, host, into]() -> net::awaitable<void> { *into = co_await limiter->acquire(host); },
            [](std::exception_ptr error) {
                if (error) std::rethrow_exception(error);
            });
    }
    void run() {
        context.run_for(std::chrono::milliseconds(200));
        context.restart();
    }
    boost::asio::io_context context;
    std::shared_ptr<AsyncConnectionLimiter> limiter;
};

TEST(AsyncConnectionLimiterTest, AWaiterGetsTheSlotReleasedBeforeItInArrivalOrder) {
    Limiter limiter(0, 1);
    std::optional<Slot> a, b, c;
    limiter.acquire("https://a", &a);
    limiter.acquire("https://b", &b);
    limiter.acquire("https://c", &c);
    limiter.run();
    EXPECT_TRUE(a.has_value());
    EXPECT_FALSE(b.has_value());
    EXPECT_EQ(limiter.limiter->waiting("https://b"), 1u);
    a.reset();  // released
    limiter.run();
    EXPECT_TRUE(b.has_value());
    EXPECT_FALSE(c.has_value());
}

// The owner frees a slot at once (it closes an idle connection whose slot it held): the request
// has it without waiting, and is told which limit it is under.
TEST(AsyncConnectionLimiterTest, ASlotTheOwnerFreesBeforeTheRequestWaitsIsTheRequests) {
    Limiter limiter(1, 1);
    std::optional<Slot> idle_http2;
    limiter.acquire("https://a", &idle_http2);
    limiter.run();
    ASSERT_TRUE(idle_http2.has_value());
    std::vector<std::pair<std::string, bool>> asked;
    limiter.limiter->set_reclaim([&](const std::string& host, bool any_host) {
        asked.emplace_back(host, any_host);
        idle_http2.reset();
    });
    std::optional<Slot> b;
    limiter.acquire("https://b", &b);
    limiter.run();
    EXPECT_TRUE(b.has_value());
    ASSERT_EQ(asked.size(), 1u);
    EXPECT_EQ(asked[0], (std::pair<std::string, bool>("https://b", true)));  // the total is the limit reached
    EXPECT_EQ(limiter.limiter->waiting("https://b"), 0u);
    // b's own host is at its limit now: only b's connections could make room.
    std::optional<Slot> b2;
    limiter.acquire("https://b", &b2);
    limiter.run();
    EXPECT_FALSE(b2.has_value());
    ASSERT_EQ(asked.size(), 2u);
    EXPECT_EQ(asked[1], (std::pair<std::string, bool>("https://b", false)));
    b.reset();
    limiter.run();
    EXPECT_TRUE(b2.has_value());
}

}  // namespace
}  // namespace azcore::transport::detail
