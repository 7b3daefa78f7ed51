#include <azcore/utils/connection_string.hpp>

#include <azcore/utils/string_utils.hpp>

#include <array>
#include <stdexcept>
#include <vector>

namespace azcore::utils {
namespace {

/// What Python's str.strip() removes, in UTF-8: the ASCII whitespace and separators, then the
/// Unicode whitespace characters (U+0085, U+00A0, U+1680, U+2000 to U+200A, U+2028, U+2029, U+202F,
/// U+205F, U+3000).
constexpr std::array<std::string_view, 29> python_whitespace{
    " ",            "\t",           "\n",           "\v",           "\f",           "\r",
    "\x1c",         "\x1d",         "\x1e",         "\x1f",         "\xc2\x85",     "\xc2\xa0",
    "\xe1\x9a\x80", "\xe2\x80\x80", "\xe2\x80\x81", "\xe2\x80\x82", "\xe2\x80\x83", "\xe2\x80\x84",
    "\xe2\x80\x85", "\xe2\x80\x86", "\xe2\x80\x87", "\xe2\x80\x88", "\xe2\x80\x89", "\xe2\x80\x8a",
    "\xe2\x80\xa8", "\xe2\x80\xa9", "\xe2\x80\xaf", "\xe2\x81\x9f", "\xe3\x80\x80"};

std::string_view strip_python_whitespace(std::string_view text) {
    const auto strip_one = [&](bool front) {
        for (std::string_view space : python_whitespace) {
            if (front && text.starts_with(space)) {
                text.remove_prefix(space.size());
                return true;
            }
            if (!front && text.ends_with(space)) {
                text.remove_suffix(space.size());
                return true;
            }
        }
        return false;
    };
    while (strip_one(true)) {
    }
    while (strip_one(false)) {
    }
    return text;
}

[[noreturn]] void malformed() { throw std::invalid_argument("Connection string is either blank or malformed."); }

}  // namespace

ConnectionStringParts parse_connection_string(std::string_view conn_str, bool case_sensitive_keys) {
    std::string_view text = strip_python_whitespace(conn_str);
    while (text.ends_with(';')) text.remove_suffix(1);
    std::vector<std::pair<std::string_view, std::string_view>> pairs;
    for (;;) {
        const std::size_t semicolon = text.find(';');
        const std::string_view part = text.substr(0, semicolon);
        const std::size_t equals = part.find('=');
        if (equals == std::string_view::npos || equals == 0 || equals + 1 == part.size()) malformed();
        pairs.emplace_back(part.substr(0, equals), part.substr(equals + 1));
        if (semicolon == std::string_view::npos) break;
        text = text.substr(semicolon + 1);
    }
    ConnectionStringParts exact;
    for (const auto& [key, value] : pairs)
        if (!exact.emplace(std::string(key), std::string(value)).second) malformed();  // Python: fewer dict entries than parts
    if (case_sensitive_keys) return exact;
    ConnectionStringParts lowered;
    // Python checks the keys in the order they came; the first repeated lower-case key is named.
    for (const auto& [key, value] : pairs) {
        std::string lower = to_lower(key);
        if (lowered.contains(lower)) throw std::invalid_argument("Duplicate key in connection string: " + lower);
        lowered.emplace(std::move(lower), std::string(value));
    }
    return lowered;
}

}  // namespace azcore::utils
