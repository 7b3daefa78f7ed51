#include <azcore/pipeline/pipeline.hpp>
#include <azcore/policies/user_agent_policy.hpp>
#include <azcore/rest/http_request.hpp>
#include <azcore/transport/mock_transport.hpp>

#include "support/run_mode.hpp"

#include <gtest/gtest.h>

#include <sys/utsname.h>

#include <cstdlib>

namespace azcore::policies {
namespace {

using options::Kwargs;
using rest::HttpRequest;
using test::RunMode;
using transport::MockResponse;
using transport::MockTransport;

// The platform part, worked out here independently of the library.
std::string expected_platform() {
    struct utsname names {};
    EXPECT_EQ(uname(&names), 0);
#if defined(__clang__)
    std::string compiler = "Clang/" + std::to_string(__clang_major__) + "." + std::to_string(__clang_minor__) + "." +
                           std::to_string(__clang_patchlevel__);
#else
    std::string compiler =
        "GCC/" + std::to_string(__GNUC__) + "." + std::to_string(__GNUC_MINOR__) + "." + std::to_string(__GNUC_PATCHLEVEL__);
#endif
    return compiler + "; " + names.sysname + "-" + names.release + "-" + names.machine;
}

const std::string default_user_agent = std::string("azsdk-cpp-azcore/") + AZCORE_VERSION + " (" + expected_platform() + ")";

// Every test starts and ends without AZURE_HTTP_USER_AGENT.
class UserAgentPolicyTest : public ::testing::TestWithParam<RunMode> {
protected:
    void SetUp() override { unsetenv("AZURE_HTTP_USER_AGENT"); }
    void TearDown() override { unsetenv("AZURE_HTTP_USER_AGENT"); }

    std::optional<std::string> sent(std::shared_ptr<UserAgentPolicy> policy, HttpRequest request = HttpRequest("GET", "https://a.example/"),
                                    Kwargs options = {}) {
        auto transport = std::make_shared<MockTransport>(std::vector<MockTransport::Outcome>{MockResponse{}});
        test::run_pipeline(pipeline::Pipeline(transport, {std::move(policy)}), GetParam(), std::move(request), std::move(options));
        return transport->requests().at(0).headers.get("User-Agent");
    }
};

TEST_P(UserAgentPolicyTest, SendsTheAzureSdkUserAgentByDefault) {
    EXPECT_EQ(sent(std::make_shared<UserAgentPolicy>()), default_user_agent);
    EXPECT_EQ(user_agent_platform(), expected_platform());
}

TEST_P(UserAgentPolicyTest, ComposesSdkMonikerApplicationIdAndBaseUserAgent) {
    EXPECT_EQ(sent(std::make_shared<UserAgentPolicy>(std::nullopt, UserAgentPolicyOptions{.sdk_moniker = "storage-blob/12.1.0"})),
              "azsdk-cpp-storage-blob/12.1.0 (" + expected_platform() + ")");
    EXPECT_EQ(sent(std::make_shared<UserAgentPolicy>(std::nullopt, UserAgentPolicyOptions{.user_agent = "myapp/2.0"})),
              "myapp/2.0 " + default_user_agent);
    EXPECT_EQ(sent(std::make_shared<UserAgentPolicy>("base/1", UserAgentPolicyOptions{.user_agent = "myapp/2.0"})), "myapp/2.0 base/1");
    EXPECT_EQ(sent(std::make_shared<UserAgentPolicy>("")), default_user_agent);  // empty is no base, as in Python
}

TEST_P(UserAgentPolicyTest, AppendsAzureHttpUserAgentFromTheEnvironmentOnEachRequest) {
    auto policy = std::make_shared<UserAgentPolicy>("base/1");
    setenv("AZURE_HTTP_USER_AGENT", "from-env/3", 1);
    EXPECT_EQ(sent(policy), "base/1 from-env/3");
    setenv("AZURE_HTTP_USER_AGENT", "", 1);
    EXPECT_EQ(sent(policy), "base/1 ");  // set but empty still appends, as in Python
    setenv("AZURE_HTTP_USER_AGENT", "from-env/3", 1);
    EXPECT_EQ(sent(std::make_shared<UserAgentPolicy>("base/1", UserAgentPolicyOptions{.user_agent_use_env = false})), "base/1");
}

TEST_P(UserAgentPolicyTest, KeepsTheRequestsUserAgentUnlessOverwriting) {
    HttpRequest request("GET", "https://a.example/", {.headers = {{"User-Agent", "mine/1"}}});
    EXPECT_EQ(sent(std::make_shared<UserAgentPolicy>("base/1"), request), "mine/1");
    EXPECT_EQ(sent(std::make_shared<UserAgentPolicy>("base/1", UserAgentPolicyOptions{.user_agent_overwrite = true}), request),
              "base/1");
}

TEST_P(UserAgentPolicyTest, PerCallUserAgentIsPrefixedOrReplacesTheHeader) {
    auto policy = std::make_shared<UserAgentPolicy>("base/1");
    HttpRequest request("GET", "https://a.example/", {.headers = {{"User-Agent", "mine/1"}}});
    EXPECT_EQ(sent(policy, request, Kwargs{{"user_agent", "call/9"}}), "call/9 base/1");
    EXPECT_EQ(sent(policy, request, Kwargs{{"user_agent", "call/9"}, {"user_agent_overwrite", true}}), "call/9");
    auto overwriting = std::make_shared<UserAgentPolicy>("base/1", UserAgentPolicyOptions{.user_agent_overwrite = true});
    EXPECT_EQ(sent(overwriting, request, Kwargs{{"user_agent", "call/9"}}), "call/9");
    EXPECT_EQ(sent(overwriting, request, Kwargs{{"user_agent", "call/9"}, {"user_agent_overwrite", false}}), "call/9 base/1");
}

TEST_P(UserAgentPolicyTest, AddUserAgentAppendsWithASpace) {
    auto policy = std::make_shared<UserAgentPolicy>("base/1");
    policy->add_user_agent("plugin/4");
    EXPECT_EQ(policy->user_agent(), "base/1 plugin/4");
    EXPECT_EQ(sent(policy), "base/1 plugin/4");
}

TEST(UserAgentPolicyDefaultsTest, HasPythonsDefaults) {
    UserAgentPolicy policy;
    EXPECT_FALSE(policy.overwrite());
    EXPECT_TRUE(policy.use_env());
    ASSERT_EQ(policy.option_names().size(), 2u);
    EXPECT_EQ(policy.option_names()[0], "user_agent");
    EXPECT_EQ(policy.option_names()[1], "user_agent_overwrite");
}

INSTANTIATE_TEST_SUITE_P(BothModes, UserAgentPolicyTest, ::testing::Values(RunMode::Sync, RunMode::Async));

}  // namespace
}  // namespace azcore::policies
