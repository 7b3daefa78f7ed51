// Step: BearerTokenCredentialPolicy answering a CAE claims challenge, in both faces.
#include "demo_tour.hpp"

#include <azcore/async_pipeline_client.hpp>
#include <azcore/configuration.hpp>
#include <azcore/credentials.hpp>
#include <azcore/credentials_async.hpp>
#include <azcore/pipeline_client.hpp>
#include <azcore/policies/bearer_token_credential_policy.hpp>
#include <azcore/rest/async_http_response.hpp>
#include <azcore/rest/http_request.hpp>
#include <azcore/rest/http_response.hpp>
#include <azcore/serialization.hpp>

#include <boost/json.hpp>

#include <chrono>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace azrest::demo {
namespace {

namespace credentials = azcore::credentials;

// What a resource asks for after, say, a user's session was revoked.
const std::string claims = R"({"access_token":{"nbf":{"essential":true,"value":"1726077595"}}})";
const std::vector<std::string> scopes = {"https://demo.example/.default"};

// A stand-in for an identity library: token N is "demo-token-N", and a token asked for with claims
// carries them ("." + their base64url), which is what /challenge looks for. It remembers the
// claims of every call.
class TokenIssuer {
public:
    credentials::AccessToken issue(const credentials::TokenRequestOptions& options) const {
        std::lock_guard lock(mutex_);
        asked_.push_back(options.claims);
        std::string token = "demo-token-" + std::to_string(asked_.size());
        if (options.claims) token += "." + azcore::serialization::encode_base64url(azcore::to_bytes(*options.claims));
        const auto now = std::chrono::system_clock::now().time_since_epoch();
        return {token, std::chrono::duration_cast<std::chrono::seconds>(now).count() + 3600};
    }
    std::vector<std::optional<std::string>> asked() const {
        std::lock_guard lock(mutex_);
        return asked_;
    }

private:
    mutable std::mutex mutex_;
    mutable std::vector<std::optional<std::string>> asked_;
};

class DemoCredential final : public credentials::TokenCredential, public TokenIssuer {
public:
    credentials::AccessToken get_token(const std::vector<std::string>&, credentials::TokenRequestOptions options = {}) const override {
        return issue(options);
    }
};

class AsyncDemoCredential final : public credentials::AsyncTokenCredential, public TokenIssuer {
public:
    net::awaitable<credentials::AccessToken> get_token(std::vector<std::string>,
                                                       credentials::TokenRequestOptions options = {}) const override {
        co_return issue(options);
    }
};

azcore::PipelineClientOptions with_policy(std::shared_ptr<azcore::pipeline::HTTPPolicy> policy) {
    azcore::Configuration config = azcore::default_configuration();
    config.authentication_policy = std::move(policy);
    return {.config = config};
}

azcore::rest::HttpRequest challenged_request() {
    return azcore::rest::HttpRequest(
        "GET", "/challenge", {.params = {{"claims", azcore::serialization::encode_base64url(azcore::to_bytes(claims))}}});
}

// The service allows the bearer token over http on loopback only in a demo: enforce_https=false.
azcore::SendRequestOptions over_http() { return {.kwargs = {{"enforce_https", false}}}; }

void show(Tour& tour, const char* face, const TokenIssuer& issuer, const azcore::rest::HttpResponseBase& response,
          std::size_t sent) {
    const auto asked = issuer.asked();
    const bool authorized = response.status_code() == 200 && response.json().at("authorized").as_bool();
    tour.say("{}: GET /challenge -> 401 with a claims challenge; the credential was asked again, with claims", face);
    tour.say("  {}; the request was sent again -> {} {}{}", asked.size() == 2 && asked[1] ? *asked[1] : "(no claims)",
             response.status_code(), response.reason(), authorized ? ", authorized" : "");
    const std::string prefix = std::string(face) + ": ";
    tour.check(asked.size() == 2 && !asked[0] && asked[1] == claims,
               prefix + "the credential is asked twice, the second time with the challenge's claims");
    tour.check(sent == 2, prefix + "the request is sent twice (sent " + std::to_string(sent) + ")");
    tour.check(authorized, prefix + "the token with the claims is accepted");
}

std::size_t challenge_requests(const Tour& tour) {
    std::size_t n = 0;
    for (const auto& request : tour.server().requests()) n += request.target.starts_with("/challenge");
    return n;
}

}  // namespace

void challenge_step(Tour& tour) {
    const azcore::policies::BearerTokenCredentialPolicyOptions cae{.enable_cae = true};
    auto credential = std::make_shared<DemoCredential>();
    azcore::PipelineClient client(tour.base_url(),
                                  with_policy(std::make_shared<azcore::policies::BearerTokenCredentialPolicy>(credential, scopes, cae)));
    const std::size_t before = challenge_requests(tour);
    auto response = client.send_request(challenged_request(), over_http());
    show(tour, "sync", *credential, *response, challenge_requests(tour) - before);

    run_async([&](net::any_io_executor executor) -> net::awaitable<void> {
        auto async_credential = std::make_shared<AsyncDemoCredential>();
        auto policy = std::make_shared<azcore::policies::BearerTokenCredentialPolicy>(async_credential, scopes, cae);
        azcore::AsyncPipelineClient async_client(tour.base_url(), executor, with_policy(policy));
        const std::size_t async_before = challenge_requests(tour);
        auto async_response = co_await async_client.send_request(challenged_request(), over_http());
        show(tour, "async", *async_credential, *async_response, challenge_requests(tour) - async_before);
    });
}

}  // namespace azrest::demo
