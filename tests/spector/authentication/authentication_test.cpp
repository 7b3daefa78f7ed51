// Spector's authentication scenarios, in both faces, through the clients a generator would emit:
// valid credentials pass; a 403 raises ClientAuthenticationError through the error map; a key
// updated between calls is used by the next call; a bearer token needs https unless
// enforce_https=false (Spector is http-only).
#include "authentication/clients.hpp"
#include "face_test.hpp"
#include "scenario_coverage.hpp"

#include "support/spector_server.hpp"

#include <azcore/exceptions.hpp>

#include <chrono>
#include <string>

namespace azcore::spector::authentication {
namespace {

using credentials::AzureKeyCredential;
using exceptions::ClientAuthenticationError;

double now() { return std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count(); }

/// The credential of the Spector authentication tests: its token is the first scope it is asked
/// for, valid for an hour. Counts its calls.
class ScopeTokenCredential : public credentials::TokenCredential {
public:
    credentials::AccessToken get_token(const std::vector<std::string>& scopes,
                                       credentials::TokenRequestOptions = {}) const override {
        ++calls;
        return {scopes.at(0), static_cast<std::int64_t>(now()) + 3600};
    }
    mutable int calls = 0;
};

class AsyncScopeTokenCredential : public credentials::AsyncTokenCredential {
public:
    net::awaitable<credentials::AccessToken> get_token(std::vector<std::string> scopes,
                                                       credentials::TokenRequestOptions = {}) const override {
        ++calls;
        co_return credentials::AccessToken{scopes.at(0), static_cast<std::int64_t>(now()) + 3600};
    }
    mutable int calls = 0;
};

template <class Face>
auto scope_credential() {
    if constexpr (std::is_same_v<Face, Sync>) return std::make_shared<ScopeTokenCredential>();
    else return std::make_shared<AsyncScopeTokenCredential>();
}

const options::Kwargs over_http{{"enforce_https", false}};

template <class Face>
class AuthenticationTest : public FaceTest<Face> {
protected:
    /// operation() must raise ClientAuthenticationError for Spector's 403 with `error_code`, and
    /// say nothing of `secret`.
    template <class Operation>
    void expect_forbidden(Operation&& operation, const std::string& error_code, const std::string& secret) {
        try {
            this->call(operation);
            ADD_FAILURE() << "no exception";
        } catch (const ClientAuthenticationError& error) {
            EXPECT_EQ(error.status_code(), 403);
            EXPECT_EQ(error.reason(), "Forbidden");
            EXPECT_EQ(error.response()->json().at("error").as_string(), error_code);
            EXPECT_EQ(std::string(error.what()).find(secret), std::string::npos) << error.what();
        }
    }

};
TYPED_TEST_SUITE(AuthenticationTest, Faces, FaceNames);

TYPED_TEST(AuthenticationTest, ApiKeyValidIsSentInXMsApiKey) {
    auto client = this->template make<ApiKeyClient>(this->endpoint, std::make_shared<AzureKeyCredential>("valid-key"));
    this->call([&] { return client.valid(); });
}

TYPED_TEST(AuthenticationTest, ApiKeyInvalidIs403AndRaisesClientAuthenticationError) {
    auto client = this->template make<ApiKeyClient>(this->endpoint, std::make_shared<AzureKeyCredential>("invalid-key"));
    this->expect_forbidden([&] { return client.invalid(); }, "invalid-api-key", "invalid-key");
}

TYPED_TEST(AuthenticationTest, ApiKeyUpdatedBetweenCallsIsUsedByTheNextCall) {
    auto key = std::make_shared<AzureKeyCredential>("invalid-key");
    auto client = this->template make<ApiKeyClient>(this->endpoint, key);
    // Spector's valid operation answers 400 (not a scenario outcome) to any other key.
    try {
        this->call([&] { return client.valid(); });
        ADD_FAILURE() << "no exception";
    } catch (const exceptions::HttpResponseError& error) {
        EXPECT_EQ(error.status_code(), 400);
    }
    key->update("valid-key");
    this->call([&] { return client.valid(); });
}

TYPED_TEST(AuthenticationTest, CustomValidIsSentAsSharedAccessKeyAuthorization) {
    auto client = this->template make<CustomClient>(this->endpoint, std::make_shared<AzureKeyCredential>("valid-key"));
    this->call([&] { return client.valid(); });
}

TYPED_TEST(AuthenticationTest, CustomInvalidIs403AndRaisesClientAuthenticationError) {
    auto client = this->template make<CustomClient>(this->endpoint, std::make_shared<AzureKeyCredential>("invalid-key"));
    this->expect_forbidden([&] { return client.invalid(); }, "invalid-api-key", "invalid-key");
}

TYPED_TEST(AuthenticationTest, OAuth2ValidSendsTheBearerTokenAndAsksTheCredentialOnce) {
    auto credential = scope_credential<TypeParam>();
    auto client = this->template make<OAuth2Client>(this->endpoint, credential);
    this->call([&] { return client.valid(over_http); });
    this->call([&] { return client.valid(over_http); });
    EXPECT_EQ(credential->calls, 1);  // the second call used the cached token
}

TYPED_TEST(AuthenticationTest, OAuth2InvalidIs403AndRaisesClientAuthenticationError) {
    auto client = this->template make<OAuth2Client>(this->endpoint, scope_credential<TypeParam>());
    this->expect_forbidden([&] { return client.invalid(over_http); }, "invalid-grant", "Bearer");
}

TYPED_TEST(AuthenticationTest, OAuth2OverHttpIsRefusedBeforeAnythingIsSentUnlessEnforceHttpsIsFalse) {
    auto credential = scope_credential<TypeParam>();
    auto client = this->template make<OAuth2Client>(this->endpoint, credential);
    try {
        // The retry policy would retry it as Python does (a ServiceRequestError): 3 tries, 4.8 s.
        this->call([&] { return client.valid({{"retry_total", 0}}); });
        ADD_FAILURE() << "no exception";
    } catch (const exceptions::ServiceRequestError& error) {
        EXPECT_STREQ(error.what(), "Bearer token authentication is not permitted for non-TLS protected (non-https) URLs.");
    }
    EXPECT_EQ(credential->calls, 0);
}

TYPED_TEST(AuthenticationTest, UnionWithAKeyUsesTheKey) {
    auto client = this->template make<UnionClient>(this->endpoint, std::make_shared<AzureKeyCredential>("valid-key"));
    this->call([&] { return client.valid_key(); });
}

TYPED_TEST(AuthenticationTest, UnionWithATokenCredentialUsesTheToken) {
    auto client = this->template make<UnionClient>(this->endpoint, scope_credential<TypeParam>());
    this->call([&] { return client.valid_token(over_http); });
}

TYPED_TEST(AuthenticationTest, NoAuthUnionWithoutACredentialSendsNoAuthorization) {
    auto client = this->template make<NoAuthUnionClient>(this->endpoint);
    this->call([&] { return client.valid_no_auth(); });
}

TYPED_TEST(AuthenticationTest, NoAuthUnionWithATokenCredentialUsesTheToken) {
    auto client = this->template make<NoAuthUnionClient>(this->endpoint, scope_credential<TypeParam>());
    this->call([&] { return client.valid_token(over_http); });
}

// Last in this process: the Spector it started scores every authentication scenario `pass`.
TEST(AuthenticationCoverage, EveryAuthenticationScenarioPasses) {
    if (auto why = test::SpectorServer::missing()) GTEST_SKIP() << *why;
    expect_scenarios_pass({
        "Authentication_ApiKey_valid",
        "Authentication_ApiKey_invalid",
        "Authentication_Http_Custom_valid",
        "Authentication_Http_Custom_invalid",
        "Authentication_OAuth2_valid",
        "Authentication_OAuth2_invalid",
        "Authentication_Union_validKey",
        "Authentication_Union_validToken",
        "Authentication_Noauth_Union_validNoAuth",
        "Authentication_Noauth_Union_validToken",
    });
}

}  // namespace
}  // namespace azcore::spector::authentication
