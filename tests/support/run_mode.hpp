#pragma once
// Running the same test in both faces: RunMode and a helper that runs an awaitable to completion.
#include <azcore/pipeline/pipeline.hpp>
#include <azcore/rest/http_request.hpp>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>

#include <exception>
#include <optional>
#include <ostream>
#include <utility>

namespace azcore::test {

enum class RunMode { Sync, Async };

inline std::ostream& operator<<(std::ostream& out, RunMode mode) { return out << (mode == RunMode::Sync ? "Sync" : "Async"); }

/// Runs an awaitable on context, on this thread, until it completes (not until the context runs
/// out of work: kept-alive connections may keep it busy); rethrows its exception.
inline void run_awaitable(boost::asio::io_context& context, boost::asio::awaitable<void> awaitable) {
    std::exception_ptr failure;
    bool finished = false;
    boost::asio::co_spawn(context, std::move(awaitable), [&](std::exception_ptr error) {
        failure = error;
        finished = true;
    });
    context.restart();
    while (!finished && context.run_one() > 0) {
    }
    if (failure) std::rethrow_exception(failure);
}

/// The same, returning the awaitable's result (T need not be default-constructible).
template <class T>
T run_awaitable(boost::asio::io_context& context, boost::asio::awaitable<T> awaitable) {
    std::optional<T> result;
    auto store = [](boost::asio::awaitable<T> inner, std::optional<T>& out) -> boost::asio::awaitable<void> {
        out.emplace(co_await std::move(inner));
    };
    run_awaitable(context, store(std::move(awaitable), result));
    return std::move(*result);
}

/// Runs an awaitable on a fresh io_context until that has no work left, and returns its result
/// (rethrowing its exception).
template <class T>
T run_awaitable(boost::asio::awaitable<T> awaitable) {
    boost::asio::io_context context;
    std::exception_ptr failure;
    std::optional<T> result;
    boost::asio::co_spawn(context, std::move(awaitable), [&](std::exception_ptr error, T value) {
        failure = error;
        if (!error) result.emplace(std::move(value));
    });
    context.run();
    if (failure) std::rethrow_exception(failure);
    return std::move(*result);
}

inline void run_awaitable(boost::asio::awaitable<void> awaitable) {
    boost::asio::io_context context;
    std::exception_ptr failure;
    boost::asio::co_spawn(context, std::move(awaitable), [&](std::exception_ptr error) { failure = error; });
    context.run();
    if (failure) std::rethrow_exception(failure);
}

/// Pipeline::run or Pipeline::async_run, by mode.
inline pipeline::PipelineResponse run_pipeline(const pipeline::Pipeline& pipeline, RunMode mode, rest::HttpRequest request,
                                               options::Kwargs options = {}) {
    if (mode == RunMode::Sync) return pipeline.run(std::move(request), std::move(options));
    return run_awaitable(pipeline.async_run(std::move(request), std::move(options)));
}

}  // namespace azcore::test
