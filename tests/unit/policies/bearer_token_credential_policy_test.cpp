// BearerTokenCredentialPolicy in both faces: caching and refresh, https enforcement, 401s and CAE
// claims challenges, subclass hooks, and one token request under concurrency (threads and coroutines).
#include <azcore/exceptions.hpp>
#include <azcore/pipeline/pipeline.hpp>
#include <azcore/pipeline/sans_io_http_policy.hpp>
#include <azcore/policies/bearer_token_credential_policy.hpp>
#include <azcore/policies/retry_policy.hpp>
#include <azcore/rest/body_stream.hpp>
#include <azcore/rest/http_request.hpp>
#include <azcore/rest/http_response.hpp>
#include <azcore/transport/mock_transport.hpp>

#include "support/run_mode.hpp"
#include "support/test_credentials.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <thread>

namespace azcore::policies {
namespace {

using credentials::TokenRequestOptions;
using options::Kwargs;
using pipeline::Pipeline;
using pipeline::PipelineResponse;
using rest::HttpRequest;
using test::AsyncCountingCredential;
using test::CountingCredential;
using test::RunMode;
using transport::MockResponse;
using transport::MockTransport;
using transport::RecordedRequest;

constexpr const char* url = "https://vault.example/secrets/a";
const std::vector<std::string> scopes = {"https://vault.example/.default"};
const std::string claims_json = R"({"access_token":{"nbf":{"essential":true,"value":"1726077595"}}})";

MockResponse ok() { return MockResponse{.status_code = 200, .body = to_bytes("done")}; }

MockResponse claims_challenge(const std::string& encoded_claims) {
    return MockResponse{.status_code = 401,
                        .headers = {{"WWW-Authenticate",
                                     R"(Bearer realm="", authorization_uri="https://login.microsoftonline.com/common/oauth2/authorize", )"
                                     R"(error="insufficient_claims", claims=")" + encoded_claims + "\""}}};
}

std::string authorization(const RecordedRequest& request) {
    const std::string* value = request.headers.find("Authorization");
    return value ? *value : "<none>";
}

std::vector<std::string> authorizations(const MockTransport& transport) {
    std::vector<std::string> out;
    for (const auto& request : transport.requests()) out.push_back(authorization(request));
    return out;
}

class BearerTokenCredentialPolicyTest : public ::testing::TestWithParam<RunMode> {
protected:
    BearerTokenCredentialPolicyTest() { credential_->clock = [this] { return now_; }; }

    std::shared_ptr<BearerTokenCredentialPolicy> policy(BearerTokenCredentialPolicyOptions options = {}) {
        options.clock = [this] { return now_; };
        if (!options.random) options.random = [] { return 0.0; };  // no jitter unless a test asks for one
        return std::make_shared<BearerTokenCredentialPolicy>(credential_, scopes, std::move(options));
    }
    PipelineResponse run(const std::vector<std::shared_ptr<pipeline::HTTPPolicy>>& policies,
                         const std::shared_ptr<MockTransport>& transport, HttpRequest request = HttpRequest("GET", url),
                         Kwargs options = {}) {
        Pipeline pipeline(transport, policies);
        return test::run_pipeline(pipeline, GetParam(), std::move(request), std::move(options));
    }
    static std::shared_ptr<MockTransport> always(MockResponse response) {
        return std::make_shared<MockTransport>([response](const RecordedRequest&) -> MockTransport::Outcome { return response; });
    }

