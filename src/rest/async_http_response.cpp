#include <azcore/rest/async_http_response.hpp>

namespace azcore::rest {

AsyncHttpResponse::AsyncHttpResponse(std::shared_ptr<const HttpRequest> request, int status_code, std::string reason,
                                     CaseInsensitiveDict headers, std::unique_ptr<AsyncResponseBodyReader> body,
                                     std::string http_version, std::size_t block_size, std::size_t max_decoded_size)
    : HttpResponseBase(std::move(request), status_code, std::move(reason), std::move(headers), std::move(http_version),
                       block_size, max_decoded_size),
      body_(std::move(body)) {}

AsyncHttpResponse::~AsyncHttpResponse() { close(); }

// The same steps as HttpResponse::next_chunk; only the reads are awaited.
net::awaitable<bool> AsyncHttpResponse::next_chunk(Bytes& out, std::size_t chunk_size, bool decoded) {
    if (!decoded || decoder() == nullptr) {
        out.clear();
        std::size_t got = 0;
        do {
            got = body_ ? co_await body_->async_read_some(out, chunk_size - out.size()) : 0;
        } while (decoded && got > 0 && out.size() < chunk_size);
        if (out.empty()) close();
        co_return !out.empty();
    }
    out.clear();
    co_await decode_body(out, chunk_size, chunk_size);
    if (!out.empty()) co_return true;
    close();
    co_return false;
}

// The same steps as HttpResponse::decode_body.
net::awaitable<void> AsyncHttpResponse::decode_body(Bytes& out, std::size_t target, std::size_t raw_step) {
    while (decode_more(out, target)) {
        raw_.clear();
        if (body_) co_await body_->async_read_some(raw_, raw_step);
        feed_raw(raw_);
    }
}

net::awaitable<BytesView> AsyncHttpResponse::read() {
    if (!content_) {
        start_stream();
        if (decoder() == nullptr) {
            // g++ 12 miscompiles some co_await inside conditions: await into a variable.
            for (std::size_t got = 1; body_ && got > 0;) got = co_await body_->async_read_some(read_buffer_, read_all_step);
        } else {
            co_await decode_body(read_buffer_, read_target(), read_all_step);
        }
        finish_read();
        close();
    }
    co_return BytesView(*content_);
}

AsyncByteChunks AsyncHttpResponse::iter_bytes(std::size_t chunk_size) {
    return AsyncByteChunks(*this, chunk_size_or_default(chunk_size), true);
}

AsyncByteChunks AsyncHttpResponse::iter_raw(std::size_t chunk_size) {
    return AsyncByteChunks(*this, chunk_size_or_default(chunk_size), false);
}

void AsyncHttpResponse::close() {
    is_closed_ = true;
    if (body_) body_->close();
}

AsyncByteChunks::AsyncByteChunks(AsyncHttpResponse& response, std::size_t chunk_size, bool decoded)
    : response_(&response), chunk_size_(chunk_size), decoded_(decoded), from_content_(response.begin_iteration(decoded)) {}

net::awaitable<std::optional<BytesView>> AsyncByteChunks::next() {
    if (done_) co_return std::nullopt;
    bool more = from_content_ ? response_->next_content_slice(chunk_, chunk_size_, offset_)
                              : co_await response_->next_chunk(chunk_, chunk_size_, decoded_);
    done_ = !more;
    if (!more) co_return std::nullopt;
    co_return BytesView(chunk_);
}

}  // namespace azcore::rest
