#pragma once
// TransferSettings: the connection settings of one request, the transport's merged with per-call options.
#include <azcore/options/kwargs.hpp>
#include <azcore/transport/connection_configuration.hpp>
#include <azcore/transport/transport_response.hpp>

#include <chrono>
#include <optional>
#include <string>

namespace azcore::transport::detail {

struct TransferSettings {
    /// stream, block size and max_decoded_size.
    ResponseReading reading{};
    double connection_timeout = 300;
    double read_timeout = 300;
    /// When the response (its headers; its whole body unless stream) must have arrived by.
    std::optional<std::chrono::steady_clock::time_point> deadline{};
    std::variant<bool, std::string> connection_verify = true;
    std::optional<ConnectionCert> connection_cert{};
    std::optional<std::string> proxy{};   // the proxy URL for this request; nullopt = none
    std::optional<std::string> no_proxy{};
    /// "scheme://host:port" of the request URL: the connection pool it belongs to.
    std::string host_key{};
    /// The request URL's host (without brackets for IPv6), port (the scheme's when the URL has
    /// none) and request target (path and query, the path "/" when empty), as sent.
    std::string host{};
    std::string port{};
    std::string target{};
};

/// Runs the request check (rest/request_validation.hpp: method, URL, headers; the curl transports'
/// checks_requests()), then merges per-call options (stream, connection_timeout, read_timeout,
/// deadline, connection_verify, connection_cert, proxies, max_decoded_size) over the
/// configuration; std::invalid_argument on a refused request or a bad value. The URL is checked
/// by check_url (url_origin.hpp), which parses an origin once for a run of requests to it. The proxy is picked as Python requests picks it: the explicit proxies'
/// "scheme://host", "scheme", "all://host", "all"; then, with use_env_settings, the scheme's
/// *_proxy environment variable, then all_proxy (lower case first, read on every request), and
/// no_proxy from the environment.
TransferSettings resolve_settings(const ConnectionConfiguration& config, const options::Kwargs& kwargs,
                                  const rest::HttpRequest& request);

/// The per-call max_decoded_size option (a number of bytes, 0: no limit), else configured;
/// std::invalid_argument when it is negative.
std::size_t resolve_max_decoded_size(std::size_t configured, const options::Kwargs& kwargs);

}  // namespace azcore::transport::detail
