#include <azcore/async_pipeline_client.hpp>
#include <azcore/exceptions.hpp>
#include <azcore/pipeline/sans_io_http_policy.hpp>
#include <azcore/pipeline_client.hpp>
#include <azcore/policies/content_decode_policy.hpp>
#include <azcore/policies/custom_hook_policy.hpp>
#include <azcore/policies/distributed_tracing_policy.hpp>
#include <azcore/policies/headers_policy.hpp>
#include <azcore/policies/http_logging_policy.hpp>
#include <azcore/policies/network_trace_logging_policy.hpp>
#include <azcore/policies/proxy_policy.hpp>
#include <azcore/policies/redirect_policy.hpp>
#include <azcore/policies/request_id_policy.hpp>
#include <azcore/policies/retry_policy.hpp>
#include <azcore/policies/sensitive_header_cleanup_policy.hpp>
#include <azcore/policies/user_agent_policy.hpp>
#include <azcore/rest/http_request.hpp>
#include <azcore/rest/http_response.hpp>
#include <azcore/transport/mock_transport.hpp>

#include <boost/asio/io_context.hpp>
#include <boost/json/parse.hpp>
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

std::shared_ptr<HTTPPolicy> named(std::string name) { return std::make_shared<Named>(std::move(name)); }

std::shared_ptr<MockTransport> echo_transport() {
    return std::make_shared<MockTransport>([](const transport::RecordedRequest& request) {
        return MockResponse{.status_code = 200, .headers = {{"Content-Type", "text/plain"}}, .body = to_bytes(request.url)};
    });
}

// The policy's class, or the name of a Named stand-in.
std::string kind(const std::shared_ptr<HTTPPolicy>& policy) {
    const HTTPPolicy& p = *policy;
    if (const auto* named = dynamic_cast<const Named*>(&p)) return named->name;
    if (dynamic_cast<const policies::RequestIdPolicy*>(&p)) return "RequestIdPolicy";
    if (dynamic_cast<const policies::HeadersPolicy*>(&p)) return "HeadersPolicy";
    if (dynamic_cast<const policies::UserAgentPolicy*>(&p)) return "UserAgentPolicy";
    if (dynamic_cast<const policies::ProxyPolicy*>(&p)) return "ProxyPolicy";
    if (dynamic_cast<const policies::ContentDecodePolicy*>(&p)) return "ContentDecodePolicy";
    if (dynamic_cast<const policies::RedirectPolicy*>(&p)) return "RedirectPolicy";
    if (dynamic_cast<const policies::RetryPolicy*>(&p)) return "RetryPolicy";
    if (dynamic_cast<const policies::CustomHookPolicy*>(&p)) return "CustomHookPolicy";
    if (dynamic_cast<const policies::DistributedTracingPolicy*>(&p)) return "DistributedTracingPolicy";
    if (dynamic_cast<const policies::SensitiveHeaderCleanupPolicy*>(&p)) return "SensitiveHeaderCleanupPolicy";
    if (dynamic_cast<const policies::NetworkTraceLoggingPolicy*>(&p)) return "NetworkTraceLoggingPolicy";
    if (dynamic_cast<const policies::HttpLoggingPolicy*>(&p)) return "HttpLoggingPolicy";
    return "?";
}

std::vector<std::string> kinds(const std::vector<std::shared_ptr<HTTPPolicy>>& policies) {
    std::vector<std::string> result;
    for (const auto& policy : policies) result.push_back(kind(policy));
    return result;
}

