// azure.core.credentials: tokens, the token protocols' defaults, and the thread-safe key, SAS and
// named-key credentials.
#include <azcore/credentials.hpp>
#include <azcore/credentials/static_token_credential.hpp>
#include <azcore/credentials_async.hpp>

#include "support/invalid_argument_message.hpp"
#include "support/log_capture.hpp"
#include "support/run_mode.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <stdexcept>
#include <thread>

namespace azcore::credentials {
namespace {

using test::invalid_argument_message;

TEST(AccessTokenInfo, DefaultsToABearerTokenWithoutRefreshOn) {
    AccessTokenInfo info{.token = "t", .expires_on = 42};
    EXPECT_EQ(info.token_type, "Bearer");
    EXPECT_EQ(info.refresh_on, std::nullopt);
    EXPECT_EQ((AccessToken{.token = "t", .expires_on = 42}), (AccessToken{"t", 42}));
}

class RecordingCredential : public TokenCredential {
public:
    AccessToken get_token(const std::vector<std::string>& scopes, TokenRequestOptions options) const override {
        seen_scopes = scopes;
        seen_options = options;
        return AccessToken{.token = "from-get-token", .expires_on = 1234};
    }
    mutable std::vector<std::string> seen_scopes;
    mutable TokenRequestOptions seen_options;
};

TEST(TokenCredential, GetTokenInfoDefaultsToGetTokenWithTheSameScopesAndOptions) {
    RecordingCredential credential;
    AccessTokenInfo info = credential.get_token_info({"a/.default", "b"}, {.claims = "{}", .tenant_id = "t1", .enable_cae = true});
    EXPECT_EQ(info, (AccessTokenInfo{.token = "from-get-token", .expires_on = 1234}));
    EXPECT_EQ(credential.seen_scopes, (std::vector<std::string>{"a/.default", "b"}));
    EXPECT_EQ(credential.seen_options.claims, "{}");
    EXPECT_EQ(credential.seen_options.tenant_id, "t1");
    EXPECT_TRUE(credential.seen_options.enable_cae);
}

class AsyncRecordingCredential : public AsyncTokenCredential {
public:
    net::awaitable<AccessToken> get_token(std::vector<std::string> scopes, TokenRequestOptions options) const override {
        seen_scopes = scopes;
        seen_options = options;
        co_return AccessToken{.token = "from-async-get-token", .expires_on = 99};
    }
    mutable std::vector<std::string> seen_scopes;
    mutable TokenRequestOptions seen_options;
};

TEST(AsyncTokenCredential, GetTokenInfoDefaultsToGetToken) {
    AsyncRecordingCredential credential;
    TokenRequestOptions options{.tenant_id = "t2"};
    AccessTokenInfo info = test::run_awaitable(credential.get_token_info({"s"}, options));
    EXPECT_EQ(info, (AccessTokenInfo{.token = "from-async-get-token", .expires_on = 99}));
    EXPECT_EQ(credential.seen_scopes, (std::vector<std::string>{"s"}));
    EXPECT_EQ(credential.seen_options.tenant_id, "t2");
}

TEST(AzureKeyCredential, UpdateReplacesTheKeyAndRefusesAnEmptyOneWithPythonsMessage) {
    AzureKeyCredential credential("k1");
    EXPECT_EQ(credential.key(), "k1");
    credential.update("k2");
    EXPECT_EQ(credential.key(), "k2");
    EXPECT_EQ(invalid_argument_message([&] { credential.update(""); }), "The key used for updating can not be None or empty");
    EXPECT_EQ(credential.key(), "k2");
    EXPECT_EQ(AzureKeyCredential("").key(), "");  // accepted at construction, as in Python
}

TEST(AzureSasCredential, UpdateReplacesTheSignatureAndRefusesAnEmptyOne) {
    AzureSasCredential credential("sv=1&sig=a");
    EXPECT_EQ(credential.signature(), "sv=1&sig=a");
    credential.update("sv=1&sig=b");
    EXPECT_EQ(credential.signature(), "sv=1&sig=b");
    EXPECT_EQ(invalid_argument_message([&] { credential.update(""); }),
              "The signature used for updating can not be None or empty");
}

TEST(AzureNamedKeyCredential, NameAndKeyAreReadAndUpdatedTogether) {
    AzureNamedKeyCredential credential("account", "key1");
    EXPECT_EQ(credential.named_key(), (AzureNamedKey{"account", "key1"}));
    credential.update("other", "key2");
    EXPECT_EQ(credential.named_key().name, "other");
    EXPECT_EQ(credential.named_key().key, "key2");

    // Readers never see the name of one update with the key of another.
    credential.update("n-start", "k-start");
    std::atomic<bool> stop{false};
    std::atomic<int> torn{0};
    std::thread reader([&] {
        while (!stop) {
            AzureNamedKey pair = credential.named_key();
            if (pair.name.substr(1) != pair.key.substr(1)) ++torn;
        }
    });
    for (int i = 0; i < 20000; ++i) credential.update("n" + std::to_string(i), "k" + std::to_string(i));
    stop = true;
    reader.join();
    EXPECT_EQ(torn.load(), 0);
}

TEST(AzureKeyCredential, ConcurrentReadersSeeWholeKeysWhileAnotherThreadUpdates) {
    AzureKeyCredential credential(std::string(64, 'a'));
    std::atomic<bool> stop{false};
    std::atomic<int> torn{0};
    std::vector<std::thread> readers;
    for (int r = 0; r < 3; ++r) {
        readers.emplace_back([&] {
            while (!stop) {
                const std::string key = credential.key();
                if (key.size() != 64 || key.find_first_not_of(key[0]) != std::string::npos) ++torn;
            }
        });
    }
    for (int i = 0; i < 20000; ++i) credential.update(std::string(64, static_cast<char>('a' + i % 26)));
    stop = true;
    for (auto& reader : readers) reader.join();
    EXPECT_EQ(torn.load(), 0);
}

TEST(StaticTokenCredential, ReturnsItsTokenWithTheConfiguredExpiry) {
    StaticTokenCredential credential("static-token", {.expires_on = 2000000000, .refresh_on = 1999999000});
    EXPECT_EQ(credential.get_token({"any"}), (AccessToken{"static-token", 2000000000}));
    AccessTokenInfo info = credential.get_token_info({"any"}, {.claims = "{}"});
    EXPECT_EQ(info, (AccessTokenInfo{.token = "static-token", .expires_on = 2000000000, .refresh_on = 1999999000}));
}

TEST(StaticTokenCredential, ExpiresAnHourAfterEachRequestByDefault) {
    StaticTokenCredential credential("t");
    const auto now = std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
    const auto expires_on = credential.get_token({}).expires_on;
    EXPECT_GE(expires_on, now + 3599);
    EXPECT_LE(expires_on, now + 3601);
}

TEST(StaticTokenCredential, ReadsTheTokenFromAnEnvironmentVariableAndNamesItWhenMissing) {
    {
        test::ScopedEnv env("AZCORE_TEST_STATIC_TOKEN", "env-token");
        EXPECT_EQ(StaticTokenCredential::from_env("AZCORE_TEST_STATIC_TOKEN").get_token({}).token, "env-token");
    }
    {
        test::ScopedEnv env("AZCORE_TEST_STATIC_TOKEN", std::nullopt);
        EXPECT_EQ(invalid_argument_message([] { StaticTokenCredential::from_env("AZCORE_TEST_STATIC_TOKEN"); }),
                  "environment variable AZCORE_TEST_STATIC_TOKEN holds no token (unset or empty)");
    }
    EXPECT_EQ(invalid_argument_message([] { StaticTokenCredential(""); }), "token can not be empty");
}

}  // namespace
}  // namespace azcore::credentials
