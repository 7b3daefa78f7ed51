// Unix seconds: format_unix / parse_unix against the generated clients' serialize_unix /
// deserialize_unix (int(calendar.timegm(utctimetuple())) and datetime.fromtimestamp(int(x), UTC)),
// as /usr/bin/python3 answered for the same values.
#include <azcore/serialization.hpp>

#include <gtest/gtest.h>

#include <limits>

namespace azcore::serialization {
namespace {

DateTime utc(int y, unsigned mo, unsigned d, int h, int mi, int s, std::int64_t us = 0) {
    return DateTime(std::chrono::sys_days(std::chrono::year{y} / mo / d)) + std::chrono::hours(h) + std::chrono::minutes(mi) +
           std::chrono::seconds(s) + std::chrono::microseconds(us);
}

template <class Input>
std::string refusal(Input input) {
    try {
        parse_unix(input);
    } catch (const exceptions::DeserializationError& error) {
        return error.what();
    }
    return "accepted";
}

TEST(UnixTimeTest, FormatsWholeSecondsRoundingSubSecondsDown) {
    EXPECT_EQ(format_unix(utc(1970, 1, 1, 0, 0, 0)), 0);
    EXPECT_EQ(format_unix(utc(2023, 6, 12, 10, 47, 44)), 1686566864);                // Spector's value
    EXPECT_EQ(format_unix(utc(2023, 6, 12, 10, 47, 44, 999999)), 1686566864);        // Python: 1686566864
    EXPECT_EQ(format_unix(utc(1969, 12, 31, 23, 59, 59, 500000)), -1);               // Python: -1
    EXPECT_EQ(format_unix(utc(2024, 2, 29, 0, 0, 0)), 1709164800);                   // a leap day
    EXPECT_EQ(format_unix(utc(1, 1, 1, 0, 0, 0)), -62135596800);
    EXPECT_EQ(format_unix(utc(9999, 12, 31, 23, 59, 59, 999999)), 253402300799);
    try {
        format_unix(utc(10000, 1, 1, 0, 0, 0));
        ADD_FAILURE() << "written";
    } catch (const exceptions::SerializationError& error) {
        EXPECT_STREQ(error.what(), "Cannot serialize datetime: year 10000 is outside 1 to 9999");
    }
}

TEST(UnixTimeTest, ReadsSecondsFromNumbersAndText) {
    EXPECT_EQ(parse_unix(std::int64_t{1686566864}), utc(2023, 6, 12, 10, 47, 44));
    EXPECT_EQ(parse_unix("1686566864"), utc(2023, 6, 12, 10, 47, 44));
    EXPECT_EQ(parse_unix("-1"), utc(1969, 12, 31, 23, 59, 59));
    EXPECT_EQ(parse_unix("0"), utc(1970, 1, 1, 0, 0, 0));
    EXPECT_EQ(parse_unix("1709164800"), utc(2024, 2, 29, 0, 0, 0));
    EXPECT_EQ(parse_unix(std::int64_t{-62135596800}), utc(1, 1, 1, 0, 0, 0));     // Python's first
    EXPECT_EQ(parse_unix("253402300799"), utc(9999, 12, 31, 23, 59, 59));          // and last
    for (const std::int64_t seconds : {std::int64_t{0}, std::int64_t{-1}, std::int64_t{1686566864}, std::int64_t{253402300799}})
        EXPECT_EQ(format_unix(parse_unix(seconds)), seconds);
}

TEST(UnixTimeTest, RefusesWhatIsNotWholeSecondsInYears1To9999NamingTheInput) {
    EXPECT_EQ(refusal(std::int64_t{253402300800}), "Cannot deserialize Unix time 253402300800: it is outside years 1 to 9999");
    EXPECT_EQ(refusal(std::int64_t{-62135596801}), "Cannot deserialize Unix time -62135596801: it is outside years 1 to 9999");
    EXPECT_EQ(refusal(std::numeric_limits<std::int64_t>::min()),
              "Cannot deserialize Unix time -9223372036854775808: it is outside years 1 to 9999");
    EXPECT_EQ(refusal("99999999999999999999999"), "Cannot deserialize Unix time '99999999999999999999999': it is outside years 1 to 9999");
    EXPECT_EQ(refusal(""), "Cannot deserialize Unix time '': an integer number of seconds expected");
    EXPECT_EQ(refusal("abc"), "Cannot deserialize Unix time 'abc': an integer number of seconds expected");
    EXPECT_EQ(refusal("1.5"), "Cannot deserialize Unix time '1.5': an integer number of seconds expected");
    // Python's int() also takes these three; a generated client never sends them.
    EXPECT_EQ(refusal("+5"), "Cannot deserialize Unix time '+5': an integer number of seconds expected");
    EXPECT_EQ(refusal(" 12 "), "Cannot deserialize Unix time ' 12 ': an integer number of seconds expected");
    EXPECT_EQ(refusal("1_000"), "Cannot deserialize Unix time '1_000': an integer number of seconds expected");
}

}  // namespace
}  // namespace azcore::serialization
