#include <azcore/policies/retry_after.hpp>

#include <azcore/rest/http_response.hpp>
#include <azcore/serialization.hpp>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <stdexcept>
#include <string>

namespace azcore::policies {
namespace {

bool is_space(char c) { return c == ' ' || c == '\t'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }

std::string_view trim(std::string_view text) {
    while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
    while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
    return text;
}

/// A decimal number of seconds: digits with an optional sign and fraction (no exponent, no
/// inf/nan, which std::from_chars would otherwise take).
std::optional<double> as_seconds(std::string_view text) {
    if (text.empty()) return std::nullopt;
    std::string_view digits = text;
    if (digits.front() == '+' || digits.front() == '-') digits.remove_prefix(1);
    if (digits.empty() || !std::all_of(digits.begin(), digits.end(), [](char c) { return is_digit(c) || c == '.'; }) ||
        std::count(digits.begin(), digits.end(), '.') > 1 || digits == ".")
        return std::nullopt;
    if (text.front() == '+') text.remove_prefix(1);
    double value = 0;
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc() || end != text.data() + text.size() || !std::isfinite(value)) return std::nullopt;
    return value;
}

}  // namespace

double parse_retry_after(std::string_view value, std::chrono::system_clock::time_point now) {
    std::string_view text = trim(value);
    if (auto seconds = as_seconds(text)) return std::max(0.0, *seconds);
    serialization::DateTime date;
    try {
        date = serialization::parse_rfc7231(text);
    } catch (const exceptions::DeserializationError&) {
        throw std::invalid_argument("Retry-After: '" + std::string(value) + "' is neither seconds nor an HTTP-date");
    }
    using instant = std::chrono::sys_time<std::chrono::duration<double>>;
    return std::max(0.0, (instant(date) - instant(now)).count());
}

double parse_retry_after(std::string_view value) { return parse_retry_after(value, std::chrono::system_clock::now()); }

std::optional<double> get_retry_after(const rest::HttpResponseBase& response, std::chrono::system_clock::time_point now) {
    const auto& headers = response.headers();
    if (const std::string* value = headers.find("Retry-After"); value && !value->empty()) return parse_retry_after(*value, now);
    for (const char* name : {"retry-after-ms", "x-ms-retry-after-ms"})
        if (const std::string* value = headers.find(name); value && !value->empty())
            return parse_retry_after(*value, now) / 1000.0;
    return std::nullopt;
}

std::optional<double> get_retry_after(const rest::HttpResponseBase& response) {
    return get_retry_after(response, std::chrono::system_clock::now());
}

}  // namespace azcore::policies
