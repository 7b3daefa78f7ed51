#include <azcore/credentials/static_token_credential.hpp>

#include <chrono>
#include <cstdlib>
#include <stdexcept>
#include <utility>

namespace azcore::credentials {

StaticTokenCredential::StaticTokenCredential(std::string token, StaticTokenCredentialOptions options)
    : token_(std::move(token)), options_(std::move(options)) {
    if (token_.empty()) throw std::invalid_argument("token can not be empty");
}

StaticTokenCredential StaticTokenCredential::from_env(std::string_view variable, StaticTokenCredentialOptions options) {
    const std::string name(variable);
    const char* value = std::getenv(name.c_str());
    if (value == nullptr || *value == '\0')
        throw std::invalid_argument("environment variable " + name + " holds no token (unset or empty)");
    return StaticTokenCredential(value, std::move(options));
}

AccessToken StaticTokenCredential::get_token(const std::vector<std::string>& scopes, TokenRequestOptions options) const {
    AccessTokenInfo info = get_token_info(scopes, std::move(options));
    return AccessToken{.token = std::move(info.token), .expires_on = info.expires_on};
}

AccessTokenInfo StaticTokenCredential::get_token_info(const std::vector<std::string>&, TokenRequestOptions) const {
    std::int64_t expires_on = 0;
    if (options_.expires_on) {
        expires_on = *options_.expires_on;
    } else {
        const auto now = std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch());
        expires_on = now.count() + 3600;
    }
    return AccessTokenInfo{
        .token = token_, .expires_on = expires_on, .token_type = options_.token_type, .refresh_on = options_.refresh_on};
}

}  // namespace azcore::credentials
