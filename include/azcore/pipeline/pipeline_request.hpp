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
    std::shared_ptr<rest::HttpRequest> http_request;
    std::shared_ptr<PipelineContext> context;
};

/// A response on its way back, with the request it answers and the same context.
struct PipelineResponse {
    std::shared_ptr<rest::HttpRequest> http_request;
    std::shared_ptr<rest::HttpResponseBase> http_response;
    std::shared_ptr<PipelineContext> context;
};

}  // namespace azcore::pipeline
