#include <azcore/policies/network_trace_logging_policy.hpp>

#include <azcore/logging/logger.hpp>
#include <azcore/pipeline/pipeline.hpp>
#include <azcore/rest/http_request.hpp>
#include <azcore/rest/http_response.hpp>
#include <azcore/transport/mock_transport.hpp>

#include "support/log_capture.hpp"
#include "support/run_mode.hpp"

#include <gtest/gtest.h>

namespace azcore::policies {
namespace {

using test::LogCapture;
using test::RunMode;
using transport::MockResponse;
using transport::MockTransport;

constexpr std::string_view logger_name = "azure.core.pipeline.policies._universal";

std::shared_ptr<MockTransport> answering(MockResponse response) {
    return std::make_shared<MockTransport>([response](const transport::RecordedRequest&) -> MockTransport::Outcome { return response; });
}

MockResponse json_response() {
    return MockResponse{.status_code = 201,
                        .headers = {{"Content-Type", "application/json"}, {"x-ms-request-id", "req-9"}},
                        .body = to_bytes(R"({"name":"blob"})")};
}

rest::HttpRequest put_request() {
    rest::HttpRequest request("PUT", "https://example.test/items/1?api-version=2024-01-01");
    request.headers = {{"Content-Type", "application/json"}, {"Authorization", "Bearer t0ken"}};
    request.content = std::make_shared<const Bytes>(to_bytes(R"({"size":3})"));
    return request;
}

class NetworkTraceLoggingPolicyTest : public ::testing::TestWithParam<RunMode> {};

TEST_P(NetworkTraceLoggingPolicyTest, LogsNothingUnlessEnabled) {
    LogCapture capture("azure", logging::DEBUG);
    pipeline::Pipeline pipeline(answering(json_response()), {std::make_shared<NetworkTraceLoggingPolicy>()});
    auto response = test::run_pipeline(pipeline, GetParam(), put_request());
    EXPECT_TRUE(capture.records().empty());
    ASSERT_NE(response.context->get<bool>("logging_enable"), nullptr);
    EXPECT_FALSE(*response.context->get<bool>("logging_enable"));
}

TEST_P(NetworkTraceLoggingPolicyTest, LogsRequestAndResponseWithBodiesAtDebug) {
    LogCapture capture("azure", logging::DEBUG);
    auto policy = std::make_shared<NetworkTraceLoggingPolicy>(NetworkTraceLoggingPolicyOptions{.logging_enable = true});
    pipeline::Pipeline pipeline(answering(json_response()), {policy});

    test::run_pipeline(pipeline, GetParam(), put_request());

    const auto records = capture.records();
    ASSERT_EQ(records.size(), 2u);
    EXPECT_EQ(records[0].name, logger_name);
    EXPECT_EQ(records[0].levelno, logging::DEBUG);
    EXPECT_EQ(records[0].message,
              "Request URL: 'https://example.test/items/1?api-version=2024-01-01'\n"
              "Request method: 'PUT'\n"
              "Request headers:\n"
              "    'Content-Type': 'application/json'\n"
              "    'Authorization': 'REDACTED'\n"
              "Request body:\n"
              "{\"size\":3}");
    EXPECT_EQ(records[1].message,
              "Response status: '201'\n"
              "Response headers:\n"
              "    'Content-Type': 'application/json'\n"
              "    'x-ms-request-id': 'req-9'\n"
              "Response content:\n"
              "{\"name\":\"blob\"}");
}

TEST_P(NetworkTraceLoggingPolicyTest, ThePerCallOptionTurnsTheTraceOnAndOff) {
    LogCapture capture("azure", logging::DEBUG);
    pipeline::Pipeline off_by_default(answering(json_response()), {std::make_shared<NetworkTraceLoggingPolicy>()});
    test::run_pipeline(off_by_default, GetParam(), put_request(), options::Kwargs{{"logging_enable", true}});
    EXPECT_EQ(capture.records().size(), 2u);

    capture.clear();
    pipeline::Pipeline on_by_default(answering(json_response()),
                                     {std::make_shared<NetworkTraceLoggingPolicy>(NetworkTraceLoggingPolicyOptions{.logging_enable = true})});
    test::run_pipeline(on_by_default, GetParam(), put_request(), options::Kwargs{{"logging_enable", false}});
    EXPECT_TRUE(capture.records().empty());
}

TEST_P(NetworkTraceLoggingPolicyTest, LogsNothingWhenDebugIsNotEnabled) {
    LogCapture capture("azure", logging::INFO);
    pipeline::Pipeline pipeline(answering(json_response()),
                                {std::make_shared<NetworkTraceLoggingPolicy>(NetworkTraceLoggingPolicyOptions{.logging_enable = true})});
    test::run_pipeline(pipeline, GetParam(), put_request());
    EXPECT_TRUE(capture.records().empty());
}

TEST_P(NetworkTraceLoggingPolicyTest, DescribesBodiesItShouldNotPrint) {
    LogCapture capture("azure", logging::DEBUG);
    struct Case {
        CaseInsensitiveDict headers;
        bool stream;
        std::string last_line;
    };
    const std::vector<Case> cases = {
        {{{"Content-Disposition", "attachment; filename=report.pdf"}}, false, "File attachments: report.pdf"},
        {{{"Content-Type", "application/octet-stream"}}, false, "Body contains binary data."},
        {{{"Content-Type", "image/png"}}, false, "Body contains image data."},
        {{{"Content-Type", "text/plain"}}, true, "Body is streamable."},
        {{{"Content-Type", "text/plain"}}, false, "plain text"},
    };
    for (const Case& c : cases) {
        capture.clear();
        pipeline::Pipeline pipeline(answering(MockResponse{.status_code = 200, .headers = c.headers, .body = to_bytes("plain text")}),
                                    {std::make_shared<NetworkTraceLoggingPolicy>(NetworkTraceLoggingPolicyOptions{.logging_enable = true})});
        rest::HttpRequest request("GET", "https://example.test/file");
        test::run_pipeline(pipeline, GetParam(), std::move(request), options::Kwargs{{"stream", c.stream}});
        const auto messages = capture.messages_of(logger_name);
        ASSERT_EQ(messages.size(), 2u);
        EXPECT_TRUE(messages[0].ends_with("Request body:\nThis request has no body")) << messages[0];
        EXPECT_TRUE(messages[1].ends_with("Response content:\n" + c.last_line)) << messages[1];
    }
}

TEST_P(NetworkTraceLoggingPolicyTest, AStreamedRequestBodyIsAFileUpload) {
    LogCapture capture("azure", logging::DEBUG);
    pipeline::Pipeline pipeline(answering(json_response()),
                                {std::make_shared<NetworkTraceLoggingPolicy>(NetworkTraceLoggingPolicyOptions{.logging_enable = true})});
    rest::HttpRequest request("PUT", "https://example.test/upload");
    request.content = std::make_shared<rest::BytesStream>(to_bytes("data"));
    test::run_pipeline(pipeline, GetParam(), std::move(request));
    const auto messages = capture.messages_of(logger_name);
    ASSERT_EQ(messages.size(), 2u);
    EXPECT_TRUE(messages[0].ends_with("Request body:\nFile upload")) << messages[0];
}

INSTANTIATE_TEST_SUITE_P(BothModes, NetworkTraceLoggingPolicyTest, ::testing::Values(RunMode::Sync, RunMode::Async));

}  // namespace
}  // namespace azcore::policies
