#pragma once
// PollingMethod: the strategy an LROPoller / AsyncLROPoller runs (Python's `PollingMethod`), and
// PollingClient, what a polling method sends its requests through.
#include <azcore/net.hpp>
#include <azcore/pipeline/pipeline_request.hpp>

#include <atomic>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace azcore {
class PipelineClient;
class AsyncPipelineClient;
}  // namespace azcore

namespace azcore::pipeline {
class Pipeline;
}

namespace azcore::rest {
class HttpResponseBase;
}

namespace azcore::polling {

/// The client of a long-running operation (Python passes the PipelineClient): a PipelineClient, an
/// AsyncPipelineClient, or a pipeline with a base URL. It refers to the client without owning it:
/// the client must outlive the pollers that use it (as in Python, where the poller holds it).
class PollingClient {
public:
    /// No client: enough for NoPolling.
    PollingClient() = default;
    /// The pipeline and base URL of client.
    ///@{
    PollingClient(const PipelineClient& client);       // NOLINT(google-explicit-constructor)
    PollingClient(const AsyncPipelineClient& client);  // NOLINT(google-explicit-constructor)
    ///@}
    /// pipeline, with base_url for relative links.
    explicit PollingClient(const pipeline::Pipeline& pipeline, std::string base_url = {});

    /// The pipeline status requests run through; nullptr without a client.
    const pipeline::Pipeline* pipeline() const noexcept { return pipeline_; }
    /// The URL relative links are joined to.
    const std::string& base_url() const noexcept { return base_url_; }
    /// The client's format_url: a relative template is joined to the base URL.
    std::string format_url(std::string_view url_template, const std::map<std::string, std::string>& arguments = {}) const;
    /// Whether there is a client.
    explicit operator bool() const noexcept { return pipeline_ != nullptr; }

private:
    const pipeline::Pipeline* pipeline_ = nullptr;
    std::string base_url_;
};

/// A polling strategy (Python's `PollingMethod`, also `AsyncPollingMethod`): both faces in one
/// class, as for policies: run() blocks, async_run() is awaited.
///
/// Unlike Python's, resource() returns the response the result is built from and the poller
/// deserialises it: the deserialisation callback (and the result type) belong to the poller, so
/// that a polling method is not a template.
class PollingMethod {
public:
    virtual ~PollingMethod() = default;

    /// Takes the initial response of the operation; HttpResponseError when it already shows a
    /// failure (Python's initialize, without the callback).
    virtual void initialize(PollingClient client, pipeline::PipelineResponse initial_response) = 0;
    /// Polls until the operation is finished (sync face).
    virtual void run() = 0;
    /// Polls until the operation is finished (async face); cancellable through the awaiting
    /// coroutine's cancellation slot.
    virtual net::awaitable<void> async_run() = 0;
    /// The current status, as the service spells it ("InProgress", "Succeeded", "failed"…).
    virtual std::string status() const = 0;
    /// Whether the operation reached a terminal status.
    virtual bool finished() const = 0;
    /// The response the result is built from; nullopt when there is no result (Python's None: an
    /// empty body).
    virtual std::optional<pipeline::PipelineResponse> resource() const = 0;
    /// A self-contained string from which another process can resume the operation.
    /// Default: std::logic_error (Python's TypeError "doesn't support get_continuation_token").
    virtual std::string get_continuation_token() const;
    /// The initial response encoded in continuation_token (Python's classmethod, which also hands
    /// back the client and callback it was given). Default: std::logic_error.
    virtual pipeline::PipelineResponse from_continuation_token(const std::string& continuation_token,
                                                               const PollingClient& client) const;

    /// Asks a running run() to return early, before its next wait or request (used by the sync
    /// poller's destructor). A stopped method is not finished.
    void request_stop() noexcept { stop_requested_.store(true); }
    /// Whether request_stop() was called.
    bool stop_requested() const noexcept { return stop_requested_.load(); }

private:
    std::atomic<bool> stop_requested_{false};
};

/// Python's AsyncPollingMethod: the same interface.
using AsyncPollingMethod = PollingMethod;

/// Whether status is a terminal state: succeeded, failed, canceled or cancelled, in any case.
bool is_finished_status(std::string_view status) noexcept;
/// Whether status is failed, canceled or cancelled, in any case.
bool is_failed_status(std::string_view status) noexcept;
/// Whether status is succeeded, in any case.
bool is_succeeded_status(std::string_view status) noexcept;

/// Builds the result of an operation from the response resource() names (Python's
/// deserialization_callback).
template <class T>
using DeserializationCallback = std::function<T(const pipeline::PipelineResponse&)>;

/// A PipelineResponse for a response that send_request returned (the request is the response's,
/// there is no context).
pipeline::PipelineResponse as_pipeline_response(std::shared_ptr<rest::HttpResponseBase> response);

}  // namespace azcore::polling