    double now_ = 1'700'000'000;
    std::shared_ptr<CountingCredential> credential_ = std::make_shared<CountingCredential>();
};

TEST_P(BearerTokenCredentialPolicyTest, AddsTheTokenAndReusesItUntilLessThanFiveMinutesAreLeft) {
    auto bearer = policy();
    auto transport = always(ok());
    run({bearer}, transport);
    run({bearer}, transport);
    EXPECT_EQ(credential_->calls(), 1);
    now_ += 3600 - 301;  // 301 s left: still good
    run({bearer}, transport);
    EXPECT_EQ(credential_->calls(), 1);
    now_ += 2;  // 299 s left: refreshed
    run({bearer}, transport);
    EXPECT_EQ(credential_->calls(), 2);
    EXPECT_EQ(authorizations(*transport),
              (std::vector<std::string>{"Bearer token-1", "Bearer token-1", "Bearer token-1", "Bearer token-2"}));
    EXPECT_EQ(credential_->requests().at(0).scopes, scopes);
    EXPECT_FALSE(credential_->requests().at(0).options.enable_cae);
    EXPECT_EQ(bearer->token()->token, "token-2");
}

// Python asks once per call even for a token that arrives with less than five minutes left.
TEST_P(BearerTokenCredentialPolicyTest, ATokenThatArrivesDueForRefreshIsRequestedOncePerCall) {
    credential_->lifetime = 200;
    auto bearer = policy();
    auto transport = always(ok());
    run({bearer}, transport);
    EXPECT_EQ(credential_->calls(), 1);
    run({bearer}, transport);
    EXPECT_EQ(credential_->calls(), 2);
    EXPECT_EQ(authorizations(*transport), (std::vector<std::string>{"Bearer token-1", "Bearer token-2"}));
}

TEST_P(BearerTokenCredentialPolicyTest, RefreshesOnceRefreshOnHasCome) {
    credential_->refresh_after = 100;
    auto bearer = policy();
    auto transport = always(ok());
    run({bearer}, transport);
    now_ += 99;
    run({bearer}, transport);
    EXPECT_EQ(credential_->calls(), 1);
    now_ += 1;
    run({bearer}, transport);
    EXPECT_EQ(credential_->calls(), 2);
    EXPECT_EQ(authorization(transport->requests().back()), "Bearer token-2");
}

// Each token gets its own jitter, drawn once when it arrives: 0.5 → 30 s for token-1, 0.25 → 15 s for token-2.
TEST_P(BearerTokenCredentialPolicyTest, TheFiveMinuteWindowShrinksByTheJitterDrawnForEachToken) {
    const std::vector<double> draws = {0.5, 0.25, 0};
    std::size_t drawn = 0;
    auto bearer = policy({.random = [&] { return draws.at(drawn++); }});
    auto transport = always(ok());
    const double start = now_;
    run({bearer}, transport);
    now_ = start + 3600 - 270;  // 270 s left: not less than 300 - 30
    run({bearer}, transport);
    EXPECT_EQ(credential_->calls(), 1);
    now_ += 1;  // 269 s left: refreshed
    run({bearer}, transport);
    EXPECT_EQ(credential_->calls(), 2);
    now_ += 3600 - 285;  // token-2: 285 s left, not less than 300 - 15
    run({bearer}, transport);
    EXPECT_EQ(credential_->calls(), 2);
    now_ += 1;
    run({bearer}, transport);
    EXPECT_EQ(credential_->calls(), 3);
    EXPECT_EQ(authorizations(*transport), (std::vector<std::string>{"Bearer token-1", "Bearer token-1", "Bearer token-2",
                                                                   "Bearer token-2", "Bearer token-3"}));
    EXPECT_EQ(drawn, 3u);  // once per token, not per request
}

TEST_P(BearerTokenCredentialPolicyTest, RefreshOnIsDelayedByTheJitter) {
    credential_->refresh_after = 100;
    auto bearer = policy({.random = [] { return 0.5; }});
    auto transport = always(ok());
    run({bearer}, transport);
    now_ += 129;
    run({bearer}, transport);
    EXPECT_EQ(credential_->calls(), 1);
    now_ += 1;  // refresh_on + 30 s
    run({bearer}, transport);
    EXPECT_EQ(credential_->calls(), 2);
}

TEST_P(BearerTokenCredentialPolicyTest, OverwritesAnAuthorizationHeaderTheRequestAlreadyHad) {
    auto transport = always(ok());
    HttpRequest request("GET", url);
    request.headers.set("authorization", "Basic old");
    run({policy()}, transport, std::move(request));
    EXPECT_EQ(authorizations(*transport), std::vector<std::string>{"Bearer token-1"});
}

TEST_P(BearerTokenCredentialPolicyTest, RefusesANonHttpsUrlWithPythonsMessageBeforeAskingForAToken) {
    auto transport = always(ok());
    try {
        run({policy()}, transport, HttpRequest("GET", "http://vault.example/secrets/a"));
        FAIL() << "no exception";
    } catch (const exceptions::ServiceRequestError& error) {
        EXPECT_EQ(error.message(), "Bearer token authentication is not permitted for non-TLS protected (non-https) URLs.");
    }
    EXPECT_EQ(credential_->calls(), 0);
    EXPECT_TRUE(transport->requests().empty());
    // The scheme is compared ignoring case, as Python does.
    run({policy()}, transport, HttpRequest("GET", "HTTPS://vault.example/x"));
    EXPECT_EQ(transport->requests().size(), 1u);
}

TEST_P(BearerTokenCredentialPolicyTest, EnforceHttpsFalseHoldsForEveryTryOfTheCallAndDoesNotReachTheTransport) {
    auto bearer = policy();
    auto transport = std::make_shared<MockTransport>(std::vector<MockTransport::Outcome>{
        MockResponse{.status_code = 503}, ok(), ok()});
    auto retry = std::make_shared<RetryPolicy>(RetryPolicyOptions{.retry_backoff_factor = 0});
    auto response = run({retry, bearer}, transport, HttpRequest("GET", "http://127.0.0.1:1/x"), Kwargs{{"enforce_https", false}});
    EXPECT_EQ(response.http_response->status_code(), 200);
    EXPECT_EQ(authorizations(*transport), (std::vector<std::string>{"Bearer token-1", "Bearer token-1"}));
    for (const auto& names : transport->options_seen())
        EXPECT_EQ(std::find(names.begin(), names.end(), "enforce_https"), names.end());
    // Another call without the option is refused again; enforce_https=true is the default.
    EXPECT_THROW(run({retry, bearer}, transport, HttpRequest("GET", "http://127.0.0.1:1/x"), Kwargs{{"enforce_https", true}}),
                 exceptions::ServiceRequestError);
}

TEST_P(BearerTokenCredentialPolicyTest, AsksForCaeTokensWhenEnableCaeIsSet) {
    auto transport = always(ok());
    run({policy({.enable_cae = true})}, transport);
    ASSERT_EQ(credential_->calls(), 1);
    EXPECT_TRUE(credential_->requests()[0].options.enable_cae);
    EXPECT_EQ(credential_->requests()[0].options.claims, std::nullopt);
}

TEST_P(BearerTokenCredentialPolicyTest, A401WithoutAChallengeDropsTheTokenAndIsReturnedAsItIs) {
    auto bearer = policy();
    auto transport = std::make_shared<MockTransport>(std::vector<MockTransport::Outcome>{MockResponse{.status_code = 401}, ok()});
    auto response = run({bearer}, transport);
    EXPECT_EQ(response.http_response->status_code(), 401);
    EXPECT_EQ(transport->requests().size(), 1u);
    EXPECT_EQ(bearer->token(), std::nullopt);
    run({bearer}, transport);
    EXPECT_EQ(authorizations(*transport), (std::vector<std::string>{"Bearer token-1", "Bearer token-2"}));
}

TEST_P(BearerTokenCredentialPolicyTest, AClaimsChallengeGetsOneTokenWithThoseClaimsAndOneMoreTry) {
    auto bearer = policy({.enable_cae = true});
    auto transport = std::make_shared<MockTransport>(std::vector<MockTransport::Outcome>{
        claims_challenge(test::base64url(claims_json)), ok(), ok()});
    auto response = run({bearer}, transport, HttpRequest("PUT", url, {.content = std::string("payload")}));

    EXPECT_EQ(response.http_response->status_code(), 200);
    ASSERT_EQ(credential_->calls(), 2);
    const auto second = credential_->requests()[1];
    EXPECT_EQ(second.options.claims, claims_json);
    EXPECT_TRUE(second.options.enable_cae);
    EXPECT_EQ(second.scopes, scopes);
    const std::string claims_token = "Bearer token-2." + test::base64url(claims_json);
    EXPECT_EQ(authorizations(*transport), (std::vector<std::string>{"Bearer token-1", claims_token}));
    EXPECT_EQ(as_string_view(transport->requests()[1].body), "payload");
    // The token with the claims is the cached one now.
    run({bearer}, transport);
    EXPECT_EQ(credential_->calls(), 2);
    EXPECT_EQ(authorization(transport->requests().back()), claims_token);
}

TEST_P(BearerTokenCredentialPolicyTest, PaddedClaimsAndAChallengeAmongOthersAreUnderstoodToo) {
    std::string padded = test::base64url(R"({"a":1})");
    while (padded.size() % 4 != 0) padded += '=';
    auto transport = std::make_shared<MockTransport>(std::vector<MockTransport::Outcome>{
        MockResponse{.status_code = 401,
                     .headers = {{"WWW-Authenticate", R"(Basic realm="x")"},
                                 {"WWW-Authenticate", R"(Bearer error="insufficient_claims", claims=")" + padded + "\""}}},
        ok()});
    auto response = run({policy()}, transport);
    EXPECT_EQ(response.http_response->status_code(), 200);
    EXPECT_EQ(credential_->requests().at(1).options.claims, R"({"a":1})");
}

