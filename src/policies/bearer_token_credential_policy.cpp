#include <azcore/policies/bearer_token_credential_policy.hpp>

#include <azcore/exceptions.hpp>
#include <azcore/options/keys.hpp>
#include <azcore/policies/authentication_challenge.hpp>
#include <azcore/rest/body_stream.hpp>
#include <azcore/rest/http_request.hpp>
#include <azcore/rest/http_response.hpp>

#include "policies/token_cache.hpp"

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
constexpr std::string_view deferred_key = "azcore.bearer_token_credential_policy.deferred";
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

std::shared_ptr<rest::BodyStream> stream_of(const rest::HttpRequest& request) {
    if (const auto* stream = std::get_if<std::shared_ptr<rest::BodyStream>>(&request.content)) return *stream;
    return nullptr;
}

// Where a stream body starts, to send it again after a challenge (nullopt: not seekable).
std::optional<std::uint64_t> body_start(const PipelineRequest& request) {
    auto stream = stream_of(*request.http_request);
    if (!stream || !stream->seekable()) return std::nullopt;
    return stream->tell();
}

// Rewinds a stream body for the second try; false when it cannot be sent again.
bool rewind_body(const PipelineRequest& request, const std::optional<std::uint64_t>& start) {
    auto stream = stream_of(*request.http_request);
    if (!stream) return true;
    if (!start) return false;
    try {
        stream->seek(*start);
    } catch (const std::exception&) {
        return false;
    }
    return true;
}

}  // namespace

/// What a sync hook asked for while its async twin runs it: done afterwards with co_await.
struct BearerTokenCredentialPolicy::Deferred {
    enum class Kind { None, Cached, Fresh };
    bool active = false;
    Kind kind = Kind::None;
    std::vector<std::string> scopes{};
    TokenRequestOptions options{};
};

BearerTokenCredentialPolicy::BearerTokenCredentialPolicy(std::shared_ptr<credentials::SupportsTokenInfo> credential,
                                                         std::vector<std::string> scopes,
                                                         BearerTokenCredentialPolicyOptions options)
    : credential_(std::move(credential)), scopes_(std::move(scopes)), options_(std::move(options)),
      cache_(std::make_unique<detail::TokenCache>(options_.random)) {
    if (!credential_) throw std::invalid_argument("credential can not be None");
}

