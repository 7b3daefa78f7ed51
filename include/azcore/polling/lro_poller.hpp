#pragma once
// LROPoller: waits for a long-running operation, polling on a thread of its own (Python's `LROPoller`).
#include <azcore/exceptions.hpp>
#include <azcore/polling/polling_method.hpp>

#include <chrono>
#include <condition_variable>
#include <exception>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <thread>
#include <utility>
#include <vector>

namespace azcore::polling {

/// The poller of a long-running operation, as Python's: the constructor initialises the polling
/// method with the initial response (HttpResponseError when it already shows a failure) and starts
/// a thread that runs polling_method.run(). result() and wait() wait for that thread; done() tells
/// whether it ended. When the initial response already finished the operation, run() (which then
/// only reports a failure or makes the final GET) runs in the constructor instead, without a thread
/// (Python skips run() then; the async poller always runs it, and so do both of ours).
///
/// The waits between status requests go through the pipeline transport's sleep(), so a
/// MockTransport records them and the thread never sleeps in tests.
///
/// Destroying a poller whose operation is not done asks its polling method to stop and joins the
/// thread: this returns before the next status request, i.e. within one polling interval (Python's
/// daemon thread would be abandoned instead; C++ cannot abandon a thread that uses the client).
template <class T>
class LROPoller {
public:
    using DoneCallback = std::function<void(PollingMethod&)>;

    LROPoller(PollingClient client, pipeline::PipelineResponse initial_response,
              DeserializationCallback<T> deserialization_callback, std::shared_ptr<PollingMethod> polling_method)
        : state_(std::make_shared<State>()) {
        if (!polling_method) throw std::invalid_argument("polling_method: the poller needs one");
        state_->method = std::move(polling_method);
        state_->callback = std::move(deserialization_callback);
        state_->method->initialize(std::move(client), std::move(initial_response));
        state_->finished = false;
        state_->done = false;
        if (state_->method->finished()) start(state_);  // no thread: run() only checks for failure or does the final GET
        else thread_ = std::thread([state = state_] { start(state); });
    }
    /// With the response send_request returned.
    LROPoller(PollingClient client, std::shared_ptr<rest::HttpResponseBase> initial_response,
              DeserializationCallback<T> deserialization_callback, std::shared_ptr<PollingMethod> polling_method)
        : LROPoller(std::move(client), as_pipeline_response(std::move(initial_response)), std::move(deserialization_callback),
                    std::move(polling_method)) {}

    LROPoller(LROPoller&&) noexcept = default;
    LROPoller& operator=(LROPoller&&) = delete;
    LROPoller(const LROPoller&) = delete;
    LROPoller& operator=(const LROPoller&) = delete;

    ~LROPoller() {
        if (thread_.joinable()) {
            state_->method->request_stop();
            thread_.join();
        }
    }

    /// Resumes an operation from a continuation token (possibly made by another process):
    /// polling_method decodes the initial response from it and the new poller starts polling.
    static LROPoller from_continuation_token(std::shared_ptr<PollingMethod> polling_method,
                                             const std::string& continuation_token, PollingClient client,
                                             DeserializationCallback<T> deserialization_callback) {
        if (!polling_method) throw std::invalid_argument("polling_method: the poller needs one");
        pipeline::PipelineResponse initial = polling_method->from_continuation_token(continuation_token, client);
        return LROPoller(std::move(client), std::move(initial), std::move(deserialization_callback), std::move(polling_method));
    }

    PollingMethod& polling_method() const { return *state_->method; }
    /// A token from which from_continuation_token resumes the operation.
    std::string continuation_token() const { return state_->method->get_continuation_token(); }
    std::string status() const { return state_->method->status(); }

    /// Waits (at most timeout seconds), then builds the result from the polling method's resource()
    /// with the deserialisation callback (T{} when there is none). As in Python, after a timeout
    /// that is the resource available so far.
    T result(std::optional<double> timeout = std::nullopt) {
        wait(timeout);
        return detail::deserialize_resource<T>(state_->callback, state_->method->resource());
    }

    /// Waits for the operation to end, or for timeout seconds; rethrows the error polling ended
    /// with (an AzureError carries the continuation token).
    void wait(std::optional<double> timeout = std::nullopt) {
        std::unique_lock lock(state_->mutex);
        auto is_done = [this] { return state_->done; };
        if (timeout) state_->changed.wait_for(lock, std::chrono::duration<double>(*timeout), is_done);
        else state_->changed.wait(lock, is_done);
        if (state_->exception) std::rethrow_exception(state_->exception);
    }

    /// Whether polling ended (successfully or not), done callbacks included.
    bool done() const {
        std::lock_guard lock(state_->mutex);
        return state_->done;
    }

    /// Calls func(polling_method()) once polling ended, on the polling thread; at once when it has
    /// already ended.
    void add_done_callback(DoneCallback func) {
        std::unique_lock lock(state_->mutex);
        if (!state_->finished) {
            state_->callbacks.push_back(std::move(func));
            return;
        }
        lock.unlock();
        func(*state_->method);
    }

private:
    struct State {
        std::shared_ptr<PollingMethod> method;
        DeserializationCallback<T> callback;
        std::mutex mutex;
        std::condition_variable changed;
        bool finished = false;  // run() returned (Python's _done event)
        bool done = false;      // ... and the done callbacks ran (Python's thread ended)
        std::exception_ptr exception;
        std::vector<DoneCallback> callbacks;
    };

    static void start(const std::shared_ptr<State>& state) {
        std::exception_ptr failure;
        try {
            state->method->run();
        } catch (exceptions::AzureError& error) {
            if (!error.continuation_token()) {
                try {
                    error.set_continuation_token(state->method->get_continuation_token());
                } catch (...) {  // Python logs "Unable to retrieve continuation token" and goes on
                }
            }
            failure = std::current_exception();
        } catch (...) {
            failure = std::current_exception();
        }
        std::vector<DoneCallback> callbacks;
        {
            std::lock_guard lock(state->mutex);
            state->exception = failure;
            state->finished = true;
            callbacks.swap(state->callbacks);
        }
        for (DoneCallback& callback : callbacks) {
            try {
                callback(*state->method);
            } catch (...) {  // a callback's failure is its own; the operation's outcome stands
            }
        }
        {
            std::lock_guard lock(state->mutex);
            state->done = true;
        }
        state->changed.notify_all();
    }

    std::shared_ptr<State> state_;
    std::thread thread_;
};

}  // namespace azcore::polling
