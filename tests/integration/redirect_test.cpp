// RedirectPolicy and SensitiveHeaderCleanupPolicy end to end: CurlTransport and AsyncCurlTransport
// against the project's test server (/redirect?to=URL&status=S), in both faces.
#include <azcore/async_pipeline_client.hpp>
#include <azcore/credentials.hpp>
#include <azcore/exceptions.hpp>
#include <azcore/pipeline/sans_io_http_policy.hpp>
#include <azcore/pipeline_client.hpp>
#include <azcore/policies/azure_key_credential_policy.hpp>
#include <azcore/policies/azure_sas_credential_policy.hpp>
#include <azcore/policies/bearer_token_credential_policy.hpp>
#include <azcore/policies/http_logging_policy.hpp>
#include <azcore/policies/redirect_policy.hpp>
#include <azcore/policies/retry_policy.hpp>
#include <azcore/rest/async_http_response.hpp>
#include <azcore/rest/http_request.hpp>
#include <azcore/rest/http_response.hpp>
#include <azcore/testserver/test_server.hpp>
#include <azcore/transport/async_curl_transport.hpp>
#include <azcore/transport/curl_transport.hpp>

#include "support/dual_client.hpp"
#include "support/log_capture.hpp"
#include "support/run_mode.hpp"
#include "support/temp_dir.hpp"
#include "support/test_credentials.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/algorithm/string/predicate.hpp>
#include <boost/json.hpp>
#include <gtest/gtest.h>

#include <optional>
#include <string_view>

namespace azcore {
namespace {

using rest::HttpRequest;
using test::RunMode;
using testserver::TestServer;

// Adds credentials on every try, as a credential policy in the authentication slot would.
class StaticAuthorizationPolicy : public pipeline::SansIOHTTPPolicy {
public:
    void on_request(pipeline::PipelineRequest& request) const override {
        request.http_request->headers.set("Authorization", "Bearer secret");
        request.http_request->headers.set("x-ms-authorization-auxiliary", "Bearer aux");
    }
};

Configuration redirecting_config() {
    return Configuration{.redirect_policy = std::make_shared<policies::RedirectPolicy>(),
                         .authentication_policy = std::make_shared<StaticAuthorizationPolicy>()};
}

std::string header_sent(const boost::json::value& echo, const char* name) {
    const auto& headers = echo.at("headers").as_object();
    auto it = headers.find(name);
    return it == headers.end() ? std::string("<absent>") : std::string(it->value().as_string());
}

// "/redirect?to=" nested n times around target: the server strips one level per request.
std::string chain(int n, const std::string& target) {
    std::string url = target;
    for (int i = 0; i < n; ++i) url = "/redirect?to=" + url;
    return url;
}

class RedirectTest : public ::testing::TestWithParam<RunMode> {
protected:
    std::shared_ptr<rest::HttpResponseBase> send(HttpRequest request, SendRequestOptions options = {}) {
        if (GetParam() == RunMode::Sync) return sync_client_.send_request(std::move(request), std::move(options));
        std::exception_ptr failure;
        std::shared_ptr<rest::AsyncHttpResponse> response;
        boost::asio::co_spawn(
            io_, async_client_.send_request(std::move(request), std::move(options)),
            [&](std::exception_ptr error, std::shared_ptr<rest::AsyncHttpResponse> value) {
                failure = error;
                response = std::move(value);
            });
        io_.restart();
        io_.run();
        if (failure) std::rethrow_exception(failure);
        return response;
    }
    std::size_t requests_to(const TestServer& server) const { return server.requests().size(); }

