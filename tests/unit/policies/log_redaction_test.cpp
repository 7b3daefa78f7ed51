// Secrets never reach a log: a request carrying a bearer token, an API key and a SAS signature goes
// through both logging policies at DEBUG, and every line any handler receives is checked.
#include <azcore/logging/logger.hpp>
#include <azcore/pipeline/pipeline.hpp>
#include <azcore/policies/http_logging_policy.hpp>
#include <azcore/policies/network_trace_logging_policy.hpp>
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

constexpr std::array<std::string_view, 4> secrets{"secret-token-123", "secret-key-456", "secret-sig-789", "secret-cookie-000"};

class LogRedactionTest : public ::testing::TestWithParam<RunMode> {};

TEST_P(LogRedactionTest, NoSecretReachesAnyLogLineOfEitherLoggingPolicy) {
    LogCapture capture("", logging::DEBUG);  // the root logger: every record of every logger
    const int old_azure_level = logging::get_logger("azure").level();
    logging::get_logger("azure").set_level(logging::DEBUG);
    auto transport = std::make_shared<MockTransport>([](const transport::RecordedRequest&) -> MockTransport::Outcome {
        return MockResponse{.status_code = 200,
                            .headers = {{"Content-Type", "text/plain"},
                                        {"x-ms-request-id", "request-id-visible"},
                                        {"Set-Cookie", "session=secret-cookie-000"}},
                            .body = to_bytes("response body visible")};
    });
    pipeline::Pipeline pipeline(transport, {std::make_shared<NetworkTraceLoggingPolicy>(), std::make_shared<HttpLoggingPolicy>()});

    rest::HttpRequest request("GET", "https://account.blob.core.windows.net/container/blob?sv=2021&sig=secret-sig-789");
    request.headers = {{"Authorization", "Bearer secret-token-123"},
                       {"api-key", "secret-key-456"},
                       {"x-ms-client-request-id", "client-id-visible"},
                       {"User-Agent", "agent-visible"}};
    test::run_pipeline(pipeline, GetParam(), std::move(request), pipeline::Kwargs{{"logging_enable", true}});
    logging::get_logger("azure").set_level(old_azure_level);

    const auto records = capture.records();
    ASSERT_EQ(capture.messages_of(NetworkTraceLoggingPolicy::LOGGER_NAME).size(), 2u);
    ASSERT_EQ(capture.messages_of(HttpLoggingPolicy::LOGGER_NAME).size(), 2u);
    std::string everything;
    for (const auto& record : records) {
        for (std::string_view secret : secrets) EXPECT_EQ(record.message.find(secret), std::string::npos) << record.message;
        everything += record.message + "\n";
    }
    // The transport did get the secrets: redaction is for logs only.
    EXPECT_EQ(*transport->requests().at(0).headers.find("Authorization"), "Bearer secret-token-123");
    // What is safe to show is shown.
    for (std::string_view visible : {"client-id-visible", "agent-visible", "request-id-visible", "response body visible",
                                     "'Authorization': 'REDACTED'", "'api-key': 'REDACTED'", "sig=REDACTED",
                                     "'Set-Cookie': 'REDACTED'", "https://account.blob.core.windows.net/container/blob?"})
        EXPECT_NE(everything.find(visible), std::string::npos) << visible << " missing from:\n" << everything;
}

INSTANTIATE_TEST_SUITE_P(BothModes, LogRedactionTest, ::testing::Values(RunMode::Sync, RunMode::Async));

}  // namespace
}  // namespace azcore::policies
