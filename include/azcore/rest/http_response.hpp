#pragma once
// Responses: HttpResponseBase (no I/O, shared by both faces) and the sync HttpResponse.
#include <azcore/bytes.hpp>
#include <azcore/exceptions.hpp>
#include <azcore/rest/http_request.hpp>
#include <azcore/rest/response_body_reader.hpp>
#include <azcore/rest/transfer_timings.hpp>
#include <azcore/utils/case_insensitive_dict.hpp>

#include <boost/json/value.hpp>

#include <cstddef>
#include <iosfwd>
#include <iterator>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace azcore::rest {

/// What a response is, independent of how its body is read (Python's `_HttpResponseBase`).
class HttpResponseBase : public std::enable_shared_from_this<HttpResponseBase> {
public:
    /// The default of max_decoded_size(): 256 MiB.
    static constexpr std::size_t DEFAULT_MAX_DECODED_SIZE = std::size_t(256) << 20;

    /// A response to request with its status line and headers; block_size is the default chunk size,
    /// max_decoded_size the limit of max_decoded_size(). Transports and tests make responses.
    HttpResponseBase(std::shared_ptr<const HttpRequest> request, int status_code, std::string reason,
                     CaseInsensitiveDict headers, std::string http_version = "1.1",
                     std::size_t block_size = 4096, std::size_t max_decoded_size = DEFAULT_MAX_DECODED_SIZE);
    virtual ~HttpResponseBase();
    /// Not copyable: a response owns its connection (shared through std::shared_ptr).
    ///@{
    HttpResponseBase(const HttpResponseBase&) = delete;
    HttpResponseBase& operator=(const HttpResponseBase&) = delete;
    ///@}

    /// The request this response answers.
    const HttpRequest& request() const { return *request_; }
    /// The request, shared.
    const std::shared_ptr<const HttpRequest>& request_ptr() const { return request_; }
    /// The URL of the request.
    const std::string& url() const { return request_->url; }
    /// The status code (200, 404...).
    int status_code() const { return status_code_; }
    /// The reason phrase ("OK"); empty when the server sent none (HTTP/2 has none).
    const std::string& reason() const { return reason_; }
    /// The response headers.
    const CaseInsensitiveDict& headers() const { return headers_; }
    /// The Content-Type header, if any.
    std::optional<std::string> content_type() const;
    /// The charset of Content-Type when iconv knows it (else nullopt), unless set explicitly.
    std::optional<std::string> encoding() const;
    /// Sets the encoding text() uses, overriding the charset (nullopt: the UTF-8 fallback).
    void set_encoding(std::optional<std::string> encoding);
    /// "1.0", "1.1" or "2".
    const std::string& http_version() const { return http_version_; }
    /// The body read so far; ResponseNotReadError until the body was read.
    const Bytes& content() const;
    /// The body as text (UTF-8): explicit encoding, else the response's charset, else UTF-8 with
    /// invalid bytes replaced by U+FFFD (a UTF-8 BOM is dropped). Any charset glibc's iconv knows;
    /// with an encoding, bytes invalid in it raise DecodeError, and an unknown explicit encoding
    /// std::invalid_argument naming it (Python's LookupError).
    std::string text(std::optional<std::string> encoding = {}) const;
    /// The body parsed as JSON, parsed once and kept for the response's life (as Python's json()
    /// caches; ContentDecodePolicy's result is this same value); DecodeError on invalid JSON, at
    /// every call. Like every reader of the body, not for concurrent first calls.
    const boost::json::value& json() const;
    /// Throws HttpResponseError when status_code >= 400, its body read with error_format (OData v4
    /// when empty).
    void raise_for_status(const exceptions::ErrorFormat& error_format = {}) const;
    /// Whether close() was called or the body was read to its end.
    bool is_closed() const { return is_closed_; }
    /// Whether the body was streamed (iter_bytes or iter_raw started): it cannot be read again.
    bool is_stream_consumed() const { return is_stream_consumed_; }
    /// Releases the connection; idempotent.
    virtual void close() { is_closed_ = true; }
    /// The chunk size used when none is given: the transport's connection_data_block_size.
    std::size_t block_size() const { return block_size_; }
    /// The most bytes read() decodes a content-encoded body to (DecodeError past it); 0: no limit.
    /// iter_bytes() is not limited: each step decodes only about the chunk it returns.
    std::size_t max_decoded_size() const { return max_decoded_size_; }
    /// How the try that got this response went on the wire (the curl transports measure it; empty
    /// otherwise): the head's phases at once, the total and byte counts once the body was read to
    /// its end (see TransferTimings).
    const TransferTimings& timings() const { return timings_; }

    /// For transports and tests: the body is already known (non-streamed responses).
    void set_content(Bytes content);

protected:
    /// The body's reading state, shared by both faces (src/rest/response_reading.hpp).
    class Reading;
    /// The reading state, made on first use.
    Reading& reading();
    /// chunk_size, or block_size() when it is 0.
    std::size_t chunk_size_or_default(std::size_t chunk_size) const { return chunk_size ? chunk_size : block_size_; }
    /// Takes the body reader's timings: when the response is made, and when a read reached the end.
    void set_timings(const TransferTimings& timings) { timings_ = timings; }

private:
    /// StreamConsumedError / StreamClosedError when the body can no longer be streamed; otherwise
    /// marks the stream consumed (as Python does).
    void start_stream();
    [[noreturn]] void throw_decode_error(const std::string& what);

