#pragma once
// The checks a request passes before any transport sends it: no header or request smuggling.
//
// Each function throws std::invalid_argument naming the problem (and the header's name); no
// message quotes a header value or a URL (either may hold a secret) or a control character.
#include <azcore/rest/http_request.hpp>

#include <boost/url/url_view.hpp>

#include <string_view>

namespace azcore::rest::detail {

/// An RFC 9110 tchar: ALPHA DIGIT ! # $ % & ' * + - . ^ _ ` | ~.
bool is_tchar(char c) noexcept;

/// The method is an RFC 9110 token: one or more of ALPHA DIGIT ! # $ % & ' * + - . ^ _ ` | ~.
void validate_method(std::string_view method);

/// The URL parses (Boost.URL, RFC 3986) as an absolute http or https URL with a host; the parsed
/// view (into url) is returned, so that a caller needing its parts does not parse it again.
boost::urls::url_view validate_url(std::string_view url);

/// The name is a token; the value holds only HTAB, SP, visible ASCII and obs-text (0x80-0xFF):
/// no NUL, CR, LF, other control character or DEL. An empty value is allowed.
void validate_header(std::string_view name, std::string_view value);

/// validate_method, check_url on the URL, then validate_header for every header, in that order;
/// what check_url returned. check_url throws as validate_url does (the transports pass one that
/// keeps the last origin it checked).
template <class UrlCheck>
auto validate_request(const HttpRequest& request, UrlCheck check_url) {
    validate_method(request.method);
    auto url = check_url(request.url);
    for (const auto& [name, value] : request.headers) validate_header(name, value);
    return url;
}

/// validate_request with validate_url: the parsed URL (into request.url).
boost::urls::url_view validate_request(const HttpRequest& request);

}  // namespace azcore::rest::detail