TEST_P(BearerTokenCredentialPolicyTest, A401AfterTheChallengeIsReturnedWithoutAThirdTry) {
    auto transport = always(claims_challenge(test::base64url(claims_json)));
    auto response = run({policy()}, transport);
    EXPECT_EQ(response.http_response->status_code(), 401);
    EXPECT_EQ(transport->requests().size(), 2u);
    EXPECT_EQ(credential_->calls(), 2);
}

TEST_P(BearerTokenCredentialPolicyTest, ChallengesThatAreNotClaimsChallengesAreReturnedWithoutAnotherTry) {
    const std::vector<std::string> headers = {
        R"(Bearer realm="", error="invalid_token", error_description="expired")",
        R"(Bearer error="insufficient_claims")",
        R"(Bearer error="insufficient_claims", claims="")",
        R"(Bearer error="insufficient_claims", claims="not base64!")",
        R"(Basic realm="x", error="insufficient_claims", claims="eyJhIjoxfQ")",
        R"(Bearer error="insufficient_claims", claims=")",
        "",
    };
    for (const std::string& header : headers) {
        auto transport = always(MockResponse{.status_code = 401, .headers = {{"WWW-Authenticate", header}}});
        auto credential = std::make_shared<CountingCredential>();
        auto bearer = std::make_shared<BearerTokenCredentialPolicy>(credential, scopes);
        auto response = run({bearer}, transport);
        EXPECT_EQ(response.http_response->status_code(), 401) << header;
        EXPECT_EQ(transport->requests().size(), 1u) << header;
        EXPECT_EQ(credential->calls(), 1) << header;
    }
}

