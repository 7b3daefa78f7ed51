#include <azcore/policies/bearer_token_credential_policy.hpp>

#include <azcore/exceptions.hpp>
#include <azcore/options/keys.hpp>
#include <azcore/policies/authentication_challenge.hpp>
#include <azcore/rest/body_stream.hpp>
#include <azcore/rest/http_request.hpp>
#include <azcore/rest/http_response.hpp>

#include "policies/token_cache.hpp"
#include "utils/capture.hpp"
#include "utils/run_blocking.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>

#include <array>
#include <chrono>
#include <stdexcept>

namespace azcore::policies {

using credentials::AccessTokenInfo;
using credentials::TokenRequestOptions;
using pipeline::PipelineRequest;
using pipeline::PipelineResponse;

namespace {

constexpr std::array<std::string_view, 1> bearer_options = {options::enforce_https.name()};
// Context data: an explicit enforce_https=false of the call, kept for every try.
constexpr std::string_view enforce_https_key = options::enforce_https.name();

void set_authorization(PipelineRequest& request, const std::string& token) {
    request.http_request->headers.set("Authorization", "Bearer " + token);
}

bool starts_with_https(std::string_view url) {
    static constexpr std::string_view https = "https";
    if (url.size() < https.size()) return false;
    for (std::size_t i = 0; i < https.size(); ++i) {
        char c = url[i];
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
        if (c != https[i]) return false;
    }
    return true;
}

// Whether enforce_https lets the request through: the per-call option, else what an earlier try
// kept in the context, else true.
bool https_allowed(const PipelineRequest& request) {
    pipeline::PipelineContext& context = *request.context;
    std::optional<bool> enforce = context.options.get<bool>(enforce_https_key);
    if (!enforce) {
        const bool* kept = context.get<bool>(enforce_https_key);
        enforce = kept == nullptr || *kept;
    }
    return !*enforce || starts_with_https(request.http_request->url);
}

std::shared_ptr<rest::BodyStream> stream_of(const rest::HttpRequest& request) {
    if (const auto* stream = std::get_if<std::shared_ptr<rest::BodyStream>>(&request.content)) return *stream;
    return nullptr;
}

}  // namespace

struct BearerTokenCredentialPolicy::Cache : detail::TokenCache {
    using TokenCache::TokenCache;
};

struct BearerTokenCredentialPolicy::Call {
    /// Where a stream body starts (nullopt: none, or not seekable).
    std::optional<std::uint64_t> body_start;
    /// The URL gets a token (enforce_https lets it through): the drivers cache one first.
    bool authorizes = false;
    /// The try under way is the one after a challenge.
    bool challenged = false;
};

BearerTokenCredentialPolicy::BearerTokenCredentialPolicy(std::shared_ptr<credentials::SupportsTokenInfo> credential,
                                                         std::vector<std::string> scopes,
                                                         BearerTokenCredentialPolicyOptions options)
    : credential_(std::move(credential)), scopes_(std::move(scopes)), options_(std::move(options)),
      cache_(std::make_unique<Cache>(options_.random)) {
    if (!credential_) throw std::invalid_argument("credential can not be None");
}

BearerTokenCredentialPolicy::BearerTokenCredentialPolicy(std::shared_ptr<credentials::AsyncSupportsTokenInfo> credential,
                                                         std::vector<std::string> scopes,
                                                         BearerTokenCredentialPolicyOptions options)
    : async_credential_(std::move(credential)), scopes_(std::move(scopes)), options_(std::move(options)),
      cache_(std::make_unique<Cache>(options_.random)) {
    if (!async_credential_) throw std::invalid_argument("credential can not be None");
}

BearerTokenCredentialPolicy::~BearerTokenCredentialPolicy() = default;

std::span<const std::string_view> BearerTokenCredentialPolicy::option_names() const { return bearer_options; }

double BearerTokenCredentialPolicy::now() const {
    if (options_.clock) return options_.clock();
    return std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count();
}

std::optional<AccessTokenInfo> BearerTokenCredentialPolicy::token() const { return cache_->token(); }

// ---- decisions ------------------------------------------------------------------------------

bool BearerTokenCredentialPolicy::need_new_token(const std::optional<AccessTokenInfo>& token, double now, double jitter) {
    if (!token) return true;
    // Azure/azure-sdk-for-python#43720: the jitter delays both the refresh_on
    // and the five-minute window, so a credential's own refresh logic is due by then too.
    if (token->refresh_on && static_cast<double>(*token->refresh_on) + jitter <= now) return true;
    return static_cast<double>(token->expires_on) - now < 300 - jitter;
}

void BearerTokenCredentialPolicy::enforce_https(PipelineRequest& request) {
    pipeline::PipelineContext& context = *request.context;
    // Moved from the options into the context, so that it holds for every try but does not
    // reach the transport; only an explicit false is kept (true is the default).
    if (!options::enforce_https.pop(context.options)) context.set(std::string(enforce_https_key), false);
    if (!https_allowed(request))
        throw exceptions::ServiceRequestError(
            "Bearer token authentication is not permitted for non-TLS protected (non-https) URLs.");
}

std::optional<std::string> BearerTokenCredentialPolicy::claims_from_challenge(const PipelineResponse& response) {
    const CaseInsensitiveDict& headers = response.http_response->headers();
    const auto error = get_challenge_parameter(headers, "Bearer", "error");
    if (!error || *error != "insufficient_claims") return std::nullopt;
    const auto encoded = get_challenge_parameter(headers, "Bearer", "claims");
    if (!encoded || encoded->empty()) return std::nullopt;
    auto claims = decode_challenge_claims(*encoded);
    if (!claims || claims->empty()) return std::nullopt;
    return claims;
}

// ---- tokens ---------------------------------------------------------------------------------

TokenRequestOptions BearerTokenCredentialPolicy::with_cae(TokenRequestOptions options) const {
    if (options_.enable_cae) options.enable_cae = true;
    return options;
}

AccessTokenInfo BearerTokenCredentialPolicy::request_token(const std::vector<std::string>& scopes,
                                                           TokenRequestOptions options) const {
    options = with_cae(std::move(options));
    if (credential_) return credential_->get_token_info(scopes, std::move(options));
    // An async credential in the sync face: run it to completion on an io_context of this call.
    net::io_context io;
    std::optional<AccessTokenInfo> result;
    std::exception_ptr failure;
    net::co_spawn(io, async_credential_->get_token_info(scopes, std::move(options)),
                  [&](std::exception_ptr error, AccessTokenInfo info) {
                      failure = error;
                      if (!error) result = std::move(info);
                  });
    io.run();
    if (failure) std::rethrow_exception(failure);
    if (!result) throw std::logic_error("the credential's get_token_info did not complete");
    return std::move(*result);
}

net::awaitable<AccessTokenInfo> BearerTokenCredentialPolicy::async_request_token(std::vector<std::string> scopes,
                                                                                 TokenRequestOptions options) const {
    options = with_cae(std::move(options));
    if (async_credential_) co_return co_await async_credential_->get_token_info(std::move(scopes), std::move(options));
    co_return credential_->get_token_info(scopes, std::move(options));
}

// The one request that asks while others wait (TokenCache::begin decides): the two faces differ
// only in co_await.
std::string BearerTokenCredentialPolicy::cached_token() const {
    for (;;) {
        detail::TokenCache::Step step = cache_->begin(now());
        if (step.token) return *step.token;
        if (step.wait_for) {
            step.wait_for->wait();
            if (auto token = step.wait_for->answer()) return *token;
            continue;  // abandoned: ask again
        }
        detail::FlightLead lead(*cache_, step.lead);
        return lead.end(azcore::detail::capture([&] { return request_token(scopes_, {}); }));
    }
}

net::awaitable<std::string> BearerTokenCredentialPolicy::async_cached_token() const {
    for (;;) {
        detail::TokenCache::Step step = cache_->begin(now());
        if (step.token) co_return *step.token;
        if (step.wait_for) {
            co_await step.wait_for->async_wait();
            if (auto token = step.wait_for->answer()) co_return *token;
            continue;
        }
        detail::FlightLead lead(*cache_, step.lead);
        TokenRequestOptions no_options;
        auto outcome = co_await azcore::detail::async_capture(async_request_token(scopes_, std::move(no_options)));
        co_return lead.end(std::move(outcome));
    }
}

// ---- hooks ----------------------------------------------------------------------------------

void BearerTokenCredentialPolicy::authorize_request(PipelineRequest& request, const std::vector<std::string>& scopes,
                                                    TokenRequestOptions options) const {
    AccessTokenInfo info = request_token(scopes, std::move(options));
    cache_->store(info);
    set_authorization(request, info.token);
}

net::awaitable<void> BearerTokenCredentialPolicy::async_authorize_request(PipelineRequest& request,
                                                                          std::vector<std::string> scopes,
                                                                          TokenRequestOptions options) const {
    AccessTokenInfo info = co_await async_request_token(std::move(scopes), std::move(options));
    cache_->store(info);
    set_authorization(request, info.token);
}

void BearerTokenCredentialPolicy::on_request(PipelineRequest& request) const {
    enforce_https(request);
    // The driver set the cached token for this try (requesting it when needed): kept, so that a
    // token that arrives already due for refresh is not requested twice.
    if (const std::string* sent = request.http_request->headers.find("Authorization");
        sent && sent->starts_with("Bearer ") && cache_->holds(std::string_view(*sent).substr(7)))
        return;
    set_authorization(request, cached_token());
}

net::awaitable<void> BearerTokenCredentialPolicy::async_on_request(PipelineRequest& request) const {
    on_request(request);
    co_return;
}

void BearerTokenCredentialPolicy::on_response(PipelineRequest&, PipelineResponse&) const {}

void BearerTokenCredentialPolicy::on_exception(PipelineRequest&) const {}

bool BearerTokenCredentialPolicy::on_challenge(PipelineRequest& request, const PipelineResponse& response) const {
    auto claims = claims_from_challenge(response);
    if (!claims) return false;
    authorize_request(request, scopes_, TokenRequestOptions{.claims = std::move(*claims)});
    return true;
}

net::awaitable<bool> BearerTokenCredentialPolicy::async_on_challenge(PipelineRequest& request,
                                                                     const PipelineResponse& response) const {
    // The sync hook may ask the credential for a token (and an async credential then runs on an
    // io_context of that call): off the caller's thread, which serves its other work meanwhile.
    co_return co_await azcore::detail::run_blocking([this, &request, &response] { return on_challenge(request, response); });
}

// ---- the steps of the two faces ---------------------------------------------------------------

BearerTokenCredentialPolicy::Call BearerTokenCredentialPolicy::begin(const PipelineRequest& request) const {
    Call call;
    if (auto stream = stream_of(*request.http_request); stream && stream->seekable()) call.body_start = stream->tell();
    call.authorizes = https_allowed(request);
    return call;
}

BearerTokenCredentialPolicy::Step BearerTokenCredentialPolicy::after_try(PipelineRequest& request, Call& call,
                                                                         PipelineResponse* response,
                                                                         const std::exception_ptr& error) const {
    if (error) {
        on_exception(request);
        std::rethrow_exception(error);
    }
    on_response(request, *response);
    if (call.challenged || response->http_response->status_code() != 401) return Step::Return;
    // Any cached token is invalid (Python drops it unconditionally; a token cached by another
    // request since this one was sent is kept).
    if (const std::string* sent = request.http_request->headers.find("Authorization"); sent && sent->starts_with("Bearer "))
        cache_->invalidate(std::string_view(*sent).substr(7));
    // A host a redirect led to gets no token (reference §15): its challenge is not answered.
    if (options::insecure_domain_change.get(request.context->options)) return Step::Return;
    if (!response->http_response->headers().contains("WWW-Authenticate")) return Step::Return;
    // A stream body starts again where it started; one that cannot is not sent twice.
    if (auto stream = stream_of(*request.http_request)) {
        if (!call.body_start) return Step::Return;
        try {
            stream->seek(*call.body_start);
        } catch (const std::exception&) {
            return Step::Return;
        }
    }
    return Step::Challenge;
}

void BearerTokenCredentialPolicy::before_second_try(Call& call, PipelineResponse& response) {
    call.challenged = true;
    response.http_response->close();
}

// ---- the two faces: the same steps; only the awaits differ ------------------------------------

PipelineResponse BearerTokenCredentialPolicy::send(PipelineRequest& request, pipeline::NextPolicy next) const {
    Call call = begin(request);
    if (call.authorizes) set_authorization(request, cached_token());
    on_request(request);
    for (;;) {
        auto outcome = azcore::detail::capture([&] { return next.send(request); });
        if (after_try(request, call, outcome.value ? &*outcome.value : nullptr, outcome.error) == Step::Return ||
            !on_challenge(request, *outcome.value))
            return std::move(outcome).get();
        before_second_try(call, *outcome.value);
    }
}

net::awaitable<PipelineResponse> BearerTokenCredentialPolicy::async_send(PipelineRequest& request,
                                                                         pipeline::NextPolicy next) const {
    Call call = begin(request);
    if (call.authorizes) set_authorization(request, co_await async_cached_token());
    co_await async_on_request(request);
    for (;;) {
        azcore::detail::Outcome<PipelineResponse> outcome;
        AZCORE_AWAIT_CAPTURE(outcome, next.async_send(request))
        if (after_try(request, call, outcome.value ? &*outcome.value : nullptr, outcome.error) == Step::Return ||
            !co_await async_on_challenge(request, *outcome.value))
            co_return std::move(outcome).get();
        before_second_try(call, *outcome.value);
    }
}

}  // namespace azcore::policies
