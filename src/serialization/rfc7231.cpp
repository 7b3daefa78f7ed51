// RFC 7231 HTTP-dates (serialization.hpp): the one writer (also behind utils::format_http_date) and
// the one reader (also behind Retry-After).
#include <azcore/serialization.hpp>

#include "serialization/calendar.hpp"

#include <algorithm>
#include <array>
#include <cstdio>
#include <optional>

namespace azcore::serialization {
namespace {

constexpr std::array<std::string_view, 7> day_names = {"sun", "mon", "tue", "wed", "thu", "fri", "sat"};
constexpr std::array<std::string_view, 7> long_day_names = {"sunday",   "monday", "tuesday", "wednesday",
                                                            "thursday", "friday", "saturday"};
constexpr std::array<std::string_view, 12> month_names = {"jan", "feb", "mar", "apr", "may", "jun",
                                                          "jul", "aug", "sep", "oct", "nov", "dec"};

bool is_space(char c) { return c == ' ' || c == '\t'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
char lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

bool iequals(std::string_view a, std::string_view b) {
    return a.size() == b.size() &&
           std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) { return lower(x) == lower(y); });
}

std::string_view trim(std::string_view text) {
    while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
    while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
    return text;
}

/// Reads the tokens of an HTTP-date from the front of a text.
class DateScanner {
public:
    explicit DateScanner(std::string_view text) : text_(text) {}

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
    /// The run of digits at the front (none when there is none or it is longer than max_digits).
    std::optional<std::string_view> digits(std::size_t max_digits) {
        std::size_t n = 0;
        while (n < text_.size() && is_digit(text_[n])) ++n;
        if (n == 0 || n > max_digits) return std::nullopt;
        std::string_view out = text_.substr(0, n);
        text_.remove_prefix(n);
        return out;
    }
    std::string_view rest() const { return text_; }
    char peek() const { return text_.empty() ? '\0' : text_.front(); }

private:
    std::string_view text_;
};

int value_of(std::string_view digits) {
    int value = 0;
    for (char c : digits) value = value * 10 + (c - '0');
    return value;
}

std::optional<unsigned> month_of(std::string_view name) {
    for (std::size_t i = 0; i < month_names.size(); ++i)
        if (iequals(name, month_names[i])) return static_cast<unsigned>(i) + 1;
    return std::nullopt;
}

bool is_day_name(std::string_view name) {
    const auto same = [&](std::string_view day) { return iequals(name, day); };
    return std::any_of(day_names.begin(), day_names.end(), same) ||
           std::any_of(long_day_names.begin(), long_day_names.end(), same);
}

/// The zone's offset from UTC in seconds: GMT, UT, UTC, Z or ±hhmm, and none given means GMT.
std::optional<int> zone_offset(std::string_view zone) {
    if (zone.empty() || iequals(zone, "GMT") || iequals(zone, "UT") || iequals(zone, "UTC") || iequals(zone, "Z"))
        return 0;
    if (zone.size() == 5 && (zone[0] == '+' || zone[0] == '-') && std::all_of(zone.begin() + 1, zone.end(), is_digit)) {
        const int hours = value_of(zone.substr(1, 2));
        const int minutes = value_of(zone.substr(3, 2));
        if (minutes > 59) return std::nullopt;
        const int offset = hours * 3600 + minutes * 60;
        return zone[0] == '-' ? -offset : offset;
    }
    return std::nullopt;
}

}  // namespace

