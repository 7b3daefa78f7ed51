// parts() of both response faces: the multipart/mixed body decoded into sub-responses.
#include <azcore/exceptions.hpp>
#include <azcore/pipeline/pipeline_context.hpp>
#include <azcore/pipeline/pipeline_request.hpp>
#include <azcore/pipeline/sans_io_http_policy.hpp>
#include <azcore/rest/async_http_response.hpp>
#include <azcore/rest/http_response.hpp>
#include <azcore/transport/http_transport.hpp>

#include "rest/memory_body.hpp"
#include "rest/multipart_mixed_parser.hpp"

#include <stdexcept>
#include <string_view>

namespace azcore::rest {

namespace {

std::vector<detail::PartResponse> decoded_parts(HttpResponseBase& response) {
    static const std::vector<std::shared_ptr<HttpRequest>> no_requests;
    const auto& info = response.request().multipart_mixed_info();
    const Bytes& body = response.content();
    try {
        return detail::decode_parts(std::string_view(reinterpret_cast<const char*>(body.data()), body.size()),
                                    response.content_type().value_or(""), info ? info->requests : no_requests,
                                    std::const_pointer_cast<HttpRequest>(response.request_ptr()));
    } catch (const std::invalid_argument& error) {
        throw exceptions::DecodeError("Failed to parse the multipart/mixed body: " + std::string(error.what()),
                                      response.shared_from_this());
    }
}

// Python's _parts_helper: the batch's policies see every part, each in a context of its own.
template <class Response>
std::vector<std::shared_ptr<Response>> make_parts(HttpResponseBase& batch, std::vector<detail::PartResponse> decoded) {
    static transport::HttpTransport no_transport;  // parts are not sent: a context without a transport
    std::vector<std::shared_ptr<Response>> parts;
    parts.reserve(decoded.size());
    for (auto& part : decoded) {
        auto response = std::make_shared<Response>(part.request, part.head.status_code, std::move(part.head.reason),
                                                   std::move(part.head.headers),
                                                   std::make_unique<detail::MemoryBody>(Bytes{}),
                                                   std::move(part.head.http_version), batch.block_size(),
                                                   batch.max_decoded_size());
        response->set_content(std::move(part.body));
        parts.push_back(std::move(response));
    }
    if (const auto& info = batch.request().multipart_mixed_info()) {
        for (const auto& part : parts) {
            auto request = std::const_pointer_cast<HttpRequest>(part->request_ptr());
            auto context = std::make_shared<pipeline::PipelineContext>(no_transport);
            pipeline::PipelineRequest pipeline_request{request, context};
            pipeline::PipelineResponse pipeline_response{request, part, context};
            for (const auto& policy : info->policies) policy->on_response(pipeline_request, pipeline_response);
        }
    }
    return parts;
}

}  // namespace

std::vector<std::shared_ptr<HttpResponse>> HttpResponse::parts() {
    read();
    return make_parts<HttpResponse>(*this, decoded_parts(*this));
}

net::awaitable<std::vector<std::shared_ptr<AsyncHttpResponse>>> AsyncHttpResponse::parts() {
    co_await read();
    co_return make_parts<AsyncHttpResponse>(*this, decoded_parts(*this));
}

}  // namespace azcore::rest
