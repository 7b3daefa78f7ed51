#include <azcore/policies/custom_hook_policy.hpp>

#include <array>

namespace azcore::policies {
namespace {

constexpr std::array<std::string_view, 2> hook_options = {"raw_request_hook", "raw_response_hook"};

}  // namespace

CustomHookPolicy::CustomHookPolicy(CustomHookPolicyOptions options)
    : request_callback_(std::move(options.raw_request_hook)), response_callback_(std::move(options.raw_response_hook)) {}

std::span<const std::string_view> CustomHookPolicy::option_names() const { return hook_options; }

void CustomHookPolicy::on_request(pipeline::PipelineRequest& request) const {
    pipeline::Kwargs& options = request.context->options;
    auto request_callback = options.pop<RawRequestHook>("raw_request_hook");
    if (request_callback && *request_callback) {
        request.context->set("raw_request_hook", *request_callback);
        (*request_callback)(request);
    } else if (request_callback_) {
        request_callback_(request);
    }
    auto response_callback = options.pop<RawResponseHook>("raw_response_hook");
    if (response_callback && *response_callback) request.context->set("raw_response_hook", *response_callback);
}

void CustomHookPolicy::on_response(pipeline::PipelineRequest&, pipeline::PipelineResponse& response) const {
    if (const auto* callback = response.context->get<RawResponseHook>("raw_response_hook"); callback && *callback) {
        (*callback)(response);
    } else if (response_callback_) {
        response_callback_(response);
    }
}

}  // namespace azcore::policies
