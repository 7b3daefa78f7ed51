#pragma once
// RetryPolicy: retries failed tries with Python azure-core's rules, in both faces.
#include <azcore/pipeline/http_policy.hpp>
#include <azcore/request_history.hpp>
#include <azcore/policies/retry_budget.hpp>

#include <cstdint>
#include <exception>
#include <functional>
#include <memory>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace azcore::policies {

/// How the wait between tries grows (Python's `RetryMode`).
enum class RetryMode { Exponential, Fixed };

/// RetryPolicy's settings: Python's keyword arguments, names and defaults.
struct RetryPolicyOptions {
    /// Retries in all (the first try is not counted); takes precedence over the counts below.
    int retry_total = 10;
    /// Retries after ServiceRequestError (the request did not reach the server).
    int retry_connect = 3;
    /// Retries after ServiceResponseError (sent, but no usable response).
    int retry_read = 3;
    /// Retries after a retryable status code.
    int retry_status = 3;
    /// Exponential: waits 0, then factor·2^(n-1) seconds before the (n+1)th retry; Fixed: waits
    /// factor seconds from the second retry on.
    double retry_backoff_factor = 0.8;
    /// The longest backoff wait in seconds (a Retry-After is not capped).
    double retry_backoff_max = 120;
    /// How the backoff grows: Exponential or Fixed.
    RetryMode retry_mode = RetryMode::Exponential;
    /// Seconds for the whole operation, every try and wait included (7 days).
    double timeout = 604800;
    /// Status codes retried in addition to the built-in set.
    std::vector<int> retry_on_status_codes{};
    /// Beyond Python, off by default: a budget, shared by clients, that caps retries.
    std::shared_ptr<RetryBudget> retry_budget{};
    /// Monotonic seconds for the operation timeout (tests inject one); default
    /// std::chrono::steady_clock's time since its epoch, the scale on which the transport's
    /// `deadline` option is computed from it.
    std::function<double()> clock{};
};

/// The retry state of one call (Python's settings dict).
struct RetrySettings {
    /// The retries left in all, and after each kind of failure (a counter below zero stops the call).
    ///@{
    int total = 0;
    int connect = 0;
    int read = 0;
    int status = 0;
    ///@}
    /// The backoff factor and the longest backoff wait, in seconds.
    ///@{
    double backoff = 0;
    double max_backoff = 0;
    ///@}
    /// Upper-case method names retried after an error or any retryable status (the default set
    /// is shared by every call).
    std::shared_ptr<const std::set<std::string>> methods{};
    /// Seconds left for the whole call.
    double timeout = 0;
    /// Where a seekable stream body started; nothing for a non-seekable stream.
    std::optional<std::uint64_t> body_position{};
    /// The failed tries so far.
    std::vector<RequestHistory> history{};
};

/// Retries requests that failed in a retryable way, with Python azure-core's rules:
/// - a response is retried when its status is >= 400 and it carries a Retry-After header (any
///   method, any status), or when its status is in {408, 429, 500, 502, 503, 504, 506–998} ∪
///   retry_on_status_codes and its method is retryable: one of retry_on_methods (default HEAD,
///   GET, PUT, DELETE, OPTIONS, TRACE), or POST/PATCH answered 500, 503 or 504;
/// - a ServiceRequestError / ServiceResponseError (and any other AzureError) is retried for the
///   retry_on_methods only (never POST/PATCH by default); ClientAuthenticationError, cancellation
///   and non-Azure exceptions never;
/// - a 202 is never retried; retries stop when a counter (total, connect, read, status) goes
///   below zero, and the last response is returned or the last error rethrown;
/// - the wait is the response's Retry-After (retry-after-ms, x-ms-retry-after-ms), else the
///   backoff: 0 before the first retry, then factor·2^(n-1) (Fixed: factor), capped at
///   retry_backoff_max. It goes through the transport's sleep / async_sleep, so a cancelled
///   coroutine stops waiting at once (operation_aborted) and sends nothing more;
/// - `timeout` bounds the whole operation: a try is not started past it
///   (ServiceResponseTimeoutError, or ServiceRequestTimeoutError after a connection error), and no
///   try may spend more on connecting than what is left of it. A wait that would end past the
///   timeout is not slept: the timeout error is raised at once (Python sleeps, then raises it).
///   The call's deadline (its first try's start + timeout) is fixed once per call and kept in the
///   context as "retry_deadline", so every redirect hop shares it; each try hands it to the
///   transport as the option `deadline` (std::chrono::steady_clock::time_point; an earlier
///   `deadline` the caller passed stays), which ends a try still running when it passes;
/// - a stream body is rewound to where it started before each retry; a non-seekable stream is
///   never sent twice: the outcome of its one try is returned or rethrown (as Python);
/// - the failed tries are kept in the context as "history" (std::vector<RequestHistory>), the
///   number of earlier tries as "retry_count" (int).
///
/// Per-call options (they override the constructor's): retry_total, retry_connect, retry_read,
/// retry_status, retry_backoff_factor, retry_backoff_max, retry_on_methods
/// (std::vector<std::string>), timeout. AsyncRetryPolicy is the same class.
class RetryPolicy : public pipeline::HTTPPolicy {
public:
    /// std::invalid_argument for a negative or NaN retry_backoff_factor or retry_backoff_max.
    explicit RetryPolicy(RetryPolicyOptions options = {});
    /// A policy that never retries (retry_total = 0).
    static std::shared_ptr<RetryPolicy> no_retries();

