#pragma once
// Percent-encoding for URL parts a client builds (Python's urllib.parse.quote and quote_plus, which
// generated clients use for path and query values).
#include <string>
#include <string_view>

namespace azcore::utils {

/// Python's quote(text, safe): every byte percent-encoded as %XX (upper-case hex) except ASCII
/// letters, digits, "_.-~" and the ASCII characters in safe. safe "" for a value placed in one path
/// segment or a query; the default "/" keeps path separators.
std::string quote(std::string_view text, std::string_view safe = "/");
/// Python's quote_plus(text, safe): as quote, but a space becomes '+' (form and query values).
std::string quote_plus(std::string_view text, std::string_view safe = "");

}  // namespace azcore::utils