    std::shared_ptr<const HttpRequest> request_;
    int status_code_;
    std::string reason_;
    CaseInsensitiveDict headers_;
    std::string http_version_;
    std::size_t block_size_;
    std::size_t max_decoded_size_;
    std::optional<Bytes> content_;
    std::optional<std::string> encoding_;
    bool encoding_set_ = false;
    bool is_closed_ = false;
    bool is_stream_consumed_ = false;
    std::unique_ptr<Reading> reading_;
    TransferTimings timings_;
    mutable std::optional<boost::json::value> json_;  // json()'s parse; never replaced once made
};

/// Writes "<HttpResponse: 200 OK, Content-Type: ...>" (Python's repr).
std::ostream& operator<<(std::ostream& out, const HttpResponseBase& response);

class HttpResponse;

/// An input range of body chunks pulled from a sync response as the loop advances.
class ByteChunks {
public:
    /// The input iterator of the chunks; dereferencing gives the current chunk, valid until the next
    /// increment.
    class iterator {
    public:
        /// The iterator traits of an input iterator over BytesView chunks.
        ///@{
        using iterator_category = std::input_iterator_tag;
        using value_type = BytesView;
        using difference_type = std::ptrdiff_t;
        using pointer = const BytesView*;
        using reference = BytesView;
        ///@}
        /// An iterator at the end.
        iterator() = default;
        /// An iterator over owner's chunks.
        explicit iterator(ByteChunks* owner) : owner_(owner) {}
        /// The current chunk.
        BytesView operator*() const;
        /// Reads the next chunk.
        ///@{
        iterator& operator++();
        void operator++(int) { ++*this; }
        ///@}
        /// Whether the last chunk was passed.
        friend bool operator==(const iterator& it, std::default_sentinel_t) { return it.owner_ == nullptr || it.owner_->done(); }

    private:
        ByteChunks* owner_ = nullptr;
    };
    /// Chunks of response's body of at most chunk_size bytes, decoded (iter_bytes) or raw (iter_raw).
    ByteChunks(HttpResponse& response, std::size_t chunk_size, bool decoded);
    /// Movable, not copyable: the chunks are read once.
    ///@{
    ByteChunks(const ByteChunks&) = delete;
    ByteChunks(ByteChunks&&) noexcept = default;
    ///@}
    /// Starts reading: the first chunk is read here.
    iterator begin();
    /// The end sentinel.
    std::default_sentinel_t end() const { return {}; }
    /// Whether every chunk was read.
    bool done() const { return done_; }

private:
    void advance();
    HttpResponse* response_;
    std::size_t chunk_size_;
    bool decoded_;
    bool fetched_ = false;
    bool from_content_ = false;
    std::size_t offset_ = 0;  // into content() when the body was already read
    bool done_ = false;
    Bytes chunk_;
};

/// A response whose body is read synchronously (Python's `azure.core.rest.HttpResponse`).
class HttpResponse : public HttpResponseBase {
public:
    /// A response whose body is read from body (for transports and tests); the other arguments are as
    /// for HttpResponseBase.
    HttpResponse(std::shared_ptr<const HttpRequest> request, int status_code, std::string reason,
                 CaseInsensitiveDict headers, std::unique_ptr<ResponseBodyReader> body,
                 std::string http_version = "1.1", std::size_t block_size = 4096,
                 std::size_t max_decoded_size = DEFAULT_MAX_DECODED_SIZE);
    ~HttpResponse() override;

    /// Reads the whole body (decoded), stores it in content() and closes the stream.
    /// DecodeError when a content-encoded body decodes to more than max_decoded_size().
    const Bytes& read();
    /// The decoded body in chunks of at most chunk_size bytes (0: block_size()).
    ByteChunks iter_bytes(std::size_t chunk_size = 0);
    /// The body exactly as sent, in chunks of at most chunk_size bytes (0: block_size()).
    ByteChunks iter_raw(std::size_t chunk_size = 0);
    /// Releases the connection; idempotent.
    void close() override;
    /// The responses of a multipart/mixed batch (Python's `parts()`), read from the body (read
    /// first): part i answers sub-request i, a changeset's parts take its place in order, and the
    /// batch's policies' on_response runs on each. DecodeError naming what is wrong when the body
    /// is not such a batch.
    std::vector<std::shared_ptr<HttpResponse>> parts();

private:
    friend class ByteChunks;
    /// Next chunk into out (cleared first); false at the end.
    bool next_chunk(Bytes& out, std::size_t chunk_size, bool decoded);
    /// Does the raw reads reading() asks for until its goal is reached.
    void pump();
    std::unique_ptr<ResponseBodyReader> body_;
};

}  // namespace azcore::rest
