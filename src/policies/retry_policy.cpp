#include <azcore/policies/retry_policy.hpp>

#include <azcore/exceptions.hpp>
#include <azcore/policies/retry_after.hpp>
#include <azcore/rest/body_stream.hpp>
#include <azcore/rest/http_request.hpp>
#include <azcore/rest/http_response.hpp>
#include <azcore/transport/connection_configuration.hpp>
#include <azcore/transport/http_transport.hpp>

#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>

namespace azcore::policies {

using pipeline::PipelineRequest;
using pipeline::PipelineResponse;

namespace {

constexpr std::array<std::string_view, 8> retry_options = {
    "retry_total", "retry_connect", "retry_read", "retry_status", "retry_backoff_factor",
    "retry_backoff_max", "retry_on_methods", "timeout"};

const std::set<std::string> default_methods = {"HEAD", "GET", "PUT", "DELETE", "OPTIONS", "TRACE"};

std::string upper(std::string text) {
    std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    return text;
}

template <class E>
bool holds(const std::exception_ptr& error) {
    try {
        std::rethrow_exception(error);
    } catch (const E&) {
        return true;
    } catch (...) {
        return false;
    }
}

}  // namespace

struct RetryPolicy::Attempt {
    RetrySettings settings;
    double absolute_timeout = 0;
    bool is_response_error = true;
    bool started = false;
    double start = 0;
    double delay = 0;
};

RetryPolicy::RetryPolicy(RetryPolicyOptions options) : options_(std::move(options)) {
    for (int code = 0; code < 999; ++code)
        if (code == 408 || code == 429 || code == 500 || code == 502 || code == 503 || code == 504 || code >= 506)
            retry_codes_.insert(code);
    retry_codes_.insert(options_.retry_on_status_codes.begin(), options_.retry_on_status_codes.end());
}

std::shared_ptr<RetryPolicy> RetryPolicy::no_retries() { return std::make_shared<RetryPolicy>(RetryPolicyOptions{.retry_total = 0}); }

std::span<const std::string_view> RetryPolicy::option_names() const { return retry_options; }

double RetryPolicy::now() const {
    if (options_.clock) return options_.clock();
    return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

RetrySettings RetryPolicy::configure_retries(pipeline::Kwargs& options) const {
    RetrySettings settings;
    settings.total = options.pop<int>("retry_total").value_or(options_.retry_total);
    settings.connect = options.pop<int>("retry_connect").value_or(options_.retry_connect);
    settings.read = options.pop<int>("retry_read").value_or(options_.retry_read);
    settings.status = options.pop<int>("retry_status").value_or(options_.retry_status);
    settings.backoff = options.pop<double>("retry_backoff_factor").value_or(options_.retry_backoff_factor);
    settings.max_backoff = options.pop<double>("retry_backoff_max").value_or(options_.retry_backoff_max);
    if (auto methods = options.pop<std::vector<std::string>>("retry_on_methods")) {
        for (auto& method : *methods) settings.methods.insert(upper(method));
    } else {
        settings.methods = default_methods;
    }
    settings.timeout = options.pop<double>("timeout").value_or(options_.timeout);
    return settings;
}

bool RetryPolicy::is_method_retryable(const RetrySettings& settings, const std::string& method, const int* status) const {
    std::string name = upper(method);
    if (status != nullptr && (name == "POST" || name == "PATCH") && (*status == 500 || *status == 503 || *status == 504))
        return true;
    return settings.methods.contains(name);
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
    // As Python: counters at zero are left out; exhausted when one that is left went negative.
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
    auto snapshot = std::make_shared<rest::HttpRequest>(*request.http_request);
    if (error && holds<exceptions::ServiceRequestError>(error)) {
        settings.connect -= 1;
        settings.history.push_back({snapshot, nullptr, error});
    } else if (error && holds<exceptions::ServiceResponseError>(error)) {
        settings.read -= 1;
        settings.history.push_back({snapshot, nullptr, error});
    } else {
        settings.status -= 1;
        if (response != nullptr) settings.history.push_back({snapshot, response->http_response, nullptr});
    }
    if (is_exhausted(settings)) return false;
    // A streamed body must start again from where it started; one that cannot is not re-sent.
    if (const auto* stream = std::get_if<std::shared_ptr<rest::BodyStream>>(&request.http_request->content); stream && *stream) {
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
    double value = options_.retry_mode == RetryMode::Fixed
                       ? settings.backoff
                       : settings.backoff * std::pow(2.0, static_cast<double>(consecutive_errors - 1));
    return std::min(settings.max_backoff, value);
}

double RetryPolicy::next_delay(const RetrySettings& settings, const PipelineResponse* response) const {
    if (response != nullptr) {
        if (auto retry_after = get_retry_after(*response->http_response); retry_after && *retry_after > 0) return *retry_after;
    }
    return std::max(0.0, get_backoff_time(settings));
}

void RetryPolicy::begin(PipelineRequest& request, Attempt& attempt) const {
    attempt.settings = configure_retries(request.context->options);
    if (const auto* stream = std::get_if<std::shared_ptr<rest::BodyStream>>(&request.http_request->content);
        stream && *stream && (*stream)->seekable())
        attempt.settings.body_position = (*stream)->tell();
    attempt.absolute_timeout = attempt.settings.timeout;
    if (options_.retry_budget) options_.retry_budget->record_request();
}

void RetryPolicy::before_try(PipelineRequest& request, Attempt& attempt) const {
    double t = now();
    if (attempt.started) attempt.absolute_timeout -= t - attempt.start;
    attempt.started = true;
    attempt.start = t;
    if (attempt.absolute_timeout <= 0) {
        if (attempt.is_response_error) throw exceptions::ServiceResponseTimeoutError("Response timeout");
        throw exceptions::ServiceRequestTimeoutError("Request timeout");
    }
    // No single connection attempt may outlast what is left of the whole operation.
    pipeline::Kwargs& options = request.context->options;
    if (auto connection_timeout = options.get<double>("connection_timeout")) {
        options.set("connection_timeout", std::min(*connection_timeout, attempt.absolute_timeout));
    } else if (const auto* config = request.context->transport().connection_config();
               config && attempt.absolute_timeout < config->connection_timeout) {
        options.set("connection_timeout", attempt.absolute_timeout);
    }
    request.context->set("retry_count", static_cast<int>(attempt.settings.history.size()));
}

RetryPolicy::Step RetryPolicy::after_response(PipelineRequest& request, Attempt& attempt, PipelineResponse& response) const {
    if (!is_retry(attempt.settings, response)) return Step::Return;
    if (!increment(attempt.settings, request, &response, nullptr)) return Step::Return;
    if (options_.retry_budget && !options_.retry_budget->try_acquire_retry()) return Step::Return;
    attempt.delay = next_delay(attempt.settings, &response);
    attempt.is_response_error = true;
    response.http_response->close();  // free its connection; the history keeps what was read
    return Step::Retry;
}

RetryPolicy::Step RetryPolicy::after_error(PipelineRequest& request, Attempt& attempt, std::exception_ptr error) const {
    if (!holds<exceptions::AzureError>(error) || holds<exceptions::ClientAuthenticationError>(error)) return Step::Rethrow;
    if (!(attempt.absolute_timeout > 0) || !is_method_retryable(attempt.settings, request.http_request->method, nullptr))
        return Step::Rethrow;
    if (!increment(attempt.settings, request, nullptr, error)) return Step::Rethrow;
    if (options_.retry_budget && !options_.retry_budget->try_acquire_retry()) return Step::Rethrow;
    attempt.delay = next_delay(attempt.settings, nullptr);
    attempt.is_response_error = !holds<exceptions::ServiceRequestError>(error);
    return Step::Retry;
}

void RetryPolicy::finish(Attempt& attempt, PipelineResponse& response) const {
    if (!attempt.settings.history.empty()) response.context->set("history", attempt.settings.history);
}

// The two faces: the same steps; only the waits differ.
PipelineResponse RetryPolicy::send(PipelineRequest& request, pipeline::NextPolicy next) const {
    Attempt attempt;
    begin(request, attempt);
    for (;;) {
        before_try(request, attempt);
        PipelineResponse response;
        std::exception_ptr error;
        try {
            response = next.send(request);
        } catch (...) {
            error = std::current_exception();
        }
        Step step = error ? after_error(request, attempt, error) : after_response(request, attempt, response);
        if (step == Step::Rethrow) std::rethrow_exception(error);
        if (step == Step::Return) {
            finish(attempt, response);
            return response;
        }
        if (attempt.delay > 0) request.context->transport().sleep(attempt.delay);
    }
}

net::awaitable<PipelineResponse> RetryPolicy::async_send(PipelineRequest& request, pipeline::NextPolicy next) const {
    Attempt attempt;
    begin(request, attempt);
    for (;;) {
        before_try(request, attempt);
        PipelineResponse response;
        std::exception_ptr error;
        try {
            response = co_await next.async_send(request);
        } catch (...) {
            error = std::current_exception();
        }
        Step step = error ? after_error(request, attempt, error) : after_response(request, attempt, response);
        if (step == Step::Rethrow) std::rethrow_exception(error);
        if (step == Step::Return) {
            finish(attempt, response);
            co_return response;
        }
        if (attempt.delay > 0) co_await request.context->transport().async_sleep(attempt.delay);
    }
}

}  // namespace azcore::policies
