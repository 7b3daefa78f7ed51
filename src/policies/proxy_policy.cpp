#include <azcore/policies/proxy_policy.hpp>

namespace azcore::policies {

ProxyPolicy::ProxyPolicy(std::map<std::string, std::string> proxies) : proxies_(std::move(proxies)) {}

void ProxyPolicy::on_request(pipeline::PipelineRequest& request) const {
    pipeline::Kwargs& options = request.context->options;
    if (!proxies_.empty() && !options.contains("proxies")) options.set("proxies", proxies_);
}

}  // namespace azcore::policies
