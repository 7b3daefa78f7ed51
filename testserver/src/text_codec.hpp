#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

// Small text helpers: base64, UTF-8 checks, hex, percent-decoding and query strings.
namespace azcore::testserver::detail {

using QueryArgs = std::vector<std::pair<std::string, std::string>>;

std::string base64_encode(std::string_view data);
bool is_valid_utf8(std::string_view data);
std::string to_hex(const unsigned char* data, std::size_t size);
/// Decodes %XX escapes and, when plus_is_space, '+' as ' '. Malformed escapes are kept as is.
std::string percent_decode(std::string_view text, bool plus_is_space);
/// Splits "a=1&b=x%20y&c" into decoded pairs; a name without '=' gets an empty value.
QueryArgs parse_query(std::string_view query);
/// First value of name, if present.
std::optional<std::string> query_value(const QueryArgs& args, std::string_view name);
/// A whole decimal number, or nothing.
std::optional<std::uint64_t> to_number(std::string_view text);
std::string to_lower(std::string_view text);

}  // namespace azcore::testserver::detail