BearerTokenCredentialPolicy::BearerTokenCredentialPolicy(std::shared_ptr<credentials::AsyncSupportsTokenInfo> credential,
                                                         std::vector<std::string> scopes,
                                                         BearerTokenCredentialPolicyOptions options)
    : async_credential_(std::move(credential)), scopes_(std::move(scopes)), options_(std::move(options)),
      cache_(std::make_unique<detail::TokenCache>(options_.random)) {
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
    const bool* kept = context.get<bool>(enforce_https_key);
    const bool enforce = kept == nullptr || *kept;
    if (enforce && !starts_with_https(request.http_request->url))
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

bool BearerTokenCredentialPolicy::after_unauthorized(const PipelineRequest& request, const PipelineResponse& response) const {
    if (response.http_response->status_code() != 401) return false;
    // Any cached token is invalid (Python drops it unconditionally; a token cached by another
    // request since this one was sent is kept).
    if (const std::string* sent = request.http_request->headers.find("Authorization"); sent && sent->starts_with("Bearer "))
        cache_->invalidate(std::string_view(*sent).substr(7));
    // A host a redirect led to gets no token (reference §15): its challenge is not answered.
    if (options::insecure_domain_change.get(request.context->options)) return false;
    return response.http_response->headers().contains("WWW-Authenticate");
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

// The one request that asks while others wait: the two faces differ only in co_await.
std::string BearerTokenCredentialPolicy::cached_token() const {
    for (;;) {
        detail::TokenCache::Step step = cache_->begin(now(), &BearerTokenCredentialPolicy::need_new_token);
        if (step.token) return *step.token;
        if (step.wait_for) {
            step.wait_for->wait();
            if (auto token = step.wait_for->token()) return *token;
            if (auto error = step.wait_for->error()) std::rethrow_exception(error);
            continue;  // abandoned: ask again
        }
        detail::FlightLead lead(*cache_, step.lead);
        AccessTokenInfo info;
        try {
            info = request_token(scopes_, {});
        } catch (...) {
            lead.fail(std::current_exception());
            throw;
        }
        lead.finish(info);
        return info.token;
    }
}

net::awaitable<std::string> BearerTokenCredentialPolicy::async_cached_token() const {
    for (;;) {
        detail::TokenCache::Step step = cache_->begin(now(), &BearerTokenCredentialPolicy::need_new_token);
        if (step.token) co_return *step.token;
        if (step.wait_for) {
            co_await step.wait_for->async_wait();
            if (auto token = step.wait_for->token()) co_return *token;
            if (auto error = step.wait_for->error()) std::rethrow_exception(error);
            continue;
        }
        detail::FlightLead lead(*cache_, step.lead);
        AccessTokenInfo info;
        std::exception_ptr failure;
        TokenRequestOptions no_options;
        try {
            info = co_await async_request_token(scopes_, std::move(no_options));
        } catch (...) {
            failure = std::current_exception();
        }
        if (failure) {
            lead.fail(failure);
            std::rethrow_exception(failure);
        }
        lead.finish(info);
        co_return info.token;
    }
}

// ---- deferral of sync hooks in the async face -------------------------------------------------

void BearerTokenCredentialPolicy::set_deferral(PipelineRequest& request, bool on) const {
    if (on) {
        request.context->set(std::string(deferred_key), Deferred{.active = true});
    } else {
        request.context->erase(deferred_key);
    }
}

BearerTokenCredentialPolicy::Deferred BearerTokenCredentialPolicy::take_deferred(PipelineRequest& request) const {
    Deferred deferred;
    if (Deferred* found = request.context->get<Deferred>(deferred_key)) deferred = std::move(*found);
    set_deferral(request, false);
    return deferred;
}

net::awaitable<void> BearerTokenCredentialPolicy::run_deferred(PipelineRequest& request, Deferred deferred) const {
    if (deferred.kind == Deferred::Kind::Cached) {
        set_authorization(request, co_await async_cached_token());
    } else if (deferred.kind == Deferred::Kind::Fresh) {
        co_await async_authorize_request(request, std::move(deferred.scopes), std::move(deferred.options));
    }
}

// ---- hooks ----------------------------------------------------------------------------------

void BearerTokenCredentialPolicy::authorize_with_cached_token(PipelineRequest& request) const {
    if (Deferred* deferred = request.context->get<Deferred>(deferred_key); deferred && deferred->active) {
        deferred->kind = Deferred::Kind::Cached;
        return;
    }
    set_authorization(request, cached_token());
}

void BearerTokenCredentialPolicy::authorize_request(PipelineRequest& request, const std::vector<std::string>& scopes,
                                                    TokenRequestOptions options) const {
    if (Deferred* deferred = request.context->get<Deferred>(deferred_key); deferred && deferred->active) {
        deferred->kind = Deferred::Kind::Fresh;
        deferred->scopes = scopes;
        deferred->options = std::move(options);
        return;
    }
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
    authorize_with_cached_token(request);
}

net::awaitable<void> BearerTokenCredentialPolicy::async_on_request(PipelineRequest& request) const {
    set_deferral(request, true);
    try {
        on_request(request);
    } catch (...) {
        set_deferral(request, false);
        throw;
    }
    co_await run_deferred(request, take_deferred(request));
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
    set_deferral(request, true);
    bool authorized = false;
    try {
        authorized = on_challenge(request, response);
    } catch (...) {
        set_deferral(request, false);
        throw;
    }
    co_await run_deferred(request, take_deferred(request));
    co_return authorized;
}

// ---- the two faces --------------------------------------------------------------------------

PipelineResponse BearerTokenCredentialPolicy::send_once(PipelineRequest& request, pipeline::NextPolicy next) const {
    PipelineResponse response;
    try {
        response = next.send(request);
    } catch (...) {
        on_exception(request);
        throw;
    }
    on_response(request, response);
    return response;
}

net::awaitable<PipelineResponse> BearerTokenCredentialPolicy::async_send_once(PipelineRequest& request,
                                                                              pipeline::NextPolicy next) const {
    PipelineResponse response;
    std::exception_ptr failure;
    try {
        response = co_await next.async_send(request);
    } catch (...) {
        failure = std::current_exception();
    }
    if (failure) {
        on_exception(request);
        std::rethrow_exception(failure);
    }
    on_response(request, response);
    co_return response;
}

PipelineResponse BearerTokenCredentialPolicy::send(PipelineRequest& request, pipeline::NextPolicy next) const {
    const auto start = body_start(request);
    on_request(request);
    PipelineResponse response = send_once(request, next);
    if (after_unauthorized(request, response) && rewind_body(request, start) && on_challenge(request, response)) {
        response.http_response->close();
        response = send_once(request, next);
    }
    return response;
}

net::awaitable<PipelineResponse> BearerTokenCredentialPolicy::async_send(PipelineRequest& request,
                                                                         pipeline::NextPolicy next) const {
    const auto start = body_start(request);
    co_await async_on_request(request);
    PipelineResponse response = co_await async_send_once(request, next);
    bool send_again = false;
    if (after_unauthorized(request, response) && rewind_body(request, start))
        send_again = co_await async_on_challenge(request, response);
    if (send_again) {
        response.http_response->close();
        response = co_await async_send_once(request, next);
    }
    co_return response;
}

}  // namespace azcore::policies
