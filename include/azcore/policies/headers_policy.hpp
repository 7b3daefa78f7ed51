#pragma once
// HeadersPolicy: headers sent with every request of a client, and per call.
#include <azcore/pipeline/sans_io_http_policy.hpp>
#include <azcore/utils/case_insensitive_dict.hpp>

#include <string>

namespace azcore::policies {

/// HeadersPolicy's keyword arguments.
struct HeadersPolicyOptions {
    /// Merged over base_headers.
    CaseInsensitiveDict headers{};
};

/// Sets its headers on every request, replacing any the request already has, then the per-call
/// `headers` option (a CaseInsensitiveDict or a std::map<std::string, std::string>) over those.
class HeadersPolicy : public pipeline::SansIOHTTPPolicy {
public:
    /// A policy setting base_headers, with options.headers merged over them.
    explicit HeadersPolicy(CaseInsensitiveDict base_headers = {}, HeadersPolicyOptions options = {});

    /// The headers sent with every request.
    const CaseInsensitiveDict& headers() const { return headers_; }
    /// Adds (or replaces) a header sent with every request. For set-up time: not synchronised.
    void add_header(std::string_view key, std::string value);

    void on_request(pipeline::PipelineRequest& request) const override;
    std::span<const std::string_view> option_names() const override;

private:
    CaseInsensitiveDict headers_;
};

}  // namespace azcore::policies
