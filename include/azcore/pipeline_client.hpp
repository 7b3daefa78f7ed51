#pragma once
// PipelineClient: a base URL, a pipeline of policies, and send_request.
#include <azcore/configuration.hpp>
#include <azcore/options/kwargs.hpp>
#include <azcore/pipeline/pipeline.hpp>
#include <azcore/transport/http_transport.hpp>
#include <azcore/utils/format_url.hpp>

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace azcore::rest {
class HttpRequest;
class HttpResponse;
}  // namespace azcore::rest

namespace azcore {

/// How a client's pipeline is built (Python's PipelineClient keyword arguments).
struct PipelineClientOptions {
    /// Replaces the default policy list (per_call_policies still go in front).
    std::optional<std::vector<std::shared_ptr<pipeline::HTTPPolicy>>> policies{};
    /// Run once per call, before the redirect and retry policies.
    std::vector<std::shared_ptr<pipeline::HTTPPolicy>> per_call_policies{};
    /// Run on every try, after the (last) retry policy.
    std::vector<std::shared_ptr<pipeline::HTTPPolicy>> per_retry_policies{};
    /// Default: a BeastTransport with the default ConnectionConfiguration (HTTP/1.1).
    std::shared_ptr<transport::HttpTransport> transport{};
    /// The policy slots; unset: default_configuration() (the standard policies). Configuration{}
    /// gives the bare list (request id, content decoding, HTTP logging) of a Python PipelineClient.
    std::optional<Configuration> config{};
};

/// Per-call options of send_request: stream, and any option a policy or the transport takes.
struct SendRequestOptions {
    /// false: the body is read before send_request returns; true: the caller reads it (iter_bytes, read).
    bool stream = false;
    /// Other per-call options (options/keys.hpp), e.g. retry_total or headers.
    options::Kwargs kwargs{};
};

/// The policy list of a client, in Python's order (exposed for clients that build their own):
/// request_id_policy (or a RequestIdPolicy), headers_policy, user_agent_policy, proxy_policy,
/// ContentDecodePolicy, per_call_policies, redirect_policy, retry_policy, authentication_policy,
/// custom_hook_policy, per_retry_policies, logging_policy, DistributedTracingPolicy,
/// SensitiveHeaderCleanupPolicy (only when
/// redirect_policy is set), http_logging_policy; empty slots are left out. With an explicit
/// `policies` list: per_call_policies + policies, with per_retry_policies right after the last
/// RetryPolicy (std::invalid_argument when there is none).
std::vector<std::shared_ptr<pipeline::HTTPPolicy>> build_policies(const Configuration& config,
                                                                  const PipelineClientOptions& options);

/// A client of one service (Python's azure.core.PipelineClient).
class PipelineClient {
public:
    /// A client of the service at base_url, its pipeline built from options (see build_policies).
    explicit PipelineClient(std::string base_url, PipelineClientOptions options = {});

    /// Joins a relative template to the base URL (both formatted with arguments); an absolute
    /// template is only formatted.
    std::string format_url(std::string_view url_template, const std::map<std::string, std::string>& arguments = {}) const;
    /// Runs the request through the pipeline and returns the response, whatever its status.
    /// A relative request URL is joined to the base URL as it is (a `{name}` in it is refused, not
    /// filled: format_url fills templates).
    std::shared_ptr<rest::HttpResponse> send_request(rest::HttpRequest request, SendRequestOptions options = {}) const;
    /// Closes the transport's idle connections; requests in flight keep theirs.
    void close();

    /// The URL relative request URLs are joined to.
    const std::string& base_url() const { return base_url_; }
    /// The policy slots the pipeline was built from.
    const Configuration& config() const { return config_; }
    /// The pipeline requests run through.
    const pipeline::Pipeline& pipeline() const { return pipeline_; }

private:
    std::string base_url_;
    Configuration config_;
    pipeline::Pipeline pipeline_;
};

}  // namespace azcore
