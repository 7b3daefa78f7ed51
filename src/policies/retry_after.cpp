#include <azcore/policies/retry_after.hpp>

#include <azcore/rest/http_response.hpp>

#include <algorithm>
#include <charconv>
#include <chrono>
#include <clocale>
#include <ctime>
#include <stdexcept>
#include <string>

namespace azcore::policies {
namespace {

std::optional<double> as_number(std::string_view text) {
    while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
    while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
    double value = 0;
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc() || end != text.data() + text.size() || text.empty()) return std::nullopt;
    return value;
}

// RFC 9110 HTTP-date in its three forms (IMF-fixdate, RFC 850, asctime), always GMT.
std::optional<std::time_t> parse_http_date(const std::string& text) {
    for (const char* format : {"%a, %d %b %Y %H:%M:%S GMT", "%A, %d-%b-%y %H:%M:%S GMT", "%a %b %e %H:%M:%S %Y"}) {
        std::tm tm{};
        const char* end = strptime(text.c_str(), format, &tm);
        if (end != nullptr && *end == '\0') return timegm(&tm);
    }
    return std::nullopt;
}

}  // namespace

double parse_retry_after(std::string_view value) {
    if (auto seconds = as_number(value)) return std::max(0.0, *seconds);
    auto date = parse_http_date(std::string(value));
    if (!date) throw std::invalid_argument("Retry-After: '" + std::string(value) + "' is neither seconds nor an HTTP-date");
    auto now = std::chrono::system_clock::now();
    double delay = std::chrono::duration<double>(std::chrono::system_clock::from_time_t(*date) - now).count();
    return std::max(0.0, delay);
}

std::optional<double> get_retry_after(const rest::HttpResponseBase& response) {
    const auto& headers = response.headers();
    if (const std::string* value = headers.find("Retry-After"); value && !value->empty()) return parse_retry_after(*value);
    for (const char* name : {"retry-after-ms", "x-ms-retry-after-ms"})
        if (const std::string* value = headers.find(name); value && !value->empty()) return parse_retry_after(*value) / 1000.0;
    return std::nullopt;
}

}  // namespace azcore::policies
