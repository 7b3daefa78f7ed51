#include "resume/content_range.hpp"

#include <azcore/utils/string_utils.hpp>

#include <charconv>
#include <system_error>

namespace azcore::detail {
std::optional<std::size_t> parse_byte_count(std::string_view text) {
    std::size_t value = 0;
    const char* end = text.data() + text.size();
    auto [stop, error] = std::from_chars(text.data(), end, value);
    if (text.empty() || error != std::errc() || stop != end) return std::nullopt;
    return value;
}

std::optional<ContentRange> parse_content_range(std::string_view value) {
    const auto space = value.find(' ');
    if (space == std::string_view::npos || !utils::iequals(value.substr(0, space), "bytes")) return std::nullopt;
    value.remove_prefix(space + 1);
    const auto dash = value.find('-');
    const auto slash = value.find('/');
    if (dash == std::string_view::npos || slash == std::string_view::npos || slash < dash) return std::nullopt;
    const auto first = parse_byte_count(value.substr(0, dash));
    const auto last = parse_byte_count(value.substr(dash + 1, slash - dash - 1));
    const auto total = parse_byte_count(value.substr(slash + 1));
    if (!first || !last || !total || *first > *last || *last >= *total) return std::nullopt;
    return ContentRange{*first, *last, *total};
}

}  // namespace azcore::detail
