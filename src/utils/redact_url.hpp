#pragma once
// Rendering URLs into messages without their secrets.
#include <string>
#include <string_view>

namespace azcore::utils::detail {

/// url with the value of every `sig` query parameter (a SAS signature) replaced by REDACTED.
/// Works on any text: an unparsable URL is handled the same way.
std::string redact_url_for_message(std::string_view url);

}  // namespace azcore::utils::detail
