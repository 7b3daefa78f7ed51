#pragma once
// TlsContexts: the OpenSSL contexts of a Beast transport, one per verification setting and client
// certificate, made once (loading the system's CA store is costly) and shared by its connections.
#include <azcore/transport/connection_configuration.hpp>

#include "transport/transfer_settings.hpp"

#include <boost/asio/ip/address.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/ssl/host_name_verification.hpp>

#include <openssl/ssl.h>

#include <map>
#include <memory>
#include <mutex>
#include <string>

namespace azcore::transport::detail {

class TlsContexts {
public:
    /// The context for a request's connection_verify and connection_cert. Throws
    /// ServiceRequestError when a CA bundle or certificate file cannot be loaded.
    std::shared_ptr<boost::asio::ssl::context> get(const TransferSettings& settings);
    /// Whether a request's connection speaks TLS (https).
    static bool uses_tls(const TransferSettings& settings) { return settings.host_key.starts_with("https:"); }
    /// What tells connections made with different TLS settings apart ("" for plain http).
    static std::string key_of(const TransferSettings& settings);

private:
    std::mutex mutex_;
    std::map<std::string, std::shared_ptr<boost::asio::ssl::context>, std::less<>> contexts_;
};

/// The TLS verification of a connection to host: peer verification as the context says, the
/// certificate's name (or IP address) checked against host, and SNI for a host name.
template <class Stream>
void prepare_tls(Stream& stream, const std::string& host) {
    boost::system::error_code error;
    boost::asio::ip::make_address(host, error);
    if (error) SSL_set_tlsext_host_name(stream.native_handle(), host.c_str());  // a name, not an address
    stream.set_verify_callback(boost::asio::ssl::host_name_verification(host));
}

/// Offers HTTP/2 in the handshake of ssl (ALPN: h2, then http/1.1).
void offer_http2(SSL* ssl);
/// The server chose HTTP/2 in the handshake of ssl.
bool took_http2(SSL* ssl);

/// Why a handshake with host failed verification (OpenSSL's verification result), or empty when
/// verification is not what failed.
std::string verify_failure_of(SSL* ssl, const std::string& host);

}  // namespace azcore::transport::detail
