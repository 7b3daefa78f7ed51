#include <azcore/polling/lro_base_polling.hpp>

#include <azcore/exceptions.hpp>
#include <azcore/options/keys.hpp>
#include <azcore/pipeline/pipeline.hpp>
#include <azcore/policies/retry_after.hpp>
#include <azcore/polling/continuation_token.hpp>
#include <azcore/polling/exceptions.hpp>
#include <azcore/rest/http_response.hpp>
#include <azcore/transport/http_transport.hpp>

#include "utils/capture.hpp"
#include "utils/url.hpp"

#include <stdexcept>
#include <utility>

namespace azcore::polling {
namespace {

constexpr std::string_view request_id_header = "x-ms-client-request-id";

/// Python's _raise_if_bad_http_status_and_method.
void raise_if_bad_http_status(const pipeline::PipelineResponse& response) {
    int code = response.http_response->status_code();
    if (code == 200 || code == 201 || code == 202 || code == 204) return;
    throw BadStatus("Invalid return status " + std::to_string(code) + " for '" + response.http_response->request().method +
                    "' operation");
}

}  // namespace

LROBasePolling::LROBasePolling(LROBasePollingOptions options) : options_(std::move(options)) {
    if (!(options_.timeout >= 0)) throw std::invalid_argument("timeout: the polling interval must be a number >= 0");
    if (options_.lro_algorithms.empty()) {
        options_.lro_algorithms = {std::make_shared<OperationResourcePolling>("operation-location", options_.lro_options),
                                   std::make_shared<LocationPolling>(), std::make_shared<StatusCheckPolling>()};
    }
    for (const auto& algorithm : options_.lro_algorithms)
        if (!algorithm) throw std::invalid_argument("lro_algorithms: an algorithm is null");
}

void LROBasePolling::initialize(PollingClient client, pipeline::PipelineResponse initial_response) {
    if (!initial_response.http_response) throw std::invalid_argument("initial_response: it has no HTTP response");
    if (!initial_response.http_request)
        initial_response.http_request = std::make_shared<rest::HttpRequest>(initial_response.http_response->request());
    client_ = std::move(client);
    initial_response_ = initial_response;
    {
        std::lock_guard lock(mutex_);
        pipeline_response_ = std::move(initial_response);
        status_.reset();
    }
    wait_due_ = final_response_ = false;
    operation_.reset();
    for (const auto& algorithm : options_.lro_algorithms) {
        if (algorithm->can_poll(initial_response_)) {
            operation_ = algorithm;
            break;
        }
    }
    if (!operation_) throw BadResponse("Unable to find status link for polling.");
    try {
        raise_if_bad_http_status(initial_response_);
        set_status(operation_->set_initial_status(initial_response_));
    } catch (...) {
        raise_polling_error(std::current_exception());
    }
}

std::string LROBasePolling::status() const {
    std::lock_guard lock(mutex_);
    if (!operation_ || !status_)
        throw std::logic_error("set_initial_status was never called. Did you give this instance to a poller?");
    return *status_;
}

bool LROBasePolling::finished() const { return is_finished_status(status()); }

std::optional<pipeline::PipelineResponse> LROBasePolling::resource() const {
    pipeline::PipelineResponse response = pipeline_response();
    if (!response.http_response || response.http_response->content().empty()) return std::nullopt;
    return response;
}

pipeline::PipelineResponse LROBasePolling::pipeline_response() const {
    std::lock_guard lock(mutex_);
    return pipeline_response_;
}

std::string LROBasePolling::get_continuation_token() const {
    if (!initial_response_.http_response) throw std::logic_error("LROBasePolling: initialize was never called");
    return encode_continuation_token(initial_response_);
}

pipeline::PipelineResponse LROBasePolling::from_continuation_token(const std::string& continuation_token,
                                                                  const PollingClient& client) const {
    if (!client) throw std::invalid_argument("client: needed to resume from a continuation token");
    return decode_continuation_token(continuation_token, client);
}

// --- decisions ------------------------------------------------------------------------------

double LROBasePolling::extract_delay() const {
    pipeline::PipelineResponse response = pipeline_response();
    std::optional<double> delay;
    try {
        delay = policies::get_retry_after(*response.http_response);
    } catch (const std::invalid_argument&) {
        delay.reset();
    }
    if (delay && *delay > 0) return *delay;
    return options_.timeout;
}

StatusRequest LROBasePolling::status_request(const std::string& status_link) const {
    std::string url = status_link;
    if (!options_.path_format_arguments.empty() || !utils::detail::is_absolute_url(url))
        url = client_.format_url(url, options_.path_format_arguments);
    StatusRequest status{rest::HttpRequest("GET", std::move(url)), options_.operation_config};
    // Every status request shares the initial request's client request id (Python re-injects it).
    if (const std::string* request_id = initial_response_.http_request->headers.find(request_id_header))
        status.request.headers.set(request_id_header, *request_id);
    options::stream.set(status.options, false);
    return status;
}

void LROBasePolling::update_status(pipeline::PipelineResponse response) {
    {
        std::lock_guard lock(mutex_);
        pipeline_response_ = response;
    }
    wait_due_ = true;
    raise_if_bad_http_status(response);
    set_status(operation_->get_status(response));
}

std::optional<std::string> LROBasePolling::final_get_url() const {
    if (is_failed_status(status())) throw OperationFailed("Operation failed or canceled");
    return operation_->get_final_get_url(pipeline_response());
}

void LROBasePolling::set_final_response(pipeline::PipelineResponse response) {
    {
        std::lock_guard lock(mutex_);
        pipeline_response_ = response;
    }
    final_response_ = true;
    raise_if_bad_http_status(response);
}

void LROBasePolling::set_status(std::string status) {
    std::lock_guard lock(mutex_);
    status_ = std::move(status);
}

const pipeline::Pipeline& LROBasePolling::client_pipeline() const {
    if (client_.pipeline() == nullptr) throw std::logic_error("LROBasePolling: polling needs a client (initialize was given none)");
    return *client_.pipeline();
}

void LROBasePolling::raise_polling_error(std::exception_ptr error) {
    std::shared_ptr<rest::HttpResponseBase> response = pipeline_response().http_response;
    try {
        std::rethrow_exception(error);
    } catch (const BadStatus&) {
        set_status("Failed");
        throw exceptions::HttpResponseError(std::nullopt, response, {.error = error, .error_format = options_.error_format});
    } catch (const BadResponse& bad) {
        set_status("Failed");
        throw exceptions::HttpResponseError(std::string(bad.what()), response,
                                            {.error = error, .error_format = options_.error_format});
    } catch (const OperationFailed&) {
        throw exceptions::HttpResponseError(std::nullopt, response, {.error = error, .error_format = options_.error_format});
    }
}

LROBasePolling::Step LROBasePolling::next_step() const {
    if (!finished()) {
        if (wait_due_) return {Step::wait, {}, extract_delay()};
        return {Step::status, operation_->get_polling_url()};
    }
    if (!final_response_)
        if (std::optional<std::string> url = final_get_url()) return {Step::final_get, std::move(*url)};
    return {};
}

void LROBasePolling::take(const Step& step, pipeline::PipelineResponse response) {
    if (step.kind == Step::status) update_status(std::move(response));
    else set_final_response(std::move(response));
}

// --- the two loops ----------------------------------------------------------------------------

pipeline::PipelineResponse LROBasePolling::request_status(const std::string& status_link) const {
    StatusRequest status = status_request(status_link);
    return client_pipeline().run(std::move(status.request), std::move(status.options));
}

net::awaitable<pipeline::PipelineResponse> LROBasePolling::async_request_status(std::string status_link) const {
    StatusRequest status = status_request(status_link);
    pipeline::PipelineResponse response = co_await client_pipeline().async_run(std::move(status.request), std::move(status.options));
    co_return response;
}

void LROBasePolling::run() {
    auto outcome = azcore::detail::capture([this] { poll(); });
    if (outcome.error) raise_polling_error(outcome.error);
}

net::awaitable<void> LROBasePolling::async_run() {
    auto outcome = co_await azcore::detail::async_capture(async_poll());
    if (outcome.error) raise_polling_error(outcome.error);
}

void LROBasePolling::poll() {
    for (Step step; (step = next_step()).kind != Step::done && !stop_requested();) {
        if (step.kind != Step::wait) {
            take(step, request_status(step.url));
            continue;
        }
        client_pipeline().transport()->sleep(step.delay);
        wait_due_ = false;
    }
}

net::awaitable<void> LROBasePolling::async_poll() {
    for (Step step; (step = next_step()).kind != Step::done && !stop_requested();) {
        if (step.kind != Step::wait) {
            take(step, co_await async_request_status(step.url));
            continue;
        }
        co_await client_pipeline().transport()->async_sleep(step.delay);
        wait_due_ = false;
    }
}

}  // namespace azcore::polling
