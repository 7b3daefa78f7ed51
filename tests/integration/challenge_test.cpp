// CAE round trip against the test server (/challenge): a 401 with a claims challenge is answered
// with one new token carrying those claims and one more try, through PipelineClient +
// CurlTransport and AsyncPipelineClient + AsyncCurlTransport.
#include <azcore/configuration.hpp>
#include <azcore/policies/bearer_token_credential_policy.hpp>
#include <azcore/rest/http_request.hpp>
#include <azcore/settings.hpp>
#include <azcore/testserver/test_server.hpp>
#include <azcore/tracing/sdk/in_memory_span_exporter.hpp>
#include <azcore/tracing/sdk/tracer_provider.hpp>

#include "support/dual_client.hpp"
#include "support/run_mode.hpp"
#include "support/test_credentials.hpp"

#include <boost/json.hpp>
#include <cctype>
#include <gtest/gtest.h>

namespace azcore {
namespace {

using rest::HttpRequest;
using test::RunMode;
using testserver::TestServer;

const std::vector<std::string> scopes = {"https://resource.example/.default"};

std::string authorization_of(const testserver::RecordedRequest& request) {
    for (const auto& [name, value] : request.headers) {
        std::string lower = name;
        for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        if (lower == "authorization") return value;
    }
    return "<none>";
}

class ChallengeTest : public ::testing::TestWithParam<RunMode> {
protected:
    struct Setup {
        std::shared_ptr<void> credential;
        test::TokenMint* mint = nullptr;
        std::shared_ptr<policies::BearerTokenCredentialPolicy> policy;
    };
    // The sync face gets a TokenCredential, the async face an AsyncTokenCredential that suspends
    // on a timer of the client's io_context.
    static Setup make_setup(RunMode mode) {
        const policies::BearerTokenCredentialPolicyOptions options{.enable_cae = true};
        if (mode == RunMode::Sync) {
            auto credential = std::make_shared<test::CountingCredential>();
            return Setup{credential, credential.get(), std::make_shared<policies::BearerTokenCredentialPolicy>(credential, scopes, options)};
        }
        auto credential = std::make_shared<test::AsyncCountingCredential>();
        credential->delay = std::chrono::milliseconds(5);
        return Setup{credential, credential.get(), std::make_shared<policies::BearerTokenCredentialPolicy>(credential, scopes, options)};
    }
    test::Result get(const std::string& path) {
        return client_.send(HttpRequest("GET", path), SendRequestOptions{.kwargs = {{"enforce_https", false}}});
    }

    TestServer server_;
    Setup setup_ = make_setup(GetParam());
    test::TokenMint* mint_ = setup_.mint;
    test::DualClient client_{server_.base_url(), GetParam(), {},
                             test::DualClientSetup{.config = Configuration{.authentication_policy = setup_.policy}}};
};

TEST_P(ChallengeTest, AClaimsChallengeGetsOneTokenWithTheClaimsAndTheRetriedRequestSucceeds) {
    const std::string claims = R"({"access_token":{"nbf":{"essential":true,"value":"1726077595"},"xms_caeerror":{"value":"10012"}}})";
    const std::string encoded = test::base64url(claims);
    test::Result result = get("/challenge?claims=" + encoded);

    EXPECT_EQ(result.status_code, 200) << result.body;
    EXPECT_TRUE(boost::json::parse(result.body).at("authorized").as_bool());
    ASSERT_EQ(mint_->calls(), 2);
    const auto asked = mint_->requests();
    EXPECT_EQ(asked[0].options.claims, std::nullopt);
    EXPECT_EQ(asked[1].options.claims, claims);
    EXPECT_TRUE(asked[1].options.enable_cae);
    EXPECT_EQ(asked[1].scopes, scopes);
    const auto received = server_.requests();
    ASSERT_EQ(received.size(), 2u);
    EXPECT_EQ(authorization_of(received[0]), "Bearer token-1");
    EXPECT_EQ(authorization_of(received[1]), "Bearer token-2." + encoded);

    // The token with the claims is cached: the next call passes at once.
    result = get("/challenge?claims=" + encoded);
    EXPECT_EQ(result.status_code, 200);
    EXPECT_EQ(mint_->calls(), 2);
    EXPECT_EQ(server_.requests().size(), 3u);
}

// Tracing: the challenged try and the re-sent one are two CLIENT spans (the bearer policy sits
// before the tracing policy), and no span holds the token.
TEST_P(ChallengeTest, TheChallengedTryAndTheResentOneAreTwoSpansWithoutTheToken) {
    auto exporter = std::make_shared<tracing::sdk::InMemorySpanExporter>();
    tracing::set_tracer_provider(
        tracing::sdk::TracerProvider::create({.processors = {std::make_shared<tracing::sdk::SimpleSpanProcessor>(exporter)}}));
    settings.tracing_enabled.set_value(true);
    const test::Result result = get("/challenge?claims=" + test::base64url(R"({"a":1})"));
    settings.tracing_enabled.unset_value();
    tracing::set_tracer_provider(nullptr);
    EXPECT_EQ(result.status_code, 200);
    const std::vector<tracing::sdk::SpanData> spans = exporter->get_finished_spans();
    ASSERT_EQ(spans.size(), 2u);
    EXPECT_EQ(*spans[0].attributes.find("http.response.status_code"), tracing::AttributeValue(std::int64_t{401}));
    EXPECT_EQ(*spans[0].attributes.find("error.type"), tracing::AttributeValue(std::string("401")));
    EXPECT_EQ(*spans[1].attributes.find("http.response.status_code"), tracing::AttributeValue(std::int64_t{200}));
    for (const auto& span : spans)
        for (const auto& [key, value] : span.attributes) {
            const std::string text = tracing::to_string(value);
            EXPECT_EQ(text.find("token-"), std::string::npos) << key << "=" << text;
            EXPECT_EQ(text.find("Bearer"), std::string::npos) << key << "=" << text;
        }
}

TEST_P(ChallengeTest, PaddedClaimsAreDecodedToo) {
    const std::string claims = R"({"a":1})";  // 7 bytes: two '=' of padding
    const std::string encoded = test::base64url(claims);
    ASSERT_EQ(encoded.size() % 4, 2u);
    test::Result result = get("/challenge?claims=" + encoded + "%3D%3D");
    EXPECT_EQ(result.status_code, 200) << result.body;
    ASSERT_EQ(mint_->calls(), 2);
    EXPECT_EQ(mint_->requests()[1].options.claims, claims);
}

TEST_P(ChallengeTest, AResourceThatKeepsChallengingGetsExactlyOneRetry) {
    mint_->ignore_claims = true;  // its tokens never carry the claims the resource wants
    test::Result result = get("/challenge?claims=" + test::base64url(R"({"b":2})"));
    EXPECT_EQ(result.status_code, 401);
    EXPECT_EQ(server_.requests().size(), 2u);
    EXPECT_EQ(mint_->calls(), 2);
}

INSTANTIATE_TEST_SUITE_P(BothModes, ChallengeTest, ::testing::Values(RunMode::Sync, RunMode::Async));

}  // namespace
}  // namespace azcore