// Marks every try as going to a host a redirect led to, as RedirectPolicy does.
class RedirectedElsewhere : public pipeline::SansIOHTTPPolicy {
public:
    void on_request(pipeline::PipelineRequest& request) const override {
        request.context->options.set("insecure_domain_change", true);
    }
};

TEST_P(BearerTokenCredentialPolicyTest, AChallengeFromAHostARedirectLedToIsNotAnswered) {
    auto transport = always(claims_challenge(test::base64url(claims_json)));
    auto response = run({std::make_shared<RedirectedElsewhere>(), policy()}, transport);
    EXPECT_EQ(response.http_response->status_code(), 401);
    EXPECT_EQ(transport->requests().size(), 1u);
    EXPECT_EQ(credential_->calls(), 1);
}

TEST_P(BearerTokenCredentialPolicyTest, AStreamBodyIsRewoundForTheSecondTryAndAGeneratorIsNotSentTwice) {
    auto transport = std::make_shared<MockTransport>(std::vector<MockTransport::Outcome>{
        claims_challenge(test::base64url(claims_json)), ok()});
    auto stream = std::make_shared<rest::BytesStream>(to_bytes("streamed body"));
    auto response = run({policy()}, transport, HttpRequest("PUT", url, {.content = std::shared_ptr<rest::BodyStream>(stream)}));
    EXPECT_EQ(response.http_response->status_code(), 200);
    ASSERT_EQ(transport->requests().size(), 2u);
    EXPECT_EQ(as_string_view(transport->requests()[0].body), "streamed body");
    EXPECT_EQ(as_string_view(transport->requests()[1].body), "streamed body");

    auto once = always(claims_challenge(test::base64url(claims_json)));
    bool given = false;
    auto generator = std::make_shared<rest::GeneratorStream>([&given]() -> std::optional<Bytes> {
        if (given) return std::nullopt;
        given = true;
        return to_bytes("once");
    });
    response = run({policy()}, once, HttpRequest("PUT", url, {.content = std::shared_ptr<rest::BodyStream>(generator)}));
    EXPECT_EQ(response.http_response->status_code(), 401);
    EXPECT_EQ(once->requests().size(), 1u);
}

TEST_P(BearerTokenCredentialPolicyTest, CredentialErrorsReachTheCallerAndNothingIsSent) {
    credential_->error = "identity endpoint unreachable";
    auto transport = always(ok());
    try {
        run({policy()}, transport);
        FAIL() << "no exception";
    } catch (const std::runtime_error& error) {
        EXPECT_STREQ(error.what(), "identity endpoint unreachable");
    }
    EXPECT_TRUE(transport->requests().empty());
}

