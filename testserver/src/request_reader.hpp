#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/beast/core/flat_buffer.hpp>

#include <optional>

#include "request.hpp"
#include "server_stream.hpp"

namespace azcore::testserver::detail {

/// Result of reading one request: the request, or why there is none.
struct ReadOutcome {
    std::optional<Request> request{};
    /// Without a request: 0 when the peer closed or the connection failed, else the status to
    /// answer before closing (400, 413, 431).
    unsigned error_status = 0;
    /// Bytes written while reading (a 100 Continue).
    std::size_t bytes_written = 0;
};

inline constexpr std::size_t max_header_bytes = 1024 * 1024;
inline constexpr std::uint64_t max_body_bytes = 256ull * 1024 * 1024;
inline constexpr std::size_t max_recorded_body = 1024 * 1024;

/// Reads one request (headers up to 1 MiB, body up to 256 MiB, any size for /upload, which is
/// hashed instead of kept). Answers "Expect: 100-continue" before reading the body.
boost::asio::awaitable<ReadOutcome> read_request(ServerStream& stream, boost::beast::flat_buffer& buffer);

}  // namespace azcore::testserver::detail
