#pragma once
// run_on: awaits a coroutine on another executor and resumes on the caller's.
#include <azcore/net.hpp>

#include "utils/cancellation.hpp"

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/associated_cancellation_slot.hpp>
#include <boost/asio/associated_executor.hpp>
#include <boost/asio/async_result.hpp>
#include <boost/asio/bind_cancellation_slot.hpp>
#include <boost/asio/cancellation_signal.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <atomic>
#include <exception>
#include <memory>

namespace azcore::detail {

template <class T>
net::awaitable<T> accepting_every_cancellation(net::awaitable<T> work) {
    co_await accept_every_cancellation();
    co_return co_await std::move(work);
}

/// The result of a hop, handed to the caller's executor. It resumes the caller only once the
/// thread that posted it has returned from post (Asio signals the context after making the
/// handler visible): from then on no other thread uses the caller's context, which may be
/// destroyed as soon as the caller resumes. Until then it posts itself again.
template <class Handler, class Guard, class T>
struct HopResult {
    Handler handler;
    Guard guard;  // keeps the caller's context running until the caller resumes
    std::exception_ptr error;
    T value;
    std::shared_ptr<std::atomic<bool>> posted;

    void operator()() {
        if (!posted->load(std::memory_order_acquire)) {
            net::any_io_executor caller = guard.get_executor();
            net::post(caller, std::move(*this));
            return;
        }
        guard.reset();
        std::move(handler)(error, std::move(value));
    }
};

/// Awaits work on executor, accepting every cancellation type of the caller. From a coroutine on
/// another executor (a context another thread runs), work runs on executor and the caller
/// resumes on its own. Unlike co_spawn(executor, work, use_awaitable), whose frame still holds a
/// work-tracking copy of the caller's executor after posting the result back, nothing of the
/// caller's context is touched from executor's thread once the caller resumes (see HopResult).
/// So the caller may stop and destroy its context as soon as it has resumed.
template <class T>
net::awaitable<T> run_on(net::any_io_executor executor, net::awaitable<T> work) {
    co_await accept_every_cancellation();
    if (co_await net::this_coro::executor == executor) co_return co_await std::move(work);
    auto initiate = [executor](auto handler, net::awaitable<T> work) {
        // The signal is emitted on executor's thread only; the caller's slot posts to it.
        auto signal = std::make_shared<net::cancellation_signal>();
        if (auto slot = net::get_associated_cancellation_slot(handler); slot.is_connected())
            slot.assign([signal, executor](net::cancellation_type type) {
                net::post(executor, [signal, type] { signal->emit(type); });
            });
        auto guard = net::make_work_guard(net::get_associated_executor(handler));
        net::co_spawn(executor, accepting_every_cancellation(std::move(work)),
                      net::bind_cancellation_slot(signal->slot(), [handler = std::move(handler), guard = std::move(guard), signal](
                                                                      std::exception_ptr error, T value) mutable {
                          auto posted = std::make_shared<std::atomic<bool>>(false);
                          net::any_io_executor caller = guard.get_executor();
                          net::post(caller, HopResult<decltype(handler), decltype(guard), T>{
                                                std::move(handler), std::move(guard), error, std::move(value), posted});
                          posted->store(true, std::memory_order_release);
                      }));
    };
    co_return co_await net::async_initiate<const net::use_awaitable_t<>&, void(std::exception_ptr, T)>(
        std::move(initiate), net::use_awaitable, std::move(work));
}

}  // namespace azcore::detail
