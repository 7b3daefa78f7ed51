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

/// A value for one path segment of a URL template (generated clients' Serializer.url): quote(value,
/// "") — "a/b c" gives "a%2Fb%20c". With skip_quote the value is kept as it is but for '{' and '}'
/// (%7B, %7D), so that format_url does not read it as a placeholder: "a/{b}" gives "a/%7Bb%7D".
std::string quote_path_segment(std::string_view value, bool skip_quote = false);
/// A value for a query string (generated clients' Serializer.query): quote(value, "") — "a&b=c d"
/// gives "a%26b%3Dc%20d"; with skip_quote the value as it is.
std::string quote_query_value(std::string_view value, bool skip_quote = false);

}  // namespace azcore::utils
