#include "session_token_policy.hpp"

#include <azcore/rest/http_request.hpp>
#include <azcore/rest/http_response.hpp>

#include <utility>

namespace contoso {

SessionTokenPolicy::SessionTokenPolicy(std::string client_name) : client_name_(std::move(client_name)) {}

void SessionTokenPolicy::on_request(azcore::pipeline::PipelineRequest& request) const {
    request.http_request->headers.set(client_header, client_name_);
    if (auto token = session_token()) request.http_request->headers.set(session_header, std::move(*token));
}

void SessionTokenPolicy::on_response(azcore::pipeline::PipelineRequest&, azcore::pipeline::PipelineResponse& response) const {
    if (auto token = response.http_response->headers().get(session_header); token && !token->empty()) {
        std::lock_guard lock(mutex_);
        token_ = std::move(*token);
    }
}

std::optional<std::string> SessionTokenPolicy::session_token() const {
    std::lock_guard lock(mutex_);
    return token_;
}

}  // namespace contoso