TEST(PipelineClientTest, BuildsTheDefaultPolicyListInPythonsOrder) {
    Configuration config{
        .request_id_policy = std::make_shared<policies::RequestIdPolicy>(),
        .headers_policy = std::make_shared<policies::HeadersPolicy>(),
        .user_agent_policy = std::make_shared<policies::UserAgentPolicy>(),
        .proxy_policy = std::make_shared<policies::ProxyPolicy>(),
        .redirect_policy = std::make_shared<policies::RedirectPolicy>(),
        .retry_policy = std::make_shared<policies::RetryPolicy>(),
        .authentication_policy = named("authentication"),
        .custom_hook_policy = std::make_shared<policies::CustomHookPolicy>(),
        .logging_policy = named("logging"),
        .http_logging_policy = named("http_logging"),
    };
    PipelineClientOptions options{.per_call_policies = {named("per_call_1"), named("per_call_2")},
                                  .per_retry_policies = {named("per_retry")}};
    auto built = build_policies(config, options);
    EXPECT_EQ(kinds(built), (std::vector<std::string>{"RequestIdPolicy", "HeadersPolicy", "UserAgentPolicy", "ProxyPolicy",
                                                      "ContentDecodePolicy", "per_call_1", "per_call_2", "RedirectPolicy",
                                                      "RetryPolicy", "authentication", "CustomHookPolicy", "per_retry", "logging",
                                                      "DistributedTracingPolicy", "SensitiveHeaderCleanupPolicy", "http_logging"}));
    // The configured instances themselves, not copies.
    EXPECT_EQ(built[0], config.request_id_policy);
    EXPECT_EQ(built[7], config.redirect_policy);
    EXPECT_EQ(built[8], config.retry_policy);
}

TEST(PipelineClientTest, AnEmptyConfigurationGivesPythonsBarePipeline) {
    // Python's PipelineClient(base_url): RequestIdPolicy, ContentDecodePolicy, DistributedTracingPolicy, HttpLoggingPolicy.
    const std::vector<std::string> bare{"RequestIdPolicy", "ContentDecodePolicy", "DistributedTracingPolicy", "HttpLoggingPolicy"};
    EXPECT_EQ(kinds(build_policies({}, {})), bare);
    PipelineClient client("https://service.example", {.transport = echo_transport(), .config = Configuration{}});
    EXPECT_EQ(kinds(client.pipeline().policies()), bare);
}

TEST(PipelineClientTest, NoConfigurationGivesTheStandardPoliciesInPythonsOrder) {
    // As a generated SDK configures them (reference §15: a bare Python client has no retries).
    const std::vector<std::string> standard{"RequestIdPolicy", "HeadersPolicy", "UserAgentPolicy", "ProxyPolicy",
                                            "ContentDecodePolicy", "RedirectPolicy", "RetryPolicy", "CustomHookPolicy",
                                            "NetworkTraceLoggingPolicy", "DistributedTracingPolicy", "SensitiveHeaderCleanupPolicy",
                                            "HttpLoggingPolicy"};
    EXPECT_EQ(kinds(build_policies(default_configuration(), {})), standard);
    PipelineClient client("https://service.example", {.transport = echo_transport()});
    EXPECT_EQ(kinds(client.pipeline().policies()), standard);
}

TEST(PipelineClientTest, AddsSensitiveHeaderCleanupOnlyWithARedirectPolicy) {
    Configuration with_redirect{.redirect_policy = std::make_shared<policies::RedirectPolicy>()};
    EXPECT_EQ(kinds(build_policies(with_redirect, {})),
              (std::vector<std::string>{"RequestIdPolicy", "ContentDecodePolicy", "RedirectPolicy", "DistributedTracingPolicy",
                                        "SensitiveHeaderCleanupPolicy", "HttpLoggingPolicy"}));
    Configuration with_retry{.retry_policy = std::make_shared<policies::RetryPolicy>()};
    EXPECT_EQ(kinds(build_policies(with_retry, {})), (std::vector<std::string>{"RequestIdPolicy", "ContentDecodePolicy", "RetryPolicy",
                                                                               "DistributedTracingPolicy", "HttpLoggingPolicy"}));
}

TEST(PipelineClientTest, AsyncPipelineClientBuildsTheSameList) {
    Configuration config{.redirect_policy = std::make_shared<policies::RedirectPolicy>(),
                         .retry_policy = std::make_shared<policies::RetryPolicy>()};
    boost::asio::io_context context;
    AsyncPipelineClient client("https://service.example", context.get_executor(),
                               {.per_call_policies = {named("per_call")}, .transport = echo_transport(), .config = config});
    EXPECT_EQ(kinds(client.pipeline().policies()),
              (std::vector<std::string>{"RequestIdPolicy", "ContentDecodePolicy", "per_call", "RedirectPolicy", "RetryPolicy",
                                        "DistributedTracingPolicy", "SensitiveHeaderCleanupPolicy", "HttpLoggingPolicy"}));
}

