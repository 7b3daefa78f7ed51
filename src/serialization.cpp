#include <azcore/serialization.hpp>

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

}  // namespace azcore::serialization
