#include <azcore/policies/headers_policy.hpp>

#include <azcore/rest/http_request.hpp>

#include <array>
#include <map>
#include <stdexcept>

namespace azcore::policies {
namespace {

constexpr std::array<std::string_view, 1> headers_options = {"headers"};

// The per-call `headers` option, popped; empty when absent.
CaseInsensitiveDict pop_headers(pipeline::Kwargs& options) {
    const std::any* value = options.find("headers");
    if (value == nullptr) return {};
    CaseInsensitiveDict headers;
    if (const auto* dict = std::any_cast<CaseInsensitiveDict>(value)) {
        headers = *dict;
    } else if (const auto* map = std::any_cast<std::map<std::string, std::string>>(value)) {
        for (const auto& [name, text] : *map) headers.set(name, text);
    } else {
        throw std::invalid_argument(
            "option 'headers' has the wrong type (expected a CaseInsensitiveDict or a std::map<std::string, std::string>)");
    }
    options.erase("headers");
    return headers;
}

}  // namespace

HeadersPolicy::HeadersPolicy(CaseInsensitiveDict base_headers, HeadersPolicyOptions options)
    : headers_(std::move(base_headers)) {
    headers_.update(options.headers);
}

void HeadersPolicy::add_header(std::string_view key, std::string value) { headers_.set(key, std::move(value)); }

std::span<const std::string_view> HeadersPolicy::option_names() const { return headers_options; }

void HeadersPolicy::on_request(pipeline::PipelineRequest& request) const {
    request.http_request->headers.update(headers_);
    CaseInsensitiveDict additional = pop_headers(request.context->options);
    if (!additional.empty()) request.http_request->headers.update(additional);
}

}  // namespace azcore::policies