TEST(PipelineClientTest, PutsPerCallPoliciesInFrontOfAnExplicitList) {
    PipelineClientOptions options{.policies = std::vector<std::shared_ptr<HTTPPolicy>>{named("a"), named("b")},
                                  .per_call_policies = {named("first")}};
    EXPECT_EQ(kinds(build_policies({}, options)), (std::vector<std::string>{"first", "a", "b"}));
}

TEST(PipelineClientTest, PutsPerRetryPoliciesAfterTheLastRetryPolicyOfAnExplicitList) {
    PipelineClientOptions options{
        .policies = std::vector<std::shared_ptr<HTTPPolicy>>{named("a"), std::make_shared<policies::RetryPolicy>(), named("b"),
                                                             std::make_shared<policies::RetryPolicy>(), named("c")},
        .per_call_policies = {named("first")},
        .per_retry_policies = {named("r1"), named("r2")}};
    EXPECT_EQ(kinds(build_policies({}, options)),
              (std::vector<std::string>{"first", "a", "RetryPolicy", "b", "RetryPolicy", "r1", "r2", "c"}));
}

TEST(PipelineClientTest, RefusesPerRetryPoliciesWithoutARetryPolicyInAnExplicitList) {
    PipelineClientOptions options{.policies = std::vector<std::shared_ptr<HTTPPolicy>>{named("a")},
                                  .per_retry_policies = {named("r")}};
    try {
        build_policies({}, options);
        FAIL();
    } catch (const std::invalid_argument& error) {
        // Python's message, trailing space included.
        EXPECT_STREQ(error.what(), "Failed to add per_retry_policies; no RetryPolicy found in the supplied list of policies. ");
    }
}

TEST(PipelineClientTest, SendRequestStoresTheDeserializedBodyAndAClientRequestId) {
    std::vector<std::string> ids;
    auto transport = std::make_shared<MockTransport>([&](const transport::RecordedRequest& request) {
        ids.push_back(request.headers.get("x-ms-client-request-id").value_or("<none>"));
        return MockResponse{.status_code = 200, .headers = {{"Content-Type", "application/json"}}, .body = to_bytes(R"({"ok":true})")};
    });
    PipelineClient client("https://service.example", {.transport = transport});
    auto response = client.send_request(rest::HttpRequest("GET", "/items"));
    EXPECT_EQ(response->json(), boost::json::parse(R"({"ok":true})"));
    ASSERT_EQ(ids.size(), 1u);
    EXPECT_EQ(ids[0].size(), 36u);
    // A body the content type does not match is Python's DecodeError.
    auto bad = std::make_shared<MockTransport>(std::vector<MockTransport::Outcome>{
        MockResponse{.status_code = 200, .headers = {{"Content-Type", "application/json"}}, .body = to_bytes("oops")}});
    PipelineClient bad_client("https://service.example", {.transport = bad});
    EXPECT_THROW(bad_client.send_request(rest::HttpRequest("GET", "/items")), exceptions::DecodeError);
}

TEST(PipelineClientTest, FormatUrlJoinsRelativePathsAndQueries) {
    PipelineClient client("https://{account}.blob.example/base?sv=1", {.transport = echo_transport()});
    EXPECT_EQ(client.format_url("/containers/{name}", {{"account", "acct"}, {"name", "c1"}}),
              "https://acct.blob.example/base/containers/c1?sv=1");
    EXPECT_EQ(client.format_url("items?api-version=2024", {{"account", "a"}}), "https://a.blob.example/base/items?sv=1&api-version=2024");
    EXPECT_EQ(client.format_url("https://other.example/x/{id}", {{"id", "7"}}), "https://other.example/x/7");
    // Absolute as Python's urlparse sees it: a scheme, "//" and a non-empty network location.
    EXPECT_EQ(client.format_url("svc+tls.1://h:1/p"), "svc+tls.1://h:1/p");
    EXPECT_EQ(client.format_url("HTTP://user@h?q"), "HTTP://user@h?q");
    EXPECT_EQ(client.format_url("https:///x", {{"account", "a"}}), "https://a.blob.example/base/https:///x?sv=1");
    EXPECT_EQ(client.format_url("1http://h/x", {{"account", "a"}}), "https://a.blob.example/base/1http://h/x?sv=1");
    EXPECT_EQ(client.format_url("urn:x", {{"account", "a"}}), "https://a.blob.example/base/urn:x?sv=1");
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
