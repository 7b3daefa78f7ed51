// Header and request smuggling, in both faces against the test server: a request whose method,
// header name or header value (from the caller, a per-call option or a policy) could split the
// request on the wire is refused with std::invalid_argument before anything is sent.
#include <azcore/configuration.hpp>
#include <azcore/credentials.hpp>
#include <azcore/policies/azure_key_credential_policy.hpp>
#include <azcore/rest/http_request.hpp>
#include <azcore/testserver/test_server.hpp>
#include <azcore/transport/async_curl_transport.hpp>
#include <azcore/transport/curl_transport.hpp>

#include <boost/asio/io_context.hpp>

#include "support/dual_client.hpp"
#include "support/invalid_argument_message.hpp"
#include "support/run_mode.hpp"

#include <gtest/gtest.h>

namespace azcore {
namespace {

using namespace std::string_literals;
using rest::HttpRequest;
using test::RunMode;
using testserver::TestServer;

constexpr const char* smuggled = "a\r\n\r\nGET /smuggled HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";

class RequestValidationTest : public ::testing::TestWithParam<RunMode> {
protected:
    // The message of the std::invalid_argument that sending request throws; the server must
    // not have seen a connection, let alone a request.
    std::string refusal(HttpRequest request, SendRequestOptions options = {}) {
        std::string message = test::invalid_argument_message([&] { client_->send(std::move(request), std::move(options)); });
        EXPECT_TRUE(server_.requests().empty());
        EXPECT_EQ(server_.connections_accepted(), 0u);
        return message;
    }

    // The standard policies (request id, headers, user agent, redirect, retry…), plus
    // authentication when given: every source of headers a client has.
    std::unique_ptr<test::DualClient> make_client(std::shared_ptr<pipeline::HTTPPolicy> authentication = nullptr) {
        Configuration config = default_configuration();
        config.authentication_policy = std::move(authentication);
        return std::make_unique<test::DualClient>(server_.base_url(), GetParam(), transport::ConnectionConfiguration{},
                                                  test::DualClientSetup{.config = std::move(config)});
    }

