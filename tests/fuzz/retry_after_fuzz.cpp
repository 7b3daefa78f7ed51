// Retry-After values (seconds or an HTTP-date, as a server sends them). A value either gives a
// finite wait >= 0 or throws std::invalid_argument quoting it; spaces around it do not matter; a
// later "now" never asks for a longer wait; get_retry_after reads the same value from the header
// (and retry-after-ms as milliseconds).
#include "fuzz_support.hpp"

#include <azcore/policies/retry_after.hpp>
#include <azcore/rest/http_request.hpp>
#include <azcore/rest/http_response.hpp>

#include <chrono>
#include <cmath>
#include <memory>
#include <stdexcept>
#include <string>

namespace {

using namespace std::chrono;
using azcore::policies::get_retry_after;
using azcore::policies::parse_retry_after;

const system_clock::time_point now = sys_days{year{2026} / January / 1} + hours{12};

std::optional<double> parse(const std::string& value, system_clock::time_point at) {
    try {
        return parse_retry_after(value, at);
    } catch (const std::invalid_argument& error) {
        // what() is a C string: it shows the value up to a NUL.
        AZCORE_FUZZ_CHECK(std::string_view(error.what()).find(value.substr(0, value.find('\0'))) != std::string_view::npos);
        return std::nullopt;
    }
}

std::optional<double> from_header(const char* name, const std::string& value) {
    auto request = std::make_shared<const azcore::rest::HttpRequest>("GET", "https://example.org/");
    const azcore::rest::HttpResponseBase response(request, 429, "Too Many Requests", {{name, value}});
    try {
        return get_retry_after(response, now);
    } catch (const std::invalid_argument&) {
        return std::nullopt;
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string value(azcore::fuzz::as_text(data, size));
    const auto seconds = parse(value, now);
    AZCORE_FUZZ_CHECK(parse(" \t" + value + " ", now) == seconds);
    if (!seconds) {
        if (!value.empty()) AZCORE_FUZZ_CHECK(!from_header("Retry-After", value));
        return 0;
    }
    AZCORE_FUZZ_CHECK(std::isfinite(*seconds) && *seconds >= 0);
    const auto later = parse(value, now + hours{1});
    AZCORE_FUZZ_CHECK(later && *later <= *seconds);
    if (!value.empty()) {
        AZCORE_FUZZ_CHECK(from_header("Retry-After", value) == seconds);
        AZCORE_FUZZ_CHECK(from_header("retry-after-ms", value) == *seconds / 1000.0);
    }
    return 0;
}
