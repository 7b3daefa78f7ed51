#pragma once
// The raw body of a response as a transport delivers it: pulled by the response, chunk by chunk.
#include <cstddef>
#include <cstdint>
#include <span>

namespace azcore::rest {

/// Sync source of a response's raw (still content-encoded) body bytes.
/// A transport implements it; HttpResponse pulls from it only when its reader asks.
class ResponseBodyReader {
public:
    virtual ~ResponseBodyReader() = default;
    /// Reads up to buffer.size() bytes; returns 0 at the end of the body.
    /// Throws the azcore exception of the failure (IncompleteReadError, ServiceResponseError, …).
    virtual std::size_t read_some(std::span<std::uint8_t> buffer) = 0;
    /// Releases the connection; idempotent. An unfinished transfer is abandoned.
    virtual void close() noexcept = 0;
};

}  // namespace azcore::rest
