#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "text_codec.hpp"

namespace azcore::testserver::detail {

/// A request as read from the wire, with its body (or, for /upload, the body's digest).
struct Request {
    std::string method;
    std::string target;
    /// Raw path (before '?') and raw query (after '?').
    std::string path;
    std::string query;
    QueryArgs args;
    /// Header fields in arrival order, names as sent.
    std::vector<std::pair<std::string, std::string>> headers;
    /// 11 for HTTP/1.1, 10 for HTTP/1.0.
    unsigned version = 11;
    bool keep_alive = true;
    bool chunked = false;
    /// Whole body, except for /upload and /flaky/upload where only its first 1 MiB is kept.
    std::string body;
    std::uint64_t body_length = 0;
    /// /upload and /flaky/upload only: hex SHA-256 of the whole body.
    std::string body_sha256;
    /// Bytes read for the body as framed.
    std::uint64_t body_bytes = 0;

    /// Value of the first field named name (case-insensitive).
    std::optional<std::string> header(std::string_view name) const;
    /// First value of query parameter name.
    std::optional<std::string> arg(std::string_view name) const { return query_value(args, name); }
};

}  // namespace azcore::testserver::detail
