#pragma once
// The bytes of an HTTP/1.1 request before its body (RFC 9112 sections 3 and 7.1): the head, and
// the line before each chunk of a body sent in chunks. Written into one reused string, with no
// per-header allocation: Beast's fields and serializer cost about 6k instructions a request.
#include <azcore/bytes.hpp>

#include <cstddef>
#include <memory>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace azcore::rest {
class BodyStream;
class HttpRequest;
}

namespace azcore::transport::detail {

/// How the body follows the head.
struct BodyFraming {
    /// The body's length when known (bytes, or a stream that knows it); nullopt: a stream that
    /// does not, or no body.
    std::optional<std::uint64_t> length;
    /// The request has a body (bytes or a stream), or its method sends an empty one (POST, PUT,
    /// PATCH: Content-Length: 0).
    bool has_body = false;
};

/// What a request sends after its head, as both protocols decide it: its bytes or its stream
/// (none for HEAD), and how it is framed.
struct RequestBody {
    /// The bytes held in memory (may be empty); null when the body is a stream or there is none.
    const Bytes* data = nullptr;
    /// The stream the body is read from; null when it is not one.
    std::shared_ptr<rest::BodyStream> stream{};
    BodyFraming framing{};
};

/// The body of request: its bytes or its stream unless the method is HEAD; with neither, an empty
/// body (Content-Length: 0) for POST, PUT and PATCH.
RequestBody request_body(const rest::HttpRequest& request);

/// Writes request's head into out (replacing what it held): the request line with target; Host
/// (host_header) unless the request has one; the request's headers in order; Accept: */* and
/// azcore's Accept-Encoding unless given; then, unless the request gives Content-Length, the body's
/// Content-Length, or Transfer-Encoding: chunked for a body of unknown length. A request that
/// gives Transfer-Encoding goes in chunks: chunked is appended to its last one unless it ends so,
/// and no Content-Length is added. Returns whether the body goes in chunks.
bool write_request_head(std::string& out, const rest::HttpRequest& request, std::string_view target, std::string_view host_header,
                        const BodyFraming& framing);

/// The Accept-Encoding value a request carries unless it gives its own (HTTP/1.1 and HTTP/2).
std::string_view accept_encoding_value();

/// The head of a CONNECT request for target ("host:port"), with Proxy-Authorization when
/// authorization is not empty.
std::string connect_request_head(std::string_view target, std::string_view authorization);

/// The line before a chunk of size bytes ("1a2b\r\n") in line; returns its length. Size 0 is
/// the last chunk, whose line is followed by the empty trailer ("0\r\n\r\n").
std::size_t write_chunk_line(char (&line)[24], std::size_t size);

/// What follows the data of a chunk.
inline constexpr std::string_view chunk_end = "\r\n";

}  // namespace azcore::transport::detail