    TestServer server_;
    std::unique_ptr<test::DualClient> client_ = make_client();
};

TEST_P(RequestValidationTest, RefusesAHeaderValueWithCrLf) {
    EXPECT_EQ(refusal(HttpRequest("GET", "/echo", {.headers = {{"X-Probe", "a\r\nInjected: yes"}}})),
              "header 'X-Probe': value contains CR or LF");
}

TEST_P(RequestValidationTest, RefusesAHeaderValueCarryingASecondRequest) {
    EXPECT_EQ(refusal(HttpRequest("GET", "/echo", {.headers = {{"X-Probe", smuggled}}})), "header 'X-Probe': value contains CR or LF");
}

TEST_P(RequestValidationTest, RefusesAHeaderNameWithAColon) {
    EXPECT_EQ(refusal(HttpRequest("GET", "/echo", {.headers = {{"X-Probe: injected", "v"}}})),
              "header name: ':' at offset 7 (after 'X-Probe') is not a token character");
}

TEST_P(RequestValidationTest, RefusesAHeaderNameWithASpace) {
    EXPECT_EQ(refusal(HttpRequest("GET", "/echo", {.headers = {{"X Probe", "v"}}})),
              "header name: SP at offset 1 (after 'X') is not a token character");
}

TEST_P(RequestValidationTest, RefusesAPerCallUserAgentWithCrLf) {
    SendRequestOptions options{.kwargs = {{"user_agent", "probe\r\nInjected: yes"s}}};
    EXPECT_EQ(refusal(HttpRequest("GET", "/echo"), std::move(options)), "header 'User-Agent': value contains CR or LF");
}

TEST_P(RequestValidationTest, RefusesAPerCallRequestIdWithCrLf) {
    SendRequestOptions options{.kwargs = {{"request_id", std::string(smuggled)}}};
    EXPECT_EQ(refusal(HttpRequest("GET", "/echo"), std::move(options)),
              "header 'x-ms-client-request-id': value contains CR or LF");
}

TEST_P(RequestValidationTest, RefusesPerCallHeadersWithCrLf) {
    SendRequestOptions options{.kwargs = {{"headers", CaseInsensitiveDict{{"X-Per-Call", "a\nInjected: yes"}}}}};
    EXPECT_EQ(refusal(HttpRequest("GET", "/echo"), std::move(options)), "header 'X-Per-Call': value contains CR or LF");
}

// The key comes from a credential, and the policy sets the header on each try: the check sees it.
// The message names the header and never quotes the key.
TEST_P(RequestValidationTest, RefusesAHeaderAPolicyAddedWithCrLfWithoutQuotingIt) {
    auto key = std::make_shared<credentials::AzureKeyCredential>("secret-key\r\nInjected: yes");
    client_ = make_client(std::make_shared<policies::AzureKeyCredentialPolicy>(key, "api-key"));
    EXPECT_EQ(refusal(HttpRequest("GET", "/echo")), "header 'api-key': value contains CR or LF");
}

TEST_P(RequestValidationTest, RefusesAMethodWithCrLfWithoutQuotingTheCrLf) {
    EXPECT_EQ(refusal(HttpRequest("GET /smuggled HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\nGET", "/echo")),
              "method: SP at offset 3 (after 'GET') is not a token character");
    EXPECT_EQ(refusal(HttpRequest("GET\r\nInjected: yes", "/echo")), "method: CR at offset 3 (after 'GET') is not a token character");
}

TEST_P(RequestValidationTest, RefusesANulInAHeaderValueInsteadOfCuttingIt) {
    EXPECT_EQ(refusal(HttpRequest("GET", "/echo", {.headers = {{"X-Probe", "before\0after"s}}})), "header 'X-Probe': value contains NUL");
}

TEST_P(RequestValidationTest, RefusesANonHttpUrlWithoutQuotingIt) {
    const std::string url = "ftp://127.0.0.1:" + std::to_string(server_.port()) + "/file?sig=secret";
    EXPECT_EQ(refusal(HttpRequest("GET", url)), "url: scheme 'ftp' is not http or https");
}

TEST_P(RequestValidationTest, RefusesAUrlWithCrLf) {
    EXPECT_EQ(refusal(HttpRequest("GET", server_.base_url() + "/echo\r\nInjected: yes")),
              "url: not a valid URL (RFC 3986): CR at offset " + std::to_string(server_.base_url().size() + 5));
}

// The curl transports run the whole check themselves (the pipeline leaves it to them): called
// without a pipeline, they refuse the same requests with the same messages.
TEST_P(RequestValidationTest, TheCurlTransportsRefuseTheSameRequestsWithoutAPipeline) {
    auto send_directly = [&](HttpRequest request) {
        auto shared = std::make_shared<HttpRequest>(std::move(request));
        return test::invalid_argument_message([&] {
            if (GetParam() == RunMode::Sync) {
                transport::CurlTransport transport;
                transport.send(shared, {});
            } else {
                boost::asio::io_context io;
                transport::AsyncCurlTransport transport(io.get_executor());
                test::run_awaitable(io, transport.async_send(shared, {}));
            }
        });
    };
    const std::string echo = server_.base_url() + "/echo";
    EXPECT_EQ(send_directly(HttpRequest("GET", echo, {.headers = {{"X-Probe", "a\r\nb"}}})), "header 'X-Probe': value contains CR or LF");
    EXPECT_EQ(send_directly(HttpRequest("GET\r\n", echo)), "method: CR at offset 3 (after 'GET') is not a token character");
    EXPECT_EQ(send_directly(HttpRequest("GET", echo, {.headers = {{"X Probe", "a"}}})),
              "header name: SP at offset 1 (after 'X') is not a token character");
    EXPECT_EQ(send_directly(HttpRequest("GET", "ftp://127.0.0.1/file")), "url: scheme 'ftp' is not http or https");
    EXPECT_TRUE(server_.requests().empty());
    EXPECT_EQ(server_.connections_accepted(), 0u);
}

TEST_P(RequestValidationTest, SendsEmptyBlankObsTextAndTabbedValuesAndStillWorksAfterARefusal) {
    EXPECT_EQ(refusal(HttpRequest("GET", "/echo", {.headers = {{"X-Probe", "a\r\nb"}}})), "header 'X-Probe': value contains CR or LF");
    test::Result result =
        client_->send(HttpRequest("GET", "/echo", {.headers = {{"X-Empty", ""}, {"X-Blank", "  "}, {"X-Obs", "caf\xc3\xa9"}, {"X-Tab", "a\tb"}}}));
    EXPECT_EQ(result.status_code, 200);
    const std::vector<testserver::RecordedRequest> received = server_.requests();
    ASSERT_EQ(received.size(), 1u);
    const auto& headers = received[0].headers;
    auto value_of = [&](std::string_view name) {
        for (const auto& [sent_name, value] : headers)
            if (sent_name == name) return value;
        return std::string("<absent>");
    };
    EXPECT_EQ(value_of("X-Empty"), "");
    EXPECT_EQ(value_of("X-Blank"), "");
    EXPECT_EQ(value_of("X-Obs"), "caf\xc3\xa9");
    EXPECT_EQ(value_of("X-Tab"), "a\tb");
}

INSTANTIATE_TEST_SUITE_P(BothModes, RequestValidationTest, ::testing::Values(RunMode::Sync, RunMode::Async));

}  // namespace
}  // namespace azcore
