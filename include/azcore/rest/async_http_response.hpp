#pragma once
// AsyncHttpResponse: a response whose body is read by coroutines.
#include <azcore/net.hpp>
#include <azcore/rest/http_response.hpp>

#include <memory>
#include <optional>
#include <vector>

namespace azcore::rest {

/// Async source of a response's raw body bytes, implemented by async transports.
class AsyncResponseBodyReader {
public:
    virtual ~AsyncResponseBodyReader() = default;
    /// Appends at least one and at most max (> 0) bytes to out; 0 at the end of the body
    /// (ResponseBodyReader::read_some, awaited). Cancellable.
    virtual net::awaitable<std::size_t> async_read_some(Bytes& out, std::size_t max) = 0;
    /// async_read_some without waiting, for a coroutine running on `caller`: the bytes already
    /// received, 0 at the end, or nullopt when the read would wait (or must not run on caller).
    virtual std::optional<std::size_t> read_ready(Bytes& out, std::size_t max, const net::any_io_executor& caller) {
        (void)out, (void)max, (void)caller;
        return std::nullopt;
    }
    /// Releases the connection at once; idempotent.
    virtual void close() noexcept = 0;
    /// ResponseBodyReader::timings: asked when the response is made and when a read returned 0,
    /// on the thread of that read.
    virtual TransferTimings timings() const { return {}; }
};

class AsyncHttpResponse;

/// Chunks of an async response body: `while (auto chunk = co_await chunks.next()) …`.
class AsyncByteChunks {
public:
    /// Like the sync face, a consumed or closed stream is reported here, not at the first next().
    AsyncByteChunks(AsyncHttpResponse& response, std::size_t chunk_size, bool decoded);
    /// The next chunk (valid until the next call), or nullopt at the end.
    net::awaitable<std::optional<BytesView>> next();

private:
    AsyncHttpResponse* response_;
    std::size_t chunk_size_;
    bool decoded_;
    bool from_content_ = false;
    bool done_ = false;
    std::size_t offset_ = 0;  // into content() when the body was already read
    Bytes chunk_;
};

/// A response whose body is read asynchronously (Python's `AsyncHttpResponse`).
/// The destructor closes it (Python's `async with`).
class AsyncHttpResponse : public HttpResponseBase {
public:
    /// A response whose body is read from body (for transports and tests); the other arguments are as
    /// for HttpResponseBase.
    AsyncHttpResponse(std::shared_ptr<const HttpRequest> request, int status_code, std::string reason,
                      CaseInsensitiveDict headers, std::unique_ptr<AsyncResponseBodyReader> body,
                      std::string http_version = "1.1", std::size_t block_size = 4096,
                      std::size_t max_decoded_size = DEFAULT_MAX_DECODED_SIZE);
    ~AsyncHttpResponse() override;

    /// Reads the whole body (decoded) into content(), closes the stream, returns a view of content().
    /// DecodeError when a content-encoded body decodes to more than max_decoded_size().
    net::awaitable<BytesView> read();
    /// The decoded body in chunks of at most chunk_size bytes (0: block_size()).
    AsyncByteChunks iter_bytes(std::size_t chunk_size = 0);
    /// The body as sent, in chunks of at most chunk_size bytes (0: block_size()).
    AsyncByteChunks iter_raw(std::size_t chunk_size = 0);
    /// Releases the connection; idempotent.
    void close() override;
    /// HttpResponse::parts(): the body is read with co_await first.
    net::awaitable<std::vector<std::shared_ptr<AsyncHttpResponse>>> parts();

private:
    friend class AsyncByteChunks;
    /// Starts a chunk and does the reads for it that need no wait; true when one must wait (pump).
    bool begin_chunk(Bytes& out, std::size_t chunk_size, bool decoded, const net::any_io_executor& here);
    /// Does the raw reads reading() asks for that need no wait. Returns false when the goal is
    /// reached; true when a read must wait, with its buffer and size in `waiting`.
    bool pump_ready(const net::any_io_executor& here);
    /// Does the raw reads reading() asks for until its goal is reached, from the waiting read on.
    net::awaitable<void> pump(const net::any_io_executor& here);
    struct WaitingRead {
        Bytes* into = nullptr;
        std::size_t max = 0;
    } waiting_;
    std::unique_ptr<AsyncResponseBodyReader> body_;
};

}  // namespace azcore::rest
