// RFC 7231 HTTP-dates: format_rfc7231 writes IMF-fixdate (the writer behind utils::format_http_date
// too), parse_rfc7231 reads the three forms RFC 7231 makes recipients accept (the reader behind
// Retry-After too). The rows compare with the generated clients' Deserializer.deserialize_rfc
// (email.utils.parsedate_tz), as /usr/bin/python3 answered for the same text.
#include <azcore/serialization.hpp>
#include <azcore/utils/http_date.hpp>

#include <gtest/gtest.h>

namespace azcore::serialization {
namespace {

DateTime utc(int y, unsigned mo, unsigned d, int h, int mi, int s, std::int64_t us = 0) {
    return DateTime(std::chrono::sys_days(std::chrono::year{y} / mo / d)) + std::chrono::hours(h) + std::chrono::minutes(mi) +
           std::chrono::seconds(s) + std::chrono::microseconds(us);
}

std::string refusal(std::string_view text) {
    try {
        parse_rfc7231(text);
    } catch (const exceptions::DeserializationError& error) {
        return error.what();
    }
    return "accepted";
}

TEST(Rfc7231Test, FormatsImfFixdateWithEveryWeekdayAndMonthName) {
    // 2023-01-01 was a Sunday; the 1st of each month of 2023 and a week of days from it.
    const char* const expected_months[] = {
        "Sun, 01 Jan 2023 00:00:00 GMT", "Wed, 01 Feb 2023 00:00:00 GMT", "Wed, 01 Mar 2023 00:00:00 GMT",
        "Sat, 01 Apr 2023 00:00:00 GMT", "Mon, 01 May 2023 00:00:00 GMT", "Thu, 01 Jun 2023 00:00:00 GMT",
        "Sat, 01 Jul 2023 00:00:00 GMT", "Tue, 01 Aug 2023 00:00:00 GMT", "Fri, 01 Sep 2023 00:00:00 GMT",
        "Sun, 01 Oct 2023 00:00:00 GMT", "Wed, 01 Nov 2023 00:00:00 GMT", "Fri, 01 Dec 2023 00:00:00 GMT"};
    for (unsigned month = 1; month <= 12; ++month) {
        EXPECT_EQ(format_rfc7231(utc(2023, month, 1, 0, 0, 0)), expected_months[month - 1]);
        EXPECT_EQ(parse_rfc7231(expected_months[month - 1]), utc(2023, month, 1, 0, 0, 0));
    }
    const char* const expected_days[] = {"Sun, 01 Jan 2023 12:00:00 GMT", "Mon, 02 Jan 2023 12:00:00 GMT",
                                         "Tue, 03 Jan 2023 12:00:00 GMT", "Wed, 04 Jan 2023 12:00:00 GMT",
                                         "Thu, 05 Jan 2023 12:00:00 GMT", "Fri, 06 Jan 2023 12:00:00 GMT",
                                         "Sat, 07 Jan 2023 12:00:00 GMT"};
    for (unsigned day = 1; day <= 7; ++day) {
        EXPECT_EQ(format_rfc7231(utc(2023, 1, day, 12, 0, 0)), expected_days[day - 1]);
        EXPECT_EQ(parse_rfc7231(expected_days[day - 1]), utc(2023, 1, day, 12, 0, 0));
    }
}

TEST(Rfc7231Test, FormatsPythonsSerializeRfcDroppingSubSecondsWithinYears1To9999) {
    EXPECT_EQ(format_rfc7231(utc(2022, 8, 26, 14, 38, 0)), "Fri, 26 Aug 2022 14:38:00 GMT");  // Spector's value
    EXPECT_EQ(format_rfc7231(utc(2024, 2, 29, 23, 59, 59, 999999)), "Thu, 29 Feb 2024 23:59:59 GMT");  // a leap day
    EXPECT_EQ(format_rfc7231(utc(1969, 12, 31, 23, 59, 59, 500000)), "Wed, 31 Dec 1969 23:59:59 GMT");  // rounded down
    EXPECT_EQ(format_rfc7231(utc(1, 1, 1, 0, 0, 0)), "Mon, 01 Jan 0001 00:00:00 GMT");
    EXPECT_EQ(format_rfc7231(utc(9999, 12, 31, 23, 59, 59, 999999)), "Fri, 31 Dec 9999 23:59:59 GMT");
    for (const DateTime outside : {utc(10000, 1, 1, 0, 0, 0), utc(0, 12, 31, 23, 59, 59)}) {
        try {
            format_rfc7231(outside);
            ADD_FAILURE() << "written";
        } catch (const exceptions::SerializationError& error) {
            const int year = outside > utc(1, 1, 1, 0, 0, 0) ? 10000 : 0;
            EXPECT_EQ(std::string(error.what()), "Cannot serialize datetime: year " + std::to_string(year) + " is outside 1 to 9999");
        }
    }
    // utils::format_http_date is the same writer.
    EXPECT_EQ(utils::format_http_date(std::chrono::sys_seconds(std::chrono::seconds(1661524680))), "Fri, 26 Aug 2022 14:38:00 GMT");
    EXPECT_THROW(utils::format_http_date(std::chrono::sys_seconds(std::chrono::seconds(253402300800))), exceptions::SerializationError);
}

struct ParseRow {
    const char* text;
    DateTime expected;
};

TEST(Rfc7231Test, ReadsTheThreeFormsAsPythonsDeserializeRfcDoes) {
    const DateTime rfc_example = utc(1994, 11, 6, 8, 49, 37);
    const std::vector<ParseRow> rows{
        {"Sun, 06 Nov 1994 08:49:37 GMT", rfc_example},   // IMF-fixdate
        {"Sunday, 06-Nov-94 08:49:37 GMT", rfc_example},  // RFC 850
        {"Sun Nov  6 08:49:37 1994", rfc_example},        // asctime
        {"sun, 06 nov 1994 08:49:37 gmt", rfc_example},   // any case
        {"06 Nov 1994 08:49:37 GMT", rfc_example},        // no weekday
        {"Mon, 06 Nov 1994 08:49:37 GMT", rfc_example},   // a wrong weekday is not checked (nor in Python)
        {"Sun, 06 Nov 1994 08:49:37", rfc_example},       // no zone: GMT
        {"Sun, 06 Nov 1994 08:49:37 UTC", rfc_example},
        {"Sun, 06 Nov 1994 08:49:37 UT", rfc_example},
        {"Sun, 06 Nov 1994 08:49:37 Z", rfc_example},
        {"Sun, 06 Nov 1994 09:49:37 +0100", rfc_example},
        {"Sun, 06 Nov 1994 07:19:37 -0130", rfc_example},
        {"Sun, 6 Nov 1994 8:49:37 GMT", rfc_example},
        {"Sun,06 Nov 1994 08:49:37 GMT", rfc_example},
        {"  Sun, 06 Nov 1994 08:49:37 GMT  ", rfc_example},
        {"Sun, 06 Nov 1994 08:49 GMT", utc(1994, 11, 6, 8, 49, 0)},  // no seconds
        {"Sun, 06 Nov 94 08:49:37 GMT", rfc_example},
        {"Thu, 06-Nov-69 08:49:37 GMT", utc(1969, 11, 6, 8, 49, 37)},  // two-digit years: 69-99 → 19xx
        {"Mon, 06-Nov-68 08:49:37 GMT", utc(2068, 11, 6, 8, 49, 37)},  //                   00-68 → 20xx
        {"Sat, 06-Nov-00 08:49:37 GMT", utc(2000, 11, 6, 8, 49, 37)},
        {"Tue, 29 Feb 2000 00:00:00 GMT", utc(2000, 2, 29, 0, 0, 0)},  // a leap day
        {"Thu Feb 29 12:00:00 2024", utc(2024, 2, 29, 12, 0, 0)},
        {"Sat, 31 Dec 2016 23:59:60 GMT", utc(2016, 12, 31, 23, 59, 59)},  // a leap second, read as :59
        {"Mon, 01 Jan 0001 00:00:00 GMT", utc(1, 1, 1, 0, 0, 0)},
        {"Fri, 31 Dec 9999 23:59:59 GMT", utc(9999, 12, 31, 23, 59, 59)},
        {"Fri, 26 Aug 2022 14:38:00 GMT", utc(2022, 8, 26, 14, 38, 0)},
    };
    for (const ParseRow& row : rows) {
        SCOPED_TRACE(row.text);
        EXPECT_EQ(parse_rfc7231(row.text), row.expected);
    }
}

TEST(Rfc7231Test, RefusesWhatIsNotAnHttpDateNamingTheTextAndTheReason) {
    EXPECT_EQ(refusal(""), "Cannot deserialize RFC 7231 date '': it is empty");
    EXPECT_EQ(refusal("   "), "Cannot deserialize RFC 7231 date '   ': it is empty");
    EXPECT_EQ(refusal("garbage"), "Cannot deserialize RFC 7231 date 'garbage': 'garbage' is neither a day nor a month name");
    EXPECT_EQ(refusal("Funday, 06 Nov 1994 08:49:37 GMT"),
              "Cannot deserialize RFC 7231 date 'Funday, 06 Nov 1994 08:49:37 GMT': 'Funday' is neither a day nor a month name");
    EXPECT_EQ(refusal("Sun, 06 November 1994 08:49:37 GMT"),
              "Cannot deserialize RFC 7231 date 'Sun, 06 November 1994 08:49:37 GMT': a month name (Jan to Dec) expected at "
              "'November 1994 08:49:37 GMT'");
    EXPECT_EQ(refusal("Sun, 29 Feb 2023 00:00:00 GMT"), "Cannot deserialize RFC 7231 date 'Sun, 29 Feb 2023 00:00:00 GMT': there is no such date");
    EXPECT_EQ(refusal("Sun, 31 Nov 1994 08:49:37 GMT"), "Cannot deserialize RFC 7231 date 'Sun, 31 Nov 1994 08:49:37 GMT': there is no such date");
    EXPECT_EQ(refusal("Sun, 06 Nov 0000 08:49:37 GMT"), "Cannot deserialize RFC 7231 date 'Sun, 06 Nov 0000 08:49:37 GMT': there is no such date");
    EXPECT_EQ(refusal("Sun, 06 Nov 10000 08:49:37 GMT"),
              "Cannot deserialize RFC 7231 date 'Sun, 06 Nov 10000 08:49:37 GMT': a year expected at '10000 08:49:37 GMT'");
    EXPECT_EQ(refusal("Sun, 06 Nov 1994 24:00:00 GMT"),
              "Cannot deserialize RFC 7231 date 'Sun, 06 Nov 1994 24:00:00 GMT': the time of day is out of range");
    EXPECT_EQ(refusal("Sun, 06 Nov 1994 08:49:61 GMT"),
              "Cannot deserialize RFC 7231 date 'Sun, 06 Nov 1994 08:49:61 GMT': the time of day is out of range");
    EXPECT_EQ(refusal("Sun, 06 Nov 1994 08.49.37 GMT"), "Cannot deserialize RFC 7231 date 'Sun, 06 Nov 1994 08.49.37 GMT': ':' expected after the hours");
    EXPECT_EQ(refusal("Sun, 06 Nov 1994"), "Cannot deserialize RFC 7231 date 'Sun, 06 Nov 1994': hours expected at ''");
    EXPECT_EQ(refusal("Sun, 06 Nov 1994 08:49:37 EST"),
              "Cannot deserialize RFC 7231 date 'Sun, 06 Nov 1994 08:49:37 EST': 'EST' is not GMT, UT, UTC, Z or an offset like +0100");
    EXPECT_EQ(refusal("Sun, 06 Nov 1994 08:49:37 GMT trailing"),
              "Cannot deserialize RFC 7231 date 'Sun, 06 Nov 1994 08:49:37 GMT trailing': 'GMT trailing' is not GMT, UT, UTC, Z or an "
              "offset like +0100");
    EXPECT_EQ(refusal("Sun, 06-Nov 1994 08:49:37 GMT"), "Cannot deserialize RFC 7231 date 'Sun, 06-Nov 1994 08:49:37 GMT': '-' expected after the month");
    EXPECT_EQ(refusal("Nov 06 1994 08:49:37 GMT"),
              "Cannot deserialize RFC 7231 date 'Nov 06 1994 08:49:37 GMT': hours expected at '1994 08:49:37 GMT'");
    EXPECT_EQ(refusal("Sun Nov  6 08:49:37 94"), "Cannot deserialize RFC 7231 date 'Sun Nov  6 08:49:37 94': a four-digit year expected");
    EXPECT_EQ(refusal("2022-08-26T14:38:00Z"),
              "Cannot deserialize RFC 7231 date '2022-08-26T14:38:00Z': a day of the month expected at '2022-08-26T14:38:00Z'");
    const std::string huge(100000, '9');
    EXPECT_EQ(refusal(huge), "Cannot deserialize RFC 7231 date '" + huge + "': a day of the month expected at '" + huge + "'");
}

// The README's example ("Utilities").
TEST(Rfc7231Test, ReadmeExample) {
    using namespace azcore::serialization;
    EXPECT_EQ(format_rfc7231(parse_unix(1661524680)), "Fri, 26 Aug 2022 14:38:00 GMT");
    EXPECT_EQ(parse_rfc7231("Sunday, 06-Nov-94 08:49:37 GMT"), parse_datetime("1994-11-06T08:49:37Z"));
    EXPECT_EQ(format_unix(parse_datetime("2023-06-12T10:47:44.9Z")), 1686566864);
    EXPECT_EQ(parse_unix("1686566864"), parse_datetime("2023-06-12T10:47:44Z"));
    EXPECT_EQ(format_duration_isodate(std::chrono::days(40)), "P40D");
}

}  // namespace
}  // namespace azcore::serialization
