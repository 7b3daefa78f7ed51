// parse_retry_after and get_retry_after: every form a server may send, and what is refused.
#include <azcore/policies/retry_after.hpp>
#include <azcore/rest/http_request.hpp>
#include <azcore/rest/http_response.hpp>

#include <gtest/gtest.h>

#include <chrono>
#include <memory>
#include <stdexcept>
#include <string>

namespace azcore::policies {
namespace {

using namespace std::chrono_literals;
using std::chrono::system_clock;

// 1994-11-06T08:49:37Z, the date of RFC 9110's examples.
const system_clock::time_point rfc_date = system_clock::time_point(784111777s);

TEST(ParseRetryAfter, TakesSeconds) {
    EXPECT_EQ(parse_retry_after("5"), 5);
    EXPECT_EQ(parse_retry_after(" 120 "), 120);
    EXPECT_EQ(parse_retry_after("0"), 0);
    EXPECT_EQ(parse_retry_after("1.5"), 1.5);
    EXPECT_EQ(parse_retry_after("+2"), 2);
}

TEST(ParseRetryAfter, NegativeSecondsMeanNoWait) { EXPECT_EQ(parse_retry_after("-3"), 0); }

TEST(ParseRetryAfter, TakesTheThreeHttpDateForms) {
    const auto now = rfc_date - 10s;
    EXPECT_EQ(parse_retry_after("Sun, 06 Nov 1994 08:49:37 GMT", now), 10);   // IMF-fixdate
    EXPECT_EQ(parse_retry_after("Sunday, 06-Nov-94 08:49:37 GMT", now), 10);  // RFC 850
    EXPECT_EQ(parse_retry_after("Sun Nov  6 08:49:37 1994", now), 10);        // asctime
}

TEST(ParseRetryAfter, TakesWhatPythonsEmailUtilsTakes) {
    const auto now = rfc_date - 10s;
    EXPECT_EQ(parse_retry_after("06 Nov 1994 08:49:37 GMT", now), 10);  // no weekday
    EXPECT_EQ(parse_retry_after("sun, 06 nov 1994 08:49:37 gmt", now), 10);
    EXPECT_EQ(parse_retry_after("Sun, 06 Nov 1994 08:49:37 UTC", now), 10);
    EXPECT_EQ(parse_retry_after("Sun, 6 Nov 1994 08:49:37 GMT", now), 10);
    EXPECT_EQ(parse_retry_after("Sun, 06 Nov 1994 09:49:37 +0100", now), 10);
    EXPECT_EQ(parse_retry_after("Sun, 06 Nov 1994 07:49:37 -0100", now), 10);
    EXPECT_EQ(parse_retry_after("Sun, 06 Nov 1994 08:49 GMT", now - 37s), 10);
}

TEST(ParseRetryAfter, APastDateMeansNoWait) {
    EXPECT_EQ(parse_retry_after("Sun, 06 Nov 1994 08:49:37 GMT", rfc_date + 1h), 0);
    EXPECT_EQ(parse_retry_after("Sun, 06 Nov 1994 08:49:37 GMT"), 0);
}

TEST(ParseRetryAfter, DatesPastTheClocksRangeGiveTheirExactWait) {
    // system_clock counts nanoseconds in 64 bits: it ends in 2262, HTTP-dates in 9999 (found by
    // tests/fuzz/retry_after_fuzz as a signed overflow).
    EXPECT_EQ(parse_retry_after("Fri, 31 Dec 9999 23:59:59 GMT", rfc_date), 253402300799.0 - 784111777.0);
    EXPECT_EQ(parse_retry_after("Sun Nov  6 08:24:37 9994", rfc_date), 253239726277.0 - 784111777.0);
}

TEST(ParseRetryAfter, DatesAreComparedWithTheCurrentTimeByDefault) {
    const auto in_a_minute = system_clock::now() + 60s;
    std::time_t t = system_clock::to_time_t(in_a_minute);
    std::tm tm{};
    gmtime_r(&t, &tm);
    char text[64];
    std::strftime(text, sizeof text, "%d %b %Y %H:%M:%S GMT", &tm);  // the C locale: English names
    const double seconds = parse_retry_after(text);
    EXPECT_GT(seconds, 55);
    EXPECT_LE(seconds, 60);
}

TEST(ParseRetryAfter, RefusesAnythingElseNamingTheValue) {
    for (const char* bad : {"", " ", "soon", "inf", "nan", "1e3", "0x10", "5 s", "1.2.3", ".", "Sun, 32 Nov 1994 08:49:37 GMT",
                            "Sun, 31 Nov 1994 08:49:37 GMT", "Sun, 06 Foo 1994 08:49:37 GMT", "Sun, 06 Nov 1994 25:00:00 GMT",
                            "Sun, 06 Nov 1994 08:49:37 EST", "Sun, 06 Nov 1994", "Funday, 06 Nov 1994 08:49:37 GMT",
                            "Sun, 06 Nov 1994 08:49:37 GMT trailing"}) {
        try {
            parse_retry_after(bad, rfc_date);
            ADD_FAILURE() << "accepted '" << bad << "'";
        } catch (const std::invalid_argument& e) {
            EXPECT_NE(std::string(e.what()).find("Retry-After: '" + std::string(bad) + "'"), std::string::npos) << e.what();
        }
    }
}

rest::HttpResponseBase response_with(CaseInsensitiveDict headers) {
    return rest::HttpResponseBase(std::make_shared<rest::HttpRequest>("GET", "https://example.test/"), 503, "", std::move(headers));
}

TEST(GetRetryAfter, ReadsRetryAfterThenRetryAfterMsThenXMsRetryAfterMs) {
    EXPECT_EQ(get_retry_after(response_with({{"Retry-After", "2"}, {"retry-after-ms", "100"}, {"x-ms-retry-after-ms", "200"}})), 2);
    EXPECT_EQ(get_retry_after(response_with({{"x-ms-retry-after-ms", "200"}, {"retry-after-ms", "100"}})), 0.1);
    EXPECT_EQ(get_retry_after(response_with({{"X-MS-Retry-After-MS", "250"}})), 0.25);
    EXPECT_EQ(get_retry_after(response_with({{"retry-after", "3"}})), 3);
}

TEST(GetRetryAfter, SkipsEmptyHeadersAndIsEmptyWithoutOne) {
    EXPECT_EQ(get_retry_after(response_with({{"Retry-After", ""}, {"retry-after-ms", "1500"}})), 1.5);
    EXPECT_FALSE(get_retry_after(response_with({})));
    EXPECT_FALSE(get_retry_after(response_with({{"Retry-After", ""}})));
}

TEST(GetRetryAfter, TakesADateWithTheGivenTime) {
    EXPECT_EQ(get_retry_after(response_with({{"Retry-After", "Sun, 06 Nov 1994 08:49:37 GMT"}}), rfc_date - 30s), 30);
}

TEST(GetRetryAfter, AnUnparsableValueThrowsAsInPython) {
    EXPECT_THROW(get_retry_after(response_with({{"Retry-After", "later"}})), std::invalid_argument);
    EXPECT_THROW(get_retry_after(response_with({{"retry-after-ms", "x"}})), std::invalid_argument);
}

}  // namespace
}  // namespace azcore::policies
