#include "transport/curl/curl_error_mapping.hpp"

#include <azcore/exceptions.hpp>

#include <fmt/format.h>

#include <algorithm>

namespace azcore::transport::detail {
namespace {

class CurlCategory final : public std::error_category {
public:
    const char* name() const noexcept override { return "curl"; }
    std::string message(int code) const override { return curl_easy_strerror(static_cast<CURLcode>(code)); }
};

bool is_connect_failure(CURLcode code) {
    switch (code) {
        case CURLE_URL_MALFORMAT:
        case CURLE_COULDNT_RESOLVE_PROXY:
        case CURLE_COULDNT_RESOLVE_HOST:
        case CURLE_COULDNT_CONNECT:
        case CURLE_SSL_CONNECT_ERROR:
        case CURLE_PEER_FAILED_VERIFICATION:
        case CURLE_SSL_CERTPROBLEM:
        case CURLE_SSL_CIPHER:
        case CURLE_SSL_CACERT_BADFILE:
        case CURLE_SSL_ENGINE_NOTFOUND:
        case CURLE_SSL_ENGINE_SETFAILED:
        case CURLE_SSL_CRL_BADFILE:
        case CURLE_SSL_ISSUER_ERROR:
        case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
        case CURLE_SSL_INVALIDCERTSTATUS:
        case CURLE_PROXY:
            return true;
        default:
            return false;
    }
}

// With TLS 1.3 a server rejects a client certificate after the client considers the handshake
// done: curl reports the alert on its first read. It is still a handshake failure: the server
// never saw the request.
bool is_tls_alert(CURLcode code, TransferPhase phase, std::string_view detail) {
    return code == CURLE_RECV_ERROR && phase == TransferPhase::AwaitingHeaders &&
           detail.find("SSL routines") != std::string_view::npos && detail.find("alert") != std::string_view::npos;
}

// curl refuses a response header line longer than CURL_MAX_HTTP_HEADER with "Out of memory" and
// a header block over 300 KiB with "Too large response headers: <size> > 307200" (curl 7.88).
bool is_headers_too_large(CURLcode code, TransferPhase phase, std::string_view detail) {
    return phase == TransferPhase::AwaitingHeaders &&
           (code == CURLE_OUT_OF_MEMORY || (code == CURLE_RECV_ERROR && detail.starts_with("Too large response headers")));
}

}  // namespace

const std::error_category& curl_category() {
    static const CurlCategory category;
    return category;
}

std::exception_ptr map_curl_error(CURLcode code, TransferPhase phase, std::string_view detail, const CurlFailureFacts& facts) {
    using namespace azcore::exceptions;
    std::error_code error_code(static_cast<int>(code), curl_category());
    const std::string_view said = detail.empty() ? std::string_view(curl_easy_strerror(code)) : detail;
    const std::string curl_says = fmt::format("curl error {}: {}", static_cast<int>(code), said);
    if (code == CURLE_OPERATION_TIMEDOUT && phase == TransferPhase::Connecting && !facts.host.empty())
        return connect_timeout_error(facts.host, facts.port, facts.connection_timeout, error_code, curl_says);
    if ((code == CURLE_PEER_FAILED_VERIFICATION || code == CURLE_SSL_CONNECT_ERROR) && !facts.host.empty())
        return tls_handshake_error(facts.host, facts.port, error_code, curl_says);
    if (phase == TransferPhase::Connecting && detail.starts_with("CONNECT tunnel failed") && !facts.host.empty())
        return proxy_refused_error(tunnel_target(facts.host, facts.port), error_code, curl_says);
    if (code == CURLE_GOT_NOTHING) return closed_before_response_error(error_code, curl_says);
    if (is_headers_too_large(code, phase, detail)) return headers_too_large_error(error_code);
    if ((code == CURLE_UNSUPPORTED_PROTOCOL || code == CURLE_WEIRD_SERVER_REPLY) && phase == TransferPhase::AwaitingHeaders)
        return malformed_head_error(error_code, curl_says);
    if (phase == TransferPhase::ReadingBody) {
        if (code == CURLE_PARTIAL_FILE && facts.declared >= 0)
            return body_cut_short_error(static_cast<std::uint64_t>(std::max<std::int64_t>(facts.declared - facts.received, 0)),
                                        static_cast<std::uint64_t>(facts.declared), error_code, curl_says);
        if (code == CURLE_PARTIAL_FILE) return chunked_body_cut_error(error_code, curl_says);
        if (detail.find("chunked-encoding") != std::string_view::npos) return malformed_chunk_error(error_code, curl_says);
    }
    std::string message = fmt::format("{} (curl error {})", said, static_cast<int>(code));
    AzureErrorOptions options{.error_code = error_code};
    if (code == CURLE_OPERATION_TIMEDOUT) return timeout_error(std::move(message), phase, error_code);
    if (phase == TransferPhase::Connecting || is_connect_failure(code) || is_tls_alert(code, phase, detail))
        return std::make_exception_ptr(ServiceRequestError(message, options));
    if (phase == TransferPhase::ReadingBody) return incomplete_body_error(std::move(message), error_code);
    return std::make_exception_ptr(ServiceResponseError(message, options));
}

std::error_code curl_timeout_code() { return std::error_code(CURLE_OPERATION_TIMEDOUT, curl_category()); }

}  // namespace azcore::transport::detail
