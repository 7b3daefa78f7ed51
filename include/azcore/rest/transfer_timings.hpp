#pragma once
// TransferTimings: how one try went on the wire, as the transport measured it.
#include <chrono>
#include <cstdint>
#include <optional>

namespace azcore::rest {

/// The phases of one try (one request and its response) and the bytes it moved, as the curl
/// transports measure them (`HttpResponseBase::timings()`). Times are cumulative points counted
/// from the start of the try, as curl gives them (`CURLINFO_*_TIME_T`), not the length of each
/// phase: name_lookup <= connect <= tls_handshake <= pretransfer <= first_byte <= total, and a
/// phase lasts the difference between its point and the one before. On a reused connection
/// name_lookup, connect and tls_handshake are empty (nothing was resolved or connected).
///
/// Every field is empty when nothing was measured (MockTransport, a response made by hand). The
/// head's fields (connection_reused and the times up to first_byte) are there when the response
/// head arrived; total and the byte counts only once the body was read to its end (a streamed
/// response: when a read reached the end; never for one closed before). Each redirect is its own
/// try with its own timings (the redirect policy follows them, not curl). The HTTP version is the
/// response's http_version(). There is no request header size: curl's count of the request
/// (CURLINFO_REQUEST_SIZE) includes a small body sent in the same write.
struct TransferTimings {
    /// The unit of every phase.
    using Duration = std::chrono::microseconds;

    /// The host name was resolved (a new connection only).
    std::optional<Duration> name_lookup{};
    /// The TCP connection (to the host or the proxy) was established (a new connection only).
    std::optional<Duration> connect{};
    /// The TLS handshake was done (a new https connection only).
    std::optional<Duration> tls_handshake{};
    /// The request was about to be sent (everything before it done).
    std::optional<Duration> pretransfer{};
    /// The first byte of the response arrived.
    std::optional<Duration> first_byte{};
    /// The body ended: the whole try.
    std::optional<Duration> total{};
    /// Whether the try went over a connection kept alive from an earlier request (false: one
    /// opened for it).
    std::optional<bool> connection_reused{};
    /// Bytes of the request body sent.
    std::optional<std::uint64_t> request_body_size{};
    /// Bytes of the status lines and headers received (interim 1xx responses included).
    std::optional<std::uint64_t> response_header_size{};
    /// Bytes of the response body received, as sent (still content-encoded; chunked framing not counted).
    std::optional<std::uint64_t> response_body_size{};

    /// Equal when every field is.
    friend bool operator==(const TransferTimings&, const TransferTimings&) = default;
};

}  // namespace azcore::rest
