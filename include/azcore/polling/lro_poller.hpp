#pragma once
// LROPoller: waits for a long-running operation, polling on a thread of its own (Python's `LROPoller`).
#include <azcore/polling/poller_core.hpp>
#include <azcore/polling/polling_method.hpp>

#include <exception>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <thread>
#include <utility>

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
    /// Called with the polling method once polling ended.
    using DoneCallback = PollerCore::DoneCallback;

    /// Initialises polling_method with client and initial_response and starts polling; results are built
    /// with deserialization_callback. HttpResponseError when the initial response shows a failure.
    LROPoller(PollingClient client, pipeline::PipelineResponse initial_response,
              DeserializationCallback<T> deserialization_callback, std::shared_ptr<PollingMethod> polling_method)
        : core_(std::make_shared<PollerCore>(std::move(polling_method))), callback_(std::move(deserialization_callback)) {
        core_->method().initialize(std::move(client), std::move(initial_response));
        if (core_->method().finished()) start(core_);  // no thread: run() only checks for failure or does the final GET
        else thread_ = std::thread([core = core_] { start(core); });
    }
    /// With the response send_request returned.
    LROPoller(PollingClient client, std::shared_ptr<rest::HttpResponseBase> initial_response,
              DeserializationCallback<T> deserialization_callback, std::shared_ptr<PollingMethod> polling_method)
        : LROPoller(std::move(client), as_pipeline_response(std::move(initial_response)), std::move(deserialization_callback),
                    std::move(polling_method)) {}

    /// Move-constructible only: the polling thread belongs to one poller.
    ///@{
    LROPoller(LROPoller&&) noexcept = default;
    LROPoller& operator=(LROPoller&&) = delete;
    LROPoller(const LROPoller&) = delete;
    LROPoller& operator=(const LROPoller&) = delete;
    ///@}

    /// Stops polling (before the next status request) and joins the thread when not done.
    ~LROPoller() {
        if (thread_.joinable()) {
            core_->method().request_stop();
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

    /// The polling method in use.
    PollingMethod& polling_method() const { return core_->method(); }
    /// A token from which from_continuation_token resumes the operation.
    std::string continuation_token() const { return core_->method().get_continuation_token(); }
    /// The operation's current status, as the service spells it.
    std::string status() const { return core_->method().status(); }

    /// Waits (at most timeout seconds), then builds the result from the polling method's resource()
    /// with the deserialisation callback (T{} when there is none). As in Python, after a timeout
    /// that is the resource available so far.
    T result(std::optional<double> timeout = std::nullopt) {
        wait(timeout);
        return deserialize_resource<T>(callback_, core_->method().resource());
    }

    /// Waits for polling to end, or for timeout seconds; rethrows the error polling ended with
    /// (an AzureError carries the continuation token), at every call.
    void wait(std::optional<double> timeout = std::nullopt) { core_->wait(timeout); }

    /// Whether polling ended (successfully or not), done callbacks included.
    bool done() const { return core_->done(); }

    /// Calls func(polling_method()) once polling ended (successfully or not), on the polling
    /// thread; at once when it has already ended.
    void add_done_callback(DoneCallback func) { core_->add_done_callback(std::move(func)); }

private:
    static void start(const std::shared_ptr<PollerCore>& core) {
        std::exception_ptr failure;
        try {
            core->method().run();
        } catch (...) {
            failure = std::current_exception();
        }
        core->finish(failure);
    }

    std::shared_ptr<PollerCore> core_;
    DeserializationCallback<T> callback_;
    std::thread thread_;
};

}  // namespace azcore::polling
