// Spector's special-headers scenarios (conditional-request, repeatability), in both faces, through
// the clients a generator would emit. Spector answers 400 to any header that differs from the
// spec's, so each call passing is the exact header having been sent.
#include "face_test.hpp"
#include "scenario_coverage.hpp"
#include "special_headers/clients.hpp"

#include "support/spector_server.hpp"

#include <regex>

namespace azcore::spector::special_headers {
namespace {

using namespace std::chrono_literals;
using serialization::DateTime;

/// The specs' dates: Fri, 26 Aug 2022 14:38:00 GMT and Tue, 15 Nov 2022 12:45:26 GMT.
const DateTime condition_date = DateTime(std::chrono::sys_days(2022y / 8 / 26)) + 14h + 38min;
const DateTime first_sent = DateTime(std::chrono::sys_days(2022y / 11 / 15)) + 12h + 45min + 26s;

template <class Face>
class SpecialHeadersTest : public FaceTest<Face> {};
TYPED_TEST_SUITE(SpecialHeadersTest, Faces, FaceNames);

TYPED_TEST(SpecialHeadersTest, ConditionalRequestSendsQuotedEtagsAndRfc7231Dates) {
    auto client = this->template make<ConditionalRequestClient>(this->endpoint);
    this->call([&] { return client.post_if_match("valid", MatchConditions::IfNotModified); });
    this->call([&] { return client.post_if_none_match("invalid", MatchConditions::IfModified); });
    this->call([&] { return client.head_if_modified_since(condition_date); });
    this->call([&] { return client.post_if_unmodified_since(condition_date); });
}

TYPED_TEST(SpecialHeadersTest, RepeatabilitySendsAFreshUuidAndTheFirstSentDateAndIsAccepted) {
    auto client = this->template make<RepeatabilityClient>(this->endpoint);
    EXPECT_EQ(this->call([&] { return client.immediate_success(first_sent); }), "accepted");
    EXPECT_EQ(this->call([&] { return client.immediate_success(); }), "accepted");  // now, as a client sends it
}

TEST(SpecialHeadersRequest, RepeatableRequestsCarryAUuid4AndAnImfFixdate) {
    const rest::HttpRequest first = repeatable_post("/r", first_sent);
    const rest::HttpRequest second = repeatable_post("/r", first_sent);
    EXPECT_EQ(first.headers.get("Repeatability-First-Sent").value(), "Tue, 15 Nov 2022 12:45:26 GMT");
    const std::regex uuid4("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
    EXPECT_TRUE(std::regex_match(first.headers.get("Repeatability-Request-ID").value(), uuid4)) << first.headers.get("Repeatability-Request-ID").value();
    EXPECT_NE(first.headers.get("Repeatability-Request-ID").value(), second.headers.get("Repeatability-Request-ID").value());
    EXPECT_EQ(quote_etag("valid"), "\"valid\"");
    EXPECT_EQ(quote_etag("\"valid\""), "\"valid\"");
    EXPECT_EQ(quote_etag("W/\"weak\""), "W/\"weak\"");
}

// Last in this process: the Spector it started scores every special-headers scenario `pass`.
TEST(SpecialHeadersCoverage, EveryConditionalRequestAndRepeatabilityScenarioPasses) {
    if (auto why = test::SpectorServer::missing()) GTEST_SKIP() << *why;
    expect_scenarios_pass({
        "SpecialHeaders_ConditionalRequest_postIfMatch",
        "SpecialHeaders_ConditionalRequest_postIfNoneMatch",
        "SpecialHeaders_ConditionalRequest_headIfModifiedSince",
        "SpecialHeaders_ConditionalRequest_postIfUnmodifiedSince",
        "SpecialHeaders_Repeatability_immediateSuccess",
    });
}

}  // namespace
}  // namespace azcore::spector::special_headers
