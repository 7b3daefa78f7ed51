#include <azcore/policies/http_logging_policy.hpp>

#include <azcore/logging/logger.hpp>
#include <azcore/pipeline/pipeline.hpp>
#include <azcore/policies/retry_policy.hpp>
#include <azcore/rest/http_request.hpp>
#include <azcore/rest/http_response.hpp>
#include <azcore/transport/mock_transport.hpp>

#include "policies/log_redaction.hpp"
#include "support/log_capture.hpp"
#include "support/run_mode.hpp"

#include <gtest/gtest.h>

namespace azcore::policies {
namespace {

using test::LogCapture;
using test::RunMode;
using test::ScopedEnv;
using transport::MockResponse;
using transport::MockTransport;

constexpr std::string_view logger_name = "azure.core.pipeline.policies.http_logging_policy";

std::shared_ptr<MockTransport> answering(MockResponse response) {
    return std::make_shared<MockTransport>([response](const transport::RecordedRequest&) -> MockTransport::Outcome { return response; });
}

MockResponse ok_response() {
    return MockResponse{.status_code = 200,
                        .headers = {{"Content-Type", "application/json"}, {"x-ms-request-id", "req-1"}, {"Set-Cookie", "s=1"}},
                        .body = to_bytes("{}")};
}

rest::HttpRequest get_request() {
    rest::HttpRequest request("GET", "https://account.blob.core.windows.net/c/b?api-version=2021&comp=list");
    request.headers = {{"User-Agent", "azsdk-cpp/1"}, {"x-ms-client-request-id", "abc"}, {"Authorization", "Bearer t"}};
    return request;
}

class HttpLoggingPolicyTest : public ::testing::TestWithParam<RunMode> {
protected:
    ScopedEnv multi_record_{"AZURE_SDK_LOGGING_MULTIRECORD", std::nullopt};
};

TEST_P(HttpLoggingPolicyTest, LogsPythonsRequestAndResponseRecordsAtInfo) {
    LogCapture capture("azure", logging::INFO);
    pipeline::Pipeline pipeline(answering(ok_response()), {std::make_shared<HttpLoggingPolicy>()});

    test::run_pipeline(pipeline, GetParam(), get_request());

    const auto records = capture.records();
    ASSERT_EQ(records.size(), 2u);
    EXPECT_EQ(records[0].name, logger_name);
    EXPECT_EQ(records[0].levelno, logging::INFO);
    EXPECT_EQ(records[0].message,
              "Request URL: 'https://account.blob.core.windows.net/c/b?api-version=2021&comp=REDACTED'\n"
              "Request method: 'GET'\n"
              "Request headers:\n"
              "    'User-Agent': 'azsdk-cpp/1'\n"
              "    'x-ms-client-request-id': 'abc'\n"
              "    'Authorization': 'REDACTED'\n"
              "No body was attached to the request");
    EXPECT_EQ(records[1].levelno, logging::INFO);
    EXPECT_EQ(records[1].message,
              "Response status: 200\n"
              "Response headers:\n"
              "    'Content-Type': 'application/json'\n"
              "    'x-ms-request-id': 'req-1'\n"
              "    'Set-Cookie': 'REDACTED'");
}

TEST_P(HttpLoggingPolicyTest, SaysWhetherABodyWasSent) {
    LogCapture capture("azure", logging::INFO);
    pipeline::Pipeline pipeline(answering(ok_response()), {std::make_shared<HttpLoggingPolicy>()});

    rest::HttpRequest with_bytes("PUT", "https://example.test/x");
    with_bytes.content = std::make_shared<const Bytes>(to_bytes("payload"));
    test::run_pipeline(pipeline, GetParam(), std::move(with_bytes));
    rest::HttpRequest with_stream("PUT", "https://example.test/x");
    with_stream.content = std::make_shared<rest::BytesStream>(to_bytes("streamed"));
    test::run_pipeline(pipeline, GetParam(), std::move(with_stream));

    const auto messages = capture.messages_of(logger_name);
    ASSERT_EQ(messages.size(), 4u);
    EXPECT_TRUE(messages[0].ends_with("\nRequest headers:\nA body is sent with the request")) << messages[0];
    EXPECT_TRUE(messages[2].ends_with("\nFile upload")) << messages[2];
}

TEST_P(HttpLoggingPolicyTest, AllowListsAreExtendablePerInstance) {
    LogCapture capture("azure", logging::INFO);
    auto policy = std::make_shared<HttpLoggingPolicy>();
    policy->allowed_header_names.insert("x-custom");
    policy->allowed_query_params.insert("COMP");
    pipeline::Pipeline pipeline(answering(ok_response()), {policy});

    rest::HttpRequest request("GET", "https://example.test/p?api-version=2021-01-01&comp=list&sig=abc%2Bdef&flag#frag");
    request.headers = {{"X-Custom", "shown"}, {"x-other", "hidden"}};
    test::run_pipeline(pipeline, GetParam(), std::move(request));

    const auto messages = capture.messages_of(logger_name);
    ASSERT_FALSE(messages.empty());
    EXPECT_EQ(messages[0],
              "Request URL: 'https://example.test/p?api-version=2021-01-01&comp=list&sig=REDACTED&flag=REDACTED#frag'\n"
              "Request method: 'GET'\n"
              "Request headers:\n"
              "    'X-Custom': 'shown'\n"
              "    'x-other': 'REDACTED'\n"
              "No body was attached to the request");
    // Another instance keeps Python's defaults.
    HttpLoggingPolicy other;
    EXPECT_FALSE(other.allowed_header_names.contains("x-custom"));
    EXPECT_TRUE(other.allowed_header_names.contains("X-MS-REQUEST-ID"));
    EXPECT_EQ(other.allowed_query_params, CaseInsensitiveSet{"api-version"});
}

// Python 1.41: api-version always, and the constructor's additional_allowed_query_params.
TEST_P(HttpLoggingPolicyTest, AdditionalAllowedQueryParamsShowTheirValuesBesidesApiVersion) {
    LogCapture capture("azure", logging::INFO);
    auto policy = std::make_shared<HttpLoggingPolicy>(
        HttpLoggingPolicyOptions{.additional_allowed_query_params = {"comp", "RESTYPE"}});
    EXPECT_EQ(policy->allowed_query_params, (CaseInsensitiveSet{"api-version", "comp", "RESTYPE"}));
    pipeline::Pipeline pipeline(answering(ok_response()), {policy});

    test::run_pipeline(pipeline, GetParam(),
                       rest::HttpRequest("GET", "https://h.test/c?restype=container&Comp=list&api-version=2021&sv=2020&sig=s3cret"));

    const auto messages = capture.messages_of(logger_name);
    ASSERT_EQ(messages.size(), 2u);
    EXPECT_EQ(messages[0],
              "Request URL: 'https://h.test/c?restype=container&Comp=list&api-version=2021&sv=REDACTED&sig=REDACTED'\n"
              "Request method: 'GET'\n"
              "Request headers:\n"
              "No body was attached to the request");
}

// Python 1.41's http_logging_level: every record of the policy at that level.
TEST_P(HttpLoggingPolicyTest, LogsEveryRecordAtTheConfiguredLevel) {
    ScopedEnv multi("AZURE_SDK_LOGGING_MULTIRECORD", "1");
    LogCapture capture("azure", logging::DEBUG);
    auto policy = std::make_shared<HttpLoggingPolicy>(HttpLoggingPolicyOptions{.http_logging_level = logging::DEBUG});
    EXPECT_EQ(policy->http_logging_level, logging::DEBUG);
    pipeline::Pipeline pipeline(answering(ok_response()), {policy});

    rest::HttpRequest request("DELETE", "https://example.test/x");
    request.headers = {{"Accept", "*/*"}};
    test::run_pipeline(pipeline, GetParam(), std::move(request));

    const auto records = capture.records();
    ASSERT_EQ(records.size(), 10u);
    for (const auto& record : records) {
        EXPECT_EQ(record.name, logger_name);
        EXPECT_EQ(record.levelno, logging::DEBUG) << record.message;
        EXPECT_EQ(record.levelname, "DEBUG");
    }
    EXPECT_EQ(records[0].message, "Request URL: 'https://example.test/x'");
    EXPECT_EQ(records[9].message, "    'Set-Cookie': 'REDACTED'");
}

TEST_P(HttpLoggingPolicyTest, LogsNothingWhenTheLoggerIsNotEnabledForTheConfiguredLevel) {
    LogCapture capture("azure", logging::INFO);
    pipeline::Pipeline debug_pipeline(
        answering(ok_response()),
        {std::make_shared<HttpLoggingPolicy>(HttpLoggingPolicyOptions{.http_logging_level = logging::DEBUG})});
    test::run_pipeline(debug_pipeline, GetParam(), get_request());
    EXPECT_TRUE(capture.records().empty());

    // A level above INFO is logged by a logger that would drop INFO.
    LogCapture warning_capture("azure", logging::WARNING);
    pipeline::Pipeline warning_pipeline(
        answering(ok_response()),
        {std::make_shared<HttpLoggingPolicy>(HttpLoggingPolicyOptions{.http_logging_level = logging::WARNING})});
    test::run_pipeline(warning_pipeline, GetParam(), get_request());
    const auto records = warning_capture.records();
    ASSERT_EQ(records.size(), 2u);
    EXPECT_EQ(records[0].levelno, logging::WARNING);
    EXPECT_TRUE(records[0].message.starts_with("Request URL: ")) << records[0].message;
    EXPECT_EQ(records[1].levelno, logging::WARNING);
    EXPECT_TRUE(records[1].message.starts_with("Response status: 200")) << records[1].message;
}

// Python pops `http_logging_level` from the call and keeps it in the context: every try uses it.
TEST_P(HttpLoggingPolicyTest, APerCallLevelReplacesThePolicysLevelForEveryTry) {
    LogCapture capture("azure", logging::DEBUG);
    auto tries = std::make_shared<int>(0);
    auto transport = std::make_shared<MockTransport>([tries](const transport::RecordedRequest&) -> MockTransport::Outcome {
        return ++*tries == 1 ? MockResponse{.status_code = 503} : MockResponse{.status_code = 200};
    });
    pipeline::Pipeline pipeline(transport, {std::make_shared<RetryPolicy>(), std::make_shared<HttpLoggingPolicy>()});

    test::run_pipeline(pipeline, GetParam(), rest::HttpRequest("GET", "https://example.test/x"),
                       options::Kwargs{{"http_logging_level", logging::DEBUG}});

    ASSERT_EQ(*tries, 2);
    const auto records = capture.records();
    ASSERT_EQ(records.size(), 4u);  // request and response of each try
    for (const auto& record : records) EXPECT_EQ(record.levelno, logging::DEBUG) << record.message;
    EXPECT_TRUE(records[1].message.starts_with("Response status: 503")) << records[1].message;
    EXPECT_TRUE(records[3].message.starts_with("Response status: 200")) << records[3].message;

    // Not passed again: the policy's INFO.
    capture.clear();
    test::run_pipeline(pipeline, GetParam(), rest::HttpRequest("GET", "https://example.test/x"));
    ASSERT_EQ(capture.records().size(), 2u);
    EXPECT_EQ(capture.records()[0].levelno, logging::INFO);
}

TEST_P(HttpLoggingPolicyTest, APerCallLevelThatIsNotAnIntIsRefusedNamingTheOption) {
    pipeline::Pipeline pipeline(answering(ok_response()), {std::make_shared<HttpLoggingPolicy>()});
    try {
        test::run_pipeline(pipeline, GetParam(), get_request(), options::Kwargs{{"http_logging_level", "DEBUG"}});
        FAIL() << "no exception";
    } catch (const std::invalid_argument& error) {
        EXPECT_EQ(std::string(error.what()), "http_logging_level: expected an int (a logging level)");
    }
}

TEST_P(HttpLoggingPolicyTest, MultiRecordEnvironmentLogsOneRecordPerLine) {
    ScopedEnv multi("AZURE_SDK_LOGGING_MULTIRECORD", "1");
    LogCapture capture("azure", logging::INFO);
    pipeline::Pipeline pipeline(answering(ok_response()), {std::make_shared<HttpLoggingPolicy>()});

    rest::HttpRequest request("DELETE", "https://example.test/x");
    request.headers = {{"Accept", "*/*"}};
    test::run_pipeline(pipeline, GetParam(), std::move(request));

    EXPECT_EQ(capture.messages_of(logger_name),
              (std::vector<std::string>{"Request URL: 'https://example.test/x'", "Request method: 'DELETE'",
                                        "Request headers:", "    'Accept': '*/*'", "No body was attached to the request",
                                        "Response status: 200", "Response headers:",
                                        "    'Content-Type': 'application/json'", "    'x-ms-request-id': 'req-1'",
                                        "    'Set-Cookie': 'REDACTED'"}));
}

TEST_P(HttpLoggingPolicyTest, LogsNothingWhenTheLoggerIsNotEnabledForInfo) {
    LogCapture capture("azure", logging::WARNING);
    pipeline::Pipeline pipeline(answering(ok_response()), {std::make_shared<HttpLoggingPolicy>()});
    test::run_pipeline(pipeline, GetParam(), get_request());
    EXPECT_TRUE(capture.records().empty());
}

TEST_P(HttpLoggingPolicyTest, APerCallLoggerReplacesThePolicysLogger) {
    LogCapture default_capture("azure", logging::INFO);
    LogCapture call_capture("test.http_logging.per_call", logging::INFO);
    logging::Logger* call_logger = &logging::get_logger("test.http_logging.per_call");
    pipeline::Pipeline pipeline(answering(ok_response()), {std::make_shared<HttpLoggingPolicy>()});

    test::run_pipeline(pipeline, GetParam(), get_request(), options::Kwargs{{"logger", call_logger}});

    EXPECT_TRUE(default_capture.records().empty());
    ASSERT_EQ(call_capture.records().size(), 2u);
    EXPECT_TRUE(call_capture.records()[1].message.starts_with("Response status: 200"));
}

TEST_P(HttpLoggingPolicyTest, APolicyBuiltWithALoggerUsesIt) {
    LogCapture capture("test.http_logging.ctor", logging::INFO);
    auto policy = std::make_shared<HttpLoggingPolicy>(
        HttpLoggingPolicyOptions{.logger = &logging::get_logger("test.http_logging.ctor")});
    pipeline::Pipeline pipeline(answering(ok_response()), {policy});
    test::run_pipeline(pipeline, GetParam(), get_request());
    EXPECT_EQ(capture.records().size(), 2u);
}

INSTANTIATE_TEST_SUITE_P(BothModes, HttpLoggingPolicyTest, ::testing::Values(RunMode::Sync, RunMode::Async));

TEST(RedactUrlTest, RedactsQueryValuesAsPythonsHttpLoggingPolicy) {
    const CaseInsensitiveSet none;
    const CaseInsensitiveSet api_version{"api-version"};
    struct Case {
        std::string_view url;
        const CaseInsensitiveSet& allowed;
        std::string_view expected;
    };
    const Case cases[] = {
        {"https://h/p", none, "https://h/p"},
        {"https://h/p?", none, "https://h/p"},
        {"https://h/p?a=1&b=2", none, "https://h/p?a=REDACTED&b=REDACTED"},
        {"https://h/p?a=1&&b=", none, "https://h/p?a=REDACTED&b=REDACTED"},
        {"https://h/p?api-version=2021&sig=x", api_version, "https://h/p?api-version=2021&sig=REDACTED"},
        {"https://h/p?API-VERSION=a%20b+c", api_version, "https://h/p?API-VERSION=a b c"},
        {"https://h/p?%73ig=secret", none, "https://h/p?sig=REDACTED"},
        {"https://h/p?flag", api_version, "https://h/p?flag=REDACTED"},
        {"https://h/p?api-version", api_version, "https://h/p?api-version="},
        {"https://h/p?a=1#x?y=2", none, "https://h/p?a=REDACTED#x?y=2"},
        {"https://user:pa55@h/p?a=1", none, "https://user:REDACTED@h/p?a=REDACTED"},
        {"https://user@h/p", none, "https://user@h/p"},
        {"not a url?sig=1", none, "not a url?sig=REDACTED"},
    };
    for (const Case& c : cases) EXPECT_EQ(detail::redact_url(c.url, c.allowed), c.expected) << c.url;
}

}  // namespace
}  // namespace azcore::policies
