#pragma once
// RetryPolicy: retries failed tries with Python azure-core's rules, in both faces.
#include <azcore/pipeline/http_policy.hpp>
#include <azcore/pipeline/request_history.hpp>
#include <azcore/policies/retry_budget.hpp>

#include <exception>
#include <functional>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace azcore::policies {

/// How the wait between tries grows.
enum class RetryMode { Exponential, Fixed };

/// RetryPolicy's settings, with Python's names and defaults.
struct RetryPolicyOptions {
    int retry_total = 10;
    int retry_connect = 3;
    int retry_read = 3;
    int retry_status = 3;
    double retry_backoff_factor = 0.8;
    double retry_backoff_max = 120;
    RetryMode retry_mode = RetryMode::Exponential;
    /// Seconds for the whole operation, every try and wait included.
    double timeout = 604800;
    /// Status codes retried in addition to the built-in set.
    std::vector<int> retry_on_status_codes{};
    /// Beyond Python, off by default: a budget shared by clients that caps retries.
    std::shared_ptr<RetryBudget> retry_budget{};
    /// Monotonic seconds (tests inject one); default std::chrono::steady_clock.
    std::function<double()> clock{};
};

/// The retry state of one call (Python's settings dict).
struct RetrySettings {
    int total = 0;
    int connect = 0;
    int read = 0;
    int status = 0;
    double backoff = 0;
    double max_backoff = 0;
    std::set<std::string> methods;
    double timeout = 0;
    std::optional<std::uint64_t> body_position;
    std::vector<pipeline::RequestHistory> history;
};

/// Retries requests that failed in a retryable way: the status codes {408, 429, 500, 502, 503,
/// 504, 506–998} plus retry_on_status_codes for idempotent methods (POST/PATCH only on 500, 503,
/// 504 responses, never after an exception), any response >= 400 carrying Retry-After,
/// ServiceRequestError / ServiceResponseError for idempotent methods; never a 202 or
/// ClientAuthenticationError. Waits honour Retry-After, else back off (0, then factor·2^(n-1),
/// capped), through the transport's sleep. AsyncRetryPolicy is the same class.
///
/// Per-call options: retry_total, retry_connect, retry_read, retry_status, retry_backoff_factor,
/// retry_backoff_max, retry_on_methods (list of methods), timeout.
class RetryPolicy : public pipeline::HTTPPolicy {
public:
    explicit RetryPolicy(RetryPolicyOptions options = {});
    /// A policy that never retries (retry_total = 0).
    static std::shared_ptr<RetryPolicy> no_retries();

    pipeline::PipelineResponse send(pipeline::PipelineRequest& request, pipeline::NextPolicy next) const override;
    net::awaitable<pipeline::PipelineResponse> async_send(pipeline::PipelineRequest& request,
                                                          pipeline::NextPolicy next) const override;
    std::span<const std::string_view> option_names() const override;

    // The decisions, with Python's names; the two loops above only call these.
    RetrySettings configure_retries(pipeline::Kwargs& options) const;
    bool is_retry(const RetrySettings& settings, const pipeline::PipelineResponse& response) const;
    bool is_exhausted(const RetrySettings& settings) const;
    /// Counts a failed try (a response, or an error) and rewinds the body; false: do not retry.
    bool increment(RetrySettings& settings, const pipeline::PipelineRequest& request,
                   const pipeline::PipelineResponse* response, std::exception_ptr error) const;
    double get_backoff_time(const RetrySettings& settings) const;
    /// The wait before the next try: Retry-After of the response if any, else the backoff.
    double next_delay(const RetrySettings& settings, const pipeline::PipelineResponse* response) const;
    const RetryPolicyOptions& options() const { return options_; }

private:
    enum class Step { Return, Retry, Rethrow };
    struct Attempt;
    void begin(pipeline::PipelineRequest& request, Attempt& attempt) const;
    void before_try(pipeline::PipelineRequest& request, Attempt& attempt) const;
    Step after_response(pipeline::PipelineRequest& request, Attempt& attempt, pipeline::PipelineResponse& response) const;
    Step after_error(pipeline::PipelineRequest& request, Attempt& attempt, std::exception_ptr error) const;
    void finish(Attempt& attempt, pipeline::PipelineResponse& response) const;
    bool is_method_retryable(const RetrySettings& settings, const std::string& method, const int* status) const;
    double now() const;

    RetryPolicyOptions options_;
    std::set<int> retry_codes_;
};

using AsyncRetryPolicy = RetryPolicy;

}  // namespace azcore::policies
