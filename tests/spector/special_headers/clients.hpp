#pragma once
// Clients of Spector's special-headers specs (@typespec/http-specs conditional-request and
// repeatability), as a generator would emit them on azcore: an ETag becomes If-Match or
// If-None-Match as MatchConditions says (quoted, as Python's generated prep_if_match does); a
// datetime becomes If-Modified-Since / If-Unmodified-Since through serialization::format_rfc7231;
// a repeatable operation sends a fresh utils::uuid4 as Repeatability-Request-ID and the time of
// its first sending as Repeatability-First-Sent. The last constructor argument of the Async face
// is the executor.
#include "value_client.hpp"

#include <azcore/match_conditions.hpp>
#include <azcore/serialization.hpp>

#include <optional>
#include <string>

namespace azcore::spector::special_headers {

/// `etag` in double quotes unless it is quoted already (or weak: W/"...").
std::string quote_etag(std::string etag);
/// POST route with the headers.
rest::HttpRequest post_with(std::string route, CaseInsensitiveDict headers);
/// The request of a repeatable POST to route: a new Repeatability-Request-ID, and `first_sent`
/// (by default now) as Repeatability-First-Sent.
rest::HttpRequest repeatable_post(std::string route, std::optional<serialization::DateTime> first_sent);

/// special-headers/conditional-request.
template <class Face>
class ConditionalRequestClient : public ValueClient<Face> {
public:
    template <FaceExecutor... Executor>
    explicit ConditionalRequestClient(std::string endpoint, Executor... executor)
        : ValueClient<Face>(std::move(endpoint), PipelineClientOptions{}, executor...) {}

    /// postIfMatch: match_condition IfNotModified sends If-Match: "<etag>".
    auto post_if_match(std::string etag, MatchConditions match_condition) const {
        return this->send_void(post_with(route + "if-match", condition_headers(std::move(etag), match_condition)), {204});
    }
    /// postIfNoneMatch: match_condition IfModified sends If-None-Match: "<etag>".
    auto post_if_none_match(std::string etag, MatchConditions match_condition) const {
        return this->send_void(post_with(route + "if-none-match", condition_headers(std::move(etag), match_condition)), {204});
    }
    /// headIfModifiedSince.
    auto head_if_modified_since(serialization::DateTime if_modified_since) const {
        rest::HttpRequest request("HEAD", route + "if-modified-since",
                                  {.headers = {{"If-Modified-Since", serialization::format_rfc7231(if_modified_since)}}});
        return this->send_void(std::move(request), {204});
    }
    /// postIfUnmodifiedSince.
    auto post_if_unmodified_since(serialization::DateTime if_unmodified_since) const {
        return this->send_void(post_with(route + "if-unmodified-since",
                                         {{"If-Unmodified-Since", serialization::format_rfc7231(if_unmodified_since)}}),
                               {204});
    }

private:
    inline static const std::string route = "/special-headers/conditional-request/";
    static CaseInsensitiveDict condition_headers(std::string etag, MatchConditions condition) {
        switch (condition) {
        case MatchConditions::IfNotModified: return {{"If-Match", quote_etag(std::move(etag))}};
        case MatchConditions::IfModified: return {{"If-None-Match", quote_etag(std::move(etag))}};
        case MatchConditions::IfPresent: return {{"If-Match", "*"}};
        case MatchConditions::IfMissing: return {{"If-None-Match", "*"}};
        case MatchConditions::Unconditionally: break;
        }
        return {};
    }
};

/// special-headers/repeatability.
template <class Face>
class RepeatabilityClient : public ValueClient<Face> {
public:
    template <FaceExecutor... Executor>
    explicit RepeatabilityClient(std::string endpoint, Executor... executor)
        : ValueClient<Face>(std::move(endpoint), PipelineClientOptions{}, executor...) {}

    /// immediateSuccess: the service's Repeatability-Result ("accepted").
    auto immediate_success(std::optional<serialization::DateTime> first_sent = {}) const {
        return this->send_then(repeatable_post("/special-headers/repeatability/immediateSuccess", first_sent), {204},
                               [](const rest::HttpResponseBase& response) { return response.headers().get("Repeatability-Result").value(); });
    }
};

}  // namespace azcore::spector::special_headers
