#include <azcore/policies/headers_policy.hpp>

#include <azcore/options/keys.hpp>
#include <azcore/rest/http_request.hpp>

#include <array>

namespace azcore::policies {
namespace {

constexpr std::array<std::string_view, 1> headers_options = {options::headers.name()};

}  // namespace

HeadersPolicy::HeadersPolicy(CaseInsensitiveDict base_headers, HeadersPolicyOptions options)
    : headers_(std::move(base_headers)) {
    headers_.update(options.headers);
}

void HeadersPolicy::add_header(std::string_view key, std::string value) { headers_.set(key, std::move(value)); }

std::span<const std::string_view> HeadersPolicy::option_names() const { return headers_options; }

void HeadersPolicy::on_request(pipeline::PipelineRequest& request) const {
    request.http_request->headers.update(headers_);
    if (auto additional = options::headers.pop(request.context->options); additional && !additional->empty())
        request.http_request->headers.update(*additional);
}

}  // namespace azcore::policies
