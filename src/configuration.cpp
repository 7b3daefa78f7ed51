#include <azcore/configuration.hpp>

#include <azcore/policies/custom_hook_policy.hpp>
#include <azcore/policies/headers_policy.hpp>
#include <azcore/policies/http_logging_policy.hpp>
#include <azcore/policies/network_trace_logging_policy.hpp>
#include <azcore/policies/proxy_policy.hpp>
#include <azcore/policies/redirect_policy.hpp>
#include <azcore/policies/request_id_policy.hpp>
#include <azcore/policies/retry_policy.hpp>
#include <azcore/policies/user_agent_policy.hpp>

#include <memory>

namespace azcore {

Configuration default_configuration() {
    return Configuration{
        .request_id_policy = std::make_shared<policies::RequestIdPolicy>(),
        .headers_policy = std::make_shared<policies::HeadersPolicy>(),
        .user_agent_policy = std::make_shared<policies::UserAgentPolicy>(),
        .proxy_policy = std::make_shared<policies::ProxyPolicy>(),
        .redirect_policy = std::make_shared<policies::RedirectPolicy>(),
        .retry_policy = std::make_shared<policies::RetryPolicy>(),
        .authentication_policy = nullptr,
        .custom_hook_policy = std::make_shared<policies::CustomHookPolicy>(),
        .logging_policy = std::make_shared<policies::NetworkTraceLoggingPolicy>(),
        .http_logging_policy = std::make_shared<policies::HttpLoggingPolicy>(),
    };
}

}  // namespace azcore
