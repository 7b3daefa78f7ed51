#pragma once

#include <boost/json/value.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace azcore::testserver::detail {

/// A complete response for Connection::send.
struct Reply {
    unsigned status = 200;
    /// Empty: the standard reason phrase.
    std::string reason{};
    std::vector<std::pair<std::string, std::string>> headers{};
    std::string body{};
    /// Chunked transfer coding in chunks of chunk_size; otherwise Content-Length.
    bool chunked = false;
    std::size_t chunk_size = 4096;
    /// Content-Length to declare instead of body.size(), for routes that write the body themselves.
    std::optional<std::uint64_t> declared_length{};
};

Reply json_reply(unsigned status, const boost::json::value& json);
/// {"error": {"code": code, "message": message}}
Reply error_reply(unsigned status, std::string_view code, std::string_view message);

/// Whether a response with this status never carries a body (1xx, 204, 304).
bool status_forbids_body(unsigned status);
/// The standard reason phrase, or "Unknown".
std::string standard_reason(unsigned status);
/// Status line and header block (ending in an empty line); adds Content-Length or
/// Transfer-Encoding and, when !keep_alive, "Connection: close".
std::string serialize_head(const Reply& reply, bool keep_alive);
/// data framed as chunks of at most chunk_size, followed by the last chunk.
std::string chunked_body(std::string_view data, std::size_t chunk_size);

}  // namespace azcore::testserver::detail
