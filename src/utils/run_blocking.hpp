#pragma once
// run_blocking: sync code that may block, awaited from a coroutine without blocking its thread.
#include <azcore/net.hpp>

#include "utils/capture.hpp"

#include <boost/asio/async_result.hpp>
#include <boost/asio/execution/outstanding_work.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/prefer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <thread>
#include <type_traits>
#include <utility>

namespace azcore::detail {

/// Runs work on a thread of its own and resumes the caller on its executor with work's result or
/// exception; the caller's thread runs its other work meanwhile (its context keeps work until
/// then). Not cancellable: work may refer to the caller's frame, so the caller waits for it.
/// A thread per call: for rare calls (a user's sync hook that may ask a credential for a token).
template <class F>
net::awaitable<std::invoke_result_t<F&>> run_blocking(F work) {
    using T = std::invoke_result_t<F&>;
    auto executor = co_await net::this_coro::executor;
    Outcome<T> outcome = co_await net::async_initiate<const net::use_awaitable_t<>&, void(Outcome<T>)>(
        [executor, &work](auto handler) {
            auto tracked = net::prefer(executor, net::execution::outstanding_work.tracked);
            std::thread([handler = std::move(handler), tracked, &work]() mutable {
                Outcome<T> result = capture(work);
                net::post(tracked, [handler = std::move(handler), result = std::move(result)]() mutable {
                    std::move(handler)(std::move(result));
                });
            }).detach();
        },
        net::use_awaitable);
    co_return std::move(outcome).get();
}

}  // namespace azcore::detail
