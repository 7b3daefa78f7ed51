#include "client_core.hpp"

#include <azcore/options/keys.hpp>
#include <azcore/policies/content_decode_policy.hpp>
#include <azcore/policies/distributed_tracing_policy.hpp>
#include <azcore/policies/http_logging_policy.hpp>
#include <azcore/policies/request_id_policy.hpp>
#include <azcore/policies/retry_policy.hpp>
#include <azcore/policies/sensitive_header_cleanup_policy.hpp>

#include "utils/url.hpp"

#include <algorithm>
#include <stdexcept>

namespace azcore::detail {

Configuration configuration_of(const PipelineClientOptions& options) {
    return options.config ? *options.config : default_configuration();
}

options::Kwargs prepare_send(const std::string& base_url, rest::HttpRequest& request, SendRequestOptions send_options) {
    if (!utils::detail::is_absolute_url(request.url)) {
        // Joined as it is: a `{name}` left in it is refused by the request check, not dropped.
        const std::size_t start = std::min(request.url.find_first_not_of('/'), request.url.size());
        const std::string formatted_base = format_url_for(base_url, "", {});
        request.url = start == request.url.size() ? formatted_base
                                                  : utils::detail::join_url(formatted_base, std::string_view(request.url).substr(start));
    }
    options::Kwargs kwargs = std::move(send_options.kwargs);
    options::stream.set(kwargs, send_options.stream);
    return kwargs;
}

}  // namespace azcore::detail

namespace azcore {
namespace {

using PolicyList = std::vector<std::shared_ptr<pipeline::HTTPPolicy>>;

void append(PolicyList& list, const std::shared_ptr<pipeline::HTTPPolicy>& policy) {
    if (policy) list.push_back(policy);
}

void append_all(PolicyList& list, const PolicyList& policies) {
    for (const auto& policy : policies) append(list, policy);
}

}  // namespace

PolicyList build_policies(const Configuration& config, const PipelineClientOptions& options) {
    PolicyList list;
    if (options.policies) {
        append_all(list, options.per_call_policies);
        append_all(list, *options.policies);
        if (options.per_retry_policies.empty()) return list;
        // Python puts them right after the last RetryPolicy of the list.
        auto last_retry = std::find_if(list.rbegin(), list.rend(), [](const auto& policy) {
            return dynamic_cast<const policies::RetryPolicy*>(policy.get()) != nullptr;
        });
        if (last_retry == list.rend())
            throw std::invalid_argument(
                "Failed to add per_retry_policies; no RetryPolicy found in the supplied list of policies. ");
        PolicyList per_retry;
        append_all(per_retry, options.per_retry_policies);
        list.insert(last_retry.base(), per_retry.begin(), per_retry.end());
        return list;
    }
    // Python's _build_pipeline (1.30+), in its order; an empty slot is left out.
    append(list, config.request_id_policy ? config.request_id_policy : std::make_shared<policies::RequestIdPolicy>());
    append(list, config.headers_policy);
    append(list, config.user_agent_policy);
    append(list, config.proxy_policy);
    append(list, std::make_shared<policies::ContentDecodePolicy>());
    append_all(list, options.per_call_policies);
    append(list, config.redirect_policy);
    append(list, config.retry_policy);
    append(list, config.authentication_policy);
    append(list, config.custom_hook_policy);
    append_all(list, options.per_retry_policies);
    append(list, config.logging_policy);
    append(list, std::make_shared<policies::DistributedTracingPolicy>());
    if (config.redirect_policy) append(list, std::make_shared<policies::SensitiveHeaderCleanupPolicy>());
    append(list, config.http_logging_policy ? config.http_logging_policy : std::make_shared<policies::HttpLoggingPolicy>());
    return list;
}

}  // namespace azcore
