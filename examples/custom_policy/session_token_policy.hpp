#pragma once
// SessionTokenPolicy: a custom policy written once for both pipelines (sync and async).
#include <azcore/pipeline/sans_io_http_policy.hpp>

#include <mutex>
#include <optional>
#include <string>

namespace contoso {

/// Carries a service's session token from its responses to the next requests, as services with
/// session consistency ask (Cosmos DB's x-ms-session-token works this way), and names the client:
/// - every try is stamped with `x-contoso-client: <client name>` and, once the service has sent
///   one, `x-contoso-session: <the latest token>`;
/// - every response's `x-contoso-session` becomes the latest token.
/// A SansIOHTTPPolicy: the hooks run unchanged in a PipelineClient and an AsyncPipelineClient, so
/// one instance can serve both (shared, const hooks; the token is guarded by a mutex). Put it in
/// per_retry_policies, so that a retry carries the newest token.
class SessionTokenPolicy : public azcore::pipeline::SansIOHTTPPolicy {
public:
    static constexpr const char* session_header = "x-contoso-session";
    static constexpr const char* client_header = "x-contoso-client";

    explicit SessionTokenPolicy(std::string client_name);

    void on_request(azcore::pipeline::PipelineRequest& request) const override;
    void on_response(azcore::pipeline::PipelineRequest& request, azcore::pipeline::PipelineResponse& response) const override;

    /// The latest token the service sent, if any.
    std::optional<std::string> session_token() const;

private:
    const std::string client_name_;
    mutable std::mutex mutex_;
    mutable std::optional<std::string> token_;
};

}  // namespace contoso
