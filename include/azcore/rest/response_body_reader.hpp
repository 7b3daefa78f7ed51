#pragma once
// The raw body of a response as a transport delivers it: pulled by the response, chunk by chunk.
#include <azcore/bytes.hpp>
#include <azcore/rest/transfer_timings.hpp>

#include <cstddef>

namespace azcore::rest {

/// Sync source of a response's raw (still content-encoded) body bytes.
/// A transport implements it; HttpResponse pulls from it only when its reader asks.
class ResponseBodyReader {
public:
    virtual ~ResponseBodyReader() = default;
    /// Appends at least one and at most max (> 0) bytes to out, waiting for them; returns how
    /// many, 0 at the end of the body. Appending lets a transport hand over its buffer without
    /// copying or zero-filling. Throws the azcore exception of the failure (IncompleteReadError,
    /// ServiceResponseError, …).
    virtual std::size_t read_some(Bytes& out, std::size_t max) = 0;
    /// Releases the connection; idempotent. An unfinished transfer is abandoned.
    virtual void close() noexcept = 0;
    /// What the transport measured of the try so far (the response asks when it is made and when
    /// a read returned 0); none by default.
    virtual TransferTimings timings() const { return {}; }
};

}  // namespace azcore::rest
