// Durations: format_duration row by row against Python 1.41's _timedelta_as_isostr (each expected
// string below is its output for the same timedelta), and parse_duration's accepted and refused
// forms, with every formatted value read back.
#include <azcore/serialization.hpp>

#include <gtest/gtest.h>

#include <limits>

namespace azcore::serialization {
namespace {

using std::chrono::microseconds;
using namespace std::chrono_literals;

struct FormatRow {
    microseconds duration;
    const char* python;
};

TEST(DurationTest, FormatsAsPythonDoes) {
    const std::vector<FormatRow> rows{
        {0s, "PT00S"},
        {1s, "PT01S"},
        {59s, "PT59S"},
        {60s, "PT01M00S"},
        {61min, "PT01H01M00S"},
        {25h, "P1DT01H00M00S"},
        {96h + 12h + 30min + 5s, "P4DT12H30M05S"},
        {40 * 24h, "P40DT00H00M00S"},
        {1500ms, "PT01.5S"},
        {1us, "PT00.000001S"},
        {123456us, "PT00.123456S"},
        {-1s, "P-1DT23H59M59S"},
        {-24h, "P-1DT00H00M00S"},
        {-90min, "P-1DT22H30M00S"},
        {24h + 500ms, "P1DT00H00M00.5S"},
        {microseconds(99999999LL * 86400 * 1000000), "P99999999DT00H00M00S"},
        {1h, "PT01H00M00S"},
        {24h, "P1DT00H00M00S"},
    };
    for (const FormatRow& row : rows) {
        SCOPED_TRACE(row.python);
        EXPECT_EQ(format_duration(row.duration), row.python);
        EXPECT_EQ(parse_duration(row.python), row.duration);  // Python's own form reads back
    }
}

// The generated clients' serialize_duration is isodate.duration_isoformat. isodate is not installed
// here: its %P algorithm (isostrf._strfduration, with duration_isoformat's '-' for a negative
// timedelta) was transcribed into /usr/bin/python3, which gave each expected string but the last
// for the same timedelta. Spector's encode/duration expects "P40D".
TEST(DurationTest, FormatsTheShortFormOfTheGeneratedClients) {
    const std::vector<FormatRow> rows{
        {0s, "P0D"},
        {40 * 24h, "P40D"},
        {35625ms, "PT35.625S"},
        {36s, "PT36S"},
        {2min, "PT2M"},
        {26h, "P1DT2H"},
        {24h + 1s, "P1DT1S"},
        {1us, "PT0.000001S"},
        {-1s, "-PT1S"},
        {-(24h + 1500ms), "-P1DT1.5S"},
        {microseconds(std::numeric_limits<std::int64_t>::min()), "-P106751991DT4H54.775808S"},
    };
    for (const FormatRow& row : rows) {
        SCOPED_TRACE(row.python);
        EXPECT_EQ(format_duration_isodate(row.duration), row.python);
        EXPECT_EQ(parse_duration(row.python), row.duration);
    }
}

TEST(DurationTest, ParsesIso8601Durations) {
    EXPECT_EQ(parse_duration("P40D"), 40 * 24h);
    EXPECT_EQ(parse_duration("PT1.5S"), 1500ms);
    EXPECT_EQ(parse_duration("PT0,5S"), 500ms);
    EXPECT_EQ(parse_duration("P2W"), 14 * 24h);
    EXPECT_EQ(parse_duration("PT36H"), 36h);
    EXPECT_EQ(parse_duration("PT1.5H"), 90min);  // a fraction on the last part given
    EXPECT_EQ(parse_duration("-PT5M"), -5min);
    EXPECT_EQ(parse_duration("+P1D"), 24h);
    EXPECT_EQ(parse_duration("PT0.0000005S"), 0us);   // half a microsecond: to even
    EXPECT_EQ(parse_duration("PT0.0000015S"), 2us);   // one and a half: to even
    EXPECT_EQ(parse_duration("PT0.00000150000000000000001S"), 2us);
    EXPECT_EQ(parse_duration("PT0.0000025S"), 2us);
    EXPECT_EQ(parse_duration("PT0.00000250000000000000001S"), 3us);  // just above half
    EXPECT_EQ(parse_duration("P1DT2H3M4.123456789S"), 24h + 2h + 3min + 4s + 123457us);
}

TEST(DurationTest, RefusesWhatIsNotADurationNamingTheTextAndTheReason) {
    const auto message = [](std::string_view text) {
        try {
            parse_duration(text);
        } catch (const exceptions::DeserializationError& error) {
            return std::string(error.what());
        }
        return std::string("accepted");
    };
    EXPECT_EQ(message(""), "Cannot deserialize duration '': it does not start with 'P'");
    EXPECT_EQ(message("1D"), "Cannot deserialize duration '1D': it does not start with 'P'");
    EXPECT_EQ(message("P"), "Cannot deserialize duration 'P': it has no parts");
    EXPECT_EQ(message("PT"), "Cannot deserialize duration 'PT': nothing follows 'T'");
    EXPECT_EQ(message("P1Y"), "Cannot deserialize duration 'P1Y': years and months have no fixed length");
    EXPECT_EQ(message("P1M"), "Cannot deserialize duration 'P1M': years and months have no fixed length");
    EXPECT_EQ(message("PT1H2H"), "Cannot deserialize duration 'PT1H2H': 'H' is not expected there");
    EXPECT_EQ(message("PT1S1M"), "Cannot deserialize duration 'PT1S1M': 'M' is not expected there");
    EXPECT_EQ(message("P1D1W"), "Cannot deserialize duration 'P1D1W': 'W' is not expected there");
    EXPECT_EQ(message("P1W1D"), "Cannot deserialize duration 'P1W1D': weeks cannot be combined with other parts");
    EXPECT_EQ(message("PT1.5M1S"), "Cannot deserialize duration 'PT1.5M1S': only the last number may have a fraction");
    EXPECT_EQ(message("PT1"), "Cannot deserialize duration 'PT1': the last number has no designator");
    EXPECT_EQ(message("PT.5S"), "Cannot deserialize duration 'PT.5S': a number is expected at '.5S'");
    EXPECT_EQ(message("PT1.S"), "Cannot deserialize duration 'PT1.S': a fraction needs digits");
    EXPECT_EQ(message("P1DT1HT1M"), "Cannot deserialize duration 'P1DT1HT1M': 'T' appears twice");
    EXPECT_EQ(message("PT-1H"), "Cannot deserialize duration 'PT-1H': a number is expected at '-1H'");
    EXPECT_EQ(message("P-1W"), "Cannot deserialize duration 'P-1W': only days may carry a sign after 'P'");
    EXPECT_EQ(message("P99999999999999999999D"), "Cannot deserialize duration 'P99999999999999999999D': it is too long for 64-bit microseconds");
    EXPECT_EQ(message("P200000000D"), "Cannot deserialize duration 'P200000000D': it is too long for 64-bit microseconds");
    EXPECT_EQ(message(" P1D"), "Cannot deserialize duration ' P1D': it does not start with 'P'");
}

DateTime utc(int y, unsigned mo, unsigned d, int h, int mi, int s, std::int64_t us = 0) {
    return DateTime(std::chrono::sys_days(std::chrono::year{y} / mo / d)) + std::chrono::hours(h) + std::chrono::minutes(mi) +
           std::chrono::seconds(s) + std::chrono::microseconds(us);
}

// Each expected string is Python 1.41's _datetime_as_isostr of the same datetime.
TEST(DateTimeTest, FormatsAsPythonDoes) {
    EXPECT_EQ(format_datetime(utc(2024, 2, 29, 23, 59, 59)), "2024-02-29T23:59:59Z");  // a leap day
    EXPECT_EQ(format_datetime(utc(2024, 1, 2, 3, 4, 5, 123000)), "2024-01-02T03:04:05.123000Z");
    EXPECT_EQ(format_datetime(utc(1, 1, 1, 0, 0, 0, 1)), "0001-01-01T00:00:00.000001Z");
    EXPECT_EQ(format_datetime(utc(9999, 12, 31, 23, 59, 59, 999999)), "9999-12-31T23:59:59.999999Z");
    // 01:00 at +05:30, in UTC
    EXPECT_EQ(format_datetime(parse_datetime("2024-01-01T01:00:00+05:30")), "2023-12-31T19:30:00Z");
    try {
        format_datetime(utc(10000, 1, 1, 0, 0, 0));
        ADD_FAILURE() << "year 10000 was written";
    } catch (const exceptions::SerializationError& error) {
        EXPECT_STREQ(error.what(), "Cannot serialize datetime: year 10000 is outside 1 to 9999");
    }
}

TEST(DateTimeTest, ParsesRfc3339WithAnyFractionAndOffset) {
    EXPECT_EQ(parse_datetime("2024-02-29T23:59:59Z"), utc(2024, 2, 29, 23, 59, 59));
    EXPECT_EQ(parse_datetime("2024-02-29t23:59:59z"), utc(2024, 2, 29, 23, 59, 59));
    EXPECT_EQ(parse_datetime("2024-02-29 23:59:59Z"), utc(2024, 2, 29, 23, 59, 59));
    EXPECT_EQ(parse_datetime("2019-06-11T15:33:21.1234567Z"), utc(2019, 6, 11, 15, 33, 21, 123456));  // Azure's 7 digits, cut
    EXPECT_EQ(parse_datetime("2019-06-11T15:33:21.5Z"), utc(2019, 6, 11, 15, 33, 21, 500000));
    EXPECT_EQ(parse_datetime("2024-01-01T00:30:00-01:00"), utc(2024, 1, 1, 1, 30, 0));
    EXPECT_EQ(parse_datetime("2024-01-01T00:30:00+23:59"), utc(2023, 12, 31, 0, 31, 0));
    EXPECT_EQ(parse_datetime("2016-12-31T23:59:60Z"), utc(2016, 12, 31, 23, 59, 59));  // a leap second
    EXPECT_EQ(parse_datetime("0001-01-01T00:00:00Z"), utc(1, 1, 1, 0, 0, 0));
    for (const char* text : {"2024-02-29T23:59:59Z", "2024-01-02T03:04:05.123000Z", "9999-12-31T23:59:59.999999Z"})
        EXPECT_EQ(format_datetime(parse_datetime(text)), text);
}

TEST(DateTimeTest, RefusesWhatIsNotRfc3339NamingTheTextAndTheReason) {
    const auto message = [](std::string_view text) {
        try {
            parse_datetime(text);
        } catch (const exceptions::DeserializationError& error) {
            return std::string(error.what());
        }
        return std::string("accepted");
    };
    EXPECT_EQ(message(""), "Cannot deserialize datetime '': a four-digit year expected");
    EXPECT_EQ(message("2023-02-29T00:00:00Z"), "Cannot deserialize datetime '2023-02-29T00:00:00Z': there is no such date");
    EXPECT_EQ(message("2024-13-01T00:00:00Z"), "Cannot deserialize datetime '2024-13-01T00:00:00Z': there is no such date");
    EXPECT_EQ(message("0000-01-01T00:00:00Z"), "Cannot deserialize datetime '0000-01-01T00:00:00Z': there is no such date");
    EXPECT_EQ(message("2024-01-01T24:00:00Z"), "Cannot deserialize datetime '2024-01-01T24:00:00Z': the time of day is out of range");
    EXPECT_EQ(message("2024-01-01T23:59:61Z"), "Cannot deserialize datetime '2024-01-01T23:59:61Z': the time of day is out of range");
    EXPECT_EQ(message("2024-01-01T00:00:00"), "Cannot deserialize datetime '2024-01-01T00:00:00': 'Z' or an offset expected");
    EXPECT_EQ(message("2024-01-01T00:00:00+0100"), "Cannot deserialize datetime '2024-01-01T00:00:00+0100': ':' in the offset expected");
    EXPECT_EQ(message("2024-01-01T00:00:00+24:00"), "Cannot deserialize datetime '2024-01-01T00:00:00+24:00': the offset is out of range");
    EXPECT_EQ(message("2024-01-01T00:00:00.Z"), "Cannot deserialize datetime '2024-01-01T00:00:00.Z': digits expected after '.'");
    EXPECT_EQ(message("2024-01-01T00:00:00Zjunk"), "Cannot deserialize datetime '2024-01-01T00:00:00Zjunk': unexpected text after the offset");
    EXPECT_EQ(message("2024-1-01T00:00:00Z"), "Cannot deserialize datetime '2024-1-01T00:00:00Z': a two-digit month expected");
    EXPECT_EQ(message("Mon, 01 Jan 2024 00:00:00 GMT"), "Cannot deserialize datetime 'Mon, 01 Jan 2024 00:00:00 GMT': a four-digit year expected");
}

// The README's example ("Utilities").
TEST(DurationTest, ReadmeExample) {
    EXPECT_EQ(azcore::serialization::format_duration(std::chrono::seconds(-1)), "P-1DT23H59M59S");
    EXPECT_EQ(azcore::serialization::parse_duration("PT1.5S"), std::chrono::microseconds(1500000));
}

}  // namespace
}  // namespace azcore::serialization
