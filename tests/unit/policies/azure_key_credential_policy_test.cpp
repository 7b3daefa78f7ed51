// AzureKeyCredentialPolicy and AzureSasCredentialPolicy: the exact header and URL they produce,
// update() taking effect with the next request (also from another thread), and no secret for a
// host a redirect led to.
#include <azcore/credentials.hpp>
#include <azcore/pipeline/pipeline.hpp>
#include <azcore/pipeline/sans_io_http_policy.hpp>
#include <azcore/policies/azure_key_credential_policy.hpp>
#include <azcore/policies/azure_sas_credential_policy.hpp>
#include <azcore/policies/redirect_policy.hpp>
#include <azcore/policies/sensitive_header_cleanup_policy.hpp>
#include <azcore/rest/http_request.hpp>
#include <azcore/rest/http_response.hpp>
#include <azcore/transport/mock_transport.hpp>

#include "support/invalid_argument_message.hpp"
#include "support/run_mode.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <mutex>
#include <map>
#include <thread>

namespace azcore::policies {
namespace {

using credentials::AzureKeyCredential;
using credentials::AzureSasCredential;
using pipeline::Pipeline;
using rest::HttpRequest;
using test::RunMode;
using transport::MockResponse;
using transport::MockTransport;
using transport::RecordedRequest;

std::shared_ptr<MockTransport> ok_transport() {
    return std::make_shared<MockTransport>([](const RecordedRequest&) -> MockTransport::Outcome { return MockResponse{}; });
}

using test::invalid_argument_message;

class CredentialPolicyTest : public ::testing::TestWithParam<RunMode> {
protected:
    void run(const std::shared_ptr<pipeline::HTTPPolicy>& policy, const std::shared_ptr<MockTransport>& transport,
             std::string url = "https://service.example/items") {
        Pipeline pipeline(transport, {policy});
        test::run_pipeline(pipeline, GetParam(), HttpRequest("GET", std::move(url)));
    }
};

TEST_P(CredentialPolicyTest, KeyPolicySetsTheHeaderWithOrWithoutPrefix) {
    auto credential = std::make_shared<AzureKeyCredential>("secret-key");
    auto transport = ok_transport();
    run(std::make_shared<AzureKeyCredentialPolicy>(credential, "api-key"), transport);
    run(std::make_shared<AzureKeyCredentialPolicy>(credential, "Authorization", AzureKeyCredentialPolicyOptions{.prefix = "SharedKey"}),
        transport);
    run(std::make_shared<AzureKeyCredentialPolicy>(credential, "x-key", AzureKeyCredentialPolicyOptions{.prefix = ""}), transport);
    const auto requests = transport->requests();
    ASSERT_EQ(requests.size(), 3u);
    EXPECT_EQ(*requests[0].headers.find("api-key"), "secret-key");
    EXPECT_EQ(*requests[1].headers.find("Authorization"), "SharedKey secret-key");
    EXPECT_EQ(*requests[2].headers.find("x-key"), "secret-key");
}

TEST_P(CredentialPolicyTest, KeyPolicyUsesTheUpdatedKeyFromTheNextRequestOn) {
    auto credential = std::make_shared<AzureKeyCredential>("key-1");
    auto policy = std::make_shared<AzureKeyCredentialPolicy>(credential, "api-key");
    auto transport = ok_transport();
    run(policy, transport);
    credential->update("key-2");
    run(policy, transport);
    EXPECT_EQ(*transport->requests()[0].headers.find("api-key"), "key-1");
    EXPECT_EQ(*transport->requests()[1].headers.find("api-key"), "key-2");
}

TEST_P(CredentialPolicyTest, SasPolicyAddsTheSignatureToTheQuery) {
    struct Case {
        std::string signature;
        std::string url;
        std::string expected;
    };
    const std::vector<Case> cases = {
        {"sv=2021&sig=abc", "https://a.example/c/b", "https://a.example/c/b?sv=2021&sig=abc"},
        {"?sv=2021&sig=abc", "https://a.example/c/b", "https://a.example/c/b?sv=2021&sig=abc"},
        {"sv=2021&sig=abc", "https://a.example/c/b?", "https://a.example/c/b?sv=2021&sig=abc"},
        {"sv=2021&sig=abc", "https://a.example/c/b?comp=list", "https://a.example/c/b?comp=list&sv=2021&sig=abc"},
        {"?sv=2021&sig=abc", "https://a.example/c/b?comp=list", "https://a.example/c/b?comp=list&sv=2021&sig=abc"},
        // Already there: unchanged (a retry of the same request does not add it twice).
        {"sv=2021&sig=abc", "https://a.example/c/b?sv=2021&sig=abc", "https://a.example/c/b?sv=2021&sig=abc"},
        {"sv=2021&sig=abc", "https://a.example/c/b?comp=list&sv=2021&sig=abc", "https://a.example/c/b?comp=list&sv=2021&sig=abc"},
    };
    for (const Case& c : cases) {
        EXPECT_EQ(AzureSasCredentialPolicy::add_signature(c.url, c.signature), c.expected) << c.signature << " " << c.url;
        auto transport = ok_transport();
        run(std::make_shared<AzureSasCredentialPolicy>(std::make_shared<AzureSasCredential>(c.signature)), transport, c.url);
        EXPECT_EQ(transport->requests().at(0).url, c.expected);
    }
}

TEST_P(CredentialPolicyTest, SasPolicyUsesTheUpdatedSignatureFromTheNextRequestOn) {
    auto credential = std::make_shared<AzureSasCredential>("sig=one");
    auto policy = std::make_shared<AzureSasCredentialPolicy>(credential);
    auto transport = ok_transport();
    run(policy, transport);
    credential->update("sig=two");
    run(policy, transport);
    EXPECT_EQ(transport->requests()[0].url, "https://service.example/items?sig=one");
    EXPECT_EQ(transport->requests()[1].url, "https://service.example/items?sig=two");
}

// Keys and signatures never follow a redirect to another host.
TEST_P(CredentialPolicyTest, NeitherSecretFollowsARedirectToAnotherHost) {
    auto transport = std::make_shared<MockTransport>([](const RecordedRequest& request) -> MockTransport::Outcome {
        if (request.url.starts_with("https://a.example/start"))
            return MockResponse{.status_code = 307, .headers = {{"Location", "https://b.example/landing"}}};
        if (request.url.starts_with("https://a.example/same"))
            return MockResponse{.status_code = 307, .headers = {{"Location", "/after"}}};
        return MockResponse{};
    });
    Pipeline pipeline(transport, {std::make_shared<RedirectPolicy>(),
                                  std::make_shared<AzureKeyCredentialPolicy>(std::make_shared<AzureKeyCredential>("k"), "api-key"),
                                  std::make_shared<AzureSasCredentialPolicy>(std::make_shared<AzureSasCredential>("sig=s")),
                                  std::make_shared<SensitiveHeaderCleanupPolicy>()});
    test::run_pipeline(pipeline, GetParam(), HttpRequest("GET", "https://a.example/start"));
    test::run_pipeline(pipeline, GetParam(), HttpRequest("GET", "https://a.example/same"));
    const auto requests = transport->requests();
    ASSERT_EQ(requests.size(), 4u);
    EXPECT_EQ(requests[0].url, "https://a.example/start?sig=s");
    EXPECT_EQ(*requests[0].headers.find("api-key"), "k");
    EXPECT_EQ(requests[1].url, "https://b.example/landing");
    EXPECT_FALSE(requests[1].headers.contains("api-key"));
    // A redirect on the same host keeps them.
    EXPECT_EQ(requests[3].url, "https://a.example/after?sig=s");
    EXPECT_EQ(*requests[3].headers.find("api-key"), "k");
}

INSTANTIATE_TEST_SUITE_P(BothModes, CredentialPolicyTest, ::testing::Values(RunMode::Sync, RunMode::Async));

TEST(CredentialPolicyArguments, AreValidatedWithPythonsMessages) {
    auto key = std::make_shared<AzureKeyCredential>("k");
    EXPECT_EQ(invalid_argument_message([&] { AzureKeyCredentialPolicy(key, ""); }), "name can not be None or empty");
    EXPECT_EQ(invalid_argument_message([] { AzureKeyCredentialPolicy(nullptr, "api-key"); }),
              "credential can not be None: use an instance of AzureKeyCredential");
    EXPECT_EQ(invalid_argument_message([] { AzureSasCredentialPolicy(nullptr); }), "credential can not be None");
}

// update() from another thread while requests flow: every request carries one whole key and
// signature, and once update() returned, the next request carries the new ones.
TEST(CredentialPolicyThreads, UpdatesFromAnotherThreadReachTheNextRequestWhole) {
    auto key = std::make_shared<AzureKeyCredential>("key-0");
    auto sas = std::make_shared<AzureSasCredential>("sig=sig-0");
    std::mutex mutex;
    std::vector<RecordedRequest> mine;
    std::atomic<int> torn{0};
    auto transport = std::make_shared<MockTransport>([&](const RecordedRequest& request) -> MockTransport::Outcome {
        const auto digits_after = [](std::string_view text, std::size_t at) {
            return at < text.size() && text.find_first_not_of("0123456789", at) == std::string_view::npos;
        };
        const std::string* api_key = request.headers.find("api-key");
        const bool key_whole = api_key != nullptr && api_key->starts_with("key-") && digits_after(*api_key, 4);
        const auto sig = request.url.find("?sig=sig-");
        const bool sig_whole = sig != std::string::npos && std::count(request.url.begin(), request.url.end(), '?') == 1 &&
                               digits_after(request.url, sig + 9);
        if (!key_whole || !sig_whole) ++torn;
        if (request.url.find("/mine") != std::string::npos) {
            std::lock_guard lock(mutex);
            mine.push_back(request);
        }
        return MockResponse{};
    });
    Pipeline pipeline(transport, {std::make_shared<AzureKeyCredentialPolicy>(key, "api-key"),
                                  std::make_shared<AzureSasCredentialPolicy>(sas)});
    std::atomic<bool> stop{false};
    std::vector<std::thread> senders;
    for (int t = 0; t < 3; ++t)
        senders.emplace_back([&] {
            while (!stop) pipeline.run(HttpRequest("GET", "https://service.example/items"));
        });
    for (int i = 1; i <= 200; ++i) {
        key->update("key-" + std::to_string(i));
        sas->update("sig=sig-" + std::to_string(i));
        pipeline.run(HttpRequest("GET", "https://service.example/mine"));
    }
    stop = true;
    for (auto& sender : senders) sender.join();
    EXPECT_EQ(torn.load(), 0);
    ASSERT_EQ(mine.size(), 200u);
    for (int i = 1; i <= 200; ++i) {
        EXPECT_EQ(*mine[i - 1].headers.find("api-key"), "key-" + std::to_string(i));
        EXPECT_EQ(mine[i - 1].url, "https://service.example/mine?sig=sig-" + std::to_string(i));
    }
}

}  // namespace
}  // namespace azcore::policies
