#pragma once
// send_checked: the step every operation of a service client repeats, in both faces.
#include <azcore/async_pipeline_client.hpp>
#include <azcore/exceptions.hpp>
#include <azcore/net.hpp>
#include <azcore/pipeline_client.hpp>
#include <azcore/rest/async_http_response.hpp>
#include <azcore/rest/http_request.hpp>
#include <azcore/rest/http_response.hpp>

#include <memory>
#include <vector>

namespace azcore {

/// Sends request and returns the response when its status is one of `expected`. Otherwise (the
/// code Python's generated operations repeat): a streamed body is read first, so that the error
/// carries it; then error_map's error for the status is raised (map_error), else HttpResponseError
/// with its body read by error_format (OData v4 when empty; Python's error_format=ARMErrorFormat).
std::shared_ptr<rest::HttpResponse> send_checked(const PipelineClient& client, rest::HttpRequest request,
                                                 const std::vector<int>& expected, SendRequestOptions options = {},
                                                 const exceptions::ErrorMap& error_map = {},
                                                 const exceptions::ErrorFormat& error_format = {});

/// send_checked in the async face: the same checks, the send and the read awaited.
net::awaitable<std::shared_ptr<rest::AsyncHttpResponse>> send_checked(const AsyncPipelineClient& client,
                                                                      rest::HttpRequest request, std::vector<int> expected,
                                                                      SendRequestOptions options = {},
                                                                      exceptions::ErrorMap error_map = {},
                                                                      exceptions::ErrorFormat error_format = {});

}  // namespace azcore
