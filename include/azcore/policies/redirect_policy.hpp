#pragma once
// RedirectPolicy: follows redirects with Python azure-core's rules, in both faces.
#include <azcore/pipeline/http_policy.hpp>
#include <azcore/request_history.hpp>

#include <array>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace azcore::policies {

/// RedirectPolicy's settings, with Python's names and defaults.
struct RedirectPolicyOptions {
    /// Whether redirects are followed at all.
    bool permit_redirects = true;
    /// The most redirects followed for one call; one more raises TooManyRedirectsError.
    int redirect_max = 30;
    /// Headers dropped from the request on every redirect, in addition to Authorization.
    std::vector<std::string> redirect_remove_headers{};
    /// Status codes followed in addition to 300, 301, 302, 303, 307 and 308.
    std::vector<int> redirect_on_status_codes{};
};

/// The redirect state of one call (Python's settings dict).
struct RedirectSettings {
    /// Whether redirects are followed in this call.
    bool allow = true;
    /// Redirects still allowed; below zero the call fails.
    int redirects = 0;
    /// Every redirect response received, with the request that got it.
    std::vector<RequestHistory> history;
};

/// Follows redirect responses (Python's RedirectPolicy; AsyncRedirectPolicy is the same class).
///
/// 301 and 302 are followed only for GET and HEAD; 300, 303, 307, 308 (and
/// redirect_on_status_codes) for any method. A 303 turns the request into a GET without a body or
/// content headers; the others keep the method and body (a streamed body is rewound, and a
/// redirect is not followed when the body cannot be sent again). A relative Location is resolved
/// against the request URL (see redirect_target: only http and https are followed, userinfo is
/// dropped). Every redirect drops Authorization and redirect_remove_headers; a redirect away from
/// the original host (scheme-less authority, lower-cased, port included) or from https to http
/// sets the option `insecure_domain_change`, on which SensitiveHeaderCleanupPolicy removes its
/// headers and the key and SAS policies add nothing. Redirect responses are closed before the
/// next request. After redirect_max redirects, the next one raises TooManyRedirectsError with
/// every redirect response in its history.
///
/// Every hop starts from the per-call options the call was made with, so the options of the
/// policies below it (retry_total, timeout, logging_enable, …) apply to every hop, not only the
/// first (Python's policies pop them on the first hop).
///
/// Per-call options: permit_redirects, redirect_max.
class RedirectPolicy : public pipeline::HTTPPolicy {
public:
    /// The status codes followed by default.
    static constexpr std::array<int, 6> REDIRECT_STATUSES = {300, 301, 302, 303, 307, 308};
    /// The headers dropped on every redirect.
    static constexpr std::array<std::string_view, 1> REDIRECT_HEADERS_BLACKLIST = {"Authorization"};

    /// A policy following redirects by these settings (no_redirects() makes one that follows none).
    explicit RedirectPolicy(RedirectPolicyOptions options = {});
    /// A policy that follows no redirect (permit_redirects = false).
    static std::shared_ptr<RedirectPolicy> no_redirects();

    pipeline::PipelineResponse send(pipeline::PipelineRequest& request, pipeline::NextPolicy next) const override;
    net::awaitable<pipeline::PipelineResponse> async_send(pipeline::PipelineRequest& request,
                                                          pipeline::NextPolicy next) const override;
    std::span<const std::string_view> option_names() const override;

    // The decisions, with Python's names; the two loops above only call these.
    /// Takes permit_redirects and redirect_max from the per-call options.
    RedirectSettings configure_redirects(options::Kwargs& kwargs) const;
    /// The Location to follow, or nullopt when the response is not a redirect to follow (not a
    /// redirect status, a 301/302 to a method other than GET/HEAD, or no Location).
    std::optional<std::string> get_redirect_location(const pipeline::PipelineResponse& response) const;
    /// Records the redirect in the history and points request at the next hop (a new HttpRequest:
    /// URL resolved, method and headers per the rules above). False once redirects are exhausted.
    bool increment(RedirectSettings& settings, pipeline::PipelineRequest& request, const pipeline::PipelineResponse& response,
                   const std::string& redirect_location) const;

    /// The settings the policy was made with.
    ///@{
    bool permit_redirects() const { return options_.permit_redirects; }
    int redirect_max() const { return options_.redirect_max; }
    ///@}

private:
    struct Hop;
    Hop begin(pipeline::PipelineRequest& request) const;
    /// True when the request now points at the next hop; false: return the response.
    bool follow(pipeline::PipelineRequest& request, Hop& hop, pipeline::PipelineResponse& response) const;

    RedirectPolicyOptions options_;
    std::vector<std::string> remove_headers_on_redirect_;
    std::set<int> redirect_on_status_codes_;
};

/// Python's AsyncRedirectPolicy: the same class, used through async_send.
using AsyncRedirectPolicy = RedirectPolicy;

/// The authority of url (userinfo, host, port), lower-cased, as Python's get_domain; empty when
/// url does not parse.
std::string get_domain(std::string_view url);

/// True when url's domain differs from a non-empty original_domain.
bool domain_changed(std::string_view original_domain, std::string_view url);

/// location resolved against base_url (RFC 3986); characters a URL may not hold are
/// percent-encoded first. nullopt when it still does not parse.
std::optional<std::string> resolve_redirect_location(std::string_view base_url, std::string_view location);

/// The URL a redirect from request_url to location goes to: location resolved against
/// request_url, without userinfo (curl would send it as Basic credentials). ServiceRequestError
/// when location does not resolve to a URL, or when its scheme is not http or https (the
/// message names the scheme only).
std::string redirect_target(std::string_view request_url, std::string_view location);

/// True when no credential may travel on a hop from original_url to url: the domain changed
/// (domain_changed) or the hop leaves https.
bool insecure_redirect(std::string_view original_url, std::string_view url);

}  // namespace azcore::policies
