#include <azcore/policies/custom_hook_policy.hpp>

#include <azcore/options/keys.hpp>

#include <array>

namespace azcore::policies {
namespace {

constexpr std::array<std::string_view, 2> hook_options = {options::raw_request_hook.name(), options::raw_response_hook.name()};
// Context data: the call's response hook, for every try.
constexpr std::string_view response_hook_key = options::raw_response_hook.name();

}  // namespace

CustomHookPolicy::CustomHookPolicy(CustomHookPolicyOptions options)
    : request_callback_(std::move(options.raw_request_hook)), response_callback_(std::move(options.raw_response_hook)) {}

std::span<const std::string_view> CustomHookPolicy::option_names() const { return hook_options; }

void CustomHookPolicy::on_request(pipeline::PipelineRequest& request) const {
    options::Kwargs& kwargs = request.context->options;
    auto request_callback = options::raw_request_hook.pop(kwargs);
    if (request_callback && *request_callback) {
        request.context->set(std::string(options::raw_request_hook.name()), *request_callback);
        (*request_callback)(request);
    } else if (request_callback_) {
        request_callback_(request);
    }
    auto response_callback = options::raw_response_hook.pop(kwargs);
    if (response_callback && *response_callback) request.context->set(std::string(response_hook_key), *response_callback);
}

void CustomHookPolicy::on_response(pipeline::PipelineRequest&, pipeline::PipelineResponse& response) const {
    if (const auto* callback = response.context->get<RawResponseHook>(response_hook_key); callback && *callback) {
        (*callback)(response);
    } else if (response_callback_) {
        response_callback_(response);
    }
}

}  // namespace azcore::policies