// A subclass written once, in sync terms: asks a tenant-specific token when the service says so.
class TenantChallengePolicy : public BearerTokenCredentialPolicy {
public:
    using BearerTokenCredentialPolicy::BearerTokenCredentialPolicy;
    bool on_challenge(pipeline::PipelineRequest& request, const PipelineResponse& response) const override {
        const std::string* tenant = response.http_response->headers().find("x-tenant");
        if (tenant == nullptr) return BearerTokenCredentialPolicy::on_challenge(request, response);
        authorize_request(request, {"https://other.example/.default"}, TokenRequestOptions{.tenant_id = *tenant});
        request.http_request->headers.set("x-challenged", "yes");
        return true;
    }
};

TEST_P(BearerTokenCredentialPolicyTest, ASubclassOnChallengeWrittenOnceRunsInBothFaces) {
    auto transport = std::make_shared<MockTransport>(std::vector<MockTransport::Outcome>{
        MockResponse{.status_code = 401, .headers = {{"WWW-Authenticate", "Bearer"}, {"x-tenant", "tenant-9"}}}, ok()});
    auto bearer = std::make_shared<TenantChallengePolicy>(credential_, scopes);
    auto response = run({bearer}, transport);
    EXPECT_EQ(response.http_response->status_code(), 200);
    ASSERT_EQ(credential_->calls(), 2);
    EXPECT_EQ(credential_->requests()[1].options.tenant_id, "tenant-9");
    EXPECT_EQ(credential_->requests()[1].scopes, std::vector<std::string>{"https://other.example/.default"});
    EXPECT_EQ(authorization(transport->requests()[1]), "Bearer token-2");
    EXPECT_EQ(*transport->requests()[1].headers.find("x-challenged"), "yes");
}

// A subclass that adds to the request, then lets the policy authorize it.
class HintingPolicy : public BearerTokenCredentialPolicy {
public:
    using BearerTokenCredentialPolicy::BearerTokenCredentialPolicy;
    void on_request(pipeline::PipelineRequest& request) const override {
        request.http_request->headers.set("x-hint", "tenant-9");
        BearerTokenCredentialPolicy::on_request(request);
    }
};

TEST_P(BearerTokenCredentialPolicyTest, ASubclassOnRequestWrittenOnceRunsInBothFaces) {
    auto transport = always(ok());
    auto bearer = std::make_shared<HintingPolicy>(credential_, scopes,
                                                  BearerTokenCredentialPolicyOptions{.clock = [this] { return now_; }});
    run({bearer}, transport);
    run({bearer}, transport);
    EXPECT_EQ(credential_->calls(), 1);
    EXPECT_EQ(authorizations(*transport), (std::vector<std::string>{"Bearer token-1", "Bearer token-1"}));
    for (const auto& request : transport->requests()) {
        const std::string* hint = request.headers.find("x-hint");
        EXPECT_EQ(hint ? *hint : "<none>", "tenant-9");
    }
}

TEST_P(BearerTokenCredentialPolicyTest, AnAsyncCredentialServesBothFaces) {
    auto credential = std::make_shared<AsyncCountingCredential>();
    credential->delay = std::chrono::milliseconds(1);
    auto bearer = std::make_shared<BearerTokenCredentialPolicy>(credential, scopes);
    auto transport = std::make_shared<MockTransport>(std::vector<MockTransport::Outcome>{
        claims_challenge(test::base64url(claims_json)), ok(), ok()});
    EXPECT_EQ(run({bearer}, transport).http_response->status_code(), 200);
    run({bearer}, transport);
    EXPECT_EQ(credential->calls(), 2);
    EXPECT_EQ(credential->requests()[1].options.claims, claims_json);
    EXPECT_EQ(authorizations(*transport).back(), "Bearer token-2." + test::base64url(claims_json));
}

TEST_P(BearerTokenCredentialPolicyTest, ANullCredentialIsRefused) {
    EXPECT_THROW(BearerTokenCredentialPolicy(std::shared_ptr<credentials::SupportsTokenInfo>(), scopes), std::invalid_argument);
    EXPECT_THROW(BearerTokenCredentialPolicy(std::shared_ptr<credentials::AsyncSupportsTokenInfo>(), scopes),
                 std::invalid_argument);
}

INSTANTIATE_TEST_SUITE_P(BothModes, BearerTokenCredentialPolicyTest, ::testing::Values(RunMode::Sync, RunMode::Async));