namespace detail {

std::string format_imf_fixdate(std::chrono::sys_seconds time) {
    check_serializable(time);
    static constexpr std::array<const char*, 7> days{"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
    static constexpr std::array<const char*, 12> months{"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                        "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    const auto day = std::chrono::floor<std::chrono::days>(time);
    const std::chrono::year_month_day date(day);
    const std::chrono::hh_mm_ss clock(time - day);
    const std::chrono::weekday weekday(day);
    char text[40];
    std::snprintf(text, sizeof text, "%s, %02u %s %04d %02d:%02d:%02d GMT", days[weekday.c_encoding()],
                  static_cast<unsigned>(date.day()), months[static_cast<unsigned>(date.month()) - 1],
                  static_cast<int>(date.year()), static_cast<int>(clock.hours().count()),
                  static_cast<int>(clock.minutes().count()), static_cast<int>(clock.seconds().count()));
    return text;
}

}  // namespace detail

std::string format_rfc7231(DateTime time) {
    return detail::format_imf_fixdate(std::chrono::floor<std::chrono::seconds>(time));
}

DateTime parse_rfc7231(std::string_view text) {
    const auto fail = [&](const std::string& why) -> DateTime {
        throw exceptions::DeserializationError("Cannot deserialize RFC 7231 date '" + std::string(text) + "': " + why);
    };
    DateScanner scan(trim(text));
    if (scan.rest().empty()) fail("it is empty");
    // A weekday, if given, is not checked against the date (as email.utils.parsedate_tz).
    if (is_alpha(scan.peek())) {
        DateScanner probe = scan;
        const std::string_view first = probe.word();
        if (is_day_name(first)) {
            scan = probe;
            scan.skip(',');
            scan.skip_spaces();
        } else if (!month_of(first)) {
            fail("'" + std::string(first) + "' is neither a day nor a month name");
        }
    }
    const auto month_here = [&] {
        const std::string_view name = scan.word();
        const auto month = month_of(name);
        if (!month) fail("a month name (Jan to Dec) expected at '" + std::string(name) + std::string(scan.rest()) + "'");
        return *month;
    };
    const auto number_here = [&](std::size_t max_digits, const char* what) {
        const auto digits = scan.digits(max_digits);
        if (!digits) fail(std::string(what) + " expected at '" + std::string(scan.rest()) + "'");
        return *digits;
    };
    const auto time_here = [&] {
        const int hour = value_of(number_here(2, "hours"));
        if (!scan.skip(':')) fail("':' expected after the hours");
        const int minute = value_of(number_here(2, "minutes"));
        int second = 0;
        if (scan.skip(':')) second = value_of(number_here(2, "seconds"));
        if (hour > 23 || minute > 59 || second > 60) fail("the time of day is out of range");
        return std::chrono::hours(hour) + std::chrono::minutes(minute) + std::chrono::seconds(std::min(second, 59));
    };
    unsigned day = 0, month = 0;
    int year = 0;
    std::chrono::seconds clock{};
    if (is_digit(scan.peek())) {
        // IMF-fixdate "06 Nov 1994 08:49:37 GMT" or RFC 850 "06-Nov-94 08:49:37 GMT".
        day = static_cast<unsigned>(value_of(number_here(2, "a day of the month")));
        const bool dashes = scan.skip('-');
        if (!dashes) scan.skip_spaces();
        month = month_here();
        if (dashes && !scan.skip('-')) fail("'-' expected after the month");
        if (!dashes) scan.skip_spaces();
        const std::string_view digits = number_here(4, "a year");
        year = value_of(digits);
        // RFC 850's two-digit years as Python's email.utils reads them: 69-99 → 19xx, 00-68 → 20xx.
        if (digits.size() == 2) year += year > 68 ? 1900 : 2000;
        scan.skip_spaces();
        clock = time_here();
    } else {
        // asctime "Nov  6 08:49:37 1994" (always GMT).
        month = month_here();
        scan.skip_spaces();
        day = static_cast<unsigned>(value_of(number_here(2, "a day of the month")));
        scan.skip_spaces();
        clock = time_here();
        scan.skip_spaces();
        const std::string_view digits = number_here(4, "a year");
        if (digits.size() != 4) fail("a four-digit year expected");
        year = value_of(digits);
    }
    scan.skip_spaces();
    const auto offset = zone_offset(scan.rest());
    if (!offset) fail("'" + std::string(scan.rest()) + "' is not GMT, UT, UTC, Z or an offset like +0100");
    const std::chrono::year_month_day date{std::chrono::year{year}, std::chrono::month{month}, std::chrono::day{day}};
    if (year < 1 || !date.ok()) fail("there is no such date");
    return DateTime(std::chrono::sys_days(date)) + clock - std::chrono::seconds(*offset);
}

}  // namespace azcore::serialization
