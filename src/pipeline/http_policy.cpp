#include <azcore/pipeline/http_policy.hpp>

#include <azcore/pipeline/async_http_policy.hpp>
#include <azcore/pipeline/sans_io_http_policy.hpp>
#include <azcore/rest/async_http_response.hpp>
#include <azcore/rest/http_response.hpp>
#include <azcore/transport/http_transport.hpp>

#include "rest/request_validation.hpp"
#include "utils/capture.hpp"

#include <stdexcept>

namespace azcore::pipeline {

PipelineResponse NextPolicy::send(PipelineRequest& request) const {
    if (rest_.empty()) {
        rest::detail::validate_request(*request.http_request);
        std::shared_ptr<rest::HttpResponseBase> response = transport_->send(request.http_request, request.context->options);
        return PipelineResponse{request.http_request, std::move(response), request.context};
    }
    return rest_.front()->send(request, NextPolicy(rest_.subspan(1), *transport_));
}

namespace {

net::awaitable<PipelineResponse> transport_send(PipelineRequest& request, transport::HttpTransport& transport) {
    rest::detail::validate_request(*request.http_request);
    std::shared_ptr<rest::HttpResponseBase> response = co_await transport.async_send(request.http_request, request.context->options);
    co_return PipelineResponse{request.http_request, std::move(response), request.context};
}

// After the rest of the chain: on_exception and the rethrow, or on_response.
PipelineResponse after_send(const SansIOHTTPPolicy& policy, PipelineRequest& request,
                            azcore::detail::Outcome<PipelineResponse> outcome) {
    if (outcome.error) {
        policy.on_exception(request);
        std::rethrow_exception(outcome.error);
    }
    policy.on_response(request, *outcome.value);
    return std::move(*outcome.value);
}

}  // namespace

// Not a coroutine: the next policy's awaitable is handed to the caller, who awaits it at once
// (one coroutine frame per policy instead of two).
net::awaitable<PipelineResponse> NextPolicy::async_send(PipelineRequest& request) const {
    if (rest_.empty()) return transport_send(request, *transport_);
    return rest_.front()->async_send(request, NextPolicy(rest_.subspan(1), *transport_));
}

void SansIOHTTPPolicy::on_request(PipelineRequest&) const {}
void SansIOHTTPPolicy::on_response(PipelineRequest&, PipelineResponse&) const {}
void SansIOHTTPPolicy::on_exception(PipelineRequest&) const {}

PipelineResponse SansIOHTTPPolicy::send(PipelineRequest& request, NextPolicy next) const {
    on_request(request);
    auto outcome = azcore::detail::capture([&] { return next.send(request); });
    return after_send(*this, request, std::move(outcome));
}

net::awaitable<PipelineResponse> SansIOHTTPPolicy::async_send(PipelineRequest& request, NextPolicy next) const {
    on_request(request);
    auto outcome = co_await azcore::detail::async_capture(next.async_send(request));
    co_return after_send(*this, request, std::move(outcome));
}

PipelineResponse AsyncHTTPPolicy::send(PipelineRequest&, NextPolicy) const {
    throw std::logic_error("this policy only runs in async pipelines: use async_run / AsyncPipelineClient");
}

}  // namespace azcore::pipeline
