// The request checks (src/rest/request_validation.hpp) on arbitrary methods, URLs and headers, as
// strings of any bytes (FuzzedDataProvider: each string ends at a backslash followed by another
// character). Only std::invalid_argument escapes; a message carries no control byte and never quotes
// a refused header value; what is accepted is what the rules say: tokens for the method and names,
// no CR, LF, NUL, other control byte or DEL in a value, an absolute http(s) URL with a host.
#include "fuzz_support.hpp"

#include "rest/request_validation.hpp"

#include <boost/url/grammar/ci_string.hpp>
#include <boost/url/parse.hpp>

#include <fuzzer/FuzzedDataProvider.h>

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
