#include <azcore/pipeline/pipeline.hpp>
#include <azcore/policies/redirect_policy.hpp>
#include <azcore/policies/request_id_policy.hpp>
#include <azcore/policies/retry_policy.hpp>
#include <azcore/rest/http_request.hpp>
#include <azcore/transport/mock_transport.hpp>

#include "support/run_mode.hpp"

#include <gtest/gtest.h>

#include <regex>
#include <set>

namespace azcore::policies {
namespace {

using options::Kwargs;
using rest::HttpRequest;
using test::RunMode;
using transport::MockResponse;
using transport::MockTransport;

const std::regex uuid4(R"([0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12})");

class RequestIdPolicyTest : public ::testing::TestWithParam<RunMode> {
protected:
    std::optional<std::string> sent(std::shared_ptr<RequestIdPolicy> policy, HttpRequest request = HttpRequest("GET", "https://a.example/"),
                                    Kwargs options = {}, std::string header = "x-ms-client-request-id") {
        auto transport = std::make_shared<MockTransport>(std::vector<MockTransport::Outcome>{MockResponse{}});
        test::run_pipeline(pipeline::Pipeline(transport, {std::move(policy)}), GetParam(), std::move(request), std::move(options));
        return transport->requests().at(0).headers.get(header);
    }
};

TEST_P(RequestIdPolicyTest, GeneratesADifferentUuid4ForEachCall) {
    auto policy = std::make_shared<RequestIdPolicy>();
    std::set<std::string> ids;
    for (int i = 0; i < 20; ++i) {
        auto id = sent(policy);
        ASSERT_TRUE(id);
        EXPECT_TRUE(std::regex_match(*id, uuid4)) << *id;
        ids.insert(*id);
    }
    EXPECT_EQ(ids.size(), 20u);
}

TEST_P(RequestIdPolicyTest, KeepsTheSameIdAcrossRetriesAndRedirects) {
    auto transport = std::make_shared<MockTransport>(std::vector<MockTransport::Outcome>{
        MockResponse{.status_code = 503}, MockResponse{.status_code = 302, .headers = {{"Location", "/moved"}}}, MockResponse{}});
    pipeline::Pipeline pipeline(transport, {std::make_shared<RequestIdPolicy>(), std::make_shared<RedirectPolicy>(),
                                            std::make_shared<RetryPolicy>()});
    test::run_pipeline(pipeline, GetParam(), HttpRequest("GET", "https://a.example/start"));
    auto requests = transport->requests();
    ASSERT_EQ(requests.size(), 3u);
    auto id = requests[0].headers.get("x-ms-client-request-id");
    ASSERT_TRUE(id);
    EXPECT_EQ(requests[1].headers.get("x-ms-client-request-id"), id);
    EXPECT_EQ(requests[2].headers.get("x-ms-client-request-id"), id);
    EXPECT_EQ(requests[2].url, "https://a.example/moved");
}

TEST_P(RequestIdPolicyTest, LeavesAnIdTheRequestAlreadyHas) {
    HttpRequest request("GET", "https://a.example/", {.headers = {{"X-MS-Client-Request-Id", "mine"}}});
    EXPECT_EQ(sent(std::make_shared<RequestIdPolicy>(), request), "mine");
    EXPECT_EQ(sent(std::make_shared<RequestIdPolicy>(RequestIdPolicyOptions{.request_id = "configured"}), request), "mine");
}

TEST_P(RequestIdPolicyTest, UsesTheConfiguredId) {
    auto policy = std::make_shared<RequestIdPolicy>(RequestIdPolicyOptions{.request_id = "configured"});
    EXPECT_EQ(sent(policy), "configured");
    policy->set_request_id("changed");
    EXPECT_EQ(sent(policy), "changed");
}

TEST_P(RequestIdPolicyTest, PerCallIdWinsAndAnEmptyOptionalSendsNone) {
    HttpRequest request("GET", "https://a.example/", {.headers = {{"x-ms-client-request-id", "mine"}}});
    auto policy = std::make_shared<RequestIdPolicy>(RequestIdPolicyOptions{.request_id = "configured"});
    EXPECT_EQ(sent(policy, request, Kwargs{{"request_id", "per-call"}}), "per-call");
    EXPECT_EQ(sent(policy, HttpRequest("GET", "https://a.example/"), Kwargs{{"request_id", std::optional<std::string>{}}}),
              std::nullopt);
    EXPECT_EQ(sent(policy, HttpRequest("GET", "https://a.example/"), Kwargs{{"request_id", std::optional<std::string>{"opt"}}}),
              "opt");
    EXPECT_THROW(sent(policy, HttpRequest("GET", "https://a.example/"), Kwargs{{"request_id", 5}}), std::invalid_argument);
}

TEST_P(RequestIdPolicyTest, AutoRequestIdFalseSendsNone) {
    EXPECT_EQ(sent(std::make_shared<RequestIdPolicy>(RequestIdPolicyOptions{.auto_request_id = false})), std::nullopt);
}

TEST_P(RequestIdPolicyTest, UsesTheConfiguredHeaderName) {
    auto policy = std::make_shared<RequestIdPolicy>(RequestIdPolicyOptions{.request_id_header_name = "x-custom-id"});
    auto id = sent(policy, HttpRequest("GET", "https://a.example/"), {}, "x-custom-id");
    ASSERT_TRUE(id);
    EXPECT_TRUE(std::regex_match(*id, uuid4));
    EXPECT_EQ(sent(policy), std::nullopt);
}

TEST(RequestIdPolicyDefaultsTest, HasPythonsDefaults) {
    RequestIdPolicy policy;
    EXPECT_EQ(policy.request_id(), std::nullopt);
    EXPECT_TRUE(policy.auto_request_id());
    EXPECT_EQ(policy.request_id_header_name(), "x-ms-client-request-id");
    EXPECT_TRUE(std::regex_match(new_request_id(), uuid4));
    EXPECT_THROW(RequestIdPolicy(RequestIdPolicyOptions{.request_id_header_name = ""}), std::invalid_argument);
}

INSTANTIATE_TEST_SUITE_P(BothModes, RequestIdPolicyTest, ::testing::Values(RunMode::Sync, RunMode::Async));

}  // namespace
}  // namespace azcore::policies