    TestServer server_;
    TestServer other_;
    PipelineClient sync_client_{server_.base_url(),
                                {.transport = std::make_shared<transport::CurlTransport>(), .config = redirecting_config()}};
    boost::asio::io_context io_;
    AsyncPipelineClient async_client_{
        server_.base_url(), io_.get_executor(),
        {.transport = std::make_shared<transport::AsyncCurlTransport>(io_.get_executor()), .config = redirecting_config()}};
};

TEST_P(RedirectTest, FollowsARelativeLocationToTheEcho) {
    auto response = send(HttpRequest("GET", "/redirect?to=/echo%3Fhop%3D1"));
    ASSERT_EQ(response->status_code(), 200);
    auto echo = response->json();
    EXPECT_EQ(echo.at("method"), "GET");
    EXPECT_EQ(echo.at("path"), "/echo");
    EXPECT_EQ(echo.at("query"), "hop=1");
    EXPECT_EQ(response->url(), server_.base_url() + "/echo?hop=1");
    EXPECT_EQ(requests_to(server_), 2u);
}

TEST_P(RedirectTest, ARedirectLoopEndsInTooManyRedirectsErrorAfter31Requests) {
    try {
        send(HttpRequest("GET", chain(40, "/echo")));
        FAIL() << "no exception";
    } catch (const exceptions::TooManyRedirectsError& error) {
        EXPECT_STREQ(error.what(), "Reached maximum redirect attempts.");
        ASSERT_EQ(error.history().size(), 31u);
        EXPECT_EQ(error.history().front().http_request->url, server_.base_url() + chain(40, "/echo"));
        EXPECT_EQ(error.history().back().http_request->url, server_.base_url() + chain(10, "/echo"));
        for (const auto& entry : error.history()) EXPECT_EQ(entry.http_response->status_code(), 302);
    }
    EXPECT_EQ(requests_to(server_), 31u);
}

TEST_P(RedirectTest, RedirectMaxPerCallLimitsTheChain) {
    EXPECT_THROW(send(HttpRequest("GET", chain(5, "/echo")), {.kwargs = {{"redirect_max", 3}}}), exceptions::TooManyRedirectsError);
    EXPECT_EQ(requests_to(server_), 4u);
    server_.clear_requests();
    auto response = send(HttpRequest("GET", chain(3, "/echo")), {.kwargs = {{"redirect_max", 3}}});
    EXPECT_EQ(response->status_code(), 200);
    EXPECT_EQ(requests_to(server_), 4u);
}

TEST_P(RedirectTest, Follows301And302ForGetButNotForPost) {
    for (int status : {301, 302}) {
        server_.clear_requests();
        auto get = send(HttpRequest("GET", "/redirect?status=" + std::to_string(status) + "&to=/echo"));
        EXPECT_EQ(get->status_code(), 200) << status;
        EXPECT_EQ(get->json().at("method"), "GET");

        server_.clear_requests();
        auto post = send(HttpRequest("POST", "/redirect?status=" + std::to_string(status) + "&to=/echo", {.content = to_bytes("payload")}));
        EXPECT_EQ(post->status_code(), status);
        EXPECT_EQ(post->headers().get("Location"), "/echo");
        EXPECT_EQ(requests_to(server_), 1u);
    }
}

TEST_P(RedirectTest, A303TurnsAPostIntoAGetWithoutBody) {
    HttpRequest request("POST", "/redirect?status=303&to=/echo", {.json = boost::json::value{{"name", "x"}}});
    auto response = send(std::move(request));
    ASSERT_EQ(response->status_code(), 200);
    auto echo = response->json();
    EXPECT_EQ(echo.at("method"), "GET");
    EXPECT_EQ(echo.at("body_length").to_number<std::uint64_t>(), 0u);
    EXPECT_EQ(header_sent(echo, "content-type"), "<absent>");
    EXPECT_EQ(header_sent(echo, "content-length"), "<absent>");
    auto first = server_.requests().at(0);
    EXPECT_EQ(first.method, "POST");
    EXPECT_EQ(first.body, R"({"name":"x"})");
}

TEST_P(RedirectTest, A307OrA308KeepsTheMethodAndTheBody) {
    for (int status : {307, 308}) {
        HttpRequest request("PUT", "/redirect?status=" + std::to_string(status) + "&to=/echo",
                            {.headers = {{"Content-Type", "text/plain"}}, .content = to_bytes("payload")});
        auto response = send(std::move(request));
        ASSERT_EQ(response->status_code(), 200) << status;
        auto echo = response->json();
        EXPECT_EQ(echo.at("method"), "PUT");
        EXPECT_EQ(echo.at("body"), "payload");
        EXPECT_EQ(header_sent(echo, "content-type"), "text/plain");
    }
}

TEST_P(RedirectTest, KeepsCredentialsOnTheSameHost) {
    auto response = send(HttpRequest("GET", "/redirect?to=" + server_.base_url() + "/echo"));
    ASSERT_EQ(response->status_code(), 200);
    auto echo = response->json();
    EXPECT_EQ(header_sent(echo, "authorization"), "Bearer secret");
    EXPECT_EQ(header_sent(echo, "x-ms-authorization-auxiliary"), "Bearer aux");
}

TEST_P(RedirectTest, DropsCredentialsOnARedirectToAnotherHost) {
    auto response = send(HttpRequest("GET", "/redirect?to=" + other_.base_url() + "/echo"));
    ASSERT_EQ(response->status_code(), 200);
    auto echo = response->json();
    EXPECT_EQ(header_sent(echo, "authorization"), "<absent>");
    EXPECT_EQ(header_sent(echo, "x-ms-authorization-auxiliary"), "<absent>");
    ASSERT_EQ(other_.requests().size(), 1u);
    // The first hop, to the original host, carried them.
    auto first = server_.requests().at(0);
    bool had_authorization = false;
    for (const auto& [name, value] : first.headers) had_authorization |= (name == "Authorization" && value == "Bearer secret");
    EXPECT_TRUE(had_authorization);
}

TEST_P(RedirectTest, TreatsAnotherNameForTheSameServerAsAnotherHost) {
    std::string localhost = "http://localhost:" + std::to_string(server_.port());
    auto response = send(HttpRequest("GET", "/redirect?to=" + localhost + "/echo"));
    ASSERT_EQ(response->status_code(), 200);
    EXPECT_EQ(header_sent(response->json(), "authorization"), "<absent>");
    EXPECT_EQ(requests_to(server_), 2u);
}

INSTANTIATE_TEST_SUITE_P(BothModes, RedirectTest, ::testing::Values(RunMode::Sync, RunMode::Async));

// What a hostile server can try with a redirect: other schemes, userinfo, a downgrade to http,
// and whether per-call options survive the hop.
class RedirectSafetyTest : public ::testing::TestWithParam<RunMode> {
protected:
    test::DualClient& client(const std::string& base_url, Configuration config, transport::ConnectionConfiguration connection = {}) {
        client_ = std::make_unique<test::DualClient>(base_url, GetParam(), std::move(connection),
                                                     test::DualClientSetup{.config = std::move(config)});
        return *client_;
    }
    static Configuration redirects(std::shared_ptr<pipeline::HTTPPolicy> authentication = nullptr) {
        return Configuration{.redirect_policy = std::make_shared<policies::RedirectPolicy>(),
                             .authentication_policy = std::move(authentication)};
    }
    static std::optional<std::string> header(const testserver::RecordedRequest& request, std::string_view name) {
        for (const auto& [key, value] : request.headers)
            if (boost::algorithm::iequals(key, name)) return value;
        return std::nullopt;
    }

