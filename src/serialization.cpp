#include <azcore/serialization.hpp>

#include "serialization/calendar.hpp"

#include <cstdint>
#include <cstdio>
#include <limits>
#include <optional>

namespace azcore::serialization {
namespace {

constexpr std::int64_t us_per_second = 1'000'000;

/// Floor division and its non-negative remainder (Python's divmod).
std::pair<std::int64_t, std::int64_t> floor_divmod(std::int64_t value, std::int64_t divisor) {
    std::int64_t quotient = value / divisor;
    std::int64_t remainder = value % divisor;
    if (remainder < 0) {
        --quotient;
        remainder += divisor;
    }
    return {quotient, remainder};
}

[[noreturn]] void refuse(std::string_view text, const std::string& why) {
    throw exceptions::DeserializationError("Cannot deserialize duration '" + std::string(text) + "': " + why);
}

/// One number of a duration: digits, and a fraction after '.' or ','.
struct Number {
    std::string_view whole;
    std::string_view fraction;
};

/// whole.fraction × unit microseconds, the fraction rounded half to even; nullopt past int64.
std::optional<__int128> scaled(const Number& number, std::int64_t unit) {
    __int128 whole = 0;
    for (char c : number.whole) {
        whole = whole * 10 + (c - '0');
        if (whole > std::numeric_limits<std::int64_t>::max()) return std::nullopt;
    }
    __int128 result = whole * unit;
    if (result > std::numeric_limits<std::int64_t>::max()) return std::nullopt;
    // The fraction's first 18 digits exactly; later ones only say whether anything follows.
    __int128 digits = 0, scale = 1;
    bool more = false;
    for (std::size_t i = 0; i < number.fraction.size(); ++i) {
        if (i < 18) {
            digits = digits * 10 + (number.fraction[i] - '0');
            scale *= 10;
        } else if (number.fraction[i] != '0') {
            more = true;
        }
    }
    const __int128 exact = digits * unit;
    __int128 part = exact / scale;
    const __int128 remainder = exact % scale;
    const __int128 twice = remainder * 2;
    if (twice > scale || (twice == scale && (more || part % 2 == 1))) ++part;
    result += part;
    if (result > std::numeric_limits<std::int64_t>::max()) return std::nullopt;
    return result;
}

}  // namespace

std::string format_duration(std::chrono::microseconds duration) {
    const auto [minutes_total, second_us] = floor_divmod(duration.count(), 60 * us_per_second);
    const auto [hours_total, minutes] = floor_divmod(minutes_total, 60);
    const auto [days, hours] = floor_divmod(hours_total, 24);
    std::string out = "P";
    if (days != 0) out += std::to_string(days) + "D";
    out += "T";
    char buffer[32];
    const bool with_hours = days != 0 || hours != 0;
    if (with_hours) {
        std::snprintf(buffer, sizeof buffer, "%02lldH", static_cast<long long>(hours));
        out += buffer;
    }
    if (with_hours || minutes != 0) {
        std::snprintf(buffer, sizeof buffer, "%02lldM", static_cast<long long>(minutes));
        out += buffer;
    }
    const auto [whole, fraction] = floor_divmod(second_us, us_per_second);
    std::snprintf(buffer, sizeof buffer, "%02lld", static_cast<long long>(whole));
    out += buffer;
    if (fraction != 0) {
        std::snprintf(buffer, sizeof buffer, ".%06lld", static_cast<long long>(fraction));
        std::string digits(buffer);
        while (digits.back() == '0') digits.pop_back();
        out += digits;
    }
    return out + "S";
}

std::string format_duration_isodate(std::chrono::microseconds duration) {
    // |duration| in unsigned arithmetic: the most negative value has no positive twin in int64.
    const bool negative = duration.count() < 0;
    std::uint64_t rest = negative ? 0 - static_cast<std::uint64_t>(duration.count()) : static_cast<std::uint64_t>(duration.count());
    const std::uint64_t micros = rest % us_per_second;
    rest /= us_per_second;
    const std::uint64_t seconds = rest % 60, minutes = rest / 60 % 60, hours = rest / 3600 % 24, days = rest / 86400;
    std::string out = negative ? "-P" : "P";
    if (days != 0) out += std::to_string(days) + "D";
    if (hours != 0 || minutes != 0 || seconds != 0 || micros != 0) {
        out += "T";
        if (hours != 0) out += std::to_string(hours) + "H";
        if (minutes != 0) out += std::to_string(minutes) + "M";
        if (seconds != 0 || micros != 0) {
            out += std::to_string(seconds);
            if (micros != 0) {
                char buffer[16];
                std::snprintf(buffer, sizeof buffer, ".%06llu", static_cast<unsigned long long>(micros));
                std::string digits(buffer);
                while (digits.back() == '0') digits.pop_back();
                out += digits;
            }
            out += "S";
        }
    }
    return out == "P" || out == "-P" ? "P0D" : out;
}

std::chrono::microseconds parse_duration(std::string_view text) {
    std::string_view rest = text;
    bool negative = false;
    if (!rest.empty() && (rest.front() == '-' || rest.front() == '+')) {
        negative = rest.front() == '-';
        rest.remove_prefix(1);
    }
    if (rest.empty() || rest.front() != 'P') refuse(text, "it does not start with 'P'");
    rest.remove_prefix(1);
    constexpr std::int64_t minute = 60 * us_per_second, hour = 60 * minute, day = 24 * hour;
    __int128 total = 0;
    bool any = false, in_time = false, fraction_seen = false;
    std::string_view order = "WD";  // the designators still allowed, in order
    while (!rest.empty()) {
        if (rest.front() == 'T') {
            if (in_time) refuse(text, "'T' appears twice");
            in_time = true;
            order = "HMS";
            rest.remove_prefix(1);
            if (rest.empty()) refuse(text, "nothing follows 'T'");
            continue;
        }
        if (fraction_seen) refuse(text, "only the last number may have a fraction");
        bool signed_days = false;
        if (!in_time && rest.front() == '-') {  // Python's own output: "P-1DT23H59M59S"
            signed_days = true;
            rest.remove_prefix(1);
        }
        std::size_t digits = 0;
        while (digits < rest.size() && rest[digits] >= '0' && rest[digits] <= '9') ++digits;
        if (digits == 0) refuse(text, "a number is expected at '" + std::string(rest) + "'");
        Number number{rest.substr(0, digits), {}};
        rest.remove_prefix(digits);
        if (!rest.empty() && (rest.front() == '.' || rest.front() == ',')) {
            rest.remove_prefix(1);
            std::size_t fraction = 0;
            while (fraction < rest.size() && rest[fraction] >= '0' && rest[fraction] <= '9') ++fraction;
            if (fraction == 0) refuse(text, "a fraction needs digits");
            number.fraction = rest.substr(0, fraction);
            rest.remove_prefix(fraction);
            fraction_seen = true;
        }
        if (rest.empty()) refuse(text, "the last number has no designator");
        const char designator = rest.front();
        rest.remove_prefix(1);
        if (!in_time && (designator == 'Y' || designator == 'M'))
            refuse(text, "years and months have no fixed length");
        const std::size_t at = order.find(designator);
        if (at == std::string_view::npos) refuse(text, std::string("'") + designator + "' is not expected there");
        if (designator == 'W' && (!rest.empty() || any)) refuse(text, "weeks cannot be combined with other parts");
        if (signed_days && designator != 'D') refuse(text, "only days may carry a sign after 'P'");
        order.remove_prefix(at + 1);
        const std::int64_t unit = designator == 'W'   ? 7 * day
                                  : designator == 'D' ? day
                                  : designator == 'H' ? hour
                                  : designator == 'M' ? minute
                                                      : us_per_second;
        const std::optional<__int128> value = scaled(number, unit);
        if (!value) refuse(text, "it is too long for 64-bit microseconds");
        total += signed_days ? -*value : *value;
        any = true;
    }
    if (!any) refuse(text, "it has no parts");
    if (negative) total = -total;
    if (total > std::numeric_limits<std::int64_t>::max() || total < std::numeric_limits<std::int64_t>::min())
        refuse(text, "it is too long for 64-bit microseconds");
    return std::chrono::microseconds(static_cast<std::int64_t>(total));
}

std::string format_datetime(DateTime time) {
    const auto day = std::chrono::floor<std::chrono::days>(time);
    const std::chrono::year_month_day date(day);
    detail::check_serializable(std::chrono::floor<std::chrono::seconds>(time));
    const int year = static_cast<int>(date.year());
    const std::chrono::hh_mm_ss clock(time - day);
    char buffer[48];
    std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02uT%02d:%02d:%02d", year, static_cast<unsigned>(date.month()),
                  static_cast<unsigned>(date.day()), static_cast<int>(clock.hours().count()),
                  static_cast<int>(clock.minutes().count()), static_cast<int>(clock.seconds().count()));
    std::string out(buffer);
    if (const auto micros = clock.subseconds().count(); micros != 0) {
        std::snprintf(buffer, sizeof buffer, ".%06lld", static_cast<long long>(micros));
        out += buffer;
    }
    return out + "Z";
}

