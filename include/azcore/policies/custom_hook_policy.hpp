#pragma once
// CustomHookPolicy: callbacks that see every raw request and response.
#include <azcore/pipeline/sans_io_http_policy.hpp>

#include <functional>

namespace azcore::policies {

/// Called with each request before it is sent (it may change it).
using RawRequestHook = std::function<void(pipeline::PipelineRequest&)>;
/// Called with each response.
using RawResponseHook = std::function<void(pipeline::PipelineResponse&)>;

/// CustomHookPolicy's keyword arguments.
struct CustomHookPolicyOptions {
    /// Called with each request on its first try; empty: none.
    RawRequestHook raw_request_hook{};
    /// Called with the response of every try; empty: none.
    RawResponseHook raw_response_hook{};
};

/// Calls the hooks on every try. Per-call options raw_request_hook (a RawRequestHook) and
/// raw_response_hook (a RawResponseHook) replace the client's hooks for that call. As in Python,
/// the per-call request hook runs on the first try only (the option is taken then); later tries
/// run the client's request hook. The per-call response hook is kept in the context
/// ("raw_response_hook") and runs on every try.
class CustomHookPolicy : public pipeline::SansIOHTTPPolicy {
public:
    /// A policy running these hooks.
    explicit CustomHookPolicy(CustomHookPolicyOptions options = {});

    void on_request(pipeline::PipelineRequest& request) const override;
    void on_response(pipeline::PipelineRequest& request, pipeline::PipelineResponse& response) const override;
    std::span<const std::string_view> option_names() const override;

private:
    RawRequestHook request_callback_;
    RawResponseHook response_callback_;
};

}  // namespace azcore::policies
