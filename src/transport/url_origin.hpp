#pragma once
// The checked parts of a request URL that a transport connects and sends by.
#include <string>
#include <string_view>

namespace azcore::transport::detail {

/// The origin of a checked request URL ("scheme://authority") and what a transport takes from it.
struct UrlOrigin {
    /// The origin as written in the URL.
    std::string text;
    bool https = false;
    /// The scheme as written.
    std::string scheme;
    /// "http://" or "https://", then the host and port as written: the connection pool's key.
    std::string host_key;
    /// The host (decoded, without brackets for IPv6) and port (the scheme's when the URL has none),
    /// as connected to.
    std::string host;
    std::string port;
    /// The host as the proxies' "scheme://host" keys name it (decoded).
    std::string proxy_host;
};

/// A URL checked by check_url: its origin and its request target.
struct CheckedUrl {
    /// Valid until the next check_url on this thread.
    const UrlOrigin& origin;
    /// The path and query as sent (origin-form): the path is "/" when the URL has none.
    std::string target;
};

/// rest::detail::validate_url's check (the same verdicts and exceptions) with the URL's parts.
/// The last origin checked on this thread is kept: a URL with the same origin, which is how a
/// client sends, has only the rest of it (path, query, fragment) parsed, as RFC 3986 parses them.
CheckedUrl check_url(std::string_view url);

}  // namespace azcore::transport::detail
