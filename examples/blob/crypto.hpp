#pragma once
// The two primitives Storage signing needs, from OpenSSL: HMAC-SHA256 and base64.
#include <string>
#include <string_view>

namespace blob {

/// Standard base64 with padding.
std::string base64_encode(std::string_view bytes);
/// Decodes standard base64; std::invalid_argument (without echoing the input) when it is not.
std::string base64_decode(std::string_view text);
/// base64(HMAC-SHA256(key, message)): the signature of SharedKey and SAS.
std::string sign_hmac_sha256(std::string_view key, std::string_view message);

}  // namespace blob
