#include <azcore/credentials.hpp>

#include <mutex>
#include <stdexcept>
#include <utility>

namespace azcore::credentials {

AccessTokenInfo TokenCredential::get_token_info(const std::vector<std::string>& scopes, TokenRequestOptions options) const {
    AccessToken token = get_token(scopes, std::move(options));
    return AccessTokenInfo{.token = std::move(token.token), .expires_on = token.expires_on};
}

AzureKeyCredential::AzureKeyCredential(std::string key) : key_(std::move(key)) {}

std::string AzureKeyCredential::key() const {
    std::shared_lock lock(mutex_);
    return key_;
}

void AzureKeyCredential::update(std::string key) {
    if (key.empty()) throw std::invalid_argument("The key used for updating can not be None or empty");
    std::unique_lock lock(mutex_);
    key_ = std::move(key);
}

AzureSasCredential::AzureSasCredential(std::string signature) : signature_(std::move(signature)) {}

std::string AzureSasCredential::signature() const {
    std::shared_lock lock(mutex_);
    return signature_;
}

void AzureSasCredential::update(std::string signature) {
    if (signature.empty()) throw std::invalid_argument("The signature used for updating can not be None or empty");
    std::unique_lock lock(mutex_);
    signature_ = std::move(signature);
}

AzureNamedKeyCredential::AzureNamedKeyCredential(std::string name, std::string key)
    : named_key_{std::move(name), std::move(key)} {}

AzureNamedKey AzureNamedKeyCredential::named_key() const {
    std::shared_lock lock(mutex_);
    return named_key_;
}

void AzureNamedKeyCredential::update(std::string name, std::string key) {
    AzureNamedKey next{std::move(name), std::move(key)};
    std::unique_lock lock(mutex_);
    named_key_ = std::move(next);
}

}  // namespace azcore::credentials
