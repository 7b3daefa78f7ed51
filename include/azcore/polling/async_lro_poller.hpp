#pragma once
// AsyncLROPoller: awaits a long-running operation (Python's `AsyncLROPoller`).
#include <azcore/exceptions.hpp>
#include <azcore/net.hpp>
#include <azcore/polling/polling_method.hpp>

#include <exception>
#include <functional>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace azcore::polling {

/// The async poller of a long-running operation, as Python's: no thread; polling runs inside
/// wait() / result(), on the awaiting coroutine's executor, so any number of pollers run at once
/// on one thread. `co_await poller.result()` is Python's `await poller`. The wait between status
/// requests is the pipeline transport's async_sleep (a timer): cancelling the awaiting coroutine
/// (its cancellation slot) stops polling at once with operation_aborted. For a deadline, race
/// result() against a timer (`||` of asio::experimental::awaitable_operators).
/// The poller must outlive the wait()/result() it awaits.
template <class T>
class AsyncLROPoller {
public:
    using DoneCallback = std::function<void(PollingMethod&)>;

    /// Initialises the polling method with the initial response (HttpResponseError when it already
    /// shows a failure); nothing is sent before wait()/result().
    AsyncLROPoller(PollingClient client, pipeline::PipelineResponse initial_response,
                   DeserializationCallback<T> deserialization_callback, std::shared_ptr<PollingMethod> polling_method)
        : method_(std::move(polling_method)), callback_(std::move(deserialization_callback)) {
        if (!method_) throw std::invalid_argument("polling_method: the poller needs one");
        method_->initialize(std::move(client), std::move(initial_response));
    }
    /// With the response send_request returned.
    AsyncLROPoller(PollingClient client, std::shared_ptr<rest::HttpResponseBase> initial_response,
                   DeserializationCallback<T> deserialization_callback, std::shared_ptr<PollingMethod> polling_method)
        : AsyncLROPoller(std::move(client), as_pipeline_response(std::move(initial_response)),
                         std::move(deserialization_callback), std::move(polling_method)) {}

    /// Resumes an operation from a continuation token (possibly made by another process).
    static AsyncLROPoller from_continuation_token(std::shared_ptr<PollingMethod> polling_method,
                                                  const std::string& continuation_token, PollingClient client,
                                                  DeserializationCallback<T> deserialization_callback) {
        if (!polling_method) throw std::invalid_argument("polling_method: the poller needs one");
        pipeline::PipelineResponse initial = polling_method->from_continuation_token(continuation_token, client);
        return AsyncLROPoller(std::move(client), std::move(initial), std::move(deserialization_callback),
                              std::move(polling_method));
    }

    PollingMethod& polling_method() const { return *method_; }
    std::string continuation_token() const { return method_->get_continuation_token(); }
    std::string status() const { return method_->status(); }

    /// Polls to the end, then builds the result (T{} when there is none).
    net::awaitable<T> result() {
        co_await wait();
        co_return detail::deserialize_resource<T>(callback_, method_->resource());
    }

    /// Polls to the end; an AzureError carries the continuation token.
    net::awaitable<void> wait() {
        try {
            co_await method_->async_run();
        } catch (exceptions::AzureError& error) {
            if (!error.continuation_token()) {
                try {
                    error.set_continuation_token(method_->get_continuation_token());
                } catch (...) {  // Python logs "Unable to retrieve continuation token" and goes on
                }
            }
            throw;
        }
        done_ = true;
        std::vector<DoneCallback> callbacks;
        callbacks.swap(callbacks_);
        for (DoneCallback& callback : callbacks) callback(*method_);
    }

    /// Whether a wait() completed successfully.
    bool done() const noexcept { return done_; }

    /// Calls func(polling_method()) when a wait() completes successfully; at once when done.
    void add_done_callback(DoneCallback func) {
        if (done_) func(*method_);
        else callbacks_.push_back(std::move(func));
    }

private:
    std::shared_ptr<PollingMethod> method_;
    DeserializationCallback<T> callback_;
    bool done_ = false;
    std::vector<DoneCallback> callbacks_;
};

}  // namespace azcore::polling
