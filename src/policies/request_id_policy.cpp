#include <azcore/policies/request_id_policy.hpp>

#include <azcore/options/keys.hpp>
#include <azcore/rest/http_request.hpp>

#include <azcore/utils/uuid.hpp>

#include <array>
#include <stdexcept>

namespace azcore::policies {
namespace {

constexpr std::array<std::string_view, 1> request_id_options = {options::request_id.name()};

}  // namespace

std::string new_request_id() { return utils::uuid4(); }

RequestIdPolicy::RequestIdPolicy(RequestIdPolicyOptions options)
    : request_id_(std::move(options.request_id)),
      auto_request_id_(options.auto_request_id),
      header_name_(std::move(options.request_id_header_name)) {
    if (header_name_.empty()) throw std::invalid_argument("request_id_header_name: must not be empty");
}

void RequestIdPolicy::set_request_id(std::string value) { request_id_ = std::move(value); }

std::span<const std::string_view> RequestIdPolicy::option_names() const { return request_id_options; }

void RequestIdPolicy::on_request(pipeline::PipelineRequest& request) const {
    rest::HttpRequest& http_request = *request.http_request;
    if (auto request_id = options::request_id.pop(request.context->options)) {
        // Python's request_id=None: no header at all.
        if (*request_id) http_request.headers.set(header_name_, std::move(**request_id));
        return;
    }
    if (http_request.headers.contains(header_name_)) return;
    if (request_id_) {
        http_request.headers.set(header_name_, *request_id_);
    } else if (auto_request_id_) {
        http_request.headers.set(header_name_, new_request_id());
    }
}

}  // namespace azcore::policies
