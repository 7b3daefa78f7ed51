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

/// Runs an awaitable on a fresh io_context and returns its result (rethrowing its exception).
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
                                               pipeline::Kwargs options = {}) {
    if (mode == RunMode::Sync) return pipeline.run(std::move(request), std::move(options));
    return run_awaitable(pipeline.async_run(std::move(request), std::move(options)));
}

}  // namespace azcore::test
