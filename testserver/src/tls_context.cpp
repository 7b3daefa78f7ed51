#include "tls_context.hpp"

#include <openssl/ssl.h>

#include <algorithm>

namespace azcore::testserver::detail {
namespace {

int select_http11(SSL*, const unsigned char** out, unsigned char* outlen, const unsigned char* in, unsigned int inlen,
                  void*) {
    static constexpr unsigned char http11[] = {'h', 't', 't', 'p', '/', '1', '.', '1'};
    for (unsigned int i = 0; i < inlen;) {
        unsigned int len = in[i];
        if (len == sizeof http11 && i + 1 + len <= inlen && std::equal(http11, http11 + len, in + i + 1)) {
            *out = in + i + 1;
            *outlen = static_cast<unsigned char>(len);
            return SSL_TLSEXT_ERR_OK;
        }
        i += 1 + len;
    }
    return SSL_TLSEXT_ERR_NOACK;
}

}  // namespace

boost::asio::ssl::context make_tls_context(const TlsFiles& files) {
    namespace ssl = boost::asio::ssl;
    ssl::context ctx(ssl::context::tls_server);
    ctx.set_options(ssl::context::default_workarounds | ssl::context::no_sslv2 | ssl::context::no_sslv3 |
                    ssl::context::no_tlsv1 | ssl::context::no_tlsv1_1 | ssl::context::single_dh_use);
    ctx.use_certificate_chain_file(files.cert_file);
    ctx.use_private_key_file(files.key_file, ssl::context::pem);
    if (!files.client_ca_file.empty()) {
        ctx.load_verify_file(files.client_ca_file);
        ctx.set_verify_mode(ssl::verify_peer | ssl::verify_fail_if_no_peer_cert);
    }
    SSL_CTX_set_alpn_select_cb(ctx.native_handle(), select_http11, nullptr);
    return ctx;
}

}  // namespace azcore::testserver::detail
