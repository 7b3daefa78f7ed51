#pragma once
// HTTPPolicy: the one policy interface, with a sync and an async face; NextPolicy: the rest of the chain.
#include <azcore/net.hpp>
#include <azcore/pipeline/pipeline_request.hpp>

#include <cstddef>
#include <memory>
#include <span>
#include <string_view>

namespace azcore::transport {
class HttpTransport;
}

namespace azcore::pipeline {

class HTTPPolicy;
class SansIOHTTPPolicy;

/// The policies after the current one, then the transport. Passed to HTTPPolicy::send by value.
class NextPolicy {
public:
    /// The policies in rest, then transport (the pipeline makes it).
    NextPolicy(std::span<const std::shared_ptr<HTTPPolicy>> rest, transport::HttpTransport& transport)
        : rest_(rest), transport_(&transport) {}
    /// Sends the request through the rest of the chain.
    PipelineResponse send(PipelineRequest& request) const;
    /// The async face of send().
    net::awaitable<PipelineResponse> async_send(PipelineRequest& request) const;

private:
    /// How many policies at the front of rest_ are SansIO: they run as one step, their hooks in a
    /// loop around the rest of the chain (one stack frame or coroutine frame for all of them).
    std::size_t sans_io_run() const;
    /// The i-th policy of that run.
    auto run_at() const;

    std::span<const std::shared_ptr<HTTPPolicy>> rest_;
    transport::HttpTransport* transport_;
};

/// A pipeline policy. Policies are shared and const: state that changes while requests flow
/// is internal and synchronised.
class HTTPPolicy {
public:
    virtual ~HTTPPolicy() = default;
    /// Handles request: changes it, sends it on with next.send(request) (any number of times, or not
    /// at all), and returns a response. Thread-safe: one policy serves every call of a pipeline.
    virtual PipelineResponse send(PipelineRequest& request, NextPolicy next) const = 0;
    /// The async face of send(): the same behaviour, awaiting next.async_send(request).
    virtual net::awaitable<PipelineResponse> async_send(PipelineRequest& request, NextPolicy next) const = 0;
    /// Names of the per-call options this policy takes (Python kwargs it pops).
    virtual std::span<const std::string_view> option_names() const { return {}; }

private:
    friend class NextPolicy;
    /// This policy as a SansIOHTTPPolicy, or nullptr (no dynamic_cast per request).
    virtual const SansIOHTTPPolicy* as_sans_io() const noexcept { return nullptr; }
};

}  // namespace azcore::pipeline
