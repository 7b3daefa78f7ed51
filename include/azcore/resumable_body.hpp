#pragma once
// ResumableBody: a streamed response's body that resumes where it stopped when the connection is
// cut mid-body (Range + If-Match on the ETag), read as one continuous byte sequence.
#include <azcore/bytes.hpp>
#include <azcore/pipeline_client.hpp>

#include <cstddef>
#include <memory>
#include <optional>

namespace azcore::rest {
class HttpResponse;
}

namespace azcore {

/// How a ResumableBody / AsyncResumableBody reads and resumes.
struct ResumableBodyOptions {
    /// The most resumes for the whole body; past it the last mid-body error propagates.
    int max_resumes = 3;
    /// Chunks of at most this many bytes (0: the response's block_size()).
    std::size_t chunk_size = 0;
    /// true: the body as sent (iter_raw); false: decoded (iter_bytes). A content-encoded body read
    /// decoded is never resumed.
    bool raw = false;
    /// The per-call options the response was requested with; every resume is sent with them
    /// (stream is always set).
    SendRequestOptions send_options{};
};

/// The body of a streamed 200 response read chunk by chunk. When reading fails mid-body
/// (IncompleteReadError, ServiceResponseError), the request the response answers is sent again
/// through the client's whole pipeline with `Range: bytes=N-` and `If-Match: <ETag>`, and reading
/// goes on from byte N of the 206 that answers it. A resource that changed (412, another ETag, a
/// Content-Range that does not continue at N up to the same total) is a ResourceModifiedError:
/// bytes are never spliced. Without a strong ETag and a Content-Length, for a content-encoded body
/// read decoded, for a request with its own Range or a stream body, and when the resume is answered
/// by anything but 206 or 412, the original error propagates unchanged.
class ResumableBody {
public:
    /// client is the one that sent response and must outlive this object.
    ResumableBody(const PipelineClient& client, std::shared_ptr<rest::HttpResponse> response,
                  ResumableBodyOptions options = {});
    ~ResumableBody();
    /// Movable (the read position and the resume state move with it); not copyable.
    ///@{
    ResumableBody(ResumableBody&&) noexcept;
    ResumableBody& operator=(ResumableBody&&) noexcept;
    ///@}

    /// The next chunk (valid until the next call), or nullopt at the end of the body.
    std::optional<BytesView> next();
    /// Bytes returned so far.
    std::size_t bytes_read() const;
    /// The body's length from the first response's Content-Length, when it has one.
    std::optional<std::size_t> content_length() const;
    /// How many times reading was resumed.
    int resumes() const;
    /// The response being read now (the first, or the 206 of the last resume).
    const std::shared_ptr<rest::HttpResponse>& response() const;

private:
    struct State;
    std::unique_ptr<State> state_;
};

}  // namespace azcore
