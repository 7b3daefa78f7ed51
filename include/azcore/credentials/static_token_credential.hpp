#pragma once
// StaticTokenCredential: a token given as a string or in an environment variable, for tests and tools.
#include <azcore/credentials.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace azcore::credentials {

/// StaticTokenCredential's settings.
struct StaticTokenCredentialOptions {
    /// When the token expires (Unix seconds); nullopt: one hour after each get_token call.
    std::optional<std::int64_t> expires_on{};
    /// The token type reported by get_token_info.
    std::string token_type = "Bearer";
    /// When the token should be refreshed (Unix seconds); nullopt: not said.
    std::optional<std::int64_t> refresh_on{};
};

/// A TokenCredential that always returns the same token, whatever the scopes and options (beyond
/// Python, where tests write such a class themselves). It never blocks, so BearerTokenCredentialPolicy
/// uses it directly in the async face too.
class StaticTokenCredential : public TokenCredential {
public:
    /// std::invalid_argument("token can not be empty") for an empty token.
    explicit StaticTokenCredential(std::string token, StaticTokenCredentialOptions options = {});
    /// The token held by the environment variable; std::invalid_argument naming the variable when
    /// it is unset or empty.
    static StaticTokenCredential from_env(std::string_view variable, StaticTokenCredentialOptions options = {});

    AccessToken get_token(const std::vector<std::string>& scopes, TokenRequestOptions options = {}) const override;
    AccessTokenInfo get_token_info(const std::vector<std::string>& scopes, TokenRequestOptions options = {}) const override;

private:
    std::string token_;
    StaticTokenCredentialOptions options_;
};

}  // namespace azcore::credentials
