#pragma once
// Configuration: the policy slots a client is built from (Python's azure.core.Configuration).
#include <azcore/pipeline/http_policy.hpp>

#include <memory>

namespace azcore {

/// Each slot holds the policy a client puts at that slot's place in the default policy list
/// (null: left out; an empty request_id_policy gets a default RequestIdPolicy, an empty
/// http_logging_policy a default HttpLoggingPolicy, as in Python). Like Python's Configuration()
/// every slot of `Configuration{}` starts empty; a client given no configuration at all uses
/// default_configuration(). See build_policies for the order.
struct Configuration {
    /// Per call, first. Default: RequestIdPolicy().
    std::shared_ptr<pipeline::HTTPPolicy> request_id_policy{};
    /// Per call: a HeadersPolicy.
    std::shared_ptr<pipeline::HTTPPolicy> headers_policy{};
    /// Per call: a UserAgentPolicy.
    std::shared_ptr<pipeline::HTTPPolicy> user_agent_policy{};
    /// Per call: a ProxyPolicy.
    std::shared_ptr<pipeline::HTTPPolicy> proxy_policy{};
    /// Outside the retry loop: a RedirectPolicy. When set, SensitiveHeaderCleanupPolicy is added
    /// near the end of the list.
    std::shared_ptr<pipeline::HTTPPolicy> redirect_policy{};
    /// The retry loop: a RetryPolicy.
    std::shared_ptr<pipeline::HTTPPolicy> retry_policy{};
    /// Per try: a credential policy.
    std::shared_ptr<pipeline::HTTPPolicy> authentication_policy{};
    /// Per try: a CustomHookPolicy.
    std::shared_ptr<pipeline::HTTPPolicy> custom_hook_policy{};
    /// Per try: a NetworkTraceLoggingPolicy.
    std::shared_ptr<pipeline::HTTPPolicy> logging_policy{};
    /// Last before the transport: an HttpLoggingPolicy.
    std::shared_ptr<pipeline::HTTPPolicy> http_logging_policy{};
    /// Seconds between polls of a long-running operation without Retry-After.
    double polling_interval = 30;
};

/// The standard policies with Python's defaults, as every generated SDK configures them:
/// RequestId, Headers, UserAgent, Proxy, Redirect, Retry, CustomHook, NetworkTraceLogging and
/// HttpLogging (no authentication). What PipelineClient uses when PipelineClientOptions::config
/// is not set. (A bare Python PipelineClient has no retry or redirect policy: reference §15.)
Configuration default_configuration();

}  // namespace azcore
