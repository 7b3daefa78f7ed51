#include <azcore/serialization/json.hpp>

#include <azcore/exceptions.hpp>

#include <boost/json/serialize.hpp>

#include <charconv>
#include <cmath>
#include <cstdlib>
#include <string_view>
#include <system_error>

namespace azcore::serialization {
namespace {

// ECMAScript Number::toString(x) (ECMA-262 §6.1.6.1.20): with the shortest digits s (k of them) and
// x = s × 10^(n−k), plain digits while −6 < n ≤ 21, else d[.ddd]e±(n−1).
void append_number(std::string& out, double number) {
    if (!std::isfinite(number)) {
        throw exceptions::SerializationError(std::string("JSON has no form for the number ") +
                                             (std::isnan(number) ? "NaN" : number > 0 ? "Infinity" : "-Infinity"));
    }
    if (number == 0) {  // 0 and -0
        out += '0';
        return;
    }
    char buffer[32];
    // The shortest round-trip digits in scientific form: "-3.5625e+01".
    const auto [end, error] = std::to_chars(buffer, buffer + sizeof buffer, number, std::chars_format::scientific);
    (void)error;  // 32 characters always hold a double's scientific form
    std::string_view text(buffer, end - buffer);
    if (text.front() == '-') {
        out += '-';
        text.remove_prefix(1);
    }
    const auto e = text.find('e');
    std::string digits;
    for (char c : text.substr(0, e)) {
        if (c != '.') digits += c;
    }
    const int k = static_cast<int>(digits.size());
    const int n = std::atoi(std::string(text.substr(e + 1)).c_str()) + 1;
    if (k <= n && n <= 21) {
        out += digits;
        out.append(n - k, '0');
    } else if (0 < n && n <= 21) {
        out.append(digits, 0, n);
        out += '.';
        out.append(digits, n);
    } else if (-6 < n && n <= 0) {
        out += "0.";
        out.append(-n, '0');
        out += digits;
    } else {
        out += digits[0];
        if (k > 1) {
            out += '.';
            out.append(digits, 1);
        }
        out += 'e';
        out += n - 1 >= 0 ? '+' : '-';
        out += std::to_string(std::abs(n - 1));
    }
}

void append(std::string& out, const boost::json::value& value) {
    switch (value.kind()) {
    case boost::json::kind::null: out += "null"; return;
    case boost::json::kind::bool_: out += value.get_bool() ? "true" : "false"; return;
    case boost::json::kind::int64: out += std::to_string(value.get_int64()); return;
    case boost::json::kind::uint64: out += std::to_string(value.get_uint64()); return;
    case boost::json::kind::double_: append_number(out, value.get_double()); return;
    case boost::json::kind::string: out += boost::json::serialize(value.get_string()); return;
    case boost::json::kind::array: {
        out += '[';
        bool first = true;
        for (const auto& element : value.get_array()) {
            if (!first) out += ',';
            first = false;
            append(out, element);
        }
        out += ']';
        return;
    }
    case boost::json::kind::object: {
        out += '{';
        bool first = true;
        for (const auto& member : value.get_object()) {
            if (!first) out += ',';
            first = false;
            out += boost::json::serialize(member.key());
            out += ':';
            append(out, member.value());
        }
        out += '}';
        return;
    }
    }
}

}  // namespace

std::string serialize_json(const boost::json::value& value) {
    std::string out;
    append(out, value);
    return out;
}

std::string format_json_number(double number) {
    std::string out;
    append_number(out, number);
    return out;
}

}  // namespace azcore::serialization
