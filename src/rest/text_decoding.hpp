#pragma once
// Text of a body: the charset of a Content-Type and decoding bytes to UTF-8.
#include <azcore/bytes.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace azcore::rest::detail {

/// The parameter `name` (any case) of a Content-Type value, unquoted; nullopt when absent.
std::optional<std::string> content_type_param(std::string_view content_type, std::string_view name);
/// The media type of a Content-Type value (before any ';'), trimmed and lower-cased.
std::string media_type_of(std::string_view content_type);
/// The charset parameter of a Content-Type value, lower-cased and unquoted.
std::optional<std::string> charset_of(std::string_view content_type);
/// Whether text is well-formed UTF-8 (no overlong forms, surrogates or code points above U+10FFFF).
bool is_valid_utf8(std::string_view text);
/// Whether decode_text understands the encoding: utf-8, utf-8-sig, ascii, latin-1 and their
/// aliases without iconv, and any charset glibc's iconv knows.
bool is_known_encoding(std::string_view encoding);
/// Whether decode_text returns a body that is valid UTF-8 without a BOM unchanged: no encoding,
/// or a UTF-8 one.
bool keeps_valid_utf8(const std::optional<std::string>& encoding);
/// UTF-8 text of the body, as Python's decode_to_text. No encoding: UTF-8 with invalid sequences
/// replaced by U+FFFD. An encoding: strict decoding, TextDecodeError on bytes invalid in it; an
/// empty body is "" whatever the name. A UTF-8 BOM is dropped. An unknown encoding throws
/// std::invalid_argument naming it.
std::string decode_text(BytesView body, const std::optional<std::string>& encoding);

}  // namespace azcore::rest::detail
