#pragma once
// The response a transport's send returns, built and read the same way by every transport.
#include <azcore/net.hpp>
#include <azcore/options/kwargs.hpp>
#include <azcore/utils/case_insensitive_dict.hpp>

#include <cstddef>
#include <memory>
#include <string>

namespace azcore::rest {
class HttpRequest;
class HttpResponse;
class AsyncHttpResponse;
class ResponseBodyReader;
class AsyncResponseBodyReader;
}  // namespace azcore::rest

namespace azcore::transport {

struct ConnectionConfiguration;

/// What a transport received before the body: the status line and the headers.
struct ReceivedHead {
    /// The status code.
    int status_code = 0;
    /// The reason phrase; empty when none was sent (HTTP/2).
    std::string reason{};
    /// The response headers.
    CaseInsensitiveDict headers{};
    /// "1.0", "1.1" or "2".
    std::string http_version = "1.1";
};

/// How the response of one call is read.
struct ResponseReading {
    /// The `stream` option: the caller reads the body (else send reads it before returning).
    bool stream = false;
    /// The chunk size when none is given: the configuration's connection_data_block_size.
    std::size_t block_size = 4096;
    /// The `max_decoded_size` option (bytes, 0: no limit), else the configuration's.
    std::size_t max_decoded_size = std::size_t(256) << 20;

    /// From the per-call options over config (its defaults when null); std::invalid_argument on
    /// a negative max_decoded_size or an option of the wrong type.
    static ResponseReading from(const options::Kwargs& options, const ConnectionConfiguration* config);
};

/// The response send() returns for a received head and the reader of its raw body, read before it
/// is returned unless reading.stream. A transport author writes only the head and the reader.
std::shared_ptr<rest::HttpResponse> make_response(std::shared_ptr<rest::HttpRequest> request, ReceivedHead head,
                                                  std::unique_ptr<rest::ResponseBodyReader> body,
                                                  const ResponseReading& reading);
/// make_response for async_send: the body, unless streamed, is read with co_await.
net::awaitable<std::shared_ptr<rest::AsyncHttpResponse>> make_async_response(
    std::shared_ptr<rest::HttpRequest> request, ReceivedHead head, std::unique_ptr<rest::AsyncResponseBodyReader> body,
    ResponseReading reading);

}  // namespace azcore::transport
