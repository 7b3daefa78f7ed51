#pragma once
// ASCII case helpers for protocol tokens (header names, codings, query keys).
#include <cstddef>
#include <string>
#include <string_view>

namespace azcore::utils {

/// The ASCII lower-case form of c; other bytes (including UTF-8) are unchanged.
constexpr char to_lower(char c) noexcept { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

/// The ASCII lower-case form of text; non-ASCII bytes are unchanged.
inline std::string to_lower(std::string_view text) {
    std::string result(text);
    for (char& c : result) {
        c = to_lower(c);
    }
    return result;
}

/// True when a and b are equal ignoring ASCII case.
constexpr bool iequals(std::string_view a, std::string_view b) noexcept {
    if (a.size() != b.size()) {
        return false;
    }
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (to_lower(a[i]) != to_lower(b[i])) {
            return false;
        }
    }
    return true;
}

}  // namespace azcore::utils
