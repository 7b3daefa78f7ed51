// CloudEvent interop with the official CloudEvents JS SDK (`cloudevents` on npm, pinned in
// tests/peers; tests/peers/cloudevents/cloudevents_peer.js runs it as a stdin/stdout filter):
// events azcore writes are parsed and validated by the SDK with every attribute and extension
// equal, and events the SDK writes are parsed by azcore the same way.
#include <azcore/messaging/cloud_event.hpp>

#include "support/filter_process.hpp"
#include "support/peer_process.hpp"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

#include <chrono>
#include <string>
#include <unistd.h>
#include <vector>

namespace azcore::test {
namespace {

namespace json = boost::json;
using messaging::CloudEvent;
using messaging::CloudEventOptions;
using serialization::DateTime;

DateTime at(std::string_view text) { return serialization::parse_datetime(text); }

/// Runs the SDK peer in mode with input; its stdout, or a test failure with its stderr.
std::string sdk(const std::string& mode, const std::string& input = {}) {
    FilterResult result = run_filter({peers_dir() + "/cloudevents/cloudevents_peer.js", mode}, input);
    if (result.exit_code != 0)
        throw std::runtime_error("cloudevents_peer.js " + mode + " exited " + std::to_string(result.exit_code) + ": " + result.err);
    return result.out;
}

/// Every byte value, for binary data.
Bytes all_bytes() {
    Bytes out;
    for (int i = 0; i < 256; ++i) out.push_back(static_cast<std::uint8_t>(i));
    return out;
}

std::vector<CloudEvent> azcore_events() {
    return {
        CloudEvent("https://azcore.test/json", "com.azcore.json",
                   {.id = "az-1",
                    .time = at("2024-02-29T23:59:59.123456Z"),
                    .datacontenttype = "application/json",
                    .dataschema = "https://azcore.test/schema.json",
                    .subject = "subject \xc3\xa9",
                    .data = json::parse(R"({"nested":{"list":[1,"two",true,null,-2.5]},"unicode":"caf\u00e9 \u2603","empty":{}})"),
                    .extensions = {{"extstring", "text"}, {"extint", 42}, {"extneg", -7}, {"extbool", false}, {"ext2", "x"}}}),
        CloudEvent("urn:azcore:binary", "com.azcore.binary",
                   {.id = "az-2",
                    .time = at("2021-02-23T17:11:13.308772-08:00"),
                    .datacontenttype = "application/octet-stream",
                    .data = all_bytes()}),
        CloudEvent("/azcore/text", "com.azcore.text",
                   {.id = "az-3", .time = at("2000-01-01T00:00:00Z"), .datacontenttype = "text/plain", .data = json::value("plain text")}),
    };
}

/// event with its time cut to milliseconds: the SDK's structured parser keeps time as a JS Date.
CloudEvent to_milliseconds(CloudEvent event) {
    if (event.time) event.time = std::chrono::floor<std::chrono::milliseconds>(*event.time);
    return event;
}

class CloudEventInteropTest : public ::testing::Test {
protected:
    void SetUp() override {
        const std::string sdk_package = peers_dir() + "/node_modules/cloudevents/package.json";
        if (::access(sdk_package.c_str(), R_OK) != 0)
            GTEST_SKIP() << sdk_package << " is not installed: run scripts/setup.sh (npm ci --prefix tests/peers)";
    }
};

TEST_F(CloudEventInteropTest, ABatchAzcoreWritesIsParsedByTheSdkWithEveryAttributeEqual) {
    const std::vector<CloudEvent> events = azcore_events();
    // The SDK's batch parser keeps time as written: every attribute comes back exactly.
    EXPECT_EQ(CloudEvent::from_json(sdk("parse", CloudEvent::to_json(events))), events);
}

TEST_F(CloudEventInteropTest, EachEventAzcoreWritesIsParsedByTheSdkInStructuredMode) {
    for (const CloudEvent& event : azcore_events()) {
        SCOPED_TRACE(event.id);
        const std::vector<CloudEvent> parsed = CloudEvent::from_json(sdk("parse", event.to_json()));
        ASSERT_EQ(parsed.size(), 1u);
        EXPECT_EQ(parsed[0], to_milliseconds(event));
    }
}

/// The events cloudevents_peer.js writes, as it declares them.
std::vector<CloudEvent> sdk_events() {
    return {
        CloudEvent("/js/sdk", "com.example.json",
                   {.id = "js-1",
                    .time = at("2024-02-29T23:59:59.123+05:30"),
                    .datacontenttype = "application/json",
                    .dataschema = "https://example.com/schema.json",
                    .subject = "subject one",
                    .data = json::parse(R"({"nested":{"list":[1,"two",true,null]},"unicode":"caf\u00e9 \u2603"})"),
                    .extensions = {{"extstring", "text"}, {"extint", 42}, {"extneg", -7}, {"extbool", true},
                                   {"extdate", "2020-01-01T00:00:00.000Z"}}}),
        CloudEvent("urn:js:binary", "com.example.binary",
                   {.id = "js-2",
                    .time = at("2021-02-23T17:11:13.308-08:00"),
                    .datacontenttype = "application/octet-stream",
                    .data = Bytes{0, 1, 2, 253, 254, 255}}),
        CloudEvent("https://example.com/text", "com.example.text",
                   {.id = "js-3", .time = at("2000-01-01T00:00:00Z"), .datacontenttype = "text/plain", .data = json::value("plain text")}),
    };
}

TEST_F(CloudEventInteropTest, EventsTheSdkWritesAreParsedByAzcoreWithEveryAttributeEqual) {
    const std::string batch = sdk("write-batch");
    EXPECT_EQ(CloudEvent::from_json(batch), sdk_events()) << batch;
    const std::string one = sdk("write-one");
    EXPECT_EQ(CloudEvent::from_json(one), std::vector<CloudEvent>{sdk_events().front()}) << one;
    // What azcore writes back of them, the SDK reads as the same events.
    EXPECT_EQ(CloudEvent::from_json(sdk("parse", CloudEvent::to_json(CloudEvent::from_json(batch)))), sdk_events());
}

/// The "time" text of the one event the SDK gives back for input.
std::string sdk_time(const std::string& input) {
    const json::array parsed = json::parse(sdk("parse", input)).as_array();
    if (parsed.size() != 1) throw std::runtime_error("expected one event back");
    return std::string(parsed[0].at("time").as_string());
}

TEST_F(CloudEventInteropTest, TimesWithOffsetsAndFractionsAreTheSameInstantForBoth) {
    struct Row {
        std::string time;
        std::string utc;  // the instant, worked out by hand
        std::string sdk;  // what the SDK's structured parser keeps: UTC, milliseconds
    };
    const std::vector<Row> rows{
        {"2021-02-18T20:18:10.1234567+05:30", "2021-02-18T14:48:10.123456Z", "2021-02-18T14:48:10.123Z"},
        {"2021-02-23T17:11:13.308772-08:00", "2021-02-24T01:11:13.308772Z", "2021-02-24T01:11:13.308Z"},
        {"2024-02-29T23:59:59.999999+14:00", "2024-02-29T09:59:59.999999Z", "2024-02-29T09:59:59.999Z"},
        {"2024-02-28T12:30:00-12:00", "2024-02-29T00:30:00Z", "2024-02-29T00:30:00.000Z"},
        {"2021-02-18T20:18:10.539861122Z", "2021-02-18T20:18:10.539861Z", "2021-02-18T20:18:10.539Z"},
        {"1999-12-31T23:59:59.5+00:00", "1999-12-31T23:59:59.5Z", "1999-12-31T23:59:59.500Z"},
    };
    for (const Row& row : rows) {
        SCOPED_TRACE(row.time);
        const std::string text = R"({"specversion":"1.0","id":"t","source":"s","type":"t","time":")" + row.time + "\"}";
        const CloudEvent ours = CloudEvent::from_json(text).at(0);
        EXPECT_EQ(ours.time, at(row.utc));
        // Structured mode: the SDK reads the text as a JS Date and writes it in UTC, to the millisecond.
        EXPECT_EQ(sdk_time(text), row.sdk);
        EXPECT_EQ(CloudEvent::from_json(sdk("parse", text)).at(0).time, to_milliseconds(ours).time);
        // Batch mode: the SDK keeps the text as it is; azcore reads it to the same instant again.
        EXPECT_EQ(sdk_time("[" + text + "]"), row.time);
        // What azcore writes (UTC, microseconds) the SDK reads to the same millisecond.
        EXPECT_EQ(sdk_time(ours.to_json()), row.sdk);
    }
}

}  // namespace
}  // namespace azcore::test
