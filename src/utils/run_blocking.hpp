#pragma once
// run_blocking: sync code that may block, awaited from a coroutine without blocking its thread.
#include <azcore/net.hpp>

#include "utils/capture.hpp"

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/async_result.hpp>
#include <boost/asio/execution/outstanding_work.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/prefer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <list>
#include <mutex>
#include <thread>
#include <type_traits>
#include <utility>
#include <vector>

namespace azcore::detail {

/// The threads run_blocking started for one execution context, joined when the context shuts
/// down (as Asio's resolver joins its thread): destroying a context whose coroutine awaits a
/// blocking call waits for the call to return, and the call's result never reaches freed memory.
class BlockingThreads {
public:
    /// The threads of executor's context.
    static BlockingThreads& of(const net::any_io_executor& executor);

    /// Runs job on a new thread.
    template <class F>
    void launch(F job) {
        std::lock_guard lock(mutex_);
        join_finished();
        threads_.emplace_back([this, job = std::move(job)]() mutable {
            job();
            finished(std::this_thread::get_id());
        });
    }

    /// Joins every thread (the context is shutting down).
    void join_all() noexcept;

private:
    void finished(std::thread::id id);
    void join_finished();  // under mutex_

    std::mutex mutex_;
    std::list<std::thread> threads_;
    std::vector<std::thread::id> finished_;
};

/// Runs work on a thread of its own and resumes the caller on its executor with work's result or
/// exception; the caller's thread runs its other work meanwhile (its context keeps work until
/// then). Not cancellable: work may refer to the caller's frame, so the caller waits for it.
/// A thread per call: for rare calls (a user's sync hook that may ask a credential for a token).
template <class F>
net::awaitable<std::invoke_result_t<F&>> run_blocking(F work) {
    using T = std::invoke_result_t<F&>;
    net::any_io_executor executor = co_await net::this_coro::executor;
    Outcome<T> outcome = co_await net::async_initiate<const net::use_awaitable_t<>&, void(Outcome<T>)>(
        [executor, &work](auto handler) {
            auto tracked = net::prefer(executor, net::execution::outstanding_work.tracked);
            BlockingThreads::of(executor).launch([handler = std::move(handler), tracked, &work]() mutable {
                Outcome<T> result = capture(work);
                net::post(tracked, [handler = std::move(handler), result = std::move(result)]() mutable {
                    std::move(handler)(std::move(result));
                });
            });
        },
        net::use_awaitable);
    co_return std::move(outcome).get();
}

}  // namespace azcore::detail
