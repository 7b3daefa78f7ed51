// The OTLP/HTTP receiver peer (tests/peers/otel/otlp_receiver.js), reached through azcore's
// pipeline in both faces as the OTLP exporter will reach it: a hand-written OTLP JSON document is
// decoded exactly, a broken one is refused with the reason, and its 503 mode is retried by the
// standard policies. (The receiver's own decoding cases: otlp_receiver_selftest.js.)
#include <azcore/configuration.hpp>

#include "support/dual_client.hpp"
#include "support/otel_peers.hpp"
#include "support/run_mode.hpp"

#include <boost/json.hpp>
#include <gtest/gtest.h>

#include <memory>
#include <string>

namespace azcore::test {
namespace {

using rest::HttpRequest;

// One CLIENT span (kind 3) with a parent, an int and a string attribute, an event and an error status.
constexpr const char* document = R"({
  "resourceSpans": [{
    "resource": {"attributes": [{"key": "service.name", "value": {"stringValue": "azcore-tests"}}]},
    "scopeSpans": [{
      "scope": {"name": "azcore", "version": "1.0.0"},
      "spans": [{
        "traceId": "0af7651916cd43dd8448eb211c80319c",
        "spanId": "b7ad6b7169203331",
        "parentSpanId": "00f067aa0ba902b7",
        "name": "GET",
        "kind": 3,
        "startTimeUnixNano": "1700000000000000001",
        "endTimeUnixNano": "1700000000250000000",
        "attributes": [
          {"key": "http.request.method", "value": {"stringValue": "GET"}},
          {"key": "http.response.status_code", "value": {"intValue": "503"}}
        ],
        "events": [{"timeUnixNano": "1700000000100000000", "name": "exception",
                    "attributes": [{"key": "exception.type", "value": {"stringValue": "ServiceResponseError"}}]}],
        "status": {"code": 2, "message": "ServiceResponseError: reset"}
      }]
    }]
  }]
})";

class OtlpReceiverTest : public ::testing::TestWithParam<RunMode> {
protected:
    void SetUp() override {
        if (auto why = otel_peers_missing()) GTEST_SKIP() << *why;
        receiver_ = &OtlpReceiver::shared();
        receiver_->reset();
        client_ = std::make_unique<DualClient>(receiver_->base_url(), GetParam(), transport::ConnectionConfiguration{},
                                               DualClientSetup{.config = default_configuration()});
    }
    Result post(const std::string& body) {
        return client_->send(HttpRequest("POST", "/v1/traces",
                                         {.headers = {{"Content-Type", "application/json"}}, .content = body}));
    }

    OtlpReceiver* receiver_ = nullptr;
    std::unique_ptr<DualClient> client_;
};

TEST_P(OtlpReceiverTest, AHandWrittenDocumentIsDecodedExactly) {
    Result result = post(document);
    ASSERT_EQ(result.status_code, 200) << result.body;
    EXPECT_EQ(result.body, "{}");
    EXPECT_EQ(receiver_->received(), boost::json::parse(R"([{
      "traceId": "0af7651916cd43dd8448eb211c80319c", "spanId": "b7ad6b7169203331", "parentSpanId": "00f067aa0ba902b7",
      "traceState": "", "flags": 0, "name": "GET", "kind": 3,
      "startTimeUnixNano": "1700000000000000001", "endTimeUnixNano": "1700000000250000000",
      "attributes": {"http.request.method": {"stringValue": "GET"}, "http.response.status_code": {"intValue": "503"}},
      "droppedAttributesCount": 0,
      "events": [{"name": "exception", "timeUnixNano": "1700000000100000000",
                  "attributes": {"exception.type": {"stringValue": "ServiceResponseError"}}}],
      "links": [],
      "status": {"code": 2, "message": "ServiceResponseError: reset"},
      "resource": {"attributes": {"service.name": {"stringValue": "azcore-tests"}}, "droppedAttributesCount": 0, "schemaUrl": ""},
      "scope": {"name": "azcore", "version": "1.0.0", "attributes": {}, "schemaUrl": ""}
    }])"));
    EXPECT_EQ(receiver_->stats(), boost::json::parse(R"({"requests":1,"accepted":1,"rejected":0,"refused":0,"spans":1})"));
}

TEST_P(OtlpReceiverTest, ABrokenDocumentIs400WithTheReasonAndIsCounted) {
    std::string short_id(document);
    short_id.replace(short_id.find("b7ad6b7169203331"), 16, "b7ad6b71692033");
    Result result = post(short_id);
    EXPECT_EQ(result.status_code, 400);
    EXPECT_EQ(boost::json::parse(result.body),
              boost::json::parse(R"({"code":3,"message":"resourceSpans[0].scopeSpans[0].spans[0].spanId: expected 16 hex digits (8 bytes), got \"b7ad6b71692033\""})"));
    EXPECT_TRUE(receiver_->received().empty());
    EXPECT_EQ(receiver_->stats(), boost::json::parse(R"({"requests":1,"accepted":0,"rejected":1,"refused":0,"spans":0})"));
}

// The standard RetryPolicy retries a POST answered 503.
TEST_P(OtlpReceiverTest, Its503ModeIsRetriedByTheStandardPolicies) {
    EXPECT_EQ(receiver_->set_mode({{"status", 503}, {"times", 1}}),
              boost::json::parse(R"({"status":503,"delayMs":0,"times":1,"retryAfter":null})"));
    Result result = post(document);
    EXPECT_EQ(result.status_code, 200) << result.body;
    EXPECT_EQ(receiver_->received().size(), 1u);
    EXPECT_EQ(receiver_->stats(), boost::json::parse(R"({"requests":2,"accepted":1,"rejected":0,"refused":1,"spans":1})"));
}

INSTANTIATE_TEST_SUITE_P(BothModes, OtlpReceiverTest, ::testing::Values(RunMode::Sync, RunMode::Async));

}  // namespace
}  // namespace azcore::test