TEST(BearerTokenCredentialPolicyDecisions, NeedNewTokenFollowsPython) {
    using credentials::AccessTokenInfo;
    const double now = 1000;
    EXPECT_TRUE(BearerTokenCredentialPolicy::need_new_token(std::nullopt, now));
    EXPECT_FALSE(BearerTokenCredentialPolicy::need_new_token(AccessTokenInfo{.token = "t", .expires_on = 1301}, now));
    EXPECT_FALSE(BearerTokenCredentialPolicy::need_new_token(AccessTokenInfo{.token = "t", .expires_on = 1300}, now));
    EXPECT_TRUE(BearerTokenCredentialPolicy::need_new_token(AccessTokenInfo{.token = "t", .expires_on = 1299}, now));
    EXPECT_TRUE(BearerTokenCredentialPolicy::need_new_token(AccessTokenInfo{.token = "t", .expires_on = 9999, .refresh_on = 1000}, now));
    EXPECT_FALSE(BearerTokenCredentialPolicy::need_new_token(AccessTokenInfo{.token = "t", .expires_on = 9999, .refresh_on = 1001}, now));
}

TEST(BearerTokenCredentialPolicyDecisions, TheJitterDelaysBothRules) {
    using credentials::AccessTokenInfo;
    const double now = 1000;
    EXPECT_EQ(BearerTokenCredentialPolicy::MAX_REFRESH_JITTER_SECONDS, 60);
    EXPECT_FALSE(BearerTokenCredentialPolicy::need_new_token(AccessTokenInfo{.token = "t", .expires_on = 1240}, now, 60));
    EXPECT_TRUE(BearerTokenCredentialPolicy::need_new_token(AccessTokenInfo{.token = "t", .expires_on = 1239}, now, 60));
    EXPECT_FALSE(BearerTokenCredentialPolicy::need_new_token(AccessTokenInfo{.token = "t", .expires_on = 9999, .refresh_on = 941}, now, 60));
    EXPECT_TRUE(BearerTokenCredentialPolicy::need_new_token(AccessTokenInfo{.token = "t", .expires_on = 9999, .refresh_on = 940}, now, 60));
    EXPECT_TRUE(BearerTokenCredentialPolicy::need_new_token(std::nullopt, now, 60));
}

// ---- concurrency ----------------------------------------------------------------------------

TEST(BearerTokenCredentialPolicyConcurrency, ThreadsOnAnEmptyCacheShareOneTokenRequest) {
    auto credential = std::make_shared<CountingCredential>();
    credential->delay = std::chrono::milliseconds(100);
    auto bearer = std::make_shared<BearerTokenCredentialPolicy>(credential, scopes);
    auto transport = std::make_shared<MockTransport>([](const RecordedRequest&) -> MockTransport::Outcome { return ok(); });
    Pipeline pipeline(transport, {bearer});
    std::vector<std::thread> threads;
    for (int i = 0; i < 16; ++i) threads.emplace_back([&] { pipeline.run(HttpRequest("GET", url)); });
    for (auto& thread : threads) thread.join();
    EXPECT_EQ(credential->calls(), 1);
    ASSERT_EQ(transport->requests().size(), 16u);
    for (const auto& request : transport->requests()) EXPECT_EQ(authorization(request), "Bearer token-1");
}

TEST(BearerTokenCredentialPolicyConcurrency, TwoHundredCoroutinesOnAnExpiredCacheShareOneTokenRequest) {
    double now = 1'700'000'000;
    auto credential = std::make_shared<AsyncCountingCredential>();
    credential->clock = [&now] { return now; };
    credential->delay = std::chrono::milliseconds(20);
    auto bearer = std::make_shared<BearerTokenCredentialPolicy>(
        credential, scopes, BearerTokenCredentialPolicyOptions{.clock = [&now] { return now; }});
    auto transport = std::make_shared<MockTransport>([](const RecordedRequest&) -> MockTransport::Outcome { return ok(); });
    Pipeline pipeline(transport, {bearer});
    test::run_pipeline(pipeline, RunMode::Async, HttpRequest("GET", url));
    now += 3600;  // the cached token has expired

    boost::asio::io_context io;
    int done = 0;
    for (int i = 0; i < 200; ++i) {
        boost::asio::co_spawn(io, pipeline.async_run(HttpRequest("GET", url)), [&done](std::exception_ptr error, PipelineResponse) {
            EXPECT_FALSE(error);
            ++done;
        });
    }
    io.run();
    EXPECT_EQ(done, 200);
    EXPECT_EQ(credential->calls(), 2);  // the first token, and one refresh for the 200
    const auto sent = authorizations(*transport);
    ASSERT_EQ(sent.size(), 201u);
    for (std::size_t i = 1; i < sent.size(); ++i) EXPECT_EQ(sent[i], "Bearer token-2");
}

