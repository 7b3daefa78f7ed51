#include <azcore/transport/transport_response.hpp>

#include <azcore/rest/async_http_response.hpp>
#include <azcore/rest/http_request.hpp>
#include <azcore/rest/http_response.hpp>
#include <azcore/options/keys.hpp>
#include <azcore/transport/connection_configuration.hpp>

#include "transport/transfer_settings.hpp"

#include <utility>

namespace azcore::transport {
namespace {

/// The response for head and body, the same for both faces.
template <class Response, class Reader>
std::shared_ptr<Response> build(std::shared_ptr<rest::HttpRequest> request, ReceivedHead head, std::unique_ptr<Reader> body,
                                const ResponseReading& reading) {
    return std::make_shared<Response>(std::move(request), head.status_code, std::move(head.reason), std::move(head.headers),
                                      std::move(body), std::move(head.http_version), reading.block_size,
                                      reading.max_decoded_size);
}

}  // namespace

ResponseReading ResponseReading::from(const options::Kwargs& kwargs, const ConnectionConfiguration* config) {
    static const ConnectionConfiguration defaults{};
    const ConnectionConfiguration& configured = config ? *config : defaults;
    return {.stream = options::stream.get(kwargs),
            .block_size = configured.connection_data_block_size,
            .max_decoded_size = detail::resolve_max_decoded_size(configured.max_decoded_size, kwargs)};
}

std::shared_ptr<rest::HttpResponse> make_response(std::shared_ptr<rest::HttpRequest> request, ReceivedHead head,
                                                  std::unique_ptr<rest::ResponseBodyReader> body,
                                                  const ResponseReading& reading) {
    auto response = build<rest::HttpResponse>(std::move(request), std::move(head), std::move(body), reading);
    if (!reading.stream) response->read();
    return response;
}

net::awaitable<std::shared_ptr<rest::AsyncHttpResponse>> make_async_response(
    std::shared_ptr<rest::HttpRequest> request, ReceivedHead head, std::unique_ptr<rest::AsyncResponseBodyReader> body,
    ResponseReading reading) {
    auto response = build<rest::AsyncHttpResponse>(std::move(request), std::move(head), std::move(body), reading);
    if (!reading.stream) co_await response->read();
    co_return response;
}

}  // namespace azcore::transport
