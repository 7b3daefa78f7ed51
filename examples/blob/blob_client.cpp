// What both faces share: the pipeline set-up and the authentication policy per credential.
#include "blob_client.hpp"

#include "shared_key_policy.hpp"

#include <azcore/configuration.hpp>
#include <azcore/policies/azure_sas_credential_policy.hpp>
#include <azcore/policies/bearer_token_credential_policy.hpp>
#include <azcore/policies/headers_policy.hpp>
#include <azcore/transport/async_beast_transport.hpp>
#include <azcore/transport/beast_transport.hpp>

namespace blob {
namespace {

template <class Face>
std::shared_ptr<azcore::pipeline::HTTPPolicy> policy_for(const Credential<Face>& credential) {
    using namespace azcore;
    return std::visit(
        [](const auto& value) -> std::shared_ptr<pipeline::HTTPPolicy> {
            using T = std::decay_t<decltype(value)>;
            if constexpr (std::is_same_v<T, std::monostate>) return nullptr;
            else if constexpr (std::is_same_v<T, std::shared_ptr<credentials::AzureNamedKeyCredential>>)
                return std::make_shared<SharedKeyCredentialPolicy>(value);
            else if constexpr (std::is_same_v<T, std::shared_ptr<credentials::AzureSasCredential>>)
                return std::make_shared<policies::AzureSasCredentialPolicy>(value);
            else
                return std::make_shared<policies::BearerTokenCredentialPolicy>(value, std::vector<std::string>{storage_scope});
        },
        credential);
}

}  // namespace

azcore::PipelineClientOptions pipeline_options(std::shared_ptr<azcore::pipeline::HTTPPolicy> authentication,
                                               std::vector<std::shared_ptr<azcore::pipeline::HTTPPolicy>> per_call_policies,
                                               std::shared_ptr<azcore::pipeline::HTTPPolicy> retry_policy) {
    auto config = azcore::default_configuration();
    config.headers_policy = std::make_shared<azcore::policies::HeadersPolicy>(
        azcore::CaseInsensitiveDict{{"x-ms-version", service_version}});
    config.authentication_policy = std::move(authentication);
    if (retry_policy) config.retry_policy = std::move(retry_policy);
    return {.per_call_policies = std::move(per_call_policies), .config = std::move(config)};
}

std::shared_ptr<azcore::pipeline::HTTPPolicy> authentication_policy(const Credential<Sync>& credential) {
    return policy_for<Sync>(credential);
}

std::shared_ptr<azcore::pipeline::HTTPPolicy> authentication_policy(const Credential<Async>& credential) {
    return policy_for<Async>(credential);
}

namespace detail {

std::shared_ptr<azcore::PipelineClient> make_pipeline_client(const std::string& endpoint, const ClientOptions<Sync>& options) {
    auto pipeline = pipeline_options(authentication_policy(options.credential), options.per_call_policies, options.retry_policy);
    pipeline.transport = std::make_shared<azcore::transport::BeastTransport>(options.connection);
    return std::make_shared<azcore::PipelineClient>(endpoint, std::move(pipeline));
}

std::shared_ptr<azcore::AsyncPipelineClient> make_pipeline_client(const std::string& endpoint, const ClientOptions<Async>& options,
                                                                   azcore::net::any_io_executor executor) {
    auto pipeline = pipeline_options(authentication_policy(options.credential), options.per_call_policies, options.retry_policy);
    pipeline.transport = std::make_shared<azcore::transport::AsyncBeastTransport>(executor, options.connection);
    return std::make_shared<azcore::AsyncPipelineClient>(endpoint, std::move(executor), std::move(pipeline));
}

}  // namespace detail
}  // namespace blob
