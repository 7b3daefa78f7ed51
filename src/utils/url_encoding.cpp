#include <azcore/utils/url_encoding.hpp>

namespace azcore::utils {
namespace {

bool is_unreserved(unsigned char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '.' ||
           c == '-' || c == '~';
}

std::string encode(std::string_view text, std::string_view safe, bool space_as_plus) {
    static constexpr char hex[] = "0123456789ABCDEF";
    std::string result;
    result.reserve(text.size());
    for (char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        if (is_unreserved(byte) || (byte < 0x80 && safe.find(c) != std::string_view::npos)) {
            result.push_back(c);
        } else if (c == ' ' && space_as_plus) {
            result.push_back('+');
        } else {
            result.push_back('%');
            result.push_back(hex[byte >> 4]);
            result.push_back(hex[byte & 0x0f]);
        }
    }
    return result;
}

}  // namespace

std::string quote(std::string_view text, std::string_view safe) { return encode(text, safe, false); }

std::string quote_plus(std::string_view text, std::string_view safe) { return encode(text, safe, true); }

std::string quote_path_segment(std::string_view value, bool skip_quote) {
    if (!skip_quote) return quote(value, "");
    std::string result;
    result.reserve(value.size());
    for (char c : value) {
        if (c == '{') result += "%7B";
        else if (c == '}') result += "%7D";
        else result += c;
    }
    return result;
}

std::string quote_query_value(std::string_view value, bool skip_quote) {
    return skip_quote ? std::string(value) : quote(value, "");
}

}  // namespace azcore::utils
