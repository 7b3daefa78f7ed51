#pragma once
// What every Spector scenario client shares, written as a code generator would emit it for a
// service client on azcore: the two faces, the error map of every operation, and the status check
// after a send (azcore::send_checked). A client is a class template over the face
// (azcore/faces.hpp), so each operation is written once: ApiKeyClient<Sync> returns void,
// ApiKeyClient<Async> returns net::awaitable<void>.
#include <azcore/exceptions.hpp>
#include <azcore/faces.hpp>
#include <azcore/options/kwargs.hpp>
#include <azcore/pipeline_client.hpp>
#include <azcore/rest/async_http_response.hpp>
#include <azcore/rest/http_request.hpp>
#include <azcore/rest/http_response.hpp>
#include <azcore/send_checked.hpp>

#include <memory>
#include <utility>
#include <vector>

namespace azcore::spector {

/// The error map of a generated operation: 401 and 403 → ClientAuthenticationError,
/// 404 → ResourceNotFoundError, 409 → ResourceExistsError, 304 → ResourceNotModifiedError.
const exceptions::ErrorMap& generated_error_map();


/// The pipeline client of a generated client and its send step.
template <class Face>
class GeneratedClient;

template <>
class GeneratedClient<Sync> {
public:
    GeneratedClient(std::string endpoint, PipelineClientOptions options) : client_(std::move(endpoint), std::move(options)) {}

    const PipelineClient& pipeline_client() const { return client_; }

protected:
    /// Sends request (its body read) and raises unless its status is one of expected.
    std::shared_ptr<rest::HttpResponse> send(rest::HttpRequest request, std::vector<int> expected,
                                             options::Kwargs kwargs = {}) const {
        return send_checked(client_, std::move(request), expected, {.kwargs = std::move(kwargs)}, generated_error_map());
    }
    /// send(), for operations without a result.
    void send_void(rest::HttpRequest request, std::vector<int> expected, options::Kwargs kwargs = {}) const {
        send(std::move(request), std::move(expected), std::move(kwargs));
    }

private:
    PipelineClient client_;
};

template <>
class GeneratedClient<Async> {
public:
    GeneratedClient(std::string endpoint, PipelineClientOptions options, net::any_io_executor executor)
        : client_(std::move(endpoint), std::move(executor), std::move(options)) {}

    const AsyncPipelineClient& pipeline_client() const { return client_; }

protected:
    net::awaitable<std::shared_ptr<rest::AsyncHttpResponse>> send(rest::HttpRequest request, std::vector<int> expected,
                                                                  options::Kwargs kwargs = {}) const {
        // Named, not a temporary in the co_await expression: g++ 12 destroys such aggregates twice.
        SendRequestOptions options{.kwargs = std::move(kwargs)};
        co_return co_await send_checked(client_, std::move(request), std::move(expected), std::move(options),
                                        generated_error_map());
    }
    net::awaitable<void> send_void(rest::HttpRequest request, std::vector<int> expected,
                                   options::Kwargs kwargs = {}) const {
        co_await send(std::move(request), std::move(expected), std::move(kwargs));
    }

private:
    AsyncPipelineClient client_;
};

}  // namespace azcore::spector
