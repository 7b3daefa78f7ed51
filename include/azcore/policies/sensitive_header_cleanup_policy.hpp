#pragma once
// SensitiveHeaderCleanupPolicy: keeps credentials from following a redirect to another host.
#include <azcore/pipeline/sans_io_http_policy.hpp>

#include <optional>
#include <string>
#include <vector>

namespace azcore::policies {

/// SensitiveHeaderCleanupPolicy's settings, with Python's names and defaults.
struct SensitiveHeaderCleanupPolicyOptions {
    /// The headers removed; nullopt: DEFAULT_SENSITIVE_HEADERS.
    std::optional<std::vector<std::string>> blocked_redirect_headers{};
    /// Opts out of the cleanup.
    bool disable_redirect_cleanup = false;
};

/// Removes the blocked headers (Authorization and x-ms-authorization-auxiliary by default) from
/// every try of a request that RedirectPolicy sent to another host or from https to http (the
/// `insecure_domain_change` option). It sits after the authentication policy, so that a token added on each try is removed
/// again.
class SensitiveHeaderCleanupPolicy : public pipeline::SansIOHTTPPolicy {
public:
    /// Python's DEFAULT_SENSITIVE_HEADERS.
    static const std::vector<std::string>& DEFAULT_SENSITIVE_HEADERS();

    /// A policy removing options.blocked_redirect_headers (DEFAULT_SENSITIVE_HEADERS when unset).
    explicit SensitiveHeaderCleanupPolicy(SensitiveHeaderCleanupPolicyOptions options = {});

    void on_request(pipeline::PipelineRequest& request) const override;

    /// The headers removed.
    const std::vector<std::string>& blocked_redirect_headers() const { return blocked_; }
    /// Whether the cleanup is off.
    bool disable_redirect_cleanup() const { return disable_; }

private:
    std::vector<std::string> blocked_;
    bool disable_;
};

}  // namespace azcore::policies
