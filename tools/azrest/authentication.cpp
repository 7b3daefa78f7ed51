#include "authentication.hpp"

#include "arguments.hpp"
#include "usage_error.hpp"

#include <azcore/credentials.hpp>
#include <azcore/credentials/static_token_credential.hpp>
#include <azcore/policies/azure_key_credential_policy.hpp>
#include <azcore/policies/azure_sas_credential_policy.hpp>
#include <azcore/policies/bearer_token_credential_policy.hpp>

#include <boost/url/parse.hpp>

#include <cstdlib>

namespace azrest {

namespace {

std::string secret_from(const std::string& variable, const char* option) {
    const char* value = std::getenv(variable.c_str());
    if (value == nullptr || *value == '\0') {
        throw UsageError(std::string(option) + ": the environment variable " + variable + " is not set or empty");
    }
    return value;
}

std::vector<std::string> scopes_of(const Arguments& arguments) {
    if (!arguments.scopes.empty()) return arguments.scopes;
    auto url = boost::urls::parse_absolute_uri(arguments.url());
    return {std::string(url->scheme()) + "://" + std::string(url->encoded_host_and_port()) + "/.default"};
}

}  // namespace

std::shared_ptr<azcore::pipeline::HTTPPolicy> make_authentication_policy(const Arguments& arguments) {
    using namespace azcore;
    if (arguments.auth == "key") {
        auto credential = std::make_shared<credentials::AzureKeyCredential>(secret_from(arguments.key_env, "--key-env"));
        return std::make_shared<policies::AzureKeyCredentialPolicy>(credential, arguments.key_header);
    }
    if (arguments.auth == "sas") {
        auto credential = std::make_shared<credentials::AzureSasCredential>(secret_from(arguments.sas_env, "--sas-env"));
        return std::make_shared<policies::AzureSasCredentialPolicy>(credential);
    }
    if (arguments.auth == "bearer") {
        auto credential =
            std::make_shared<credentials::StaticTokenCredential>(secret_from(arguments.token_env, "--token-env"));
        return std::make_shared<policies::BearerTokenCredentialPolicy>(credential, scopes_of(arguments));
    }
    return nullptr;
}

}  // namespace azrest
