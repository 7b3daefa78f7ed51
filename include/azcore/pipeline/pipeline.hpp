#pragma once
// Pipeline: policies in order, then a transport.
#include <azcore/net.hpp>
#include <azcore/pipeline/http_policy.hpp>
#include <azcore/options/kwargs.hpp>

#include <memory>
#include <string_view>
#include <vector>

namespace azcore::rest {
class HttpRequest;
}

namespace azcore::pipeline {

/// Runs a request through the policies and the transport, in either face.
class Pipeline {
public:
    /// A pipeline running policies, in order, then transport.
    Pipeline(std::shared_ptr<transport::HttpTransport> transport, std::vector<std::shared_ptr<HTTPPolicy>> policies = {});

    /// Sends the request; the response's context holds what the policies recorded.
    /// std::invalid_argument, before anything is sent, for an option no policy nor the transport takes.
    PipelineResponse run(rest::HttpRequest request, options::Kwargs options = {}) const;
    /// The async face of run().
    net::awaitable<PipelineResponse> async_run(rest::HttpRequest request, options::Kwargs options = {}) const;

    /// The policies, in order.
    const std::vector<std::shared_ptr<HTTPPolicy>>& policies() const { return policies_; }
    /// The transport at the end.
    const std::shared_ptr<transport::HttpTransport>& transport() const { return transport_; }

private:
    PipelineRequest prepare(rest::HttpRequest request, options::Kwargs options) const;
    std::shared_ptr<transport::HttpTransport> transport_;
    std::vector<std::shared_ptr<HTTPPolicy>> policies_;
    std::vector<std::string_view> accepted_options_;  // sorted
};

/// Python's AsyncPipeline: the same class, used through async_run.
using AsyncPipeline = Pipeline;

}  // namespace azcore::pipeline
