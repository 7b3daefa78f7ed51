#pragma once
// capture / async_capture: run something that may throw and keep its outcome (a value or the
// exception), to act on it afterwards. One cannot co_await inside a catch block, so the async
// faces capture first and act after; the sync faces use the same helper, so that both drivers of
// a policy read alike.
#include <azcore/net.hpp>

#include <exception>
#include <functional>
#include <optional>
#include <type_traits>
#include <utility>

namespace azcore::detail {

/// What running something gave: its value, or the exception it threw.
template <class T>
struct Outcome {
    std::optional<T> value{};
    std::exception_ptr error{};

    /// The value; rethrows the exception.
    T get() && {
        if (error) std::rethrow_exception(error);
        return std::move(*value);
    }
};

template <>
struct Outcome<void> {
    std::exception_ptr error{};

    void get() && {
        if (error) std::rethrow_exception(error);
    }
};

/// Calls work() and returns what it gave.
template <class F>
Outcome<std::invoke_result_t<F&>> capture(F&& work) {
    using T = std::invoke_result_t<F&>;
    Outcome<T> outcome;
    try {
        if constexpr (std::is_void_v<T>) {
            std::invoke(work);
        } else {
            outcome.value.emplace(std::invoke(work));
        }
    } catch (...) {
        outcome.error = std::current_exception();
    }
    return outcome;
}

/// Awaits work and returns what it gave. The caller awaits at once (work may hold references).
template <class T>
net::awaitable<Outcome<T>> async_capture(net::awaitable<T> work) {
    Outcome<T> outcome;
    try {
        if constexpr (std::is_void_v<T>) {
            co_await std::move(work);
        } else {
            outcome.value.emplace(co_await std::move(work));
        }
    } catch (...) {
        outcome.error = std::current_exception();
    }
    co_return outcome;
}

}  // namespace azcore::detail

/// In a coroutine: awaits the (non-void) awaitable expression and keeps what it gave in outcome
/// (an Outcome<T>) as async_capture does, without async_capture's own coroutine frame: for the
/// paths every request takes (a run of SansIO policies, each retry, each bearer try).
#define AZCORE_AWAIT_CAPTURE(outcome, ...)                   \
    try {                                                    \
        (outcome).value.emplace(co_await (__VA_ARGS__));     \
    } catch (...) {                                          \
        (outcome).error = std::current_exception();          \
    }
