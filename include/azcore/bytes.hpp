#pragma once
// Byte types used for bodies: Bytes is Python's `bytes`, std::string is Python's `str`.
#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

namespace azcore {

/// Owned binary data.
using Bytes = std::vector<std::uint8_t>;
/// Borrowed binary data (a chunk of a body, a view of a Bytes).
using BytesView = std::span<const std::uint8_t>;

/// The bytes of a string, unchanged.
inline Bytes to_bytes(std::string_view text) { return Bytes(text.begin(), text.end()); }

/// A string view over bytes, unchanged.
inline std::string_view as_string_view(BytesView bytes) {
    return {reinterpret_cast<const char*>(bytes.data()), bytes.size()};
}

}  // namespace azcore
