// serialize_json: JSON text as JavaScript's JSON.stringify writes it. The expected strings of the
// number table are node's own output (`node -e 'console.log(JSON.stringify(x))'`, copied here).
#include <azcore/serialization/json.hpp>

#include <azcore/exceptions.hpp>
#include <azcore/pipeline_client.hpp>
#include <azcore/async_pipeline_client.hpp>
#include <azcore/transport/mock_transport.hpp>

#include "support/run_mode.hpp"

#include <boost/json.hpp>
#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>
#include <limits>
#include <string>
#include <vector>

namespace azcore::serialization {
namespace {

struct NumberRow {
    double number;
    const char* json;
};

// JSON.stringify of each number, as node 18 printed it.
const std::vector<NumberRow> number_rows = {
    {3.5625e+1, "35.625"},
    {210000.0, "210000"},
    {1e-1, "0.1"},
    {1e+21, "1e+21"},
    {1e-7, "1e-7"},
    {1.23e-18, "1.23e-18"},
    {100000000000000000000.0, "100000000000000000000"},
    {-0.0, "0"},
    {0.0, "0"},
    {-1.5e+0, "-1.5"},
    {5e-324, "5e-324"},
    {1.7976931348623157e+308, "1.7976931348623157e+308"},
    {1e-6, "0.000001"},
    {1.2345e-6, "0.0000012345"},
    {123456789012345680000.0, "123456789012345680000"},
    {3.333333333333333e-1, "0.3333333333333333"},
    {9007199254740992.0, "9007199254740992"},
    {100.0, "100"},
    {1.25e+0, "1.25"},
    {-2.100005e+5, "-210000.5"},
    {4.35e+0, "4.35"},
    {1e+100, "1e+100"},
    {3.0000000000000004e-1, "0.30000000000000004"},
    {2.5e-7, "2.5e-7"},
    {1.5e+300, "1.5e+300"},
    {-1e-7, "-1e-7"},
    {1.23456e+2, "123.456"},
    {999999999999999900000.0, "999999999999999900000"},
    {1000000.0, "1000000"},
    {3.14e+0, "3.14"},
    {2.2250738585072014e-308, "2.2250738585072014e-308"},
};

TEST(SerializeJsonTest, DoublesAreWrittenAsJavaScriptsJsonStringifyWritesThem) {
    for (const auto& row : number_rows) {
        EXPECT_EQ(serialize_json(row.number), row.json) << row.json;
        EXPECT_EQ(format_json_number(row.number), row.json);
        // Shortest round trip: the text reads back to the same double (strtod: Boost.JSON 1.81's
        // parser is not exact in the last bit).
        EXPECT_EQ(std::strtod(row.json, nullptr), row.number) << row.json;
    }
}

TEST(SerializeJsonTest, IntegersAreWrittenAsIntegers) {
    EXPECT_EQ(serialize_json(std::int64_t{210000}), "210000");
    EXPECT_EQ(serialize_json(std::int64_t{-42}), "-42");
    EXPECT_EQ(serialize_json(std::numeric_limits<std::int64_t>::min()), "-9223372036854775808");
    EXPECT_EQ(serialize_json(std::numeric_limits<std::uint64_t>::max()), "18446744073709551615");
}

TEST(SerializeJsonTest, NanAndInfinityAreRefusedWithSerializationError) {
    const std::vector<std::pair<double, std::string>> rows = {
        {std::nan(""), "JSON has no form for the number NaN"},
        {std::numeric_limits<double>::infinity(), "JSON has no form for the number Infinity"},
        {-std::numeric_limits<double>::infinity(), "JSON has no form for the number -Infinity"},
    };
    for (const auto& [number, message] : rows) {
        try {
            serialize_json(boost::json::array{1, number});
            ADD_FAILURE() << "no exception for " << message;
        } catch (const exceptions::SerializationError& error) {
            EXPECT_EQ(error.what(), message);
        }
    }
}

TEST(SerializeJsonTest, ObjectsArraysAndStringsAreCompactWithBoostJsonsEscaping) {
    const boost::json::value value = {{"name", "a \"quoted\"\n\u00e9"},
                                      {"nested", {{"list", boost::json::array{1, 2.5, true, nullptr}}}},
                                      {"k\ty", boost::json::object{}},
                                      {"empty", boost::json::array{}}};
    EXPECT_EQ(serialize_json(value),
              "{\"name\":\"a \\\"quoted\\\"\\n\u00e9\",\"nested\":{\"list\":[1,2.5,true,null]},\"k\\ty\":{},\"empty\":[]}");
}

TEST(SerializeJsonTest, ReadsBackToTheSameValue) {
    const auto value = boost::json::parse(R"({"a":[1,-2,3.5e-9,1e300,"x"],"b":{"c":null,"d":false}})");
    EXPECT_EQ(boost::json::parse(serialize_json(value)), value);
}

// Python's json.dumps writes 35.625 and 210000.0; Boost.JSON's serialize 3.5625E1 and 2.1E5.
const boost::json::value body = {{"price", 35.625}, {"count", 210000.0}, {"tiny", 1e-7}, {"big", 1e21}, {"id", 7}};
const std::string body_text = R"({"price":35.625,"count":210000,"tiny":1e-7,"big":1e+21,"id":7})";

class JsonBodyTest : public ::testing::TestWithParam<test::RunMode> {};

TEST_P(JsonBodyTest, AnHttpRequestWithJsonSendsExactlyTheShortestForms) {
    std::vector<transport::RecordedRequest> sent;
    auto transport = std::make_shared<transport::MockTransport>([&](const transport::RecordedRequest& request) {
        sent.push_back(request);
        return transport::MockResponse{.status_code = 204};
    });
    rest::HttpRequest request("POST", "/prices", {.json = body});
    if (GetParam() == test::RunMode::Sync) {
        PipelineClient client("https://service.example", {.transport = transport});
        client.send_request(std::move(request));
    } else {
        boost::asio::io_context context;
        AsyncPipelineClient client("https://service.example", context.get_executor(), {.transport = transport});
        test::run_awaitable(context, [&]() -> net::awaitable<void> { co_await client.send_request(std::move(request)); }());
    }
    ASSERT_EQ(sent.size(), 1u);
    EXPECT_EQ(std::string(as_string_view(sent[0].body)), body_text);
    EXPECT_EQ(sent[0].headers.get("Content-Type"), "application/json");
    EXPECT_EQ(sent[0].headers.get("Content-Length"), std::to_string(body_text.size()));
}

INSTANTIATE_TEST_SUITE_P(BothModes, JsonBodyTest, ::testing::Values(test::RunMode::Sync, test::RunMode::Async));

}  // namespace
}  // namespace azcore::serialization
