#pragma once
// UserAgentPolicy: the User-Agent header, as Azure SDKs compose it.
#include <azcore/pipeline/sans_io_http_policy.hpp>

#include <optional>
#include <string>

namespace azcore::policies {

/// UserAgentPolicy's keyword arguments, with Python's names and defaults.
struct UserAgentPolicyOptions {
    /// Replace the request's User-Agent rather than prefix it (and set it even when present).
    bool user_agent_overwrite = false;
    /// Append the AZURE_HTTP_USER_AGENT environment variable, read on every request.
    bool user_agent_use_env = true;
    /// An application id put in front of the user agent.
    std::optional<std::string> user_agent{};
    /// "<package>/<version>" of the SDK; default "azcore/<azcore version>".
    std::optional<std::string> sdk_moniker{};
};

/// Sets User-Agent. The default value is "azsdk-cpp-{sdk_moniker} ({compiler}/{version}; {OS})",
/// e.g. "azsdk-cpp-azcore/0.1.0 (GCC/12.2.0; Linux-6.1.0-18-amd64-x86_64)", in the shape of
/// Python's "azsdk-python-{sdk_moniker} Python/{version} ({platform})"; base_user_agent replaces
/// it; the user_agent option goes in front ("{user_agent} {value}"); AZURE_HTTP_USER_AGENT is
/// appended ("{value} {env}") when user_agent_use_env.
///
/// A request that already has a User-Agent keeps it unless user_agent_overwrite. Per-call
/// options: user_agent (prefixed to user_agent(), or the whole header with user_agent_overwrite),
/// user_agent_overwrite (only read together with user_agent).
class UserAgentPolicy : public pipeline::SansIOHTTPPolicy {
public:
    /// A policy whose value is base_user_agent, or the default one when nullopt.
    explicit UserAgentPolicy(std::optional<std::string> base_user_agent = {}, UserAgentPolicyOptions options = {});

    /// The current value, with AZURE_HTTP_USER_AGENT appended when user_agent_use_env.
    std::string user_agent() const;
    /// Appends " {value}". For set-up time: not synchronised.
    void add_user_agent(std::string_view value);

    void on_request(pipeline::PipelineRequest& request) const override;
    std::span<const std::string_view> option_names() const override;

    /// Whether the request's User-Agent is replaced (user_agent_overwrite).
    bool overwrite() const { return overwrite_; }
    /// Whether AZURE_HTTP_USER_AGENT is appended (user_agent_use_env).
    bool use_env() const { return use_env_; }

private:
    bool overwrite_;
    bool use_env_;
    std::string user_agent_;
};

/// The platform part of the default user agent: "{compiler}/{version}; {OS}-{release}-{machine}".
std::string user_agent_platform();

}  // namespace azcore::policies
