#pragma once
// Clients of Spector's authentication specs (@typespec/http-specs authentication/api-key, oauth2,
// http/custom, union and noauth/union), as a generator would emit them on azcore: the credential
// becomes the authentication_policy of the standard configuration; every operation is a GET that
// must answer 204. The last constructor argument of the Async face is the executor.
#include "generated_client.hpp"

#include <azcore/policies/azure_key_credential_policy.hpp>
#include <azcore/policies/bearer_token_credential_policy.hpp>

#include <memory>
#include <string>

namespace azcore::spector::authentication {

/// The scope of the oauth2, union and noauth/union specs.
inline const std::string scope = "https://security.microsoft.com/.default";

/// The standard configuration with `authentication` in its authentication_policy slot (none: null).
PipelineClientOptions options_with(std::shared_ptr<pipeline::HTTPPolicy> authentication);
/// An AzureKeyCredentialPolicy on header (with prefix, when not empty).
std::shared_ptr<pipeline::HTTPPolicy> key_policy(std::shared_ptr<credentials::AzureKeyCredential> key,
                                                 std::string header, std::string prefix = "");
/// A BearerTokenCredentialPolicy for `scope`.
template <class TokenCredential>
std::shared_ptr<pipeline::HTTPPolicy> bearer_policy(std::shared_ptr<TokenCredential> credential) {
    return std::make_shared<policies::BearerTokenCredentialPolicy>(std::move(credential), std::vector<std::string>{scope});
}
/// GET endpoint-relative path.
rest::HttpRequest build_get(std::string path);

/// authentication/api-key: the key in `x-ms-api-key`.
template <class Face>
class ApiKeyClient : public GeneratedClient<Face> {
public:
    template <FaceExecutor... Executor>
    ApiKeyClient(std::string endpoint, std::shared_ptr<credentials::AzureKeyCredential> key, Executor... executor)
        : GeneratedClient<Face>(std::move(endpoint), options_with(key_policy(std::move(key), "x-ms-api-key")), executor...) {}

    auto valid(options::Kwargs kwargs = {}) const { return this->send_void(build_get("/authentication/api-key/valid"), {204}, std::move(kwargs)); }
    auto invalid(options::Kwargs kwargs = {}) const { return this->send_void(build_get("/authentication/api-key/invalid"), {204}, std::move(kwargs)); }
};

/// authentication/http/custom: `Authorization: SharedAccessKey <key>`.
template <class Face>
class CustomClient : public GeneratedClient<Face> {
public:
    template <FaceExecutor... Executor>
    CustomClient(std::string endpoint, std::shared_ptr<credentials::AzureKeyCredential> key, Executor... executor)
        : GeneratedClient<Face>(std::move(endpoint), options_with(key_policy(std::move(key), "Authorization", "SharedAccessKey")),
                                executor...) {}

    auto valid(options::Kwargs kwargs = {}) const { return this->send_void(build_get("/authentication/http/custom/valid"), {204}, std::move(kwargs)); }
    auto invalid(options::Kwargs kwargs = {}) const { return this->send_void(build_get("/authentication/http/custom/invalid"), {204}, std::move(kwargs)); }
};

/// authentication/oauth2: bearer tokens for `scope`.
template <class Face>
class OAuth2Client : public GeneratedClient<Face> {
public:
    template <FaceExecutor... Executor>
    OAuth2Client(std::string endpoint, std::shared_ptr<typename Face::TokenCredential> credential, Executor... executor)
        : GeneratedClient<Face>(std::move(endpoint), options_with(bearer_policy(std::move(credential))), executor...) {}

    auto valid(options::Kwargs kwargs = {}) const { return this->send_void(build_get("/authentication/oauth2/valid"), {204}, std::move(kwargs)); }
    auto invalid(options::Kwargs kwargs = {}) const { return this->send_void(build_get("/authentication/oauth2/invalid"), {204}, std::move(kwargs)); }
};

/// authentication/union: an api key (`x-ms-api-key`) or bearer tokens, whichever it is given.
template <class Face>
class UnionClient : public GeneratedClient<Face> {
public:
    template <FaceExecutor... Executor>
    UnionClient(std::string endpoint, std::shared_ptr<credentials::AzureKeyCredential> key, Executor... executor)
        : GeneratedClient<Face>(std::move(endpoint), options_with(key_policy(std::move(key), "x-ms-api-key")), executor...) {}
    template <FaceExecutor... Executor>
    UnionClient(std::string endpoint, std::shared_ptr<typename Face::TokenCredential> credential, Executor... executor)
        : GeneratedClient<Face>(std::move(endpoint), options_with(bearer_policy(std::move(credential))), executor...) {}

    auto valid_key(options::Kwargs kwargs = {}) const { return this->send_void(build_get("/authentication/union/validkey"), {204}, std::move(kwargs)); }
    auto valid_token(options::Kwargs kwargs = {}) const { return this->send_void(build_get("/authentication/union/validtoken"), {204}, std::move(kwargs)); }
};

/// authentication/noauth/union: no credential, or bearer tokens.
template <class Face>
class NoAuthUnionClient : public GeneratedClient<Face> {
public:
    template <FaceExecutor... Executor>
    explicit NoAuthUnionClient(std::string endpoint, Executor... executor)
        : GeneratedClient<Face>(std::move(endpoint), options_with(nullptr), executor...) {}
    template <FaceExecutor... Executor>
    NoAuthUnionClient(std::string endpoint, std::shared_ptr<typename Face::TokenCredential> credential, Executor... executor)
        : GeneratedClient<Face>(std::move(endpoint), options_with(bearer_policy(std::move(credential))), executor...) {}

    auto valid_no_auth(options::Kwargs kwargs = {}) const { return this->send_void(build_get("/authentication/noauth/union/valid"), {204}, std::move(kwargs)); }
    auto valid_token(options::Kwargs kwargs = {}) const { return this->send_void(build_get("/authentication/noauth/union/validtoken"), {204}, std::move(kwargs)); }
};

}  // namespace azcore::spector::authentication
