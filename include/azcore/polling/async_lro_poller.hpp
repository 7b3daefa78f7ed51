#pragma once
// AsyncLROPoller: awaits a long-running operation (Python's `AsyncLROPoller`).
#include <azcore/net.hpp>
#include <azcore/polling/poller_core.hpp>
#include <azcore/polling/polling_method.hpp>

#include <exception>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>

namespace azcore::polling {

/// The async poller of a long-running operation, as Python's: no thread; polling runs inside
/// wait() / result(), on the awaiting coroutine's executor, so any number of pollers run at once
/// on one thread. `co_await poller.result()` is Python's `await poller`. The wait between status
/// requests is the pipeline transport's async_sleep (a timer): cancelling the awaiting coroutine
/// (its cancellation slot) stops polling at once with operation_aborted. For a deadline, race
/// result() against a timer (`||` of asio::experimental::awaitable_operators).
/// done(), wait() and the done callbacks mean what they mean for LROPoller: polling ends when the
/// method's run ends, successfully or with an error (kept and rethrown by every later wait); a
/// cancelled wait does not end it.
/// The poller must outlive the wait()/result() it awaits.
template <class T>
class AsyncLROPoller {
public:
    /// Called with the polling method once polling ended.
    using DoneCallback = PollerCore::DoneCallback;

    /// Initialises the polling method with the initial response (HttpResponseError when it already
    /// shows a failure); nothing is sent before wait()/result().
    AsyncLROPoller(PollingClient client, pipeline::PipelineResponse initial_response,
                   DeserializationCallback<T> deserialization_callback, std::shared_ptr<PollingMethod> polling_method)
        : core_(std::make_shared<PollerCore>(std::move(polling_method))), callback_(std::move(deserialization_callback)) {
        core_->method().initialize(std::move(client), std::move(initial_response));
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

    /// The polling method in use.
    PollingMethod& polling_method() const { return core_->method(); }
    /// A token from which from_continuation_token resumes the operation.
    std::string continuation_token() const { return core_->method().get_continuation_token(); }
    /// The operation's current status, as the service spells it.
    std::string status() const { return core_->method().status(); }

    /// Polls to the end, then builds the result (T{} when there is none).
    net::awaitable<T> result() {
        co_await wait();
        co_return deserialize_resource<T>(callback_, core_->method().resource());
    }

    /// Polls to the end; rethrows the error polling ended with (an AzureError carries the
    /// continuation token), at every call. Once polling ended, sends nothing. A cancelled wait
    /// does not end polling: the next wait goes on from where it stopped. One wait at a time
    /// (std::logic_error otherwise).
    net::awaitable<void> wait() {
        if (!core_->done()) {
            std::shared_ptr<void> waiting = core_->begin_wait();
            std::exception_ptr failure;
            try {
                co_await core_->method().async_run();
            } catch (...) {
                failure = std::current_exception();
            }
            waiting.reset();
            if (!core_->finish(failure)) std::rethrow_exception(failure);
        }
        core_->rethrow_failure();
    }

    /// Whether polling ended (successfully or not), done callbacks included.
    bool done() const { return core_->done(); }

    /// Calls func(polling_method()) when polling ends (successfully or not), in the wait() that
    /// ends it; at once when it has already ended.
    void add_done_callback(DoneCallback func) { core_->add_done_callback(std::move(func)); }

private:
    std::shared_ptr<PollerCore> core_;
    DeserializationCallback<T> callback_;
};

}  // namespace azcore::polling
