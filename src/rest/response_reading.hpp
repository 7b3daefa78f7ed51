#pragma once
// HttpResponseBase::Reading: how a response body is read, decided once for both faces.
#include <azcore/bytes.hpp>
#include <azcore/rest/http_response.hpp>

#include "rest/content_decoder.hpp"

#include <cstddef>
#include <memory>
#include <optional>

namespace azcore::rest {

/// The reading state of a response body: one goal at a time (the whole body for read(), one chunk
/// for an iteration), reached by pulling raw bytes from the transport. next() says which raw read
/// the goal needs; the sync and async drivers do that read (awaited or not) and report it with
/// got(); nothing else differs between the faces.
class HttpResponseBase::Reading {
public:
    /// A raw read: append at most `max` (> 0) body bytes to `*into`.
    struct Pull {
        Bytes* into;
        std::size_t max;
    };

    explicit Reading(HttpResponseBase& response) : response_(response) {}

    /// Starts read(): false when the body is already in content() (nothing to do); otherwise
    /// StreamConsumedError / StreamClosedError when it can no longer be read.
    bool begin_read();
    /// Ends read(): stores the body as content() and closes the response; for a decoded body
    /// larger than max_decoded_size, frees it, closes and throws DecodeError instead.
    void end_read();

    /// Starts an iteration (Python reports a consumed or closed stream when iteration is asked
    /// for): true when it serves slices of an already read body (decoded iterations only).
    bool begin_iteration(bool decoded);
    /// Hands out the next slice of an already read body; false at its end.
    bool next_content_slice(Bytes& out, std::size_t chunk_size, std::size_t& offset) const;
    /// Starts the next chunk of an iteration: into out (cleared), at most chunk_size bytes;
    /// decoded (Content-Encoding undone) or raw. iter_bytes hands out full chunks (as Python's
    /// iter_content does), iter_raw what has arrived.
    void begin_chunk(Bytes& out, std::size_t chunk_size, bool decoded);
    /// Ends the chunk: false (and the response closed) when the body has ended.
    bool end_chunk();

    /// The raw read the current goal needs next; nullopt once it is reached.
    std::optional<Pull> next();
    /// The driver appended n raw bytes (0: the body has ended, or there is no body).
    void got(std::size_t n);

private:
    enum class Goal { none, all, chunk };
    detail::ContentDecoder* decoder();
    /// Decodes into out_ toward target_: true when the decoder needs raw bytes first.
    bool decode_more();
    void feed_raw();

    HttpResponseBase& response_;
    std::unique_ptr<detail::ContentDecoder> decoder_;
    bool decoder_created_ = false;
    bool decoded_to_end_ = false;  // the decoder was told the body ended
    Goal goal_ = Goal::none;
    bool decode_ = false;          // the goal goes through the decoder
    bool fill_ = false;            // an undecoded goal reads until target_ (or the end), not just once
    Bytes* out_ = nullptr;
    std::size_t target_ = 0;
    std::size_t step_ = 0;         // the most one raw read asks for
    bool pulled_ = false;          // a raw read of the goal was made
    std::size_t last_got_ = 0;
    Bytes read_buffer_;
    Bytes raw_;                    // raw bytes on their way to the decoder
};

}  // namespace azcore::rest
