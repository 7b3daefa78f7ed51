#pragma once
// Decoding bytes of any charset glibc's iconv knows to UTF-8, strictly (Python's bytes.decode with
// errors="strict"), with Python's choices where iconv's differ (UTF-16/32 without a BOM are
// little-endian).
#include <azcore/bytes.hpp>

#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace azcore::rest::detail {

/// Bytes that are not valid in their encoding: "'{encoding}' codec can't decode byte 0x{hh} in
/// position {n}: {reason}" (Python's UnicodeDecodeError text).
class TextDecodeError : public std::runtime_error {
public:
    TextDecodeError(std::string_view encoding, BytesView body, std::size_t position, std::string_view reason);
};

/// The iconv name for encoding (tried as given, then with '_' as '-', then without '-' and '_'), or
/// nullopt when iconv has none or the name is empty or holds characters outside [A-Za-z0-9._:-]
/// (iconv reads "//" suffixes as error handlers).
std::optional<std::string> iconv_name_of(std::string_view encoding);

/// body decoded from the charset iconv knows as iconv_name, to UTF-8. TextDecodeError (naming
/// encoding, the caller's spelling) on an invalid or incomplete sequence.
std::string iconv_to_utf8(BytesView body, const std::string& iconv_name, std::string_view encoding);

}  // namespace azcore::rest::detail
