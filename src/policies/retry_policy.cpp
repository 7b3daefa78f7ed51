#include <azcore/policies/retry_policy.hpp>

#include <azcore/exceptions.hpp>
#include <azcore/options/keys.hpp>
#include <azcore/policies/retry_after.hpp>
#include <azcore/rest/body_stream.hpp>
#include <azcore/rest/http_request.hpp>
#include <azcore/rest/http_response.hpp>
#include <azcore/transport/connection_configuration.hpp>
#include <azcore/transport/http_transport.hpp>

#include "options/given.hpp"
#include "utils/capture.hpp"

#include <algorithm>
#include <any>
#include <array>
#include <chrono>
#include <cmath>
#include <stdexcept>

namespace azcore::policies {

using pipeline::PipelineRequest;
using pipeline::PipelineResponse;

namespace {

constexpr std::array<std::string_view, 8> retry_options = {
    options::retry_total.name(),          options::retry_connect.name(),     options::retry_read.name(),
    options::retry_status.name(),         options::retry_backoff_factor.name(), options::retry_backoff_max.name(),
    options::retry_on_methods.name(),     options::timeout.name()};

const auto default_methods =
    std::make_shared<const std::set<std::string>>(std::set<std::string>{"HEAD", "GET", "PUT", "DELETE", "OPTIONS", "TRACE"});

// Context data: when the call ends (on the policy's clock), set by its first try and kept across
// redirect hops.
constexpr std::string_view deadline_key = "retry_deadline";

// A time on the policy's clock (seconds since steady_clock's epoch) as a steady_clock time point,
// saturated where the conversion would overflow.
std::chrono::steady_clock::time_point steady_time(double seconds) {
    using Clock = std::chrono::steady_clock;
    constexpr double limit = std::chrono::duration<double>(Clock::duration::max()).count() / 2;
    if (!(seconds < limit)) return Clock::time_point::max();
    if (!(seconds > -limit)) return Clock::time_point::min();
    return Clock::time_point(std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(seconds)));
}

std::string upper(std::string text) {
    std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    return text;
}

/// The call's retry options over the policy's, in settings; each is taken off the call.
void take_call_options(RetrySettings& settings, options::Kwargs& kwargs) {
    if (auto total = options::retry_total.pop(kwargs)) settings.total = *total;
    if (auto connect = options::retry_connect.pop(kwargs)) settings.connect = *connect;
    if (auto read = options::retry_read.pop(kwargs)) settings.read = *read;
    if (auto status = options::retry_status.pop(kwargs)) settings.status = *status;
    if (auto backoff = options::retry_backoff_factor.pop(kwargs)) settings.backoff = *backoff;
    if (auto max_backoff = options::retry_backoff_max.pop(kwargs)) settings.max_backoff = *max_backoff;
    if (auto methods = options::retry_on_methods.pop(kwargs)) {
        std::set<std::string> upper_methods;
        for (auto& method : *methods) upper_methods.insert(upper(method));
        settings.methods = std::make_shared<const std::set<std::string>>(std::move(upper_methods));
    }
    if (auto timeout = options::timeout.pop(kwargs)) settings.timeout = *timeout;
}

/// What kind of failure an exception is, for the retry decisions.
enum class ErrorKind { NotAzure, Authentication, Connection, Read, OtherAzure };

ErrorKind classify(const std::exception_ptr& error) {
    try {
        std::rethrow_exception(error);
    } catch (const exceptions::ClientAuthenticationError&) {
        return ErrorKind::Authentication;
    } catch (const exceptions::ServiceRequestError&) {
        return ErrorKind::Connection;
    } catch (const exceptions::ServiceResponseError&) {
        return ErrorKind::Read;
    } catch (const exceptions::AzureError&) {
        return ErrorKind::OtherAzure;
    } catch (...) {
        return ErrorKind::NotAzure;
    }
}

const std::shared_ptr<rest::BodyStream>* stream_body(const rest::HttpRequest& request) {
    const auto* stream = std::get_if<std::shared_ptr<rest::BodyStream>>(&request.content);
    return stream != nullptr && *stream ? stream : nullptr;
}

}  // namespace