DateTime parse_datetime(std::string_view text) {
    const auto fail = [&](const std::string& why) -> DateTime {
        throw exceptions::DeserializationError("Cannot deserialize datetime '" + std::string(text) + "': " + why);
    };
    std::size_t at = 0;
    const auto digits = [&](std::size_t count, const char* what) {
        int value = 0;
        for (std::size_t i = 0; i < count; ++i, ++at) {
            if (at >= text.size() || text[at] < '0' || text[at] > '9') fail(std::string(what) + " expected");
            value = value * 10 + (text[at] - '0');
        }
        return value;
    };
    const auto expect = [&](std::string_view allowed, const char* what) {
        if (at >= text.size() || allowed.find(text[at]) == std::string_view::npos) fail(std::string(what) + " expected");
        ++at;
    };
    const int year = digits(4, "a four-digit year");
    expect("-", "'-' after the year");
    const int month = digits(2, "a two-digit month");
    expect("-", "'-' after the month");
    const int day = digits(2, "a two-digit day");
    expect("Tt ", "'T' after the date");
    const int hour = digits(2, "two-digit hours");
    expect(":", "':' after the hours");
    const int minute = digits(2, "two-digit minutes");
    expect(":", "':' after the minutes");
    int second = digits(2, "two-digit seconds");
    std::int64_t micros = 0;
    if (at < text.size() && text[at] == '.') {
        ++at;
        std::size_t count = 0;
        for (; at < text.size() && text[at] >= '0' && text[at] <= '9'; ++at, ++count)
            if (count < 6) micros = micros * 10 + (text[at] - '0');
        if (count == 0) fail("digits expected after '.'");
        for (; count < 6; ++count) micros *= 10;
    }
    int offset_minutes = 0;
    if (at < text.size() && (text[at] == 'Z' || text[at] == 'z')) {
        ++at;
    } else if (at < text.size() && (text[at] == '+' || text[at] == '-')) {
        const bool west = text[at] == '-';
        ++at;
        const int offset_hours = digits(2, "a two-digit offset hour");
        expect(":", "':' in the offset");
        const int offset_mins = digits(2, "two-digit offset minutes");
        if (offset_hours > 23 || offset_mins > 59) fail("the offset is out of range");
        offset_minutes = (west ? -1 : 1) * (offset_hours * 60 + offset_mins);
    } else {
        fail("'Z' or an offset expected");
    }
    if (at != text.size()) fail("unexpected text after the offset");
    if (hour > 23 || minute > 59 || second > 60) fail("the time of day is out of range");
    if (second == 60) second = 59;  // a leap second
    const std::chrono::year_month_day date{std::chrono::year{year}, std::chrono::month{static_cast<unsigned>(month)},
                                           std::chrono::day{static_cast<unsigned>(day)}};
    if (year < 1 || !date.ok()) fail("there is no such date");
    return DateTime(std::chrono::sys_days(date)) + std::chrono::hours(hour) + std::chrono::minutes(minute) +
           std::chrono::seconds(second) + std::chrono::microseconds(micros) - std::chrono::minutes(offset_minutes);
}

}  // namespace azcore::serialization
