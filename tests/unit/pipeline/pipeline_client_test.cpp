#include <azcore/pipeline/sans_io_http_policy.hpp>
#include <azcore/pipeline_client.hpp>
#include <azcore/rest/http_request.hpp>
#include <azcore/rest/http_response.hpp>
#include <azcore/transport/mock_transport.hpp>

#include <gtest/gtest.h>

namespace azcore {
namespace {

using pipeline::HTTPPolicy;
using transport::MockResponse;
using transport::MockTransport;

class Named : public pipeline::SansIOHTTPPolicy {
public:
    explicit Named(std::string name) : name(std::move(name)) {}
    std::string name;
};

std::vector<std::string> names(const std::vector<std::shared_ptr<HTTPPolicy>>& policies) {
    std::vector<std::string> result;
    for (const auto& policy : policies) result.push_back(dynamic_cast<const Named&>(*policy).name);
    return result;
}

std::shared_ptr<HTTPPolicy> named(std::string name) { return std::make_shared<Named>(std::move(name)); }

std::shared_ptr<MockTransport> echo_transport() {
    return std::make_shared<MockTransport>([](const transport::RecordedRequest& request) {
        return MockResponse{.status_code = 200, .body = to_bytes(request.url)};
    });
}

TEST(PipelineClientTest, BuildsTheDefaultPolicyListInPythonsOrder) {
    Configuration config{
        .request_id_policy = named("request_id"),
        .headers_policy = named("headers"),
        .user_agent_policy = named("user_agent"),
        .proxy_policy = named("proxy"),
        .redirect_policy = named("redirect"),
        .retry_policy = named("retry"),
        .authentication_policy = named("authentication"),
        .custom_hook_policy = named("custom_hook"),
        .logging_policy = named("logging"),
        .http_logging_policy = named("http_logging"),
    };
    PipelineClientOptions options{.per_call_policies = {named("per_call")}, .per_retry_policies = {named("per_retry")}};
    EXPECT_EQ(names(build_policies(config, options)),
              (std::vector<std::string>{"request_id", "headers", "user_agent", "proxy", "per_call", "redirect", "retry",
                                        "authentication", "custom_hook", "per_retry", "logging", "http_logging"}));
}

TEST(PipelineClientTest, PutsPerCallPoliciesInFrontOfAnExplicitList) {
    PipelineClientOptions options{.policies = std::vector<std::shared_ptr<HTTPPolicy>>{named("a"), named("b")},
                                  .per_call_policies = {named("first")}};
    EXPECT_EQ(names(build_policies({}, options)), (std::vector<std::string>{"first", "a", "b"}));
}

TEST(PipelineClientTest, RefusesPerRetryPoliciesWithoutARetryPolicyInAnExplicitList) {
    PipelineClientOptions options{.policies = std::vector<std::shared_ptr<HTTPPolicy>>{named("a")},
                                  .per_retry_policies = {named("r")}};
    try {
        build_policies({}, options);
        FAIL();
    } catch (const std::invalid_argument& error) {
        EXPECT_STREQ(error.what(), "Failed to add per_retry_policies; no RetryPolicy found in the supplied list of policies.");
    }
}

TEST(PipelineClientTest, FormatUrlJoinsRelativePathsAndQueries) {
    PipelineClient client("https://{account}.blob.example/base?sv=1", {.transport = echo_transport()});
    EXPECT_EQ(client.format_url("/containers/{name}", {{"account", "acct"}, {"name", "c1"}}),
              "https://acct.blob.example/base/containers/c1?sv=1");
    EXPECT_EQ(client.format_url("items?api-version=2024", {{"account", "a"}}), "https://a.blob.example/base/items?sv=1&api-version=2024");
    EXPECT_EQ(client.format_url("https://other.example/x/{id}", {{"id", "7"}}), "https://other.example/x/7");
    EXPECT_EQ(client.format_url("", {{"account", "a"}}), "https://a.blob.example/base?sv=1");
}

TEST(PipelineClientTest, FormatUrlDropsSegmentsWhosePlaceholderHasNoValue) {
    EXPECT_EQ(format_url_section("/a/{x}/b/{y}", {{"y", "2"}}), "/a/b/2");
    EXPECT_EQ(format_url_section("{x}", {}), "");
}

TEST(PipelineClientTest, FormatUrlNamesAMissingBaseUrlPart) {
    PipelineClient client("https://{account}.example", {.transport = echo_transport()});
    try {
        client.format_url("/x");
        FAIL();
    } catch (const std::invalid_argument& error) {
        EXPECT_STREQ(error.what(), "The value provided for the url part account was incorrect, and resulted in an invalid url");
    }
}

TEST(PipelineClientTest, SendRequestJoinsARelativeUrlAndReturnsTheReadResponse) {
    auto transport = echo_transport();
    PipelineClient client("https://service.example/api", {.transport = transport});
    auto response = client.send_request(rest::HttpRequest("GET", "/items"));
    EXPECT_EQ(response->status_code(), 200);
    EXPECT_EQ(response->text(), "https://service.example/api/items");
}

TEST(PipelineClientTest, SendRequestWithStreamLeavesTheBodyUnread) {
    PipelineClient client("https://service.example", {.transport = echo_transport()});
    auto response = client.send_request(rest::HttpRequest("GET", "/items"), {.stream = true});
    EXPECT_FALSE(response->is_stream_consumed());
    EXPECT_EQ(as_string_view(response->read()), "https://service.example/items");
}

}  // namespace
}  // namespace azcore
