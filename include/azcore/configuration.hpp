#pragma once
// Configuration: the policy slots a client is built from (Python's azure.core.Configuration).
#include <azcore/pipeline/http_policy.hpp>

#include <memory>

namespace azcore {

/// Each slot holds the policy a client puts at that slot's place in the default policy list
/// (null: left out). Generated service clients fill the slots with their own settings.
struct Configuration {
    std::shared_ptr<pipeline::HTTPPolicy> request_id_policy{};
    std::shared_ptr<pipeline::HTTPPolicy> headers_policy{};
    std::shared_ptr<pipeline::HTTPPolicy> user_agent_policy{};
    std::shared_ptr<pipeline::HTTPPolicy> proxy_policy{};
    std::shared_ptr<pipeline::HTTPPolicy> redirect_policy{};
    std::shared_ptr<pipeline::HTTPPolicy> retry_policy{};
    std::shared_ptr<pipeline::HTTPPolicy> authentication_policy{};
    std::shared_ptr<pipeline::HTTPPolicy> custom_hook_policy{};
    std::shared_ptr<pipeline::HTTPPolicy> logging_policy{};
    std::shared_ptr<pipeline::HTTPPolicy> http_logging_policy{};
    /// Seconds between polls of a long-running operation without Retry-After.
    double polling_interval = 30;
};

}  // namespace azcore
