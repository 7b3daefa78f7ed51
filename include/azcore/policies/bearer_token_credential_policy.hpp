#pragma once
// BearerTokenCredentialPolicy: OAuth bearer tokens from a credential, cached and refreshed, with
// CAE claims challenges; one class for both faces.
#include <azcore/credentials.hpp>
#include <azcore/credentials_async.hpp>
#include <azcore/pipeline/http_policy.hpp>

#include <exception>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace azcore::policies {

/// BearerTokenCredentialPolicy's settings (Python's keyword arguments).
struct BearerTokenCredentialPolicyOptions {
    /// Ask every token with enable_cae (Continuous Access Evaluation).
    bool enable_cae = false;
    /// Seconds since the Unix epoch (Python's time.time()); tests inject one. Default: the system clock.
    std::function<double()> clock{};
    /// Uniform in [0, 1) (tests inject one): each token's refresh jitter is
    /// MAX_REFRESH_JITTER_SECONDS times a value drawn when the token arrives. Called under the
    /// policy's lock. Default: a std::mt19937_64 seeded from std::random_device.
    std::function<double()> random{};
};

/// Adds `Authorization: Bearer <token>` to every try (Python's BearerTokenCredentialPolicy;
/// AsyncBearerTokenCredentialPolicy is the same class).
///
/// - The token is cached and requested again when there is none, when its refresh_on has come,
///   or when it expires in less than 300 s (Python's _need_new_token), each moved later by the
///   token's jitter: a random 0–60 s drawn when the token arrives (as azure-core since
///   Azure/azure-sdk-for-python#43720), so that clients sharing a credential do not all refresh
///   at the same instant. The credential is asked
///   through get_token_info (every TokenCredential has it), with enable_cae when the policy has it.
/// - One token request at a time, in both faces: requests that need a token while one is being
///   requested wait for it (threads block, coroutines suspend; no lock is held while the
///   credential runs), or use the cached token if it has not expired yet. If the request fails,
///   the waiters get the same exception; if it was cancelled or abandoned, one of them asks again.
/// - Only https URLs, unless the per-call option `enforce_https` is false (kept in the context
///   for every try of the call): otherwise ServiceRequestError("Bearer token authentication is
///   not permitted for non-TLS protected (non-https) URLs.").
/// - A 401 drops the cached token (if it is still the one that was sent). With a WWW-Authenticate
///   header, on_challenge decides whether to send the request once more; by default it handles a
///   CAE challenge: a `Bearer` challenge with error="insufficient_claims" and base64url `claims`
///   gets a new token with those claims and one more try. A 401 from a host that a redirect led
///   to (option `insecure_domain_change`) is returned as it is: no token is requested for it.
///   A stream body is rewound before the second try; one that cannot be is not sent again.
/// - Sync face with an AsyncTokenCredential: the credential runs on a private io_context on the
///   calling thread. Async face with a TokenCredential: the credential is called directly (as
///   Python's async policy does with a sync credential), which blocks the thread while it runs.
///
/// Subclasses override on_request, on_challenge, on_response, on_exception, their async twins or
/// send/async_send. The hooks do what they say in either face, as Python's: authorize_request asks
/// the credential and sets the header before it returns (async_authorize_request with co_await).
/// Before on_request, both faces set the cached token (requested first when needed) on a request
/// to a URL the policy authorizes; on_request's default keeps it. The async twins by default call the
/// sync hook: async_on_request in line, async_on_challenge on a thread of its own (it may ask the
/// credential for a token), so a hook written once runs in both faces without blocking the
/// event loop.
class BearerTokenCredentialPolicy : public pipeline::HTTPPolicy {
public:
    /// The largest refresh jitter, in seconds (Python's MAX_REFRESH_JITTER_SECONDS).
    static constexpr double MAX_REFRESH_JITTER_SECONDS = 60;

    /// A policy requesting tokens for scopes from credential, sync or async; std::invalid_argument
    /// for a null credential.
    ///@{
    BearerTokenCredentialPolicy(std::shared_ptr<credentials::SupportsTokenInfo> credential, std::vector<std::string> scopes,
                                BearerTokenCredentialPolicyOptions options = {});
    BearerTokenCredentialPolicy(std::shared_ptr<credentials::AsyncSupportsTokenInfo> credential,
                                std::vector<std::string> scopes, BearerTokenCredentialPolicyOptions options = {});
    ///@}
    ~BearerTokenCredentialPolicy() override;

