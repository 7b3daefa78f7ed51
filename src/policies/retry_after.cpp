#include <azcore/policies/retry_after.hpp>

#include <azcore/rest/http_response.hpp>

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <stdexcept>
#include <string>

namespace azcore::policies {
namespace {

constexpr std::array<std::string_view, 7> day_names = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
constexpr std::array<std::string_view, 7> long_day_names = {"monday", "tuesday", "wednesday", "thursday",
                                                            "friday", "saturday", "sunday"};
constexpr std::array<std::string_view, 12> month_names = {"jan", "feb", "mar", "apr", "may", "jun",
                                                          "jul", "aug", "sep", "oct", "nov", "dec"};

bool is_space(char c) { return c == ' ' || c == '\t'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
char lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

bool iequals(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) { return lower(x) == lower(y); });
}

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

/// Reads the text at the front of `text` as the tokens of an HTTP-date.
class DateScanner {
public:
    explicit DateScanner(std::string_view text) : text_(text) {}

    bool at_end() const { return text_.empty(); }
    void skip_spaces() {
        while (!text_.empty() && is_space(text_.front())) text_.remove_prefix(1);
    }
    bool skip(char c) {
        if (text_.empty() || text_.front() != c) return false;
        text_.remove_prefix(1);
        return true;
    }
    std::string_view word() {
        std::size_t n = 0;
        while (n < text_.size() && is_alpha(text_[n])) ++n;
        std::string_view out = text_.substr(0, n);
        text_.remove_prefix(n);
        return out;
    }
    /// min_digits to max_digits decimal digits.
    std::optional<int> number(std::size_t min_digits, std::size_t max_digits) {
        std::size_t n = 0;
        int value = 0;
        while (n < text_.size() && n < max_digits && is_digit(text_[n])) value = value * 10 + (text_[n++] - '0');
        if (n < min_digits || (n < text_.size() && is_digit(text_[n]))) return std::nullopt;
        text_.remove_prefix(n);
        return value;
    }
    std::string_view rest() const { return text_; }
    char peek() const { return text_.empty() ? '\0' : text_.front(); }

private:
    std::string_view text_;
};

std::optional<int> month_of(std::string_view name) {
    for (std::size_t i = 0; i < month_names.size(); ++i)
        if (iequals(name, month_names[i])) return static_cast<int>(i) + 1;
    return std::nullopt;
}

bool is_day_name(std::string_view name) {
    return std::any_of(day_names.begin(), day_names.end(), [&](std::string_view d) { return iequals(name, d); }) ||
           std::any_of(long_day_names.begin(), long_day_names.end(), [&](std::string_view d) { return iequals(name, d); });
}

struct TimeOfDay {
    int hour = 0;
    int minute = 0;
    int second = 0;
};

std::optional<TimeOfDay> time_of_day(DateScanner& scan) {
    TimeOfDay clock;
    auto hour = scan.number(1, 2);
    if (!hour || !scan.skip(':')) return std::nullopt;
    auto minute = scan.number(2, 2);
    if (!minute) return std::nullopt;
    clock.hour = *hour;
    clock.minute = *minute;
    if (scan.skip(':')) {
        auto second = scan.number(2, 2);
        if (!second) return std::nullopt;
        clock.second = *second;
    }
    if (clock.hour > 23 || clock.minute > 59 || clock.second > 60) return std::nullopt;
    return clock;
}

/// The zone's offset from UTC in seconds: GMT, UT, UTC, Z or ±hhmm; nothing for anything else.
std::optional<int> zone_offset(std::string_view zone) {
    if (zone.empty() || iequals(zone, "GMT") || iequals(zone, "UT") || iequals(zone, "UTC") || iequals(zone, "Z"))
        return 0;
    if (zone.size() == 5 && (zone[0] == '+' || zone[0] == '-') &&
        std::all_of(zone.begin() + 1, zone.end(), is_digit)) {
        int hours = (zone[1] - '0') * 10 + (zone[2] - '0');
        int minutes = (zone[3] - '0') * 10 + (zone[4] - '0');
        if (minutes > 59) return std::nullopt;
        int offset = hours * 3600 + minutes * 60;
        return zone[0] == '-' ? -offset : offset;
    }
    return std::nullopt;
}

/// The instant an HTTP-date names, or nothing when text is not one. In whole seconds: the years up
/// to 9999 fit, where system_clock's 64-bit nanoseconds end in 2262.
std::optional<std::chrono::sys_seconds> parse_http_date(std::string_view text) {
    DateScanner scan(text);
    // An optional weekday, not checked against the date (as Python).
    if (is_alpha(scan.peek())) {
        DateScanner probe = scan;
        std::string_view first = probe.word();
        if (is_day_name(first)) {
            scan = probe;
            scan.skip(',');
            scan.skip_spaces();
        }
    }
    int year = 0, month = 0, day = 0;
    TimeOfDay clock;
    std::string_view zone;
    if (is_digit(scan.peek())) {
        // IMF-fixdate "06 Nov 1994 08:49:37 GMT" or RFC 850 "06-Nov-94 08:49:37 GMT".
        auto d = scan.number(1, 2);
        if (!d) return std::nullopt;
        const bool dashes = scan.skip('-');
        if (!dashes) scan.skip_spaces();
        auto m = month_of(scan.word());
        if (!m) return std::nullopt;
        if (dashes && !scan.skip('-')) return std::nullopt;
        if (!dashes) scan.skip_spaces();
        auto y = scan.number(2, 4);
        if (!y) return std::nullopt;
        if (*y < 100) *y += *y > 68 ? 1900 : 2000;  // as Python's email.utils
        scan.skip_spaces();
        auto c = time_of_day(scan);
        if (!c) return std::nullopt;
        scan.skip_spaces();
        zone = scan.rest();
        day = *d, month = *m, year = *y, clock = *c;
    } else {
        // asctime "Nov  6 08:49:37 1994" (always GMT).
        auto m = month_of(scan.word());
        if (!m) return std::nullopt;
        scan.skip_spaces();
        auto d = scan.number(1, 2);
        if (!d) return std::nullopt;
        scan.skip_spaces();
        auto c = time_of_day(scan);
        if (!c) return std::nullopt;
        scan.skip_spaces();
        auto y = scan.number(4, 4);
        if (!y) return std::nullopt;
        scan.skip_spaces();
        zone = scan.rest();
        day = *d, month = *m, year = *y, clock = *c;
    }
    auto offset = zone_offset(trim(zone));
    if (!offset) return std::nullopt;
    std::chrono::year_month_day date{std::chrono::year{year}, std::chrono::month{static_cast<unsigned>(month)},
                                     std::chrono::day{static_cast<unsigned>(day)}};
    if (!date.ok()) return std::nullopt;
    auto seconds = std::chrono::sys_days(date).time_since_epoch() + std::chrono::hours(clock.hour) +
                   std::chrono::minutes(clock.minute) + std::chrono::seconds(clock.second) - std::chrono::seconds(*offset);
    return std::chrono::sys_seconds(seconds);
}

}  // namespace

double parse_retry_after(std::string_view value, std::chrono::system_clock::time_point now) {
    std::string_view text = trim(value);
    if (auto seconds = as_seconds(text)) return std::max(0.0, *seconds);
    auto date = parse_http_date(text);
    if (!date) throw std::invalid_argument("Retry-After: '" + std::string(value) + "' is neither seconds nor an HTTP-date");
    using instant = std::chrono::sys_time<std::chrono::duration<double>>;
    return std::max(0.0, (instant(*date) - instant(now)).count());
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
