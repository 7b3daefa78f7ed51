// WWW-Authenticate values. parse_www_authenticate never throws; every scheme and parameter name it
// returns is a non-empty token, a token68 is token68 characters with '=' padding only at the end;
// writing the challenges back out (comma-separated, values quoted) parses to the same challenges;
// get_challenge_parameter agrees with the parsed list; decoded CAE claims are valid UTF-8.
#include "fuzz_support.hpp"

#include <azcore/policies/authentication_challenge.hpp>
#include "rest/text_decoding.hpp"

#include <algorithm>
#include <string>
#include <string_view>

namespace {

using azcore::policies::AuthenticationChallenge;

bool is_tchar(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           std::string_view("!#$%&'*+-.^_`|~").find(c) != std::string_view::npos;
}

bool is_token(std::string_view text) { return !text.empty() && std::all_of(text.begin(), text.end(), is_tchar); }

bool is_token68(std::string_view text) {
    const std::size_t padding = text.find('=');
    const std::string_view body = text.substr(0, padding);
    return !body.empty() && std::all_of(body.begin(), body.end(), [](char c) { return is_tchar(c) || c == '/'; }) &&
           (padding == std::string_view::npos ||
            text.find_first_not_of('=', padding) == std::string_view::npos);
}

bool same(const std::vector<AuthenticationChallenge>& a, const std::vector<AuthenticationChallenge>& b) {
    return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](const auto& x, const auto& y) {
        return x.scheme == y.scheme && x.parameters == y.parameters && x.token68 == y.token68;
    });
}

std::string quoted(std::string_view value) {
    std::string out = "\"";
    for (char c : value) {
        if (c == '"' || c == '\\') out += '\\';
        out += c;
    }
    return out + '"';
}

std::string write(const std::vector<AuthenticationChallenge>& challenges) {
    std::string out;
    for (const auto& challenge : challenges) {
        if (!out.empty()) out += ", ";
        out += challenge.scheme;
        const char* separator = " ";
        if (!challenge.token68.empty()) {
            out += separator + challenge.token68;
            separator = ", ";
        }
        for (const auto& [name, value] : challenge.parameters) {
            out += separator + name + "=" + quoted(value);
            separator = ", ";
        }
    }
    return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view header = azcore::fuzz::as_text(data, size);
    const auto challenges = azcore::policies::parse_www_authenticate(header);
    for (const auto& challenge : challenges) {
        AZCORE_FUZZ_CHECK(is_token(challenge.scheme));
        AZCORE_FUZZ_CHECK(challenge.token68.empty() || is_token68(challenge.token68));
        for (const auto& [name, value] : challenge.parameters) {
            AZCORE_FUZZ_CHECK(is_token(name));
            if (name == "claims") {
                if (auto claims = azcore::policies::decode_challenge_claims(value)) {
                    AZCORE_FUZZ_CHECK(azcore::rest::detail::is_valid_utf8(*claims));
                    AZCORE_FUZZ_CHECK(claims->size() <= value.size());
                }
            }
        }
    }
    AZCORE_FUZZ_CHECK(same(azcore::policies::parse_www_authenticate(write(challenges)), challenges));

    if (!challenges.empty() && !challenges.front().parameters.empty()) {
        const std::string& scheme = challenges.front().scheme;
        const std::string& name = challenges.front().parameters.front().first;
        std::optional<std::string> expected;
        for (const auto& challenge : challenges) {
            if (azcore::fuzz::fold(challenge.scheme) != azcore::fuzz::fold(scheme)) continue;
            if (const std::string* value = challenge.parameter(name)) {
                expected = *value;
                break;
            }
        }
        const azcore::CaseInsensitiveDict headers{{"WWW-Authenticate", std::string(header)}};
        AZCORE_FUZZ_CHECK(azcore::policies::get_challenge_parameter(headers, scheme, name) == expected);
    }
    if (auto claims = azcore::policies::decode_challenge_claims(header)) AZCORE_FUZZ_CHECK(azcore::rest::detail::is_valid_utf8(*claims));
    return 0;
}