struct RetryPolicy::Attempt {
    RetrySettings settings;
    /// When the call ends, on the policy's clock.
    double deadline = 0;
    /// Seconds left of the operation when the current try started.
    double absolute_timeout = 0;
    /// Which timeout error to raise when the time is up: after a response or a read error
    /// (and before the first try) ServiceResponseTimeoutError, after a connection error
    /// ServiceRequestTimeoutError.
    bool is_response_error = true;
    /// The wait before the next try.
    double delay = 0;
};

RetryPolicy::RetryPolicy(RetryPolicyOptions options) : options_(std::move(options)) {
    if (!(options_.retry_backoff_factor >= 0)) throw std::invalid_argument("retry_backoff_factor: must be zero or more");
    if (!(options_.retry_backoff_max >= 0)) throw std::invalid_argument("retry_backoff_max: must be zero or more");
    // Python: set(range(999)) less the "safe" codes below 506, plus retry_on_status_codes.
    for (int code : {408, 429, 500, 502, 503, 504}) retry_codes_.insert(code);
    for (int code = 506; code < 999; ++code) retry_codes_.insert(code);
    retry_codes_.insert(options_.retry_on_status_codes.begin(), options_.retry_on_status_codes.end());
}

std::shared_ptr<RetryPolicy> RetryPolicy::no_retries() { return std::make_shared<RetryPolicy>(RetryPolicyOptions{.retry_total = 0}); }

std::span<const std::string_view> RetryPolicy::option_names() const { return retry_options; }

