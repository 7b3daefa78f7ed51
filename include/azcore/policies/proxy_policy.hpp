#pragma once
// ProxyPolicy: the proxies a client's requests go through.
#include <azcore/pipeline/sans_io_http_policy.hpp>

#include <map>
#include <string>

namespace azcore::policies {

/// Hands its proxies to the transport as the per-call `proxies` option, unless the call gives
/// its own. Keys are a scheme ("http", "https") or scheme and host ("https://host"), values the
/// proxy URL, as the transports' ConnectionConfiguration::proxies.
class ProxyPolicy : public pipeline::SansIOHTTPPolicy {
public:
    /// A policy handing proxies to the transport.
    explicit ProxyPolicy(std::map<std::string, std::string> proxies = {});

    /// The proxies given to the constructor.
    const std::map<std::string, std::string>& proxies() const { return proxies_; }

    void on_request(pipeline::PipelineRequest& request) const override;

private:
    std::map<std::string, std::string> proxies_;
};

}  // namespace azcore::policies
