#include "rest/request_validation.hpp"

#include <azcore/rest/http_request.hpp>

#include <boost/url/grammar/ci_string.hpp>
#include <boost/url/parse.hpp>

#include <algorithm>
#include <array>
#include <cstdio>
#include <stdexcept>
#include <string>

namespace azcore::rest::detail {
namespace {

// RFC 9110 §5.6.2: tchar = "!" / "#" / "$" / "%" / "&" / "'" / "*" / "+" / "-" / "." / "^" / "_" / "`" / "|" / "~" / DIGIT / ALPHA
// A table: every header name of every request is checked byte by byte.
constexpr auto tchar_table = [] {
    std::array<bool, 256> table{};
    for (int c = 'A'; c <= 'Z'; ++c) table[c] = true;
    for (int c = 'a'; c <= 'z'; ++c) table[c] = true;
    for (int c = '0'; c <= '9'; ++c) table[c] = true;
    for (char c : std::string_view("!#$%&'*+-.^_`|~")) table[static_cast<unsigned char>(c)] = true;
    return table;
}();

// RFC 3986 §2: unreserved, reserved and '%' are the only bytes a URI holds.
constexpr bool is_uri_char(unsigned char c) noexcept {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
           std::string_view("-._~:/?#[]@!$&'()*+,;=%").find(static_cast<char>(c)) != std::string_view::npos;
}

// A byte named so that a message never carries it raw: CR, LF, NUL… or the character in quotes.
std::string describe_byte(unsigned char c) {
    switch (c) {
        case '\0': return "NUL";
        case '\t': return "HTAB";
        case '\n': return "LF";
        case '\r': return "CR";
        case ' ': return "SP";
        case 0x7f: return "DEL";
        default: break;
    }
    if (c < 0x20 || c > 0x7f) {
        char hex[8];
        std::snprintf(hex, sizeof hex, "0x%02X", static_cast<unsigned>(c));
        return hex;
    }
    return std::string("'") + static_cast<char>(c) + "'";
}

// what: "method" or "header name". Only the valid part before the first bad byte is quoted, so
// nothing after it (a value pasted into a name, say) reaches the message.
void validate_token(std::string_view what, std::string_view text) {
    if (text.empty()) throw std::invalid_argument(std::string(what) + " is empty");
    const auto bad = std::find_if(text.begin(), text.end(), [](char c) { return !is_tchar(c); });
    if (bad == text.end()) return;
    const auto offset = static_cast<std::size_t>(bad - text.begin());
    std::string message = std::string(what) + ": " + describe_byte(static_cast<unsigned char>(*bad)) + " at offset " +
                          std::to_string(offset);
    if (offset > 0) message += " (after '" + std::string(text.substr(0, offset)) + "')";
    throw std::invalid_argument(message + " is not a token character");
}

}  // namespace

bool is_tchar(char c) noexcept { return tchar_table[static_cast<unsigned char>(c)]; }

void validate_method(std::string_view method) { validate_token("method", method); }

boost::urls::url_view validate_url(std::string_view url) {
    const auto parsed = boost::urls::parse_uri(url);
    if (!parsed) {
        if (boost::urls::parse_relative_ref(url)) throw std::invalid_argument("url: not an absolute URL");
        // Name the first byte no URL may hold (RFC 3986 §2), by its offset: the URL itself may
        // carry a secret, so it is not quoted.
        const auto bad = std::find_if(url.begin(), url.end(), [](char c) { return !is_uri_char(static_cast<unsigned char>(c)); });
        if (bad != url.end())
            throw std::invalid_argument("url: not a valid URL (RFC 3986): " + describe_byte(static_cast<unsigned char>(*bad)) +
                                        " at offset " + std::to_string(bad - url.begin()));
        throw std::invalid_argument("url: not a valid URL (RFC 3986)");
    }
    const std::string_view scheme = parsed->scheme();
    if (!boost::urls::grammar::ci_is_equal(scheme, "http") && !boost::urls::grammar::ci_is_equal(scheme, "https"))
        throw std::invalid_argument("url: scheme '" + std::string(scheme) + "' is not http or https");
    if (!parsed->has_authority() || parsed->encoded_host().empty()) throw std::invalid_argument("url: no host");
    return *parsed;
}

void validate_header(std::string_view name, std::string_view value) {
    validate_token("header name", name);
    // RFC 9110 §5.5 field-value: HTAB, SP, VCHAR, obs-text. Leading or trailing whitespace is
    // allowed (recipients strip it), every other control character is not.
    for (char c : value) {
        const auto byte = static_cast<unsigned char>(c);
        if (byte >= 0x20 && byte != 0x7f) continue;
        if (byte == '\t') continue;
        std::string problem;
        if (byte == '\r' || byte == '\n') problem = "CR or LF";
        else if (byte == '\0') problem = "NUL";
        else problem = "a control character (" + describe_byte(byte) + ")";
        throw std::invalid_argument("header '" + std::string(name) + "': value contains " + problem);
    }
}

boost::urls::url_view validate_request(const HttpRequest& request) { return validate_request(request, validate_url); }

}  // namespace azcore::rest::detail
