#include <azcore/policies/redirect_policy.hpp>

#include <azcore/exceptions.hpp>
#include <azcore/options/keys.hpp>
#include <azcore/rest/body_stream.hpp>
#include <azcore/rest/http_request.hpp>
#include <azcore/rest/http_response.hpp>

#include "options/given.hpp"

#include <boost/url/encode.hpp>
#include <boost/url/parse.hpp>
#include <boost/url/rfc/gen_delim_chars.hpp>
#include <boost/url/rfc/sub_delim_chars.hpp>
#include <boost/url/rfc/unreserved_chars.hpp>
#include <boost/url/url.hpp>

#include <algorithm>
#include <cctype>

namespace azcore::policies {

using pipeline::PipelineRequest;
using pipeline::PipelineResponse;

namespace {

constexpr std::array<std::string_view, 2> redirect_options = {options::permit_redirects.name(), options::redirect_max.name()};

// The longest part of a refused scheme quoted in an error message.
constexpr std::size_t max_scheme_in_message = 32;

// A 303 turns the request into a GET: these describe a body it no longer has.
constexpr std::array<std::string_view, 4> content_headers = {"Content-Type", "Content-Length", "Content-Encoding",
                                                             "Transfer-Encoding"};

std::string lower(std::string text) {
    std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return text;
}

std::string upper(std::string text) {
    std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    return text;
}

std::shared_ptr<rest::BodyStream> stream_of(const rest::HttpRequest& request) {
    if (const auto* stream = std::get_if<std::shared_ptr<rest::BodyStream>>(&request.content)) return *stream;
    return nullptr;
}

}  // namespace

std::string get_domain(std::string_view url) {
    auto parsed = boost::urls::parse_uri(url);
    if (!parsed) return {};
    return lower(std::string(parsed->encoded_authority()));
}

bool domain_changed(std::string_view original_domain, std::string_view url) {
    if (original_domain.empty()) return false;
    return get_domain(url) != original_domain;
}

std::optional<std::string> resolve_redirect_location(std::string_view base_url, std::string_view location) {
    auto base = boost::urls::parse_uri(base_url);
    if (!base) return std::nullopt;
    auto reference = boost::urls::parse_uri_reference(location);
    std::string encoded;
    if (!reference) {
        // Servers do send spaces or raw UTF-8 in Location: percent-encode what a URL may not hold.
        // Existing %XX escapes are kept (Boost.URL's encode cannot be told to keep '%').
        static constexpr auto allowed =
            boost::urls::unreserved_chars + boost::urls::gen_delim_chars + boost::urls::sub_delim_chars;
        auto is_hex = [](char c) { return std::isxdigit(static_cast<unsigned char>(c)) != 0; };
        std::size_t start = 0;
        std::size_t at = 0;
        while (at < location.size()) {
            if (location[at] == '%' && at + 2 < location.size() && is_hex(location[at + 1]) && is_hex(location[at + 2])) {
                encoded += boost::urls::encode(location.substr(start, at - start), allowed);
                encoded.append(location.substr(at, 3));
                at += 3;
                start = at;
            } else {
                ++at;
            }
        }
        encoded += boost::urls::encode(location.substr(start), allowed);
        reference = boost::urls::parse_uri_reference(encoded);
        if (!reference) return std::nullopt;
    }
    boost::urls::url destination;
    if (!boost::urls::resolve(*base, *reference, destination)) return std::nullopt;
    return std::string(destination.buffer());
}

std::string redirect_target(std::string_view request_url, std::string_view location) {
    std::optional<boost::urls::url> parsed;
    if (auto resolved = resolve_redirect_location(request_url, location)) {
        if (auto uri = boost::urls::parse_uri(*resolved)) parsed.emplace(*uri);
    }
    if (!parsed) throw exceptions::ServiceRequestError("Redirect refused: the Location header is not a valid URL");
    boost::urls::url& target = *parsed;
    if (target.scheme_id() != boost::urls::scheme::http && target.scheme_id() != boost::urls::scheme::https) {
        // The scheme alone is named: the rest of a Location may hold secrets.
        std::string scheme(target.scheme().substr(0, max_scheme_in_message));
        if (target.scheme().size() > max_scheme_in_message) scheme += "...";
        throw exceptions::ServiceRequestError("Redirect refused: scheme '" + scheme + "' is not http or https");
    }
    // curl would turn user:password@ into Basic credentials for a host the server chose.
    target.remove_userinfo();
    return std::string(target.buffer());
}

bool insecure_redirect(std::string_view original_url, std::string_view url) {
    if (domain_changed(get_domain(original_url), url)) return true;
    auto original = boost::urls::parse_uri(original_url);
    auto next = boost::urls::parse_uri(url);
    return original && next && original->scheme_id() == boost::urls::scheme::https &&
           next->scheme_id() != boost::urls::scheme::https;
}

struct RedirectPolicy::Hop {
    RedirectSettings settings;
    std::string original_url;
    /// The per-call options as the call began: policies below take theirs from every hop afresh.
    options::Kwargs options;
    std::optional<std::uint64_t> body_position;
};

RedirectPolicy::RedirectPolicy(RedirectPolicyOptions options) : options_(std::move(options)) {
    remove_headers_on_redirect_ = options_.redirect_remove_headers;
    for (std::string_view header : REDIRECT_HEADERS_BLACKLIST) remove_headers_on_redirect_.emplace_back(header);
    redirect_on_status_codes_.insert(REDIRECT_STATUSES.begin(), REDIRECT_STATUSES.end());
    redirect_on_status_codes_.insert(options_.redirect_on_status_codes.begin(), options_.redirect_on_status_codes.end());
}

std::shared_ptr<RedirectPolicy> RedirectPolicy::no_redirects() {
    return std::make_shared<RedirectPolicy>(RedirectPolicyOptions{.permit_redirects = false});
}

std::span<const std::string_view> RedirectPolicy::option_names() const { return redirect_options; }

RedirectSettings RedirectPolicy::configure_redirects(options::Kwargs& kwargs) const {
    RedirectSettings settings;
    settings.allow = options_.permit_redirects;
    settings.redirects = options_.redirect_max;
    if (!options::detail::any_given(kwargs, redirect_options)) return settings;
    if (auto allow = options::permit_redirects.pop(kwargs)) settings.allow = *allow;
    if (auto redirects = options::redirect_max.pop(kwargs)) settings.redirects = *redirects;
    return settings;
}

std::optional<std::string> RedirectPolicy::get_redirect_location(const PipelineResponse& response) const {
    const int status = response.http_response->status_code();
    if (status == 301 || status == 302) {
        const std::string method = upper(response.http_request->method);
        if (method != "GET" && method != "HEAD") return std::nullopt;
    } else if (!redirect_on_status_codes_.contains(status)) {
        return std::nullopt;
    }
    const std::string* location = response.http_response->headers().find("location");
    if (location == nullptr || location->empty()) return std::nullopt;
    return *location;
}

bool RedirectPolicy::increment(RedirectSettings& settings, PipelineRequest& request, const PipelineResponse& response,
                               const std::string& redirect_location) const {
    settings.redirects -= 1;
    settings.history.push_back({response.http_request, response.http_response, nullptr});

    auto next = std::make_shared<rest::HttpRequest>(*response.http_request);
    next->url = redirect_target(response.http_request->url, redirect_location);
    if (response.http_response->status_code() == 303) {
        next->method = "GET";
        next->content = std::monostate{};
        for (std::string_view header : content_headers) next->headers.erase(header);
    }
    for (const std::string& header : remove_headers_on_redirect_) next->headers.erase(header);
    request.http_request = std::move(next);
    return settings.redirects >= 0;
}

RedirectPolicy::Hop RedirectPolicy::begin(PipelineRequest& request) const {
    Hop hop;
    hop.settings = configure_redirects(request.context->options);
    if (hop.settings.allow) {
        hop.original_url = request.http_request->url;
        hop.options = request.context->options;
    }
    if (auto stream = stream_of(*request.http_request); stream && stream->seekable()) hop.body_position = stream->tell();
    return hop;
}

bool RedirectPolicy::follow(PipelineRequest& request, Hop& hop, PipelineResponse& response) const {
    if (!hop.settings.allow) return false;
    auto location = get_redirect_location(response);
    if (!location) return false;
    // A body sent again must start from the beginning; one that cannot is not sent half.
    if (response.http_response->status_code() != 303) {
        if (auto stream = stream_of(*request.http_request)) {
            if (!hop.body_position) return false;
            try {
                stream->seek(*hop.body_position);
            } catch (const std::exception&) {
                return false;
            }
        }
    }
    response.http_response->close();
    const bool more = increment(hop.settings, request, response, *location);
    if (!more) throw exceptions::TooManyRedirectsError(std::move(hop.settings.history));
    // Python's policies pop their options on the first hop (a redirected call then retries with
    // the defaults); every hop here starts from the options the call was made with.
    request.context->options = hop.options;
    // Kept (not popped) by SensitiveHeaderCleanupPolicy, so that every try of this hop is cleaned.
    if (insecure_redirect(hop.original_url, request.http_request->url))
        options::insecure_domain_change.set(request.context->options, true);
    return true;
}

// The two faces: the same steps; only the send differs.
PipelineResponse RedirectPolicy::send(PipelineRequest& request, pipeline::NextPolicy next) const {
    Hop hop = begin(request);
    for (;;) {
        PipelineResponse response = next.send(request);
        if (!follow(request, hop, response)) return response;
    }
}

net::awaitable<PipelineResponse> RedirectPolicy::async_send(PipelineRequest& request, pipeline::NextPolicy next) const {
    Hop hop = begin(request);
    for (;;) {
        PipelineResponse response = co_await next.async_send(request);
        if (!follow(request, hop, response)) co_return response;
    }
}

}  // namespace azcore::policies
