// RedirectPolicy and SensitiveHeaderCleanupPolicy end to end: CurlTransport and AsyncCurlTransport
// against the project's test server (/redirect?to=URL&status=S), in both faces.
#include <azcore/async_pipeline_client.hpp>
#include <azcore/exceptions.hpp>
#include <azcore/pipeline/sans_io_http_policy.hpp>
#include <azcore/pipeline_client.hpp>
#include <azcore/policies/redirect_policy.hpp>
#include <azcore/rest/async_http_response.hpp>
#include <azcore/rest/http_request.hpp>
#include <azcore/rest/http_response.hpp>
#include <azcore/testserver/test_server.hpp>
#include <azcore/transport/async_curl_transport.hpp>
#include <azcore/transport/curl_transport.hpp>

#include "support/run_mode.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/json.hpp>
#include <gtest/gtest.h>

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

}  // namespace
}  // namespace azcore
