#pragma once
// Streaming decoders for Content-Encoding: gzip, deflate, br, zstd (and lists of them).
#include <azcore/bytes.hpp>

#include <memory>
#include <string_view>

namespace azcore::rest::detail {

/// Decodes a body as it arrives, chunk by chunk, without holding more than the codec's window.
class ContentDecoder {
public:
    /// The decoder for a Content-Encoding header value, or nullptr when there is nothing to decode:
    /// "", "identity", or a coding this library does not know (the body is then passed through as is).
    /// Codings (case-insensitive): "gzip", "x-gzip", "deflate" (zlib-wrapped, or raw deflate as
    /// browsers accept), "br", "zstd"; a list "gzip, br" is decoded in reverse order of application.
    static std::unique_ptr<ContentDecoder> create(std::string_view content_encoding);

    virtual ~ContentDecoder();
    /// Decodes input and appends the decoded bytes to out. std::runtime_error on corrupt data.
    virtual void decode(BytesView input, Bytes& out) = 0;
    /// The input is complete: appends what is left. std::runtime_error when the stream was cut short
    /// (an empty body is accepted: HEAD, 204 and 304 responses carry a Content-Encoding and no body).
    virtual void finish(Bytes& out) = 0;
};

}  // namespace azcore::rest::detail
