#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

// Decompression bombs served by /bomb: tiny bodies that decode to any number of zero bytes.
namespace azcore::testserver::detail {

/// size zero bytes encoded with coding (gzip, deflate, br or zstd) as one stream, or nothing when
/// the coding is unknown. Built in milliseconds whatever the size: the library's encoder flushes
/// 1 MiB segments of zeros to byte boundaries; once two segments in a row encode to the same bytes,
/// those are repeated for the rest (gzip/deflate: the trailer's checksum is combined for the whole).
/// Cached per coding and size.
std::optional<std::string> zeros_bomb(std::string_view coding, std::uint64_t size);

}  // namespace azcore::testserver::detail
