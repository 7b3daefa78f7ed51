// capture / async_capture keep a value or the exception for acting on it afterwards;
// run_blocking runs sync code off the awaiting coroutine's thread.
#include "utils/capture.hpp"
#include "utils/run_blocking.hpp"

#include "support/run_mode.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <memory>
#include <stdexcept>
#include <thread>

namespace azcore::detail {
namespace {

net::awaitable<int> answer(bool fail) {
    if (fail) throw std::runtime_error("no answer");
    co_return 42;
}

net::awaitable<void> nothing(bool fail) {
    if (fail) throw std::runtime_error("nothing failed");
    co_return;
}

TEST(Capture, KeepsTheValueOrTheExceptionForTheCallerToActOn) {
    auto ok = capture([] { return 42; });
    EXPECT_FALSE(ok.error);
    EXPECT_EQ(std::move(ok).get(), 42);

    auto failed = capture([]() -> int { throw std::runtime_error("no answer"); });
    EXPECT_FALSE(failed.value);
    EXPECT_THROW(std::move(failed).get(), std::runtime_error);

    int calls = 0;
    auto void_ok = capture([&] { ++calls; });
    EXPECT_FALSE(void_ok.error);
    EXPECT_EQ(calls, 1);
}

TEST(Capture, TheAsyncFaceKeepsTheSameOutcomes) {
    auto ok = test::run_awaitable(async_capture(answer(false)));
    EXPECT_EQ(std::move(ok).get(), 42);
    auto failed = test::run_awaitable(async_capture(answer(true)));
    ASSERT_TRUE(failed.error);
    EXPECT_THROW(std::move(failed).get(), std::runtime_error);
    auto void_failed = test::run_awaitable(async_capture(nothing(true)));
    EXPECT_THROW(std::move(void_failed).get(), std::runtime_error);
    auto void_ok = test::run_awaitable(async_capture(nothing(false)));
    EXPECT_FALSE(void_ok.error);
}

TEST(Capture, TheAwaitMacroKeepsTheSameOutcomes) {
    auto keep = [](bool fail) -> net::awaitable<Outcome<int>> {
        Outcome<int> outcome;
        AZCORE_AWAIT_CAPTURE(outcome, answer(fail))
        co_return outcome;
    };
    auto ok = test::run_awaitable(keep(false));
    EXPECT_FALSE(ok.error);
    EXPECT_EQ(std::move(ok).get(), 42);
    auto failed = test::run_awaitable(keep(true));
    EXPECT_FALSE(failed.value);
    EXPECT_THROW(std::move(failed).get(), std::runtime_error);
}

// The blocking call waits for a handler posted to the caller's own io_context: it only returns
// if that context's thread is free meanwhile.
TEST(RunBlocking, RunsTheCallOffTheCallersThreadWhichServesItsOtherWorkMeanwhile) {
    boost::asio::io_context io;
    std::atomic<bool> served = false;
    std::thread::id caller;
    std::thread::id ran_on;
    bool in_time = false;
    auto blocking = [&] {
        ran_on = std::this_thread::get_id();
        boost::asio::post(io, [&] { served = true; });
        for (int i = 0; i < 500 && !served; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
        in_time = served;
        return 7;
    };
    int result = 0;
    boost::asio::co_spawn(
        io,
        [&]() -> net::awaitable<void> {
            caller = std::this_thread::get_id();
            result = co_await run_blocking(blocking);
        },
        [](std::exception_ptr error) { EXPECT_FALSE(error); });
    io.run();
    EXPECT_EQ(result, 7);
    EXPECT_TRUE(in_time);
    EXPECT_NE(ran_on, caller);
}

// A context destroyed while its coroutine awaits a blocking call: the destruction waits for the
// call, whose result is then dropped with the coroutine (no resume, nothing touches freed memory).
TEST(RunBlocking, DestroyingTheContextWaitsForTheCallAndDropsTheCoroutine) {
    std::atomic<bool> started = false;
    std::atomic<bool> returned = false;
    bool resumed = false;
    auto frame_alive = std::make_shared<int>(0);
    std::weak_ptr<int> frame_watch = frame_alive;
    {
        boost::asio::io_context io;
        boost::asio::co_spawn(
            io,
            [&, frame_alive = std::move(frame_alive)]() -> net::awaitable<void> {
                co_await run_blocking([&] {
                    started = true;
                    std::this_thread::sleep_for(std::chrono::milliseconds(100));
                    returned = true;
                });
                resumed = true;
            },
            [](std::exception_ptr) {});
        while (!started) io.run_one_for(std::chrono::milliseconds(10));
    }
    EXPECT_TRUE(returned);
    EXPECT_FALSE(resumed);
    EXPECT_TRUE(frame_watch.expired());
}

TEST(RunBlocking, TheCallsExceptionReachesTheAwaitingCoroutine) {
    auto failing = []() -> net::awaitable<int> { co_return co_await run_blocking([]() -> int { throw std::logic_error("sync failure"); }); };
    EXPECT_THROW(test::run_awaitable(failing()), std::logic_error);
}

}  // namespace
}  // namespace azcore::detail
