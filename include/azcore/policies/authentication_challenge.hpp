#pragma once
// WWW-Authenticate challenges (RFC 9110 §11.6.1), parsed leniently, and the claims of a CAE challenge.
#include <azcore/utils/case_insensitive_dict.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace azcore::policies {

/// One challenge of a WWW-Authenticate header: `Bearer realm="", error="insufficient_claims"`.
struct AuthenticationChallenge {
    /// The auth-scheme as sent (compare it ignoring case).
    std::string scheme{};
    /// The auth-params in order, names as sent, values unquoted (escapes resolved).
    std::vector<std::pair<std::string, std::string>> parameters{};
    /// The token68 form (`Negotiate abc==`), when the challenge has one instead of parameters.
    std::string token68{};

    /// The value of the first parameter called name (ignoring case), or nullptr.
    const std::string* parameter(std::string_view name) const noexcept;
};

/// Every challenge of a WWW-Authenticate value (several header lines joined by ", " are one
/// value): comma- or space-separated challenges, quoted and unquoted values, `\"` escapes,
/// token68. Never throws: what does not parse (a stray quote, a parameter before any scheme, an
/// unterminated quoted string) is skipped or taken as far as it goes.
std::vector<AuthenticationChallenge> parse_www_authenticate(std::string_view header);

/// The value of parameter challenge_parameter of the first challenge with scheme challenge_scheme
/// (both ignoring case) that has it, in the response's WWW-Authenticate headers (Python's
/// azure.core.pipeline.policies._utils.get_challenge_parameter).
std::optional<std::string> get_challenge_parameter(const CaseInsensitiveDict& headers, std::string_view challenge_scheme,
                                                   std::string_view challenge_parameter);

/// The claims of a CAE challenge: base64url (or base64) text with or without `=` padding, decoded;
/// nullopt when it is not valid base64 or not UTF-8.
std::optional<std::string> decode_challenge_claims(std::string_view encoded);

}  // namespace azcore::policies
