#include <azcore/pipeline/pipeline.hpp>
#include <azcore/policies/sensitive_header_cleanup_policy.hpp>
#include <azcore/rest/http_request.hpp>
#include <azcore/transport/mock_transport.hpp>

#include "support/run_mode.hpp"

#include <gtest/gtest.h>

namespace azcore::policies {
namespace {

using options::Kwargs;
using rest::HttpRequest;
using test::RunMode;
using transport::MockResponse;
using transport::MockTransport;

// Sets the flag RedirectPolicy sets after a redirect to another host.
class FlagPolicy : public pipeline::SansIOHTTPPolicy {
public:
    explicit FlagPolicy(bool value) : value_(value) {}
    void on_request(pipeline::PipelineRequest& request) const override {
        request.context->options.set("insecure_domain_change", value_);
    }

private:
    bool value_;
};

class SensitiveHeaderCleanupPolicyTest : public ::testing::TestWithParam<RunMode> {
protected:
    CaseInsensitiveDict sent_headers(std::shared_ptr<pipeline::HTTPPolicy> cleanup, std::optional<bool> flag) {
        auto transport = std::make_shared<MockTransport>(std::vector<MockTransport::Outcome>{MockResponse{}});
        std::vector<std::shared_ptr<pipeline::HTTPPolicy>> policies;
        if (flag) policies.push_back(std::make_shared<FlagPolicy>(*flag));
        policies.push_back(std::move(cleanup));
        HttpRequest request("GET", "https://b.example/x",
                            {.headers = {{"Authorization", "Bearer t"}, {"x-ms-authorization-auxiliary", "aux"}, {"X-Other", "o"}}});
        test::run_pipeline(pipeline::Pipeline(transport, std::move(policies)), GetParam(), std::move(request));
        return transport->requests().at(0).headers;
    }
};

TEST_P(SensitiveHeaderCleanupPolicyTest, RemovesTheDefaultSensitiveHeadersAfterADomainChange) {
    auto headers = sent_headers(std::make_shared<SensitiveHeaderCleanupPolicy>(), true);
    EXPECT_EQ(headers, (CaseInsensitiveDict{{"X-Other", "o"}}));
}

TEST_P(SensitiveHeaderCleanupPolicyTest, LeavesHeadersWithoutADomainChange) {
    for (std::optional<bool> flag : {std::optional<bool>{}, std::optional<bool>{false}}) {
        auto headers = sent_headers(std::make_shared<SensitiveHeaderCleanupPolicy>(), flag);
        EXPECT_EQ(headers.get("Authorization"), "Bearer t");
        EXPECT_EQ(headers.get("x-ms-authorization-auxiliary"), "aux");
    }
}

TEST_P(SensitiveHeaderCleanupPolicyTest, RemovesOnlyTheConfiguredHeaders) {
    auto headers = sent_headers(
        std::make_shared<SensitiveHeaderCleanupPolicy>(SensitiveHeaderCleanupPolicyOptions{.blocked_redirect_headers =
                                                                                               std::vector<std::string>{"x-other"}}),
        true);
    EXPECT_EQ(headers, (CaseInsensitiveDict{{"Authorization", "Bearer t"}, {"x-ms-authorization-auxiliary", "aux"}}));
    auto none = sent_headers(std::make_shared<SensitiveHeaderCleanupPolicy>(
                                 SensitiveHeaderCleanupPolicyOptions{.blocked_redirect_headers = std::vector<std::string>{}}),
                             true);
    EXPECT_EQ(none.size(), 3u);
}

TEST_P(SensitiveHeaderCleanupPolicyTest, DisableRedirectCleanupKeepsEverything) {
    auto headers = sent_headers(
        std::make_shared<SensitiveHeaderCleanupPolicy>(SensitiveHeaderCleanupPolicyOptions{.disable_redirect_cleanup = true}), true);
    EXPECT_EQ(headers.size(), 3u);
}

TEST(SensitiveHeaderCleanupPolicyDefaultsTest, HasPythonsDefaults) {
    EXPECT_EQ(SensitiveHeaderCleanupPolicy::DEFAULT_SENSITIVE_HEADERS(),
              (std::vector<std::string>{"Authorization", "x-ms-authorization-auxiliary"}));
    SensitiveHeaderCleanupPolicy policy;
    EXPECT_EQ(policy.blocked_redirect_headers(), SensitiveHeaderCleanupPolicy::DEFAULT_SENSITIVE_HEADERS());
    EXPECT_FALSE(policy.disable_redirect_cleanup());
    EXPECT_TRUE(policy.option_names().empty());
}

INSTANTIATE_TEST_SUITE_P(BothModes, SensitiveHeaderCleanupPolicyTest, ::testing::Values(RunMode::Sync, RunMode::Async));

}  // namespace
}  // namespace azcore::policies
