#pragma once
// The Content-Range of a 206 answer, which a server controls: "bytes first-last/total" (RFC 9110
// §14.4). Hand-written because it is one line of grammar; tests/unit/resume/content_range_test.cpp
// holds its table and tests/fuzz/content_range_fuzz.cpp its fuzz target.
#include <cstddef>
#include <optional>
#include <string_view>

namespace azcore::detail {

struct ContentRange {
    std::size_t first = 0;
    std::size_t last = 0;  // inclusive
    std::size_t total = 0;
    bool operator==(const ContentRange&) const = default;
};

/// The value of one or more decimal digits and nothing else (a Content-Length), when it fits
/// std::size_t.
std::optional<std::size_t> parse_byte_count(std::string_view text);

/// The range of a "bytes first-last/total" value (the unit in any case, as RFC 9110 §14.1 allows),
/// when first <= last < total. Nothing for any other value: another unit, an unknown total ("*"),
/// an unsatisfied range ("*/total"), a number that does not fit std::size_t, signs, spaces or
/// anything after the total.
std::optional<ContentRange> parse_content_range(std::string_view value);

}  // namespace azcore::detail
