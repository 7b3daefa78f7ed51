#include <azcore/rest/async_http_response.hpp>

#include "rest/response_reading.hpp"

#include <boost/asio/this_coro.hpp>

namespace azcore::rest {

AsyncHttpResponse::AsyncHttpResponse(std::shared_ptr<const HttpRequest> request, int status_code, std::string reason,
                                     CaseInsensitiveDict headers, std::unique_ptr<AsyncResponseBodyReader> body,
                                     std::string http_version, std::size_t block_size, std::size_t max_decoded_size)
    : HttpResponseBase(std::move(request), status_code, std::move(reason), std::move(headers), std::move(http_version),
                       block_size, max_decoded_size),
      body_(std::move(body)) {
    if (body_) set_timings(body_->timings());
}

AsyncHttpResponse::~AsyncHttpResponse() { close(); }

// HttpResponse::pump, without a coroutine for the reads that need no wait (a small body is
// usually all there when the headers are).
bool AsyncHttpResponse::pump_ready(const net::any_io_executor& here) {
    while (auto pull = reading().next()) {
        const std::optional<std::size_t> got = body_ ? body_->read_ready(*pull->into, pull->max, here) : 0;
        if (!got) {
            waiting_ = {pull->into, pull->max};
            return true;
        }
        if (*got == 0 && body_ && !is_closed()) set_timings(body_->timings());
        reading().got(*got);
    }
    return false;
}

net::awaitable<void> AsyncHttpResponse::pump(const net::any_io_executor& here) {
    do {
        const std::size_t got = co_await body_->async_read_some(*waiting_.into, waiting_.max);
        if (got == 0 && !is_closed()) set_timings(body_->timings());
        reading().got(got);
    } while (pump_ready(here));
}

bool AsyncHttpResponse::begin_chunk(Bytes& out, std::size_t chunk_size, bool decoded, const net::any_io_executor& here) {
    reading().begin_chunk(out, chunk_size, decoded);
    return pump_ready(here);
}

net::awaitable<BytesView> AsyncHttpResponse::read() {
    if (reading().begin_read()) {
        if (const net::any_io_executor here = co_await net::this_coro::executor; pump_ready(here)) co_await pump(here);
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
    bool more = false;
    if (from_content_) {
        more = response_->reading().next_content_slice(chunk_, chunk_size_, offset_);
    } else {
        // A chunk that is already buffered (most of a large body) takes no coroutine of its own.
        const net::any_io_executor here = co_await net::this_coro::executor;
        if (response_->begin_chunk(chunk_, chunk_size_, decoded_, here)) co_await response_->pump(here);
        more = response_->reading().end_chunk();
    }
    done_ = !more;
    if (!more) co_return std::nullopt;
    co_return BytesView(chunk_);
}

}  // namespace azcore::rest
