#include <azcore/policies/azure_key_credential_policy.hpp>

#include <azcore/options/keys.hpp>
#include <azcore/rest/http_request.hpp>

#include <stdexcept>

namespace azcore::policies {

AzureKeyCredentialPolicy::AzureKeyCredentialPolicy(std::shared_ptr<credentials::AzureKeyCredential> credential,
                                                   std::string name, AzureKeyCredentialPolicyOptions options)
    : credential_(std::move(credential)), name_(std::move(name)) {
    if (!credential_)
        throw std::invalid_argument("credential can not be None: use an instance of AzureKeyCredential");
    if (name_.empty()) throw std::invalid_argument("name can not be None or empty");
    if (options.prefix && !options.prefix->empty()) prefix_ = *options.prefix + " ";
}

void AzureKeyCredentialPolicy::on_request(pipeline::PipelineRequest& request) const {
    if (options::insecure_domain_change.get(request.context->options)) {
        request.http_request->headers.erase(name_);
        return;
    }
    request.http_request->headers.set(name_, prefix_ + credential_->key());
}

}  // namespace azcore::policies
