#include <azcore/send_checked.hpp>

#include <algorithm>
#include <utility>

namespace azcore {
namespace {

bool is_expected(int status, const std::vector<int>& expected) {
    return std::find(expected.begin(), expected.end(), status) != expected.end();
}

/// Raises the error for an unexpected status: error_map's, else HttpResponseError.
[[noreturn]] void raise_unexpected(const std::shared_ptr<rest::HttpResponseBase>& response,
                                   const exceptions::ErrorMap& error_map, const exceptions::ErrorFormat& error_format) {
    exceptions::map_error(response->status_code(), response, error_map);
    throw exceptions::HttpResponseError(response, {.error_format = error_format});
}

}  // namespace

std::shared_ptr<rest::HttpResponse> send_checked(const PipelineClient& client, rest::HttpRequest request,
                                                 const std::vector<int>& expected, SendRequestOptions options,
                                                 const exceptions::ErrorMap& error_map,
                                                 const exceptions::ErrorFormat& error_format) {
    const bool stream = options.stream;
    auto response = client.send_request(std::move(request), std::move(options));
    if (is_expected(response->status_code(), expected)) return response;
    if (stream && !response->is_stream_consumed()) response->read();
    raise_unexpected(response, error_map, error_format);
}

net::awaitable<std::shared_ptr<rest::AsyncHttpResponse>> send_checked(const AsyncPipelineClient& client,
                                                                      rest::HttpRequest request, std::vector<int> expected,
                                                                      SendRequestOptions options,
                                                                      exceptions::ErrorMap error_map,
                                                                      exceptions::ErrorFormat error_format) {
    const bool stream = options.stream;
    auto response = co_await client.send_request(std::move(request), std::move(options));
    if (is_expected(response->status_code(), expected)) co_return response;
    if (stream && !response->is_stream_consumed()) co_await response->read();
    raise_unexpected(response, error_map, error_format);
}

}  // namespace azcore