TEST(BearerTokenCredentialPolicyConcurrency, AFailedTokenRequestFailsEveryWaiterWithItsErrorAfterOneCall) {
    auto credential = std::make_shared<AsyncCountingCredential>();
    credential->delay = std::chrono::milliseconds(20);
    credential->error = "AADSTS70011: invalid scope";
    auto bearer = std::make_shared<BearerTokenCredentialPolicy>(credential, scopes);
    auto transport = std::make_shared<MockTransport>([](const RecordedRequest&) -> MockTransport::Outcome { return ok(); });
    Pipeline pipeline(transport, {bearer});
    boost::asio::io_context io;
    std::vector<std::string> errors;
    for (int i = 0; i < 50; ++i) {
        boost::asio::co_spawn(io, pipeline.async_run(HttpRequest("GET", url)), [&errors](std::exception_ptr error, PipelineResponse) {
            try {
                if (error) std::rethrow_exception(error);
            } catch (const std::runtime_error& e) {
                errors.emplace_back(e.what());
            }
        });
    }
    io.run();
    EXPECT_EQ(credential->calls(), 1);
    EXPECT_EQ(errors, std::vector<std::string>(50, "AADSTS70011: invalid scope"));
    EXPECT_TRUE(transport->requests().empty());
}

// The credential runs without any lock of the policy held: while it refreshes a token that is
// due for refresh but still valid, another request goes through with the old token. The refresh
// waits for that request to finish, so a lock held across the credential call would deadlock
// (the wait would time out and the test fail).
TEST(BearerTokenCredentialPolicyConcurrency, SyncRequestsProceedWithAValidTokenWhileItIsRefreshed) {
    double now = 1'700'000'000;
    auto credential = std::make_shared<CountingCredential>();
    credential->clock = [&now] { return now; };
    credential->refresh_after = 60;
    std::mutex mutex;
    std::condition_variable changed;
    bool other_done = false;
    bool other_finished_first = false;
    credential->during_call = [&](int n) {
        if (n != 2) return;
        std::unique_lock lock(mutex);
        other_finished_first = changed.wait_for(lock, std::chrono::seconds(5), [&] { return other_done; });
    };
    auto bearer = std::make_shared<BearerTokenCredentialPolicy>(
        credential, scopes, BearerTokenCredentialPolicyOptions{.clock = [&now] { return now; }, .random = [] { return 0.0; }});
    auto transport = std::make_shared<MockTransport>([](const RecordedRequest&) -> MockTransport::Outcome { return ok(); });
    Pipeline pipeline(transport, {bearer});
    pipeline.run(HttpRequest("GET", url));
    now += 61;  // refresh_on has come; the token is valid for almost an hour more

    std::thread refresher([&] { pipeline.run(HttpRequest("GET", url)); });
    while (credential->calls() < 2) std::this_thread::yield();
    pipeline.run(HttpRequest("GET", url));  // must not wait for the refresh
    {
        std::lock_guard lock(mutex);
        other_done = true;
    }
    changed.notify_all();
    refresher.join();

    EXPECT_TRUE(other_finished_first);
    EXPECT_EQ(credential->calls(), 2);
    const auto sent = authorizations(*transport);
    ASSERT_EQ(sent.size(), 3u);
    EXPECT_EQ(sent[1], "Bearer token-1");  // the request made during the refresh
    EXPECT_EQ(sent[2], "Bearer token-2");  // the refresher's own
}

