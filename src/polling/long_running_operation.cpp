#include <azcore/polling/long_running_operation.hpp>

#include <azcore/exceptions.hpp>
#include <azcore/polling/exceptions.hpp>
#include "polling/lro_json.hpp"
#include <azcore/rest/http_request.hpp>
#include <azcore/rest/http_response.hpp>
#include <azcore/utils/string_utils.hpp>

#include <boost/json.hpp>

#include <array>
#include <stdexcept>

namespace azcore::polling {
namespace {

constexpr std::array<std::string_view, 4> final_states = {"azure-async-operation", "location", "operation-location",
                                                          "original-uri"};

bool accepted_status(int code) { return code == 200 || code == 201 || code == 202 || code == 204; }

const rest::HttpResponseBase& http_response_of(const pipeline::PipelineResponse& response) {
    if (!response.http_response) throw std::invalid_argument("pipeline_response: it has no HTTP response");
    return *response.http_response;
}

}  // namespace

OperationResourcePolling::OperationResourcePolling(std::string operation_location_header, LroOptions lro_options)
    : operation_location_header_(std::move(operation_location_header)), lro_options_(std::move(lro_options)) {
    if (operation_location_header_.empty()) throw std::invalid_argument("operation_location_header: must not be empty");
    lro_options_.final_state_via = utils::to_lower(lro_options_.final_state_via);
    if (!lro_options_.final_state_via.empty()) {
        bool known = false;
        for (std::string_view state : final_states) known = known || state == lro_options_.final_state_via;
        if (!known)
            throw std::invalid_argument("lro_options.final_state_via: '" + lro_options_.final_state_via +
                                        "' is not one of azure-async-operation, location, operation-location, original-uri");
    }
}

bool OperationResourcePolling::can_poll(const pipeline::PipelineResponse& initial_response) const {
    return http_response_of(initial_response).headers().contains(operation_location_header_);
}

std::string OperationResourcePolling::set_initial_status(const pipeline::PipelineResponse& initial_response) {
    const rest::HttpResponseBase& response = http_response_of(initial_response);
    request_method_ = response.request().method;
    request_url_ = response.request().url;
    async_url_ = response.headers().get(operation_location_header_).value_or("");
    if (auto location = response.headers().get("location"); location && !location->empty()) location_url_ = *location;
    if (accepted_status(response.status_code()) && !async_url_.empty()) {
        // The initial body may already tell the status (lenient: anything unreadable is ignored).
        try {
            return get_status(initial_response);
        } catch (...) {
        }
        return "InProgress";
    }
    throw OperationFailed("Operation failed or canceled");
}

std::string OperationResourcePolling::get_status(const pipeline::PipelineResponse& pipeline_response) {
    const rest::HttpResponseBase& response = http_response_of(pipeline_response);
    if (detail::is_empty(response)) throw BadResponse("The response from long running operation does not contain a body.");
    boost::json::value body = detail::as_json(pipeline_response);
    const boost::json::value* status = body.is_object() ? body.get_object().if_contains("status") : nullptr;
    if (status == nullptr || !status->is_string() || status->get_string().empty()) throw BadResponse("No status found in body");
    return std::string(status->get_string());
}

std::optional<std::string> OperationResourcePolling::get_final_get_url(const pipeline::PipelineResponse& pipeline_response) const {
    const std::string& via = lro_options_.final_state_via;
    if (via == "location" && location_url_) return location_url_;
    if ((via == "azure-async-operation" || via == "operation-location") && request_method_ == "POST") return std::nullopt;
    if (via == "original-uri") return request_url_;
    const rest::HttpResponseBase& response = http_response_of(pipeline_response);
    if (!detail::is_empty(response)) {
        boost::json::value body = detail::as_json(pipeline_response);
        if (body.is_object()) {
            const boost::json::value* resource_location = body.get_object().if_contains("resourceLocation");
            if (resource_location != nullptr && resource_location->is_string() && !resource_location->get_string().empty())
                return std::string(resource_location->get_string());
        }
    }
    if (request_method_ == "PUT" || request_method_ == "PATCH") return request_url_;
    if (request_method_ == "POST" && location_url_) return location_url_;
    return std::nullopt;
}

bool LocationPolling::can_poll(const pipeline::PipelineResponse& initial_response) const {
    return http_response_of(initial_response).headers().contains("location");
}

std::string LocationPolling::set_initial_status(const pipeline::PipelineResponse& initial_response) {
    const rest::HttpResponseBase& response = http_response_of(initial_response);
    location_url_ = response.headers().get("location").value_or("");
    if (accepted_status(response.status_code()) && !location_url_.empty()) return "InProgress";
    throw OperationFailed("Operation failed or canceled");
}

std::string LocationPolling::get_status(const pipeline::PipelineResponse& pipeline_response) {
    const rest::HttpResponseBase& response = http_response_of(pipeline_response);
    if (auto location = response.headers().get("location")) location_url_ = *location;
    return response.status_code() == 202 ? "InProgress" : "Succeeded";
}

std::string StatusCheckPolling::get_polling_url() const {
    throw std::logic_error("This polling doesn't support polling url");
}

}  // namespace azcore::polling
