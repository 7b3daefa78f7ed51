// Secrets never reach a log: a request carrying a bearer token, an API key and a SAS signature goes
// through both logging policies at DEBUG, and every line any handler receives is checked.
#include <azcore/credentials.hpp>
#include <azcore/exceptions.hpp>
#include <azcore/logging/logger.hpp>
#include <azcore/pipeline/pipeline.hpp>
#include <azcore/policies/azure_key_credential_policy.hpp>
#include <azcore/policies/azure_sas_credential_policy.hpp>
#include <azcore/policies/bearer_token_credential_policy.hpp>
#include <azcore/policies/http_logging_policy.hpp>
#include <azcore/policies/network_trace_logging_policy.hpp>
#include <azcore/rest/http_request.hpp>
#include <azcore/rest/http_response.hpp>
#include <azcore/transport/mock_transport.hpp>

#include "support/log_capture.hpp"
#include "support/run_mode.hpp"
#include "support/test_credentials.hpp"

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
    test::run_pipeline(pipeline, GetParam(), std::move(request), options::Kwargs{{"logging_enable", true}});
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

// The credential policies' secrets (a bearer token, the token minted for a CAE challenge, a key
// and a SAS) go through both logging policies at DEBUG, a CAE round trip included: no log line
// holds any of them, nor does any exception these requests end with.
TEST_P(LogRedactionTest, CredentialPolicySecretsReachNoLogLineAndNoExceptionMessage) {
    LogCapture capture("", logging::DEBUG);
    const int old_azure_level = logging::get_logger("azure").level();
    logging::get_logger("azure").set_level(logging::DEBUG);
    const std::string claims = R"({"access_token":{"nbf":{"essential":true}}})";
    auto token_credential = std::make_shared<test::CountingCredential>();  // mints token-N[.claims]
    auto transport = std::make_shared<MockTransport>([&](const transport::RecordedRequest& request) -> MockTransport::Outcome {
        const std::string* authorization = request.headers.find("Authorization");
        if (authorization != nullptr && *authorization == "Bearer token-1")
            return MockResponse{.status_code = 401,
                                .headers = {{"WWW-Authenticate", R"(Bearer error="insufficient_claims", claims=")" +
                                                                     test::base64url(claims) + "\""}}};
        return MockResponse{.status_code = 403, .headers = {{"Content-Type", "text/plain"}}, .body = to_bytes("forbidden")};
    });
    auto key = std::make_shared<credentials::AzureKeyCredential>("secret-key-456");
    auto sas = std::make_shared<credentials::AzureSasCredential>("?sv=2021&sig=secret-sig-789");
    pipeline::Pipeline pipeline(
        transport, {std::make_shared<BearerTokenCredentialPolicy>(token_credential, std::vector<std::string>{"scope/.default"}),
                    std::make_shared<AzureKeyCredentialPolicy>(key, "Ocp-Apim-Subscription-Key"),
                    std::make_shared<AzureSasCredentialPolicy>(sas), std::make_shared<NetworkTraceLoggingPolicy>(),
                    std::make_shared<HttpLoggingPolicy>()});
    std::vector<std::string> exception_messages;
    auto response = test::run_pipeline(pipeline, GetParam(), rest::HttpRequest("GET", "https://account.example/c/b"),
                                       options::Kwargs{{"logging_enable", true}});
    try {
        response.http_response->raise_for_status();
    } catch (const std::exception& error) {
        exception_messages.emplace_back(error.what());
    }
    try {
        test::run_pipeline(pipeline, GetParam(), rest::HttpRequest("GET", "http://account.example/c/b"));
    } catch (const exceptions::ServiceRequestError& error) {
        exception_messages.emplace_back(error.what());
    }
    try {
        key->update("");
    } catch (const std::exception& error) {
        exception_messages.emplace_back(error.what());
    }
    logging::get_logger("azure").set_level(old_azure_level);

    const std::string claims_token = "token-2." + test::base64url(claims);
    // The secrets were sent.
    const auto sent = transport->requests();
    ASSERT_EQ(sent.size(), 2u);
    EXPECT_EQ(*sent[1].headers.find("Authorization"), "Bearer " + claims_token);
    EXPECT_EQ(*sent[1].headers.find("Ocp-Apim-Subscription-Key"), "secret-key-456");
    EXPECT_NE(sent[1].url.find("sig=secret-sig-789"), std::string::npos);
    ASSERT_EQ(exception_messages.size(), 3u);
    const std::vector<std::string> secrets_sent = {"token-1", claims_token, "secret-key-456", "secret-sig-789"};
    const auto records = capture.records();
    EXPECT_EQ(capture.messages_of(NetworkTraceLoggingPolicy::LOGGER_NAME).size(), 4u);
    EXPECT_EQ(capture.messages_of(HttpLoggingPolicy::LOGGER_NAME).size(), 4u);
    for (const std::string& secret : secrets_sent) {
        for (const auto& record : records) EXPECT_EQ(record.message.find(secret), std::string::npos) << record.message;
        for (const auto& message : exception_messages) EXPECT_EQ(message.find(secret), std::string::npos) << message;
    }
}

// A value that the transport will refuse is logged first: its CR LF must not forge a log line.
TEST_P(LogRedactionTest, ControlCharactersInLoggedValuesAreEscapedNotWritten) {
    LogCapture capture("", logging::INFO);
    const int old_azure_level = logging::get_logger("azure").level();
    logging::get_logger("azure").set_level(logging::INFO);
    auto transport = std::make_shared<MockTransport>(
        [](const transport::RecordedRequest&) -> MockTransport::Outcome { return MockResponse{.status_code = 200}; });
    pipeline::Pipeline pipeline(transport, {std::make_shared<HttpLoggingPolicy>()});
    rest::HttpRequest request("GET\x01", "https://example.test/path");
    request.headers = {{"User-Agent", "agent\r\nForged: line\ttab\x7F"}};
    EXPECT_THROW(test::run_pipeline(pipeline, GetParam(), std::move(request)), std::invalid_argument);
    logging::get_logger("azure").set_level(old_azure_level);

    const auto messages = capture.messages_of(HttpLoggingPolicy::LOGGER_NAME);
    ASSERT_EQ(messages.size(), 1u);
    EXPECT_EQ(messages[0],
              "Request URL: 'https://example.test/path'\nRequest method: 'GET\\x01'\nRequest headers:\n"
              "    'User-Agent': 'agent\\r\\nForged: line\\ttab\\x7F'\nNo body was attached to the request");
    EXPECT_EQ(transport->requests().size(), 0u);
}

INSTANTIATE_TEST_SUITE_P(BothModes, LogRedactionTest, ::testing::Values(RunMode::Sync, RunMode::Async));

}  // namespace
}  // namespace azcore::policies
