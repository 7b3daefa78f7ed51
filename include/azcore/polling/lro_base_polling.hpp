#pragma once
// LROBasePolling: Python's standard polling of long-running operations, in both faces.
#include <azcore/exceptions.hpp>
#include <azcore/options/kwargs.hpp>
#include <azcore/polling/long_running_operation.hpp>
#include <azcore/polling/polling_method.hpp>
#include <azcore/rest/http_request.hpp>

#include <exception>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace azcore::polling {

/// LROBasePolling's settings: Python's arguments, names and defaults.
struct LROBasePollingOptions {
    /// Seconds between status requests when the last response has no Retry-After (Python's
    /// `timeout`, which generated clients fill from `polling_interval`, 30 by default).
    double timeout = 30;
    /// The algorithms tried in order, the first whose can_poll accepts the initial response wins.
    /// Empty: OperationResourcePolling("operation-location", lro_options), LocationPolling,
    /// StatusCheckPolling.
    std::vector<std::shared_ptr<LongRunningOperation>> lro_algorithms{};
    /// Passed to the default OperationResourcePolling.
    LroOptions lro_options{};
    /// When set, status links are formatted with them (client.format_url(link, arguments)).
    std::map<std::string, std::string> path_format_arguments{};
    /// Per-call options of every status request (Python's **operation_config), e.g. retry_total.
    options::Kwargs operation_config{};
    /// How the HttpResponseError of a failed operation reads the last response's body (empty:
    /// OData v4), e.g. exceptions::error_format<ARMErrorFormat>().
    exceptions::ErrorFormat error_format{};
};

/// A status request: what request_status sends.
struct StatusRequest {
    /// The GET to send.
    rest::HttpRequest request;
    /// Its per-call options.
    options::Kwargs options{};
};

/// Polls a long-running operation with Python azure-core's rules (`LROBasePolling`, and
/// `AsyncLROBasePolling`, the same class):
/// - initialize picks the first algorithm whose can_poll accepts the initial response (BadResponse
///   "Unable to find status link for polling." when none does); an initial status other than 200,
///   201, 202 or 204 is an HttpResponseError wrapping BadStatus;
/// - run / async_run: GET the polling URL until the status is terminal (succeeded, failed,
///   canceled or cancelled, any case), waiting between requests for the last response's
///   Retry-After (retry-after-ms, x-ms-retry-after-ms) when it is positive, else `timeout`
///   seconds, through the pipeline transport's sleep / async_sleep (tests record the waits);
/// - every status request carries the initial request's x-ms-client-request-id and the
///   operation_config options; a relative link is joined to the client's base URL;
/// - failed or canceled → HttpResponseError wrapping OperationFailed, built from the last status
///   response (its OData error body is the message); BadStatus / BadResponse → HttpResponseError
///   wrapping them (status becomes "Failed"); an unparsable JSON body → DecodeError;
/// - on success, the final GET the algorithm asks for; the result is the last response, nullopt
///   when its body is empty.
/// Its state may be read (status(), resource()) from other threads while run() polls.
class LROBasePolling : public PollingMethod {
public:
    /// A polling method with these settings; initialize() starts it.
    explicit LROBasePolling(LROBasePollingOptions options = {});

    void initialize(PollingClient client, pipeline::PipelineResponse initial_response) override;
    void run() override;
    net::awaitable<void> async_run() override;
    /// std::logic_error before initialize.
    std::string status() const override;
    /// Whether the status is terminal (succeeded, failed, canceled).
    bool finished() const override;
    std::optional<pipeline::PipelineResponse> resource() const override;
    std::string get_continuation_token() const override;
    pipeline::PipelineResponse from_continuation_token(const std::string& continuation_token,
                                                       const PollingClient& client) const override;

    // The decisions, with Python's names: no I/O; the two polling loops call them.

    /// One step of polling: GET the status link, wait `delay` seconds, make the final GET, or
    /// nothing more (done).
    struct Step {
        /// What to do: request the status, wait, make the final GET, or stop.
        ///@{
        enum Kind { status, wait, final_get, done } kind = done;
        ///@}
        /// The URL to GET (status and final_get).
        std::string url{};
        /// Seconds to wait (wait).
        double delay = 0;
    };
    /// What polling does next (Python's _poll as one decision): the status request at once, then
    /// wait and request again until the status is terminal, then the final GET if the algorithm
    /// asks for one. OperationFailed when the terminal status is failed or canceled.
    Step next_step() const;

    /// The wait before the next status request: the latest response's Retry-After when positive
    /// (an unparsable one counts as absent), else the options' timeout.
    double extract_delay() const;
    /// The GET of a status link (every poll and the final GET), with the initial
    /// x-ms-client-request-id and operation_config. Override it to change what is sent, in both
    /// faces at once (where Python's subclasses override request_status), e.g. to add a query
    /// parameter that the service's links lack.
    virtual StatusRequest status_request(const std::string& status_link) const;
    /// Takes a status response: checks its HTTP status (BadStatus) and reads the operation status.
    void update_status(pipeline::PipelineResponse response);
    /// After a terminal status: OperationFailed when it is failed/canceled, else the final GET URL.
    std::optional<std::string> final_get_url() const;
    /// Takes the response of the final GET (BadStatus when it is not 200/201/202/204).
    void set_final_response(pipeline::PipelineResponse response);

    /// The latest response received (the initial one before any poll).
    pipeline::PipelineResponse pipeline_response() const;
    /// The response of the operation's first request.
    const pipeline::PipelineResponse& initial_response() const { return initial_response_; }
    /// The algorithm in use (nullptr before initialize).
    const std::shared_ptr<LongRunningOperation>& operation() const noexcept { return operation_; }
    /// The settings it was made with.
    const LROBasePollingOptions& options() const noexcept { return options_; }

private:
    pipeline::PipelineResponse request_status(const std::string& status_link) const;
    net::awaitable<pipeline::PipelineResponse> async_request_status(std::string status_link) const;
    void poll();
    net::awaitable<void> async_poll();
    /// Takes the response to a status or final-GET step.
    void take(const Step& step, pipeline::PipelineResponse response);
    /// BadStatus / BadResponse / OperationFailed → HttpResponseError; anything else as it is.
    [[noreturn]] void raise_polling_error(std::exception_ptr error);
    void set_status(std::string status);
    const pipeline::Pipeline& client_pipeline() const;

    LROBasePollingOptions options_;
    PollingClient client_;
    pipeline::PipelineResponse initial_response_{};
    std::shared_ptr<LongRunningOperation> operation_;
    mutable std::mutex mutex_;  // guards status_ and pipeline_response_
    std::optional<std::string> status_;
    pipeline::PipelineResponse pipeline_response_{};
    bool wait_due_ = false;        // a status response came since the last wait
    bool final_response_ = false;  // the final GET was made
};

/// Python's AsyncLROBasePolling: the same class, used through async_run.
using AsyncLROBasePolling = LROBasePolling;

}  // namespace azcore::polling
