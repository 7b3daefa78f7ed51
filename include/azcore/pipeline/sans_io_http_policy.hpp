#pragma once
// SansIOHTTPPolicy: a policy written as three hooks, running unchanged in both faces.
#include <azcore/pipeline/http_policy.hpp>

namespace azcore::pipeline {

/// A policy that only looks at or changes the request and response, with no I/O of its own.
class SansIOHTTPPolicy : public HTTPPolicy {
public:
    /// Called before the request goes on.
    virtual void on_request(PipelineRequest& request) const;
    /// Called with the response, after the rest of the chain returned it.
    virtual void on_response(PipelineRequest& request, PipelineResponse& response) const;
    /// Called when the rest of the chain threw, inside a handler (std::current_exception() is the
    /// exception, as sys.exc_info() is in Python); the exception is rethrown afterwards.
    virtual void on_exception(PipelineRequest& request) const;

    /// The three hooks around next (Python's _SansIOHTTPPolicyRunner). In a pipeline, consecutive
    /// SansIO policies run as one step with the same order of hooks as nested sends.
    PipelineResponse send(PipelineRequest& request, NextPolicy next) const final;
    /// The async face of send(): the same hooks around next.async_send.
    net::awaitable<PipelineResponse> async_send(PipelineRequest& request, NextPolicy next) const final;

private:
    const SansIOHTTPPolicy* as_sans_io() const noexcept final { return this; }
};

}  // namespace azcore::pipeline
