// The README's "Authentication" example, with a MockTransport and the token in an environment variable.
#include <azcore/configuration.hpp>
#include <azcore/credentials.hpp>
#include <azcore/credentials/static_token_credential.hpp>
#include <azcore/pipeline_client.hpp>
#include <azcore/policies/azure_key_credential_policy.hpp>
#include <azcore/policies/bearer_token_credential_policy.hpp>
#include <azcore/rest/http_request.hpp>
#include <azcore/rest/http_response.hpp>
#include <azcore/transport/mock_transport.hpp>

#include "support/log_capture.hpp"

#include <gtest/gtest.h>

namespace azcore {
namespace {

TEST(AuthenticationReadmeExample, SendsTheBearerTokenAndThenTheUpdatedKey) {
    test::ScopedEnv env("MYSERVICE_TOKEN", "token-from-env");
    auto transport = std::make_shared<transport::MockTransport>(
        [](const transport::RecordedRequest&) -> transport::MockTransport::Outcome { return transport::MockResponse{}; });

    // --- README begins (with .transport = transport added) ---
    // A bearer token for the service's scope: cached, refreshed 5 minutes before it expires, CAE
    // claims challenges answered. Any TokenCredential or AsyncTokenCredential works here.
    auto credential = std::make_shared<azcore::credentials::StaticTokenCredential>(
        azcore::credentials::StaticTokenCredential::from_env("MYSERVICE_TOKEN"));
    azcore::Configuration config = azcore::default_configuration();
    config.authentication_policy = std::make_shared<azcore::policies::BearerTokenCredentialPolicy>(
        credential, std::vector<std::string>{"https://myservice.example/.default"},
        azcore::policies::BearerTokenCredentialPolicyOptions{.enable_cae = true});
    azcore::PipelineClient client("https://myservice.example", {.transport = transport, .config = config});
    auto response = client.send_request(azcore::rest::HttpRequest("GET", "/items"));

    // A key in a header of your choice; update() takes effect with the next request.
    auto key = std::make_shared<azcore::credentials::AzureKeyCredential>("my-key");
    config.authentication_policy = std::make_shared<azcore::policies::AzureKeyCredentialPolicy>(key, "api-key");
    azcore::PipelineClient keyed("https://myservice.example", {.transport = transport, .config = config});
    key->update("my-regenerated-key");
    keyed.send_request(azcore::rest::HttpRequest("GET", "/items"));
    // --- README ends ---

    EXPECT_EQ(response->status_code(), 200);
    const auto sent = transport->requests();
    ASSERT_EQ(sent.size(), 2u);
    EXPECT_EQ(*sent[0].headers.find("Authorization"), "Bearer token-from-env");
    EXPECT_EQ(*sent[1].headers.find("api-key"), "my-regenerated-key");
    EXPECT_FALSE(sent[1].headers.contains("Authorization"));
}

}  // namespace
}  // namespace azcore
