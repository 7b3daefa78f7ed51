#include "transport/beast/tls_contexts.hpp"

#include <azcore/exceptions.hpp>

#include <fmt/format.h>

#include <openssl/x509.h>

namespace azcore::transport::detail {

std::string TlsContexts::key_of(const TransferSettings& settings) {
    if (!uses_tls(settings)) return {};
    std::string key;
    if (const bool* verify = std::get_if<bool>(&settings.connection_verify)) key = *verify ? "verify" : "no-verify";
    else key = "ca:" + std::get<std::string>(settings.connection_verify);
    if (settings.connection_cert) key.append("|cert:").append(settings.connection_cert->cert_file).append("|key:").append(settings.connection_cert->key_file);
    return key;
}

std::shared_ptr<boost::asio::ssl::context> TlsContexts::get(const TransferSettings& settings) {
    namespace ssl = boost::asio::ssl;
    const std::string key = key_of(settings);
    std::lock_guard lock(mutex_);
    if (auto found = contexts_.find(key); found != contexts_.end()) return found->second;
    auto context = std::make_shared<ssl::context>(ssl::context::tls_client);
    boost::system::error_code error;
    const auto fail = [&](std::string_view what) {
        throw exceptions::ServiceRequestError(fmt::format("TLS setup failed: {}: {}", what, error.message()), {.error_code = error});
    };
    if (const bool* verify = std::get_if<bool>(&settings.connection_verify)) {
        if (*verify) {
            context->set_default_verify_paths(error);
            if (error) fail("the system's CA certificates");
            context->set_verify_mode(ssl::verify_peer);
        } else {
            context->set_verify_mode(ssl::verify_none);
        }
    } else {
        const std::string& bundle = std::get<std::string>(settings.connection_verify);
        context->load_verify_file(bundle, error);
        if (error) fail(fmt::format("the CA bundle {}", bundle));
        context->set_verify_mode(ssl::verify_peer);
    }
    if (settings.connection_cert) {
        const ConnectionCert& cert = *settings.connection_cert;
        context->use_certificate_chain_file(cert.cert_file, error);
        if (error) fail(fmt::format("the client certificate {}", cert.cert_file));
        const std::string& key_file = cert.key_file.empty() ? cert.cert_file : cert.key_file;
        context->use_private_key_file(key_file, ssl::context::pem, error);
        if (error) fail(fmt::format("the client key {}", key_file));
    }
    contexts_.emplace(key, context);
    return context;
}

void offer_http2(SSL* ssl) {
    static constexpr unsigned char protocols[] = "\x02h2\x08http/1.1";
    SSL_set_alpn_protos(ssl, protocols, sizeof protocols - 1);
}

bool took_http2(SSL* ssl) {
    const unsigned char* chosen = nullptr;
    unsigned int length = 0;
    SSL_get0_alpn_selected(ssl, &chosen, &length);
    return length == 2 && chosen[0] == 'h' && chosen[1] == '2';
}

std::string verify_failure_of(SSL* ssl, const std::string& host) {
    const long verified = SSL_get_verify_result(ssl);
    if (verified == X509_V_OK) return {};
    // host_name_verification refuses a certificate for another name without an X.509 reason.
    if (verified == X509_V_ERR_UNSPECIFIED) return "the certificate is not for '" + host + "'";
    return X509_verify_cert_error_string(verified);
}

}  // namespace azcore::transport::detail
