#include "authentication/clients.hpp"

namespace azcore::spector::authentication {

PipelineClientOptions options_with(std::shared_ptr<pipeline::HTTPPolicy> authentication) {
    auto config = default_configuration();
    config.authentication_policy = std::move(authentication);
    return {.config = std::move(config)};
}

std::shared_ptr<pipeline::HTTPPolicy> key_policy(std::shared_ptr<credentials::AzureKeyCredential> key, std::string header,
                                                 std::string prefix) {
    policies::AzureKeyCredentialPolicyOptions options;
    if (!prefix.empty()) options.prefix = std::move(prefix);
    return std::make_shared<policies::AzureKeyCredentialPolicy>(std::move(key), std::move(header), std::move(options));
}

rest::HttpRequest build_get(std::string path) { return rest::HttpRequest("GET", std::move(path)); }

}  // namespace azcore::spector::authentication