    TestServer server_;
    std::unique_ptr<test::DualClient> client_;
};

TEST_P(RedirectSafetyTest, RefusesARedirectToAnotherSchemeAndRequestsNothing) {
    const std::string port = std::to_string(server_.port());
    const std::vector<std::pair<std::string, std::string>> cases = {
        {"file:///etc/passwd", "file"},
        {"file://localhost/etc/passwd", "file"},
        {"file:///no/such/file", "file"},
        {"dict://127.0.0.1:" + port + "/info", "dict"},
        {"gopher://127.0.0.1:" + port + "/_GET", "gopher"},
        {"ftp://127.0.0.1:" + port + "/", "ftp"}};
    auto& redirecting = client(server_.base_url(), redirects());
    for (const auto& [location, scheme] : cases) {
        server_.clear_requests();
        try {
            redirecting.send(HttpRequest("GET", "/redirect?to=" + location));
            FAIL() << "followed " << location;
        } catch (const exceptions::ServiceRequestError& error) {
            EXPECT_EQ(error.message(), "Redirect refused: scheme '" + scheme + "' is not http or https") << location;
        }
        EXPECT_EQ(server_.requests().size(), 1u) << location;
    }
    EXPECT_EQ(redirecting.send(HttpRequest("GET", "/echo")).status_code, 200);  // still working
}

TEST_P(RedirectSafetyTest, UserinfoInALocationIsDroppedNotSentAsBasicCredentials) {
    test::LogCapture logs;
    Configuration config = redirects();
    config.http_logging_policy = std::make_shared<policies::HttpLoggingPolicy>();
    const std::string target = "http://user:hunter2@127.0.0.1:" + std::to_string(server_.port()) + "/echo";
    auto result = client(server_.base_url(), std::move(config)).send(HttpRequest("GET", "/redirect?to=" + target));
    ASSERT_EQ(result.status_code, 200);
    EXPECT_EQ(header_sent(boost::json::parse(result.body), "authorization"), "<absent>");
    ASSERT_EQ(server_.requests().size(), 2u);
    EXPECT_EQ(server_.requests()[1].target, "/echo");
    EXPECT_EQ(header(server_.requests()[1], "Authorization"), std::nullopt);
    EXPECT_FALSE(logs.messages().empty());
    for (const auto& message : logs.messages()) EXPECT_EQ(message.find("hunter2"), std::string::npos) << message;
}

TEST_P(RedirectSafetyTest, PerCallRetryOptionsStillApplyAfterAHop) {
    Configuration config = redirects();
    config.retry_policy = std::make_shared<policies::RetryPolicy>(policies::RetryPolicyOptions{.retry_backoff_factor = 0});
    auto& redirecting = client(server_.base_url(), std::move(config));
    auto result = redirecting.send(HttpRequest("GET", "/redirect?to=/flaky%3Fkey%3Dhop%26fail%3D9"), {.kwargs = {{"retry_total", 0}}});
    EXPECT_EQ(result.status_code, 503);
    EXPECT_EQ(server_.flaky_count("hop"), 1u);
    // Without the option the target is retried as usual (retry_status = 3).
    redirecting.send(HttpRequest("GET", "/redirect?to=/flaky%3Fkey%3Dusual%26fail%3D9"));
    EXPECT_EQ(server_.flaky_count("usual"), 4u);
}

// https → http on the same host and port (a server that speaks both there): no credential of
// any policy travels on the http hop.
class DowngradeTest : public RedirectSafetyTest {
protected:
    test::TempDir dir_;
    testserver::CertificateFiles cert_ = testserver::make_self_signed_certificate(dir_.path().string());
    TestServer tls_server_{{.tls = testserver::TlsFiles{.cert_file = cert_.cert_file, .key_file = cert_.key_file}, .plain_too = true}};
    std::string downgrade_ = "/redirect?to=http://127.0.0.1:" + std::to_string(tls_server_.port()) + "/echo";