TEST(BearerTokenCredentialPolicyConcurrency, CoroutinesProceedWithAValidTokenWhileItIsRefreshed) {
    double now = 1'700'000'000;
    auto credential = std::make_shared<AsyncCountingCredential>();
    credential->clock = [&now] { return now; };
    credential->refresh_after = 60;
    bool other_done = false;
    bool other_finished_first = false;
    credential->during_call = [&](int n) -> net::awaitable<void> {
        if (n != 2) co_return;
        boost::asio::steady_timer timer(co_await boost::asio::this_coro::executor);
        for (int i = 0; i < 500 && !other_done; ++i) {
            timer.expires_after(std::chrono::milliseconds(10));
            co_await timer.async_wait(boost::asio::use_awaitable);
        }
        other_finished_first = other_done;
    };
    auto bearer = std::make_shared<BearerTokenCredentialPolicy>(
        credential, scopes, BearerTokenCredentialPolicyOptions{.clock = [&now] { return now; }, .random = [] { return 0.0; }});
    auto transport = std::make_shared<MockTransport>([](const RecordedRequest&) -> MockTransport::Outcome { return ok(); });
    Pipeline pipeline(transport, {bearer});
    test::run_pipeline(pipeline, RunMode::Async, HttpRequest("GET", url));
    now += 61;

    boost::asio::io_context io;
    boost::asio::co_spawn(io, pipeline.async_run(HttpRequest("GET", url)), [](std::exception_ptr error, PipelineResponse) {
        EXPECT_FALSE(error);
    });
    boost::asio::co_spawn(io, pipeline.async_run(HttpRequest("GET", url)), [&](std::exception_ptr error, PipelineResponse) {
        EXPECT_FALSE(error);
        other_done = true;
    });
    io.run();
    EXPECT_TRUE(other_finished_first);
    EXPECT_EQ(credential->calls(), 2);
    const auto sent = authorizations(*transport);
    ASSERT_EQ(sent.size(), 3u);
    EXPECT_EQ(sent[1], "Bearer token-1");
    EXPECT_EQ(sent[2], "Bearer token-2");
}

// on_challenge (here the default, with a sync credential) runs off the event loop in the async face:
// while the credential is asked for the claims token, a timer of the same io_context fires.
TEST(BearerTokenCredentialPolicyConcurrency, TheAsyncFaceKeepsItsThreadFreeWhileOnChallengeAsksForAToken) {
    auto credential = std::make_shared<CountingCredential>();
    std::atomic<bool> timer_fired = false;
    bool fired_during_call = false;
    credential->during_call = [&](int n) {
        if (n != 2) return;
        for (int i = 0; i < 200 && !timer_fired; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
        fired_during_call = timer_fired;
    };
    auto bearer = std::make_shared<BearerTokenCredentialPolicy>(credential, scopes);
    auto transport = std::make_shared<MockTransport>(std::vector<MockTransport::Outcome>{
        claims_challenge(test::base64url(claims_json)), ok()});
    Pipeline pipeline(transport, {bearer});
    boost::asio::io_context io;
    int status = 0;
    boost::asio::co_spawn(io, pipeline.async_run(HttpRequest("GET", url)), [&](std::exception_ptr error, PipelineResponse response) {
        EXPECT_FALSE(error);
        if (!error) status = response.http_response->status_code();
    });
    boost::asio::steady_timer timer(io, std::chrono::milliseconds(50));
    timer.async_wait([&](boost::system::error_code) { timer_fired = true; });
    io.run();
    EXPECT_EQ(status, 200);
    EXPECT_TRUE(fired_during_call);
    EXPECT_EQ(credential->calls(), 2);
    EXPECT_EQ(authorizations(*transport).back(), "Bearer token-2." + test::base64url(claims_json));
}

TEST(BearerTokenCredentialPolicyConcurrency, SyncThreadsAndCoroutinesShareOneRequestOfASyncCredential) {
    auto credential = std::make_shared<CountingCredential>();
    credential->delay = std::chrono::milliseconds(100);
    auto bearer = std::make_shared<BearerTokenCredentialPolicy>(credential, scopes);
    auto transport = std::make_shared<MockTransport>([](const RecordedRequest&) -> MockTransport::Outcome { return ok(); });
    Pipeline pipeline(transport, {bearer});
    std::thread lead([&] { pipeline.run(HttpRequest("GET", url)); });
    while (credential->calls() < 1) std::this_thread::yield();
    boost::asio::io_context io;  // its coroutines wait for the thread's token request
    int done = 0;
    for (int i = 0; i < 20; ++i)
        boost::asio::co_spawn(io, pipeline.async_run(HttpRequest("GET", url)), [&done](std::exception_ptr error, PipelineResponse) {
            EXPECT_FALSE(error);
            ++done;
        });
    io.run();
    lead.join();
    EXPECT_EQ(done, 20);
    EXPECT_EQ(credential->calls(), 1);
    for (const auto& sent : authorizations(*transport)) EXPECT_EQ(sent, "Bearer token-1");
}

}  // namespace
}  // namespace azcore::policies
