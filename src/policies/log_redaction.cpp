#include "policies/log_redaction.hpp"

#include <azcore/policies/http_logging_policy.hpp>
#include <azcore/rest/http_request.hpp>

#include "utils/printable.hpp"

namespace azcore::policies::detail {
namespace {

using utils::detail::append_printable;

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

// Python's unquote_plus: '+' is a space, %XX a byte; a malformed escape stays as it is.
std::string unquote_plus(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '+') {
            out.push_back(' ');
        } else if (text[i] == '%' && i + 2 < text.size() && hex_value(text[i + 1]) >= 0 &&
                   hex_value(text[i + 2]) >= 0) {
            out.push_back(static_cast<char>(hex_value(text[i + 1]) * 16 + hex_value(text[i + 2])));
            i += 2;
        } else {
            out.push_back(text[i]);
        }
    }
    return out;
}

// scheme://user:password@host/… → scheme://user:REDACTED@host/…
std::string redact_password(std::string_view before_query) {
    const auto scheme_end = before_query.find("://");
    if (scheme_end == std::string_view::npos) return std::string(before_query);
    const auto authority_start = scheme_end + 3;
    auto authority_end = before_query.find('/', authority_start);
    if (authority_end == std::string_view::npos) authority_end = before_query.size();
    const std::string_view authority = before_query.substr(authority_start, authority_end - authority_start);
    const auto at = authority.rfind('@');
    if (at == std::string_view::npos) return std::string(before_query);
    const auto colon = authority.substr(0, at).find(':');
    if (colon == std::string_view::npos) return std::string(before_query);
    std::string out(before_query.substr(0, authority_start + colon + 1));
    out.append(HttpLoggingPolicy::REDACTED_PLACEHOLDER);
    out.append(before_query.substr(authority_start + at));
    return out;
}

}  // namespace

std::string redact_url(std::string_view url, const CaseInsensitiveSet& allowed_query_params) {
    const auto hash = url.find('#');
    const std::string_view fragment = hash == std::string_view::npos ? std::string_view{} : url.substr(hash);
    const std::string_view before_fragment = url.substr(0, hash);
    const auto question = before_fragment.find('?');
    std::string out = redact_password(before_fragment.substr(0, question));
    if (question != std::string_view::npos) {
        std::string query;
        std::string_view rest = before_fragment.substr(question + 1);
        for (;;) {
            const auto amp = rest.find('&');
            const std::string_view part = rest.substr(0, amp);
            if (!part.empty()) {
                const auto equals = part.find('=');
                const std::string key = unquote_plus(part.substr(0, equals));
                if (!query.empty()) query.push_back('&');
                query.append(key).push_back('=');
                if (allowed_query_params.contains(key)) {
                    if (equals != std::string_view::npos) query.append(unquote_plus(part.substr(equals + 1)));
                } else {
                    query.append(HttpLoggingPolicy::REDACTED_PLACEHOLDER);
                }
            }
            if (amp == std::string_view::npos) break;
            rest = rest.substr(amp + 1);
        }
        if (!query.empty()) out.append("?").append(query);
    }
    out.append(fragment);
    return out;
}

std::string_view redact_header(std::string_view name, std::string_view value, const CaseInsensitiveSet& allowed_header_names) {
    return allowed_header_names.contains(name) ? value : HttpLoggingPolicy::REDACTED_PLACEHOLDER;
}

void append_headers(std::string& out, const CaseInsensitiveDict& headers, const CaseInsensitiveSet& allowed_header_names) {
    for (const auto& [name, value] : headers) {
        out.append("\n    '");
        append_printable(out, name);
        out.append("': '");
        append_printable(out, redact_header(name, value, allowed_header_names));
        out.append("'");
    }
}

CaseInsensitiveSet default_allowed_header_names() {
    return CaseInsensitiveSet(HttpLoggingPolicy::DEFAULT_HEADERS_ALLOWLIST.begin(),
                              HttpLoggingPolicy::DEFAULT_HEADERS_ALLOWLIST.end());
}

CaseInsensitiveSet default_allowed_query_params() {
    return CaseInsensitiveSet(HttpLoggingPolicy::DEFAULT_QUERY_PARAMS_ALLOWLIST.begin(),
                              HttpLoggingPolicy::DEFAULT_QUERY_PARAMS_ALLOWLIST.end());
}

std::string request_head(const rest::HttpRequest& request, const CaseInsensitiveSet& allowed_query_params,
                         const CaseInsensitiveSet& allowed_header_names) {
    std::string text = "Request URL: '";
    append_printable(text, redact_url(request.url, allowed_query_params));
    text.append("'\nRequest method: '");
    append_printable(text, request.method);
    text.append("'\nRequest headers:");
    append_headers(text, request.headers, allowed_header_names);
    return text;
}

}  // namespace azcore::policies::detail
