#pragma once
// ConnectionConfiguration: the transport settings of Python's ConnectionConfiguration, and more.
#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <variant>

namespace azcore::transport {

/// A client certificate (PEM) and its private key (empty: the key is in cert_file).
struct ConnectionCert {
    /// The certificate's PEM file.
    std::string cert_file;
    /// The private key's PEM file; empty: in cert_file.
    std::string key_file{};
};

/// Connection settings of a transport. Each is also a per-call option of the same name where
/// Python has one (connection_timeout, read_timeout, connection_verify, connection_cert, proxies),
/// and max_decoded_size.
struct ConnectionConfiguration {
    /// Seconds to establish a connection (TCP + TLS).
    double connection_timeout = 300;
    /// Seconds without receiving a byte, once connected, before the request fails.
    double read_timeout = 300;
    /// true/false, or the path of a CA bundle to verify the server with.
    std::variant<bool, std::string> connection_verify = true;
    /// A client certificate to present (mutual TLS); none by default.
    std::optional<ConnectionCert> connection_cert{};
    /// Proxy URL per "scheme", "scheme://host", "all" or "all://host" (as Python requests selects).
    std::map<std::string, std::string> proxies{};
    /// Default chunk size of iter_bytes/iter_raw.
    std::size_t connection_data_block_size = 4096;
    /// The most bytes read() (so text() and json(), and every non-streamed response) decodes a
    /// content-encoded body to: past it, DecodeError. 0: no limit. iter_bytes() is not limited (it
    /// decodes about one chunk per step). The default is rest::HttpResponseBase::DEFAULT_MAX_DECODED_SIZE.
    std::size_t max_decoded_size = std::size_t(256) << 20;
    /// Concurrent connections per host and in total; 0 is unlimited. Excess requests wait. An
    /// idle kept-alive connection does not count; an idle HTTP/2 connection of AsyncBeastTransport
    /// does, until a request that would wait has it closed.
    ///@{
    std::size_t max_connections_per_host = 0;
    std::size_t max_connections = 0;
    ///@}
    /// The Beast transports offer HTTP/2 on https connections (TLS ALPN: h2, then http/1.1) and
    /// speak it where the server takes it: AsyncBeastTransport carries every request to a host on
    /// one connection, many at once; BeastTransport one request at a time per connection. Off by
    /// default: HTTP/1.1, as Python's transports. The curl transports offer HTTP/2 over TLS
    /// whatever this says (libcurl's default).
    bool http2 = false;
    /// Honour HTTP_PROXY / HTTPS_PROXY / NO_PROXY from the environment.
    bool use_env_settings = true;
};

}  // namespace azcore::transport
