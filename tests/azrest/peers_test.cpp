// azrest against real peers: Spector (paging, long-running operations, authentication) and
// Azurite (a SAS request).
#include "azrest_runner.hpp"
#include "support/azurite_server.hpp"
#include "support/spector_server.hpp"

#include <sas.hpp>

#include <gtest/gtest.h>

#include <cstdlib>
#include <string>

namespace {

using azrest::test::run_azrest;
using azcore::test::SpectorServer;

class AzrestSpector : public ::testing::Test {
protected:
    void SetUp() override {
        if (auto why = SpectorServer::missing()) GTEST_SKIP() << *why;
        spector_ = &SpectorServer::shared();
    }
    std::string url(const std::string& path) const { return spector_->base_url() + path; }
    SpectorServer* spector_ = nullptr;
};

TEST_F(AzrestSpector, PagedAddsTheQueryToNextLinksThatLackIt) {
    // The next link carries select=name but not includePending: Spector answers 400 without it.
    auto result = run_azrest({url("/azure/core/page/with-parameterized-next-link"), "--paged", "--items-path", "values",
                              "--query", "includePending=true", "--query", "select=name"});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    EXPECT_EQ(result.out, "{\"id\":1,\"name\":\"User1\"}\n{\"id\":2,\"name\":\"User2\"}\n");
    EXPECT_EQ(spector_->scenario_result("Azure_Core_Page_withParameterizedNextLink"), "pass");
}

TEST_F(AzrestSpector, PagedResolvesARelativeNextLink) {
    auto result = run_azrest({url("/azure/core/page/with-relative-next-link"), "--paged"});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    EXPECT_EQ(result.out,
              "{\"id\":1,\"name\":\"User1\",\"etag\":\"11bdc430-65e8-45ad-81d9-8ffa60d55b59\"}\n"
              "{\"id\":2,\"name\":\"User2\",\"etag\":\"11bdc430-65e8-45ad-81d9-8ffa60d55b59\"}\n");
}

TEST_F(AzrestSpector, WaitFollowsTheOperationLocationToTheResource) {
    // The status monitor's link has no api-version: --query adds it to every poll.
    auto result = run_azrest({"PUT", url("/azure/core/lro/standard/users/madge"), "--body", R"({"role":"contributor"})",
                              "--query", "api-version=2022-12-01-preview", "--wait", "--polling-interval", "0"});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    EXPECT_EQ(result.out, "{\n  \"name\": \"madge\",\n  \"role\": \"contributor\"\n}\n");
    EXPECT_EQ(result.err, "");
    EXPECT_EQ(spector_->scenario_result("Azure_Core_Lro_Standard_createOrReplace"), "pass");
}

TEST_F(AzrestSpector, KeyAuthenticationSendsTheKeyFromTheEnvironment) {
    ::setenv("AZREST_SPECTOR_KEY", "valid-key", 1);
    auto valid = run_azrest({url("/authentication/api-key/valid"), "--auth", "key", "--key-header", "x-ms-api-key",
                             "--key-env", "AZREST_SPECTOR_KEY"});
    EXPECT_EQ(valid.exit_code, 0) << valid.err;
    EXPECT_EQ(spector_->scenario_result("Authentication_ApiKey_valid"), "pass");
    ::setenv("AZREST_SPECTOR_KEY", "invalid-key", 1);
    auto invalid = run_azrest({url("/authentication/api-key/invalid"), "--auth", "key", "--key-header", "x-ms-api-key",
                               "--key-env", "AZREST_SPECTOR_KEY"});
    EXPECT_EQ(invalid.exit_code, 4);
    EXPECT_TRUE(invalid.err.starts_with("azrest: HTTP 403 Forbidden")) << invalid.err;
    EXPECT_EQ(invalid.err.find("invalid-key"), std::string::npos) << invalid.err;
}

TEST_F(AzrestSpector, BearerAuthenticationSendsTheTokenForTheScope) {
    // Spector expects the token "https://security.microsoft.com/.default" (its test credential
    // returns the scope as the token).
    ::setenv("AZREST_SPECTOR_TOKEN", "https://security.microsoft.com/.default", 1);
    auto valid = run_azrest({url("/authentication/oauth2/valid"), "--auth", "bearer", "--token-env", "AZREST_SPECTOR_TOKEN",
                             "--scope", "https://security.microsoft.com/.default", "--allow-http"});
    EXPECT_EQ(valid.exit_code, 0) << valid.err;
    EXPECT_EQ(spector_->scenario_result("Authentication_OAuth2_valid"), "pass");
    auto invalid = run_azrest({url("/authentication/oauth2/invalid"), "--auth", "bearer", "--token-env",
                               "AZREST_SPECTOR_TOKEN", "--allow-http", "--debug"});
    EXPECT_EQ(invalid.exit_code, 4);
    EXPECT_TRUE(invalid.err.find("azrest: HTTP 403 Forbidden") != std::string::npos) << invalid.err;
    EXPECT_EQ(invalid.err.find("security.microsoft.com/.default"), std::string::npos) << invalid.err;
}

TEST(AzrestAzurite, SasRequestsCreateAndListAContainer) {
    using azcore::test::AzuriteServer;
    if (auto why = AzuriteServer::missing()) GTEST_SKIP() << *why;
    AzuriteServer& azurite = AzuriteServer::shared();
    std::string sas = blob::generate_account_sas(std::string(AzuriteServer::account_name),
                                                 std::string(AzuriteServer::account_key), {.permissions = "rwdlac"});
    ::setenv("AZREST_AZURITE_SAS", sas.c_str(), 1);
    const std::string account = azurite.account_url();
    auto created = run_azrest({"PUT", account + "/azrest-sas", "--query", "restype=container", "--auth", "sas", "--sas-env",
                               "AZREST_AZURITE_SAS", "--include", "--debug"});
    ASSERT_EQ(created.exit_code, 0) << created.err;
    EXPECT_TRUE(created.out.starts_with("HTTP/1.1 201 Created\n")) << created.out;
    auto listed = run_azrest({account, "--query", "comp=list", "--auth", "sas", "--sas-env", "AZREST_AZURITE_SAS"});
    ASSERT_EQ(listed.exit_code, 0) << listed.err;
    EXPECT_NE(listed.out.find("<Name>azrest-sas</Name>"), std::string::npos) << listed.out;
    const std::string signature = sas.substr(sas.find("sig=") + 4);
    EXPECT_EQ(created.err.find(signature), std::string::npos) << created.err;
    auto unsigned_list = run_azrest({account, "--query", "comp=list"});
    EXPECT_EQ(unsigned_list.exit_code, 4);
    EXPECT_TRUE(unsigned_list.err.starts_with("azrest: HTTP 403 ")) << unsigned_list.err;
}

}  // namespace
