#include <azcore/pipeline/pipeline.hpp>
#include <azcore/policies/headers_policy.hpp>
#include <azcore/rest/http_request.hpp>
#include <azcore/transport/mock_transport.hpp>

#include "support/run_mode.hpp"

#include <gtest/gtest.h>

#include <map>

namespace azcore::policies {
namespace {

using options::Kwargs;
using rest::HttpRequest;
using test::RunMode;
using transport::MockResponse;
using transport::MockTransport;

class HeadersPolicyTest : public ::testing::TestWithParam<RunMode> {
protected:
    CaseInsensitiveDict sent_headers(std::shared_ptr<HeadersPolicy> policy, HttpRequest request, Kwargs options = {}) {
        auto transport = std::make_shared<MockTransport>(std::vector<MockTransport::Outcome>{MockResponse{}});
        pipeline::Pipeline pipeline(transport, {std::move(policy)});
        test::run_pipeline(pipeline, GetParam(), std::move(request), std::move(options));
        return transport->requests().at(0).headers;
    }
};

TEST_P(HeadersPolicyTest, SetsItsHeadersOverThoseOfTheRequest) {
    auto policy = std::make_shared<HeadersPolicy>(CaseInsensitiveDict{{"X-Base", "base"}, {"X-Shared", "from-policy"}},
                                                  HeadersPolicyOptions{.headers = {{"X-Kw", "kw"}, {"x-base", "kw-wins"}}});
    auto headers = sent_headers(policy, HttpRequest("GET", "https://a.example/", {.headers = {{"X-Shared", "from-request"}, {"X-Own", "own"}}}));
    EXPECT_EQ(headers, (CaseInsensitiveDict{{"X-Shared", "from-policy"}, {"X-Own", "own"}, {"x-base", "kw-wins"}, {"X-Kw", "kw"}}));
}

TEST_P(HeadersPolicyTest, PerCallHeadersGoOverTheConfiguredOnes) {
    auto policy = std::make_shared<HeadersPolicy>(CaseInsensitiveDict{{"X-Base", "base"}, {"X-Shared", "from-policy"}});
    auto headers = sent_headers(policy, HttpRequest("GET", "https://a.example/"),
                                Kwargs{{"headers", CaseInsensitiveDict{{"x-shared", "per-call"}, {"X-Call", "c"}}}});
    EXPECT_EQ(headers.get("X-Base"), "base");
    EXPECT_EQ(headers.get("X-Shared"), "per-call");
    EXPECT_EQ(headers.get("X-Call"), "c");
    EXPECT_EQ(headers.size(), 3u);

    auto from_map = sent_headers(policy, HttpRequest("GET", "https://a.example/"),
                                 Kwargs{{"headers", std::map<std::string, std::string>{{"X-Map", "m"}}}});
    EXPECT_EQ(from_map.get("X-Map"), "m");
}

TEST_P(HeadersPolicyTest, AddHeaderAppliesToLaterRequests) {
    auto policy = std::make_shared<HeadersPolicy>();
    policy->add_header("X-Added", "1");
    policy->add_header("x-added", "2");
    EXPECT_EQ(policy->headers(), (CaseInsensitiveDict{{"x-added", "2"}}));
    EXPECT_EQ(sent_headers(policy, HttpRequest("GET", "https://a.example/")).get("X-Added"), "2");
}

TEST_P(HeadersPolicyTest, RejectsHeadersOfTheWrongType) {
    EXPECT_THROW(sent_headers(std::make_shared<HeadersPolicy>(), HttpRequest("GET", "https://a.example/"), Kwargs{{"headers", "X: y"}}),
                 std::invalid_argument);
}

TEST(HeadersPolicyOptionsTest, TakesTheHeadersOption) {
    HeadersPolicy policy;
    ASSERT_EQ(policy.option_names().size(), 1u);
    EXPECT_EQ(policy.option_names()[0], "headers");
}

INSTANTIATE_TEST_SUITE_P(BothModes, HeadersPolicyTest, ::testing::Values(RunMode::Sync, RunMode::Async));

}  // namespace
}  // namespace azcore::policies