    test::DualClient& tls_client(std::shared_ptr<pipeline::HTTPPolicy> authentication) {
        return client(tls_server_.base_url(), redirects(std::move(authentication)), {.connection_verify = cert_.cert_file});
    }
};

TEST_P(DowngradeTest, TheKeyIsNotSentToTheHttpHop) {
    auto key = std::make_shared<credentials::AzureKeyCredential>("k3y");
    auto result = tls_client(std::make_shared<policies::AzureKeyCredentialPolicy>(key, "api-key")).send(HttpRequest("GET", downgrade_));
    ASSERT_EQ(result.status_code, 200);
    EXPECT_EQ(header_sent(boost::json::parse(result.body), "api-key"), "<absent>");
    auto sent = tls_server_.requests();
    ASSERT_EQ(sent.size(), 2u);
    EXPECT_EQ(header(sent[0], "api-key"), "k3y");  // over TLS
    EXPECT_EQ(sent[1].target, "/echo");
    EXPECT_EQ(header(sent[1], "api-key"), std::nullopt);
}

TEST_P(DowngradeTest, TheSasSignatureIsNotSentToTheHttpHop) {
    auto sas = std::make_shared<credentials::AzureSasCredential>("sig=s3cret");
    auto result = tls_client(std::make_shared<policies::AzureSasCredentialPolicy>(sas)).send(HttpRequest("GET", downgrade_));
    ASSERT_EQ(result.status_code, 200);
    auto sent = tls_server_.requests();
    ASSERT_EQ(sent.size(), 2u);
    EXPECT_NE(sent[0].target.find("sig=s3cret"), std::string::npos);
    EXPECT_EQ(sent[1].target, "/echo");
}

TEST_P(DowngradeTest, TheBearerTokenIsRefusedOrDroppedOnTheHttpHop) {
    auto credential = std::make_shared<test::CountingCredential>();
    auto bearer = std::make_shared<policies::BearerTokenCredentialPolicy>(credential, std::vector<std::string>{"scope/.default"});
    auto& redirecting = tls_client(bearer);
    try {
        redirecting.send(HttpRequest("GET", downgrade_));
        FAIL() << "no exception";
    } catch (const exceptions::ServiceRequestError& error) {
        EXPECT_EQ(error.message(), "Bearer token authentication is not permitted for non-TLS protected (non-https) URLs.");
    }
    EXPECT_EQ(tls_server_.requests().size(), 1u);

    tls_server_.clear_requests();
    auto result = redirecting.send(HttpRequest("GET", downgrade_), {.kwargs = {{"enforce_https", false}}});
    ASSERT_EQ(result.status_code, 200);
    auto sent = tls_server_.requests();
    ASSERT_EQ(sent.size(), 2u);
    EXPECT_EQ(header(sent[0], "Authorization"), "Bearer token-1");
    EXPECT_EQ(header(sent[1], "Authorization"), std::nullopt);
}

INSTANTIATE_TEST_SUITE_P(BothModes, RedirectSafetyTest, ::testing::Values(RunMode::Sync, RunMode::Async));
INSTANTIATE_TEST_SUITE_P(BothModes, DowngradeTest, ::testing::Values(RunMode::Sync, RunMode::Async));

}  // namespace
}  // namespace azcore
