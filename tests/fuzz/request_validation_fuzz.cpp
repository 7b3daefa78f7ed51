// The request checks (src/rest/request_validation.hpp) on arbitrary methods, URLs and headers, as
// strings of any bytes (FuzzedDataProvider: each string ends at a backslash followed by another
// character). Only std::invalid_argument escapes; a message carries no control byte and never quotes
// a refused header value; what is accepted is what the rules say: tokens for the method and names,
// no CR, LF, NUL, other control byte or DEL in a value, an absolute http(s) URL with a host; and
// the transports' check_url (which keeps the last origin checked) gives what validate_url gives.
#include "fuzz_support.hpp"

#include "rest/request_validation.hpp"
#include "transport/url_origin.hpp"

#include <boost/url/grammar/ci_string.hpp>
#include <boost/url/parse.hpp>

#include <fuzzer/FuzzedDataProvider.h>

#include <algorithm>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace {

using namespace azcore::rest::detail;

bool is_tchar(char c) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) return true;
    return std::string_view("!#$%&'*+-.^_`|~").find(c) != std::string_view::npos;
}

bool is_token(std::string_view text) {
    if (text.empty()) return false;
    for (char c : text)
        if (!is_tchar(c)) return false;
    return true;
}

bool is_field_value(std::string_view value) {
    for (char c : value) {
        const auto byte = static_cast<unsigned char>(c);
        if ((byte < 0x20 && c != '\t') || byte == 0x7F) return false;
    }
    return true;
}

bool has_control_byte(std::string_view text) {
    for (char c : text)
        if (static_cast<unsigned char>(c) < 0x20 || static_cast<unsigned char>(c) == 0x7F) return true;
    return false;
}

/// Runs check: nullopt when it accepted, else the message of its std::invalid_argument, which must
/// be a clean one.
template <class Check>
std::optional<std::string> refusal(Check check) {
    try {
        check();
        return std::nullopt;
    } catch (const std::invalid_argument& error) {
        const std::string message = error.what();
        AZCORE_FUZZ_CHECK(!message.empty());
        AZCORE_FUZZ_CHECK(!has_control_byte(message));
        return message;
    }
}

template <class Check>
bool accepts(Check check) {
    return !refusal(check).has_value();
}

/// value with every visible character replaced by 'x': the same verdict, other text.
std::string masked(std::string_view value) {
    std::string out(value);
    for (char& c : out) {
        const auto byte = static_cast<unsigned char>(c);
        if (byte > 0x20 && byte != 0x7F) c = 'x';
    }
    return out;
}

/// check_url's verdict and parts for url, after `before` was checked on this thread.
std::string check_url_after(const std::string& before, const std::string& url) {
    refusal([&] { azcore::transport::detail::check_url(before); });
    std::string result;
    const auto message = refusal([&] {
        const auto checked = azcore::transport::detail::check_url(url);
        const auto& origin = checked.origin;
        for (const std::string* part : {&origin.scheme, &origin.host_key, &origin.host, &origin.port, &origin.proxy_host, &checked.target})
            result.append(*part).push_back('\n');
        result.push_back(origin.https ? 's' : '-');
    });
    return message ? "refused: " + *message : result;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    FuzzedDataProvider input(data, size);
    const std::string method = input.ConsumeRandomLengthString(64);
    const std::string url = input.ConsumeRandomLengthString(512);
    AZCORE_FUZZ_CHECK(accepts([&] { validate_method(method); }) == is_token(method));
    if (accepts([&] { validate_url(url); })) {
        const auto parsed = boost::urls::parse_uri(url);
        AZCORE_FUZZ_CHECK(parsed.has_value());
        AZCORE_FUZZ_CHECK(boost::urls::grammar::ci_is_equal(parsed->scheme(), "http") ||
                          boost::urls::grammar::ci_is_equal(parsed->scheme(), "https"));
        AZCORE_FUZZ_CHECK(!parsed->host().empty());
    }
    // check_url keeps the last origin it checked: whatever came before (here: each prefix of the
    // URL, the URL itself), a URL gets what it gets after an unrelated one.
    const std::string alone = check_url_after("http://unrelated.invalid/", url);
    AZCORE_FUZZ_CHECK(alone.starts_with("refused: ") == !accepts([&] { validate_url(url); }));
    AZCORE_FUZZ_CHECK(check_url_after(url, url) == alone);
    for (std::size_t length = 0; length <= std::min<std::size_t>(url.size(), 64); ++length)
        AZCORE_FUZZ_CHECK(check_url_after(url.substr(0, length), url) == alone);
    while (input.remaining_bytes() > 0) {
        const std::string name = input.ConsumeRandomLengthString(64);
        const std::string value = input.ConsumeRandomLengthString(256);
        const auto message = refusal([&] { validate_header(name, value); });
        AZCORE_FUZZ_CHECK(!message.has_value() == (is_token(name) && is_field_value(value)));
        // A message never quotes the value: another value with the same verdict gives the same one.
        AZCORE_FUZZ_CHECK(refusal([&] { validate_header(name, masked(value)); }) == message);
    }
    return 0;
}
