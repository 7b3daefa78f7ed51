#include "utils/python_json.hpp"

#include <array>
#include <charconv>
#include <string_view>

namespace azcore::utils::detail {

namespace {

void append_python_float(std::string& out, double value) {
    std::array<char, 64> buffer{};
    const auto result = std::to_chars(buffer.data(), buffer.data() + buffer.size(), value, std::chars_format::scientific);
    const std::string_view scientific(buffer.data(), static_cast<std::size_t>(result.ptr - buffer.data()));
    // scientific: [-]d[.ddd]e±XX
    const auto e_at = scientific.find('e');
    std::string_view mantissa = scientific.substr(0, e_at);
    const int exponent = std::stoi(std::string(scientific.substr(e_at + 1)));
    const bool negative = !mantissa.empty() && mantissa.front() == '-';
    if (negative) {
        mantissa.remove_prefix(1);
        out.push_back('-');
    }
    std::string digits;
    for (char c : mantissa) {
        if (c != '.') {
            digits.push_back(c);
        }
    }
    if (exponent < -4 || exponent >= 16) {  // repr switches to exponent notation there
        out.push_back(digits[0]);
        if (digits.size() > 1) {
            out.push_back('.');
            out.append(digits, 1);
        }
        const int magnitude = exponent < 0 ? -exponent : exponent;
        out.append(exponent < 0 ? "e-" : "e+");
        if (magnitude < 10) {
            out.push_back('0');
        }
        out.append(std::to_string(magnitude));
    } else if (exponent >= 0) {
        const auto integer_digits = static_cast<std::size_t>(exponent) + 1;
        if (digits.size() <= integer_digits) {
            out.append(digits).append(integer_digits - digits.size(), '0').append(".0");
        } else {
            out.append(digits, 0, integer_digits).append(".").append(digits, integer_digits);
        }
    } else {
        out.append("0.").append(static_cast<std::size_t>(-exponent - 1), '0').append(digits);
    }
}

// json.dumps's string form with ensure_ascii: everything outside ' '..'~' escaped.
void append_python_json_string(std::string& out, std::string_view text) {
    static constexpr char hex[] = "0123456789abcdef";
    const auto append_u = [&](unsigned unit) {
        out.append("\\u");
        for (int shift = 12; shift >= 0; shift -= 4) {
            out.push_back(hex[(unit >> shift) & 0x0f]);
        }
    };
    out.push_back('"');
    for (std::size_t i = 0; i < text.size();) {
        const auto byte = static_cast<unsigned char>(text[i]);
        if (byte < 0x80) {
            switch (byte) {
                case '"': out.append("\\\""); break;
                case '\\': out.append("\\\\"); break;
                case '\n': out.append("\\n"); break;
                case '\r': out.append("\\r"); break;
                case '\t': out.append("\\t"); break;
                case '\b': out.append("\\b"); break;
                case '\f': out.append("\\f"); break;
                default:
                    if (byte < 0x20 || byte == 0x7f) {
                        append_u(byte);
                    } else {
                        out.push_back(static_cast<char>(byte));
                    }
            }
            ++i;
            continue;
        }
        // Decode one UTF-8 sequence; a malformed byte becomes U+FFFD.
        unsigned code_point = 0xfffd;
        std::size_t length = 1;
        const auto continuation = [&](std::size_t k) {
            return i + k < text.size() && (static_cast<unsigned char>(text[i + k]) & 0xc0) == 0x80;
        };
        if ((byte & 0xe0) == 0xc0 && continuation(1)) {
            code_point = ((byte & 0x1fu) << 6) | (static_cast<unsigned char>(text[i + 1]) & 0x3fu);
            length = 2;
        } else if ((byte & 0xf0) == 0xe0 && continuation(1) && continuation(2)) {
            code_point = ((byte & 0x0fu) << 12) | ((static_cast<unsigned char>(text[i + 1]) & 0x3fu) << 6) |
                         (static_cast<unsigned char>(text[i + 2]) & 0x3fu);
            length = 3;
        } else if ((byte & 0xf8) == 0xf0 && continuation(1) && continuation(2) && continuation(3)) {
            code_point = ((byte & 0x07u) << 18) | ((static_cast<unsigned char>(text[i + 1]) & 0x3fu) << 12) |
                         ((static_cast<unsigned char>(text[i + 2]) & 0x3fu) << 6) |
                         (static_cast<unsigned char>(text[i + 3]) & 0x3fu);
            length = 4;
        }
        if (code_point > 0xffff) {
            const unsigned reduced = code_point - 0x10000;
            append_u(0xd800 + (reduced >> 10));
            append_u(0xdc00 + (reduced & 0x3ff));
        } else {
            append_u(code_point);
        }
        i += length;
    }
    out.push_back('"');
}

// Python's json.dumps(value, indent=indent) (indent < 0: no indent, separators ", " and ": ").
void append_python_json(std::string& out, const boost::json::value& value, int indent, int level) {
    const auto newline = [&](int depth) {
        out.push_back('\n');
        out.append(static_cast<std::size_t>(indent * depth), ' ');
    };
    switch (value.kind()) {
        case boost::json::kind::null: out.append("null"); break;
        case boost::json::kind::bool_: out.append(value.get_bool() ? "true" : "false"); break;
        case boost::json::kind::int64: out.append(std::to_string(value.get_int64())); break;
        case boost::json::kind::uint64: out.append(std::to_string(value.get_uint64())); break;
        case boost::json::kind::double_: append_python_float(out, value.get_double()); break;
        case boost::json::kind::string: append_python_json_string(out, value.get_string()); break;
        case boost::json::kind::array: {
            const auto& array = value.get_array();
            if (array.empty()) {
                out.append("[]");
                break;
            }
            out.push_back('[');
            bool first = true;
            for (const auto& item : array) {
                if (!first) {
                    out.append(indent >= 0 ? "," : ", ");
                }
                first = false;
                if (indent >= 0) {
                    newline(level + 1);
                }
                append_python_json(out, item, indent, level + 1);
            }
            if (indent >= 0) {
                newline(level);
            }
            out.push_back(']');
            break;
        }
        case boost::json::kind::object: {
            const auto& object = value.get_object();
            if (object.empty()) {
                out.append("{}");
                break;
            }
            out.push_back('{');
            bool first = true;
            for (const auto& member : object) {
                if (!first) {
                    out.append(indent >= 0 ? "," : ", ");
                }
                first = false;
                if (indent >= 0) {
                    newline(level + 1);
                }
                append_python_json_string(out, member.key());
                out.append(": ");
                append_python_json(out, member.value(), indent, level + 1);
            }
            if (indent >= 0) {
                newline(level);
            }
            out.push_back('}');
            break;
        }
    }
}

}  // namespace

std::string python_json_dumps(const boost::json::value& value, int indent) {
    std::string out;
    append_python_json(out, value, indent, 0);
    return out;
}

// Python's truth value of a JSON value.
bool truthy(const boost::json::value& value) {
    switch (value.kind()) {
        case boost::json::kind::null: return false;
        case boost::json::kind::bool_: return value.get_bool();
        case boost::json::kind::int64: return value.get_int64() != 0;
        case boost::json::kind::uint64: return value.get_uint64() != 0;
        case boost::json::kind::double_: return value.get_double() != 0.0;
        case boost::json::kind::string: return !value.get_string().empty();
        case boost::json::kind::array: return !value.get_array().empty();
        case boost::json::kind::object: return !value.get_object().empty();
    }
    return false;
}

// str() of a JSON value as Python would print it inside a format string.
std::string python_str(const boost::json::value& value) {
    switch (value.kind()) {
        case boost::json::kind::string: return std::string(value.get_string());
        case boost::json::kind::bool_: return value.get_bool() ? "True" : "False";
        case boost::json::kind::null: return "None";
        default: return python_json_dumps(value);
    }
}

std::optional<std::string> optional_str(const boost::json::object& object, std::string_view key) {
    const auto* value = object.if_contains(key);
    if (value == nullptr || value->is_null()) {
        return std::nullopt;
    }
    return python_str(*value);
}

std::vector<std::string_view> split_lines(std::string_view text) {
    std::vector<std::string_view> lines;
    std::size_t start = 0;
    while (start < text.size()) {
        const auto end = text.find_first_of("\r\n", start);
        if (end == std::string_view::npos) {
            lines.push_back(text.substr(start));
            break;
        }
        lines.push_back(text.substr(start, end - start));
        start = (text[end] == '\r' && end + 1 < text.size() && text[end + 1] == '\n') ? end + 2 : end + 1;
    }
    return lines;
}

}  // namespace azcore::utils::detail
