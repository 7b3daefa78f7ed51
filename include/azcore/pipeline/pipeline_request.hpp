#pragma once
// PipelineRequest and PipelineResponse: what flows through the policies.
#include <azcore/pipeline/pipeline_context.hpp>

#include <memory>

namespace azcore::rest {
class HttpRequest;
class HttpResponseBase;
class HttpResponse;
class AsyncHttpResponse;
}  // namespace azcore::rest

namespace azcore::pipeline {

/// A request on its way to the transport, with its context.
struct PipelineRequest {
    /// The request; a policy may change it or replace it (a redirect does).
    std::shared_ptr<rest::HttpRequest> http_request;
    /// The options and scratch data of this call, shared with the response.
    std::shared_ptr<PipelineContext> context;
};

/// A response on its way back, with the request it answers and the same context.
struct PipelineResponse {
    /// The request this response answers.
    std::shared_ptr<rest::HttpRequest> http_request;
    /// The response: a rest::HttpResponse in the sync face, a rest::AsyncHttpResponse in the async one.
    std::shared_ptr<rest::HttpResponseBase> http_response;
    /// The call's context, the request's.
    std::shared_ptr<PipelineContext> context;
};

}  // namespace azcore::pipeline
