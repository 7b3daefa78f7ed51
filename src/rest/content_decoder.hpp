#pragma once
// Streaming decoders for Content-Encoding: gzip, deflate, br, zstd (and lists of them).
#include <azcore/bytes.hpp>

#include <cstddef>
#include <memory>
#include <string_view>

namespace azcore::rest::detail {

/// The Accept-Encoding a transport sends when the request names none: the codings create() decodes.
inline constexpr const char* kAcceptEncodingLine = "Accept-Encoding: deflate, gzip, br, zstd";

/// Decodes a body as it arrives, bounded on both sides: the caller hands over encoded input with
/// feed() and pulls at most N decoded bytes at a time with read(); input not needed yet and the
/// codec's state wait for the next read(). Whatever the compression ratio, a read() decodes only
/// what it returns, so memory stays at the codec's window plus what the caller asked for.
class ContentDecoder {
public:
    /// The decoder for a Content-Encoding header value, or nullptr when there is nothing to decode:
    /// "", "identity", or a coding this library does not know (the body is then passed through as is).
    /// Codings (case-insensitive): "gzip", "x-gzip", "deflate" (zlib-wrapped, or raw deflate as
    /// browsers accept), "br", "zstd"; a list "gzip, br" is decoded in reverse order of application.
    static std::unique_ptr<ContentDecoder> create(std::string_view content_encoding);

    virtual ~ContentDecoder();
    /// Adds encoded input (copied) after what is still unused.
    virtual void feed(BytesView input) = 0;
    /// Appends at most max (> 0) decoded bytes to out and returns how many. 0: every input byte
    /// fed so far is used and all it held was handed out (feed more, or finish()).
    /// std::runtime_error on corrupt data.
    virtual std::size_t read(Bytes& out, std::size_t max) = 0;
    /// No more input will come (call it once read() returned 0). std::runtime_error when the
    /// stream was cut short (an empty body is accepted: HEAD, 204 and 304 responses carry a
    /// Content-Encoding and no body).
    virtual void finish() = 0;
};

}  // namespace azcore::rest::detail
