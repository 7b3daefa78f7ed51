// Spector's encode/datetime and encode/duration scenarios, in both faces, through the clients a
// generator would emit: every value goes out through azcore::serialization (or as seconds and
// milliseconds) and what the service sends back is read with it and compared exactly.
#include "encode/clients.hpp"
#include "face_test.hpp"
#include "scenario_coverage.hpp"

#include "support/spector_server.hpp"

namespace azcore::spector::encode {
namespace {

using namespace std::chrono_literals;

/// The specs' instants: 2022-08-26T18:38:00Z (RFC 3339), 2022-08-26T14:38:00Z (RFC 7231), and the
/// Unix timestamps 1686566864 (2023-06-12T10:47:44Z) and 1686734256 (2023-06-14T09:17:36Z).
const DateTime rfc3339_value = DateTime(std::chrono::sys_days(2022y / 8 / 26)) + 18h + 38min;
const DateTime rfc7231_value = DateTime(std::chrono::sys_days(2022y / 8 / 26)) + 14h + 38min;
const DateTime unix_value = DateTime(std::chrono::sys_days(2023y / 6 / 12)) + 10h + 47min + 44s;
const DateTime unix_value_2 = DateTime(std::chrono::sys_days(2023y / 6 / 14)) + 9h + 17min + 36s;

template <class Face>
class EncodeDatetimeTest : public FaceTest<Face> {};
TYPED_TEST_SUITE(EncodeDatetimeTest, Faces, FaceNames);

TYPED_TEST(EncodeDatetimeTest, QueryValuesAreSentInTheirEncoding) {
    auto client = this->template make<DatetimeClient>(this->endpoint);
    this->call([&] { return client.query_default(rfc3339_value); });
    this->call([&] { return client.query_rfc3339(rfc3339_value); });
    this->call([&] { return client.query_rfc7231(rfc7231_value); });
    this->call([&] { return client.query_unix_timestamp(unix_value); });
    this->call([&] { return client.query_unix_timestamp_array({unix_value, unix_value_2}); });
}

TYPED_TEST(EncodeDatetimeTest, PropertiesAreSentAndTheEchoReadsBackToTheSameInstant) {
    auto client = this->template make<DatetimeClient>(this->endpoint);
    EXPECT_EQ(this->call([&] { return client.property_default(rfc3339_value); }), rfc3339_value);
    EXPECT_EQ(this->call([&] { return client.property_rfc3339(rfc3339_value); }), rfc3339_value);
    EXPECT_EQ(this->call([&] { return client.property_rfc7231(rfc7231_value); }), rfc7231_value);
    EXPECT_EQ(this->call([&] { return client.property_unix_timestamp(unix_value); }), unix_value);
    EXPECT_EQ(this->call([&] { return client.property_unix_timestamp_array({unix_value, unix_value_2}); }),
              (std::vector<DateTime>{unix_value, unix_value_2}));
}

TYPED_TEST(EncodeDatetimeTest, HeaderValuesAreSentInTheirEncodingRfc7231ByDefault) {
    auto client = this->template make<DatetimeClient>(this->endpoint);
    this->call([&] { return client.header_default(rfc7231_value); });
    this->call([&] { return client.header_rfc3339(rfc3339_value); });
    this->call([&] { return client.header_rfc7231(rfc7231_value); });
    this->call([&] { return client.header_unix_timestamp(unix_value); });
    this->call([&] { return client.header_unix_timestamp_array({unix_value, unix_value_2}); });
}

TYPED_TEST(EncodeDatetimeTest, ResponseHeadersAreReadInTheirEncoding) {
    auto client = this->template make<DatetimeClient>(this->endpoint);
    EXPECT_EQ(this->call([&] { return client.response_header_default(); }), rfc7231_value);
    EXPECT_EQ(this->call([&] { return client.response_header_rfc3339(); }), rfc3339_value);
    EXPECT_EQ(this->call([&] { return client.response_header_rfc7231(); }), rfc7231_value);
    EXPECT_EQ(this->call([&] { return client.response_header_unix_timestamp(); }), unix_value);
}

template <class Face>
class EncodeDurationTest : public FaceTest<Face> {
protected:
    using Client = DurationClient<Face>;
};
TYPED_TEST_SUITE(EncodeDurationTest, Faces, FaceNames);

TYPED_TEST(EncodeDurationTest, QueryValuesAreSentInTheirEncoding) {
    using C = typename TestFixture::Client;
    auto client = this->template make<DurationClient>(this->endpoint);
    const std::vector<std::pair<typename C::Operation, std::vector<microseconds>>> rows{
        {C::default_, {40 * 24h}},
        {C::iso8601, {40 * 24h}},
        {C::int32_seconds, {36s}},
        {C::int32_seconds_array, {36s, 47s}},
        {C::float_seconds, {35625ms}},
        {C::float64_seconds, {35625ms}},
        {C::int32_milliseconds, {36s}},
        {C::float_milliseconds, {35625ms}},
        {C::float64_milliseconds, {35625ms}},
        {C::int32_milliseconds_array, {36s, 47s}},
        {C::int32_seconds_larger_unit, {2min}},
        {C::float_seconds_larger_unit, {150s}},
        {C::int32_milliseconds_larger_unit, {3min}},
        {C::float_milliseconds_larger_unit, {210s}},
    };
    for (const auto& row : rows) {  // no structured binding: clang 14 cannot capture one
        SCOPED_TRACE(row.first.route);
        this->call([&] { return client.query(row.first, row.second); });
    }
}

TYPED_TEST(EncodeDurationTest, PropertiesAreSentAndTheEchoReadsBackToTheSameDuration) {
    using C = typename TestFixture::Client;
    auto client = this->template make<DurationClient>(this->endpoint);
    const std::vector<std::pair<typename C::Operation, microseconds>> rows{
        {C::default_, 40 * 24h},
        {C::iso8601, 40 * 24h},
        {C::int32_seconds, 36s},
        {C::float_seconds, 35625ms},
        {C::float64_seconds, 35625ms},
        {C::int32_milliseconds, 36s},
        {C::float_milliseconds, 35625ms},
        {C::float64_milliseconds, 35625ms},
        {C::int32_seconds_larger_unit, 2min},
        {C::float_seconds_larger_unit, 150s},
        {C::int32_milliseconds_larger_unit, 3min},
        {C::float_milliseconds_larger_unit, 210s},
    };
    for (const auto& row : rows) {
        SCOPED_TRACE(row.first.route);
        EXPECT_EQ(this->call([&] { return client.property(row.first, row.second); }), row.second);
    }
    const std::vector<microseconds> values{35625ms, 46750ms};
    EXPECT_EQ(this->call([&] { return client.property(C::float_seconds_array, values); }), values);
    EXPECT_EQ(this->call([&] { return client.property(C::float_milliseconds_array, values); }), values);
}

TYPED_TEST(EncodeDurationTest, HeaderValuesAreSentInTheirEncoding) {
    using C = typename TestFixture::Client;
    auto client = this->template make<DurationClient>(this->endpoint);
    const std::vector<std::pair<typename C::Operation, std::vector<microseconds>>> rows{
        {C::default_, {40 * 24h}},
        {C::iso8601, {40 * 24h}},
        {C::iso8601_array, {40 * 24h, 50 * 24h}},
        {C::int32_seconds, {36s}},
        {C::float_seconds, {35625ms}},
        {C::float64_seconds, {35625ms}},
        {C::int32_milliseconds, {36s}},
        {C::float_milliseconds, {35625ms}},
        {C::float64_milliseconds, {35625ms}},
        {C::int32_milliseconds_array, {36s, 47s}},
        {C::int32_seconds_larger_unit, {2min}},
        {C::float_seconds_larger_unit, {150s}},
        {C::int32_milliseconds_larger_unit, {3min}},
        {C::float_milliseconds_larger_unit, {210s}},
    };
    for (const auto& row : rows) {
        SCOPED_TRACE(row.first.route);
        this->call([&] { return client.header(row.first, row.second); });
    }
}

// Last in this process: the Spector it started scores every encode scenario `pass`.
TEST(EncodeCoverage, EveryDatetimeAndDurationScenarioPasses) {
    if (auto why = test::SpectorServer::missing()) GTEST_SKIP() << *why;
    std::vector<std::string> scenarios;
    for (const char* place : {"Query", "Property", "Header"})
        for (const char* name : {"default", "rfc3339", "rfc7231", "unixTimestamp", "unixTimestampArray"})
            scenarios.push_back(std::string("Encode_Datetime_") + place + "_" + name);
    for (const char* name : {"default", "rfc3339", "rfc7231", "unixTimestamp"})
        scenarios.push_back(std::string("Encode_Datetime_ResponseHeader_") + name);
    const std::vector<const char*> common{"default", "iso8601", "int32Seconds", "floatSeconds", "float64Seconds",
                                          "int32Milliseconds", "floatMilliseconds", "float64Milliseconds",
                                          "int32SecondsLargerUnit", "floatSecondsLargerUnit",
                                          "int32MillisecondsLargerUnit", "floatMillisecondsLargerUnit"};
    for (const char* place : {"Query", "Property", "Header"})
        for (const char* name : common) scenarios.push_back(std::string("Encode_Duration_") + place + "_" + name);
    for (const char* name : {"Query_int32SecondsArray", "Query_int32MillisecondsArray", "Property_floatSecondsArray",
                             "Property_floatMillisecondsArray", "Header_iso8601Array", "Header_int32MillisecondsArray"})
        scenarios.push_back(std::string("Encode_Duration_") + name);
    expect_scenarios_pass(scenarios);
}

}  // namespace
}  // namespace azcore::spector::encode
