#include <azcore/policies/sensitive_header_cleanup_policy.hpp>

#include <azcore/options/keys.hpp>
#include <azcore/rest/http_request.hpp>

namespace azcore::policies {

const std::vector<std::string>& SensitiveHeaderCleanupPolicy::DEFAULT_SENSITIVE_HEADERS() {
    static const std::vector<std::string> headers = {"Authorization", "x-ms-authorization-auxiliary"};
    return headers;
}

SensitiveHeaderCleanupPolicy::SensitiveHeaderCleanupPolicy(SensitiveHeaderCleanupPolicyOptions options)
    : blocked_(options.blocked_redirect_headers ? std::move(*options.blocked_redirect_headers) : DEFAULT_SENSITIVE_HEADERS()),
      disable_(options.disable_redirect_cleanup) {}

void SensitiveHeaderCleanupPolicy::on_request(pipeline::PipelineRequest& request) const {
    // Python pops the flag; RedirectPolicy sets or clears it on every hop instead, so that a retry
    // of a hop to another host is cleaned too (Python would send the re-added token there).
    const bool insecure_domain_change = options::insecure_domain_change.get(request.context->options);
    if (disable_ || !insecure_domain_change) return;
    for (const std::string& header : blocked_) request.http_request->headers.erase(header);
}

}  // namespace azcore::policies
