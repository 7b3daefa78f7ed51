#include <azcore/policies/proxy_policy.hpp>

#include <azcore/options/keys.hpp>

namespace azcore::policies {

ProxyPolicy::ProxyPolicy(std::map<std::string, std::string> proxies) : proxies_(std::move(proxies)) {}

void ProxyPolicy::on_request(pipeline::PipelineRequest& request) const {
    options::Kwargs& kwargs = request.context->options;
    if (!proxies_.empty() && !options::proxies.in(kwargs)) options::proxies.set(kwargs, proxies_);
}

}  // namespace azcore::policies