double RetryPolicy::now() const {
    if (options_.clock) return options_.clock();
    return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

// ---- decisions ------------------------------------------------------------------------------

RetrySettings RetryPolicy::configure_retries(options::Kwargs& kwargs) const {
    RetrySettings settings;
    settings.total = options_.retry_total;
    settings.connect = options_.retry_connect;
    settings.read = options_.retry_read;
    settings.status = options_.retry_status;
    settings.backoff = options_.retry_backoff_factor;
    // Python before 1.35.1 took BACKOFF_MAX (120) here, ignoring the constructor's value; azcore
    // follows the fix (Azure/azure-sdk-for-python#42444), see docs/design/decisions.md.
    settings.max_backoff = options_.retry_backoff_max;
    settings.methods = default_methods;
    settings.timeout = options_.timeout;
    if (options::detail::any_given(kwargs, retry_options)) take_call_options(settings, kwargs);
    return settings;
}

bool RetryPolicy::is_method_retryable(const RetrySettings& settings, const std::string& method, const int* status) const {
    std::string name = upper(method);
    if (status != nullptr && (name == "POST" || name == "PATCH") && (*status == 500 || *status == 503 || *status == 504))
        return true;
    return settings.methods && settings.methods->contains(name);
}

bool RetryPolicy::is_retry(const RetrySettings& settings, const PipelineResponse& response) const {
    const int status = response.http_response->status_code();
    if (status < 400) return false;
    if (const std::string* retry_after = response.http_response->headers().find("Retry-After"); retry_after && !retry_after->empty())
        return true;
    if (!is_method_retryable(settings, response.http_request->method, &status)) return false;
    return settings.total != 0 && retry_codes_.contains(status);
}

bool RetryPolicy::is_exhausted(const RetrySettings& settings) const {
    // As Python: counters at zero are left out; exhausted when one of the others went negative.
    bool any = false;
    int least = 0;
    for (int count : {settings.total, settings.connect, settings.read, settings.status}) {
        if (count == 0) continue;
        least = any ? std::min(least, count) : count;
        any = true;
    }
    return any && least < 0;
}

bool RetryPolicy::increment(RetrySettings& settings, const PipelineRequest& request, const PipelineResponse* response,
                            std::exception_ptr error) const {
    settings.total -= 1;
    if (response != nullptr && response->http_response->status_code() == 202) return false;
    // The request as it was sent (Python deep-copies it): later tries may change its headers.
    auto sent = std::make_shared<rest::HttpRequest>(*request.http_request);
    const ErrorKind kind = error ? classify(error) : ErrorKind::NotAzure;
    if (error && kind == ErrorKind::Connection) {
        settings.connect -= 1;
        settings.history.push_back({sent, nullptr, error});
    } else if (error && kind == ErrorKind::Read) {
        settings.read -= 1;
        settings.history.push_back({sent, nullptr, error});
    } else {
        // A retryable status; or, as in Python, another AzureError, counted as a status failure
        // but left out of the history.
        settings.status -= 1;
        if (response != nullptr) settings.history.push_back({sent, response->http_response, nullptr});
    }
    if (is_exhausted(settings)) return false;
    // A stream body starts again where it started; one that cannot is never sent twice.
    if (const auto* stream = stream_body(*request.http_request)) {
        if (!settings.body_position) return false;
        try {
            (*stream)->seek(*settings.body_position);
        } catch (const std::exception&) {
            return false;
        }
    }
    return true;
}

double RetryPolicy::get_backoff_time(const RetrySettings& settings) const {
    const std::size_t consecutive_errors = settings.history.size();
    if (consecutive_errors <= 1) return 0;
    const double value = options_.retry_mode == RetryMode::Fixed
                             ? settings.backoff
                             : settings.backoff * std::pow(2.0, static_cast<double>(consecutive_errors - 1));
    return std::min(settings.max_backoff, value);
}

double RetryPolicy::parse_retry_after(std::string_view retry_after) const { return policies::parse_retry_after(retry_after); }

std::optional<double> RetryPolicy::get_retry_after(const PipelineResponse& response) const {
    return policies::get_retry_after(*response.http_response);
}

double RetryPolicy::next_delay(const RetrySettings& settings, const PipelineResponse* response) const {
    if (response != nullptr) {
        std::optional<double> retry_after;
        try {
            retry_after = get_retry_after(*response);
        } catch (const std::invalid_argument&) {
            // A server's malformed header: wait as if it had sent none (Python raises TypeError).
        }
        if (retry_after && *retry_after > 0) return *retry_after;
    }
    return std::max(0.0, get_backoff_time(settings));
}

void RetryPolicy::update_context(pipeline::PipelineContext& context, const RetrySettings& settings) const {
    if (!settings.history.empty()) context.set("history", settings.history);
}

// ---- the steps of the loops -----------------------------------------------------------------

void RetryPolicy::begin(PipelineRequest& request, Attempt& attempt) const {
    attempt.settings = configure_retries(request.context->options);
    if (const auto* stream = stream_body(*request.http_request); stream && (*stream)->seekable())
        attempt.settings.body_position = (*stream)->tell();
    // One deadline for the whole call: a redirect hop (a new run of this loop) keeps the first one.
    if (const double* deadline = request.context->get<double>(deadline_key)) {
        attempt.deadline = *deadline;
    } else {
        attempt.deadline = now() + attempt.settings.timeout;
        request.context->set(std::string(deadline_key), attempt.deadline);
    }
    if (options_.retry_budget) options_.retry_budget->record_request();
}

void RetryPolicy::before_try(PipelineRequest& request, Attempt& attempt) const {
    attempt.absolute_timeout = attempt.deadline - now();
    if (attempt.absolute_timeout <= 0) {
        update_context(*request.context, attempt.settings);
        if (attempt.is_response_error) throw exceptions::ServiceResponseTimeoutError("Response timeout");
        throw exceptions::ServiceRequestTimeoutError("Request timeout");
    }
    // No single connection attempt may outlast what is left of the whole operation.
    options::Kwargs& kwargs = request.context->options;
    if (auto connection_timeout = options::connection_timeout.get(kwargs); connection_timeout && *connection_timeout > 0) {
        options::connection_timeout.set(kwargs, std::min(*connection_timeout, attempt.absolute_timeout));
    } else if (const auto* config = request.context->transport().connection_config();
               config && attempt.absolute_timeout < config->connection_timeout) {
        options::connection_timeout.set(kwargs, attempt.absolute_timeout);
    }
    // Nor may the try itself (a slow body included) go on past it; a deadline of the caller's
    // own that comes sooner stays.
    auto deadline = steady_time(attempt.deadline);
    if (auto given = options::deadline.get(kwargs); given && *given < deadline) deadline = *given;
    options::deadline.set(kwargs, deadline);
    request.context->set("retry_count", static_cast<int>(attempt.settings.history.size()));
}

RetryPolicy::Step RetryPolicy::plan_wait(Attempt& attempt, const PipelineResponse* response,
                                         const std::exception_ptr& error) const {
    attempt.delay = next_delay(attempt.settings, response);
    const double left = attempt.deadline - now();
    if (attempt.delay > 0 && left - attempt.delay <= 0) {
        // The next try would start past the timeout: raise now what Python raises after the wait.
        if (attempt.is_response_error)
            throw exceptions::ServiceResponseTimeoutError("Response timeout", {.error = error});
        throw exceptions::ServiceRequestTimeoutError("Request timeout", {.error = error});
    }
    if (options_.retry_budget && !options_.retry_budget->try_acquire_retry()) return error ? Step::Rethrow : Step::Return;
    return Step::Retry;
}

RetryPolicy::Step RetryPolicy::after_response(PipelineRequest& request, Attempt& attempt, PipelineResponse& response) const {
    if (!is_retry(attempt.settings, response)) return Step::Return;
    if (!increment(attempt.settings, request, &response, nullptr)) return Step::Return;
    attempt.is_response_error = true;
    Step step = plan_wait(attempt, &response, nullptr);
    if (step == Step::Retry) response.http_response->close();  // frees its connection; the history keeps what was read
    return step;
}

RetryPolicy::Step RetryPolicy::after_error(PipelineRequest& request, Attempt& attempt, const std::exception_ptr& error) const {
    const ErrorKind kind = classify(error);
    if (kind == ErrorKind::NotAzure || kind == ErrorKind::Authentication) return Step::Rethrow;
    // Python checks the time left before this try here, and the method list only: POST and PATCH
    // are not retried after an error unless retry_on_methods names them.
    if (!(attempt.absolute_timeout > 0) || !is_method_retryable(attempt.settings, request.http_request->method, nullptr))
        return Step::Rethrow;
    if (!increment(attempt.settings, request, nullptr, error)) return Step::Rethrow;
    attempt.is_response_error = kind != ErrorKind::Connection;
    return plan_wait(attempt, nullptr, error);
}

// ---- the two faces: the same steps; only the waits differ -----------------------------------

bool RetryPolicy::ends_with_this_try(PipelineRequest& request, Attempt& attempt, PipelineResponse* response,
                                     const std::exception_ptr& error) const {
    Step step = Step::Return;
    try {
        step = error ? after_error(request, attempt, error) : after_response(request, attempt, *response);
    } catch (...) {
        update_context(*request.context, attempt.settings);  // a timeout error raised instead of waiting
        throw;
    }
    if (step == Step::Retry) return false;
    update_context(*request.context, attempt.settings);
    if (step == Step::Rethrow) std::rethrow_exception(error);
    return true;
}

PipelineResponse RetryPolicy::send(PipelineRequest& request, pipeline::NextPolicy next) const {
    Attempt attempt;
    begin(request, attempt);
    for (;;) {
        before_try(request, attempt);
        auto outcome = azcore::detail::capture([&] { return next.send(request); });
        if (ends_with_this_try(request, attempt, outcome.value ? &*outcome.value : nullptr, outcome.error))
            return std::move(outcome).get();
        if (attempt.delay > 0) request.context->transport().sleep(attempt.delay);
    }
}

net::awaitable<PipelineResponse> RetryPolicy::async_send(PipelineRequest& request, pipeline::NextPolicy next) const {
    Attempt attempt;
    begin(request, attempt);
    for (;;) {
        before_try(request, attempt);
        azcore::detail::Outcome<PipelineResponse> outcome;
        AZCORE_AWAIT_CAPTURE(outcome, next.async_send(request))
        if (ends_with_this_try(request, attempt, outcome.value ? &*outcome.value : nullptr, outcome.error))
            co_return std::move(outcome).get();
        // A cancelled coroutine ends here with operation_aborted and sends nothing more.
        if (attempt.delay > 0) co_await request.context->transport().async_sleep(attempt.delay);
    }
}

}  // namespace azcore::policies
