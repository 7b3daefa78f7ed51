// The Content-Range grammar ResumableBody checks a resumed 206 with, row by row: what each value
// a server may send parses to, or that it is refused.
#include "resume/content_range.hpp"

#include <gtest/gtest.h>

#include <limits>
#include <optional>
#include <string>
#include <vector>

namespace azcore::detail {
namespace {

struct Row {
    std::string value;
    std::optional<ContentRange> range;  // nothing: refused
};

constexpr std::size_t max = std::numeric_limits<std::size_t>::max();
const std::string max_text = std::to_string(max);

std::vector<Row> rows() {
    return {
        // Accepted.
        {"bytes 0-99/100", ContentRange{0, 99, 100}},
        {"bytes 30000-99999/100000", ContentRange{30000, 99999, 100000}},
        {"bytes 5-5/6", ContentRange{5, 5, 6}},
        {"bytes 0-9/100", ContentRange{0, 9, 100}},  // a part that does not reach the end: the caller decides
        {"BYTES 1-2/3", ContentRange{1, 2, 3}},      // range units are case-insensitive (RFC 9110 §14.1)
        {"Bytes 1-2/3", ContentRange{1, 2, 3}},
        {"bytes 007-009/010", ContentRange{7, 9, 10}},
        {"bytes 0-" + std::to_string(max - 1) + "/" + max_text, ContentRange{0, max - 1, max}},
        // Not the form.
        {"", std::nullopt},
        {"bytes", std::nullopt},
        {"bytes ", std::nullopt},
        {"bytes 0-99", std::nullopt},
        {"bytes 0/100", std::nullopt},
        {"bytes 0-99/", std::nullopt},
        {"bytes -99/100", std::nullopt},
        {"bytes 0-/100", std::nullopt},
        {"bytes 0-99/100/100", std::nullopt},
        {"bytes 0/99-100", std::nullopt},
        {"bytes 0-1-99/100", std::nullopt},
        // Other units, an unsatisfied range, an unknown total.
        {"items 0-99/100", std::nullopt},
        {"bytesx 0-99/100", std::nullopt},
        {"0-99/100", std::nullopt},
        {"bytes */100", std::nullopt},
        {"bytes 0-99/*", std::nullopt},
        // Spaces, signs and other characters where digits belong.
        {"bytes  0-99/100", std::nullopt},
        {" bytes 0-99/100", std::nullopt},
        {"bytes 0-99/100 ", std::nullopt},
        {"bytes 0 -99/100", std::nullopt},
        {"bytes +0-99/100", std::nullopt},
        {"bytes 0-+99/100", std::nullopt},
        {"bytes 0-99/-100", std::nullopt},
        {"bytes 0x0-0x63/0x64", std::nullopt},
        {"bytes 1e2-99/100", std::nullopt},
        {"bytes 0-99/100;x", std::nullopt},
        {std::string("bytes 0-99/100\0", 15), std::nullopt},
        {"bytes\t0-99/100", std::nullopt},
        // Numbers that do not describe a range of the whole.
        {"bytes 10-9/100", std::nullopt},   // last before first
        {"bytes 0-100/100", std::nullopt},  // last past the end
        {"bytes 0-0/0", std::nullopt},      // nothing to hold a byte
        {"bytes 0-" + max_text + "/" + max_text, std::nullopt},
        // Numbers that do not fit std::size_t.
        {"bytes 0-1/" + max_text + "0", std::nullopt},
        {"bytes 0-" + max_text + "0/1", std::nullopt},
        {"bytes 99999999999999999999999-1/2", std::nullopt},
    };
}

TEST(ContentRangeTest, EachValueParsesToItsRangeOrIsRefused) {
    for (const Row& row : rows()) {
        const auto got = parse_content_range(row.value);
        EXPECT_EQ(got.has_value(), row.range.has_value()) << "'" << row.value << "'";
        if (got && row.range) {
            EXPECT_EQ(got->first, row.range->first) << row.value;
            EXPECT_EQ(got->last, row.range->last) << row.value;
            EXPECT_EQ(got->total, row.range->total) << row.value;
        }
    }
}

TEST(ContentRangeTest, ByteCountIsDigitsOnlyThatFit) {
    EXPECT_EQ(parse_byte_count("0"), 0u);
    EXPECT_EQ(parse_byte_count("100000"), 100000u);
    EXPECT_EQ(parse_byte_count(max_text), max);
    for (const std::string bad : {"", " 1", "1 ", "+1", "-1", "1.0", "0x10", "18446744073709551616", "1e3"}) {
        EXPECT_EQ(parse_byte_count(bad), std::nullopt) << "'" << bad << "'";
    }
}

}  // namespace
}  // namespace azcore::detail