    pipeline::PipelineResponse send(pipeline::PipelineRequest& request, pipeline::NextPolicy next) const override;
    net::awaitable<pipeline::PipelineResponse> async_send(pipeline::PipelineRequest& request,
                                                          pipeline::NextPolicy next) const override;
    std::span<const std::string_view> option_names() const override;

    // The decisions, with Python's names: plain functions without I/O that the two loops call.

    /// The settings of one call: the per-call options popped from `kwargs`, else the constructor's.
    RetrySettings configure_retries(options::Kwargs& kwargs) const;
    /// Whether the response should be retried (before the counters are looked at).
    bool is_retry(const RetrySettings& settings, const pipeline::PipelineResponse& response) const;
    /// Whether a counter that is not zero went below zero.
    bool is_exhausted(const RetrySettings& settings) const;
    /// Counts a failed try (a response, or an error), records it in the history and rewinds the
    /// body; false: do not retry (a 202, a counter exhausted, a body that cannot be rewound).
    bool increment(RetrySettings& settings, const pipeline::PipelineRequest& request,
                   const pipeline::PipelineResponse* response, std::exception_ptr error) const;
    /// The backoff before the next retry: 0 after one failed try, then factor·2^(n-1) (Fixed:
    /// factor) for n failed tries, capped at the settings' max_backoff.
    double get_backoff_time(const RetrySettings& settings) const;
    /// Python's parse_retry_after / get_retry_after (see retry_after.hpp).
    ///@{
    double parse_retry_after(std::string_view retry_after) const;
    std::optional<double> get_retry_after(const pipeline::PipelineResponse& response) const;
    ///@}
    /// The wait before the next try (what Python's `sleep` waits): the response's Retry-After when
    /// it is positive, else the backoff. An unparsable Retry-After counts as absent here.
    double next_delay(const RetrySettings& settings, const pipeline::PipelineResponse* response) const;
    /// Stores the history in the context when there is one (Python's update_context).
    void update_context(pipeline::PipelineContext& context, const RetrySettings& settings) const;

    /// The options the policy was made with.
    const RetryPolicyOptions& options() const { return options_; }

private:
    enum class Step { Return, Retry, Rethrow };
    struct Attempt;
    void begin(pipeline::PipelineRequest& request, Attempt& attempt) const;
    void before_try(pipeline::PipelineRequest& request, Attempt& attempt) const;
    Step after_response(pipeline::PipelineRequest& request, Attempt& attempt, pipeline::PipelineResponse& response) const;
    Step after_error(pipeline::PipelineRequest& request, Attempt& attempt, const std::exception_ptr& error) const;
    /// After a try (its response, or nullptr and the error it ended with): whether the call ends with it. Then
    /// the history is stored and the error (or a timeout error) rethrown, or the response is the
    /// result; otherwise the next try comes after attempt's delay. Both drivers' one decision.
    bool ends_with_this_try(pipeline::PipelineRequest& request, Attempt& attempt, pipeline::PipelineResponse* response,
                            const std::exception_ptr& error) const;
    /// After a retry was decided: the wait, or the timeout error when it would end past the timeout.
    Step plan_wait(Attempt& attempt, const pipeline::PipelineResponse* response, const std::exception_ptr& error) const;
    bool is_method_retryable(const RetrySettings& settings, const std::string& method, const int* status) const;
    double now() const;

    RetryPolicyOptions options_;
    std::set<int> retry_codes_;
};

/// Python's AsyncRetryPolicy: the same class, used through async_send.
using AsyncRetryPolicy = RetryPolicy;

}  // namespace azcore::policies
