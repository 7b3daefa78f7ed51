#pragma once

#include <optional>
#include <string>
#include <string_view>

// Content codings served by /encoding: gzip, deflate (zlib format), br, zstd, identity.
namespace azcore::testserver::detail {

/// data encoded with coding, or nothing when the coding is unknown.
std::optional<std::string> compress(std::string_view data, std::string_view coding);

/// Bytes that every decoder of coding rejects, or nothing when the coding is unknown.
std::optional<std::string> corrupt_payload(std::string_view coding);

}  // namespace azcore::testserver::detail
