#pragma once
// NO_PROXY matching, as curl 7.88 does it: a comma- or space-separated list of host names,
// domains and IP addresses (IPv4 or IPv6, with an optional CIDR prefix length); "*" alone matches
// every host. A name matches itself and its subdomains ("example.com" and ".example.com" both
// match "a.example.com"), without regard to case.
#include <string_view>

namespace azcore::transport::detail {

/// Whether requests to host (a name or an address, IPv6 without brackets) bypass the proxy.
bool bypasses_proxy(std::string_view no_proxy, std::string_view host);

}  // namespace azcore::transport::detail
