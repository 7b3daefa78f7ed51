#include <azcore/rest/async_http_response.hpp>

#include "rest/response_reading.hpp"

namespace azcore::rest {

AsyncHttpResponse::AsyncHttpResponse(std::shared_ptr<const HttpRequest> request, int status_code, std::string reason,
                                     CaseInsensitiveDict headers, std::unique_ptr<AsyncResponseBodyReader> body,
                                     std::string http_version, std::size_t block_size, std::size_t max_decoded_size)
    : HttpResponseBase(std::move(request), status_code, std::move(reason), std::move(headers), std::move(http_version),
                       block_size, max_decoded_size),
      body_(std::move(body)) {}

AsyncHttpResponse::~AsyncHttpResponse() { close(); }

// HttpResponse::pump, the reads awaited.
net::awaitable<void> AsyncHttpResponse::pump() {
    while (auto pull = reading().next()) {
        std::size_t got = body_ ? co_await body_->async_read_some(*pull->into, pull->max) : 0;
        reading().got(got);
    }
}

net::awaitable<bool> AsyncHttpResponse::next_chunk(Bytes& out, std::size_t chunk_size, bool decoded) {
    reading().begin_chunk(out, chunk_size, decoded);
    co_await pump();
    co_return reading().end_chunk();
}

net::awaitable<BytesView> AsyncHttpResponse::read() {
    if (reading().begin_read()) {
        co_await pump();
        reading().end_read();
    }
    co_return BytesView(content());
}

AsyncByteChunks AsyncHttpResponse::iter_bytes(std::size_t chunk_size) {
    return AsyncByteChunks(*this, chunk_size_or_default(chunk_size), true);
}

AsyncByteChunks AsyncHttpResponse::iter_raw(std::size_t chunk_size) {
    return AsyncByteChunks(*this, chunk_size_or_default(chunk_size), false);
}

void AsyncHttpResponse::close() {
    HttpResponseBase::close();
    if (body_) body_->close();
}

AsyncByteChunks::AsyncByteChunks(AsyncHttpResponse& response, std::size_t chunk_size, bool decoded)
    : response_(&response), chunk_size_(chunk_size), decoded_(decoded), from_content_(response.reading().begin_iteration(decoded)) {}

net::awaitable<std::optional<BytesView>> AsyncByteChunks::next() {
    if (done_) co_return std::nullopt;
    bool more = from_content_ ? response_->reading().next_content_slice(chunk_, chunk_size_, offset_)
                              : co_await response_->next_chunk(chunk_, chunk_size_, decoded_);
    done_ = !more;
    if (!more) co_return std::nullopt;
    co_return BytesView(chunk_);
}

}  // namespace azcore::rest