    pipeline::PipelineResponse send(pipeline::PipelineRequest& request, pipeline::NextPolicy next) const override;
    net::awaitable<pipeline::PipelineResponse> async_send(pipeline::PipelineRequest& request,
                                                          pipeline::NextPolicy next) const override;
    /// enforce_https.
    std::span<const std::string_view> option_names() const override;

    /// Enforces https and sets the cached token (requested first when needed), unless the request
    /// carries the cached token already (the send loops set it just before).
    virtual void on_request(pipeline::PipelineRequest& request) const;
    /// Default: on_request (the token it needs is cached by then).
    virtual net::awaitable<void> async_on_request(pipeline::PipelineRequest& request) const;
    /// Called with every response of the next policy (both tries).
    virtual void on_response(pipeline::PipelineRequest& request, pipeline::PipelineResponse& response) const;
    /// Called when the next policy threw; the exception is rethrown afterwards.
    virtual void on_exception(pipeline::PipelineRequest& request) const;
    /// Called with a 401 that carries WWW-Authenticate; true: the request was authorized again and
    /// is sent once more. Default: the CAE claims challenge (see claims_from_challenge).
    virtual bool on_challenge(pipeline::PipelineRequest& request, const pipeline::PipelineResponse& response) const;
    /// Default: on_challenge, on a thread of its own while the caller's executor runs on.
    virtual net::awaitable<bool> async_on_challenge(pipeline::PipelineRequest& request,
                                                    const pipeline::PipelineResponse& response) const;

    /// Requests a token for scopes with options, caches it and sets it on the request, in either
    /// face (the async twin awaits the credential).
    void authorize_request(pipeline::PipelineRequest& request, const std::vector<std::string>& scopes,
                           credentials::TokenRequestOptions options = {}) const;
    /// The async face of authorize_request().
    net::awaitable<void> async_authorize_request(pipeline::PipelineRequest& request, std::vector<std::string> scopes,
                                                 credentials::TokenRequestOptions options = {}) const;

    // The decisions, with no I/O.
    /// Python's _need_new_token: no token, refresh_on + jitter reached, or less than 300 - jitter
    /// seconds left.
    static bool need_new_token(const std::optional<credentials::AccessTokenInfo>& token, double now, double jitter = 0);
    /// Moves the per-call `enforce_https` into the context; ServiceRequestError for a non-https URL
    /// while it is on.
    static void enforce_https(pipeline::PipelineRequest& request);
    /// The decoded claims of a CAE challenge in response's WWW-Authenticate (a Bearer challenge
    /// with error="insufficient_claims" and non-empty, decodable claims), else nullopt.
    static std::optional<std::string> claims_from_challenge(const pipeline::PipelineResponse& response);

    /// The scopes tokens are requested for.
    const std::vector<std::string>& scopes() const { return scopes_; }
    /// Whether tokens are requested with enable_cae.
    bool enable_cae() const { return options_.enable_cae; }
    /// The cached token, if any.
    std::optional<credentials::AccessTokenInfo> token() const;

private:
    struct Cache;
    struct Call;
    enum class Step { Return, Challenge };
    double now() const;
    credentials::TokenRequestOptions with_cae(credentials::TokenRequestOptions options) const;
    credentials::AccessTokenInfo request_token(const std::vector<std::string>& scopes, credentials::TokenRequestOptions options) const;
    net::awaitable<credentials::AccessTokenInfo> async_request_token(std::vector<std::string> scopes,
                                                                     credentials::TokenRequestOptions options) const;
    std::string cached_token() const;
    net::awaitable<std::string> async_cached_token() const;

    // The steps of the two send loops.
    /// Before the first try: where a stream body starts, and whether the URL gets a token.
    Call begin(const pipeline::PipelineRequest& request) const;
    /// After a try: on_exception and the rethrow, or on_response; Challenge when on_challenge is
    /// to decide on one more try (a 401 with WWW-Authenticate, first try, body rewound).
    Step after_try(pipeline::PipelineRequest& request, Call& call, pipeline::PipelineResponse* response,
                   const std::exception_ptr& error) const;
    /// on_challenge said yes: the 401 is closed, and the next try is the last.
    static void before_second_try(Call& call, pipeline::PipelineResponse& response);

    std::shared_ptr<credentials::SupportsTokenInfo> credential_;
    std::shared_ptr<credentials::AsyncSupportsTokenInfo> async_credential_;
    std::vector<std::string> scopes_;
    BearerTokenCredentialPolicyOptions options_;
    std::unique_ptr<Cache> cache_;
};

/// Python's AsyncBearerTokenCredentialPolicy: the same class, used through async_send.
using AsyncBearerTokenCredentialPolicy = BearerTokenCredentialPolicy;

}  // namespace azcore::policies
