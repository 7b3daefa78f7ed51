#include <azcore/polling/polling_method.hpp>

#include <azcore/async_pipeline_client.hpp>
#include <azcore/pipeline/pipeline.hpp>
#include <azcore/pipeline_client.hpp>
#include <azcore/polling/continuation_token.hpp>
#include <azcore/polling/no_polling.hpp>
#include <azcore/rest/http_request.hpp>
#include <azcore/rest/http_response.hpp>
#include <azcore/utils/string_utils.hpp>

#include <stdexcept>

namespace azcore::polling {

PollingClient::PollingClient(const PipelineClient& client) : pipeline_(&client.pipeline()), base_url_(client.base_url()) {}

PollingClient::PollingClient(const AsyncPipelineClient& client)
    : pipeline_(&client.pipeline()), base_url_(client.base_url()) {}

PollingClient::PollingClient(const pipeline::Pipeline& pipeline, std::string base_url)
    : pipeline_(&pipeline), base_url_(std::move(base_url)) {}

std::string PollingClient::format_url(std::string_view url_template, const std::map<std::string, std::string>& arguments) const {
    return format_url_for(base_url_, url_template, arguments);
}

std::string PollingMethod::get_continuation_token() const {
    throw std::logic_error("This polling method doesn't support get_continuation_token");
}

pipeline::PipelineResponse PollingMethod::from_continuation_token(const std::string&, const PollingClient&) const {
    throw std::logic_error("This polling method doesn't support from_continuation_token");
}

bool is_finished_status(std::string_view status) noexcept {
    return utils::iequals(status, "succeeded") || is_failed_status(status);
}

bool is_failed_status(std::string_view status) noexcept {
    return utils::iequals(status, "failed") || utils::iequals(status, "canceled") || utils::iequals(status, "cancelled");
}

bool is_succeeded_status(std::string_view status) noexcept { return utils::iequals(status, "succeeded"); }

pipeline::PipelineResponse as_pipeline_response(std::shared_ptr<rest::HttpResponseBase> response) {
    if (!response) throw std::invalid_argument("initial_response: the poller needs one");
    auto request = std::make_shared<rest::HttpRequest>(response->request());
    return pipeline::PipelineResponse{std::move(request), std::move(response), nullptr};
}

void NoPolling::initialize(PollingClient, pipeline::PipelineResponse initial_response) {
    initial_response_ = std::move(initial_response);
}

net::awaitable<void> NoPolling::async_run() { co_return; }

std::string NoPolling::get_continuation_token() const {
    if (!initial_response_) throw std::logic_error("NoPolling: initialize was never called");
    return encode_continuation_token(*initial_response_);
}

pipeline::PipelineResponse NoPolling::from_continuation_token(const std::string& continuation_token,
                                                             const PollingClient& client) const {
    return decode_continuation_token(continuation_token, client);
}

}  // namespace azcore::polling
