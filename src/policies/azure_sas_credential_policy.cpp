#include <azcore/policies/azure_sas_credential_policy.hpp>

#include <azcore/options/keys.hpp>
#include <azcore/rest/http_request.hpp>

#include <stdexcept>

namespace azcore::policies {

AzureSasCredentialPolicy::AzureSasCredentialPolicy(std::shared_ptr<credentials::AzureSasCredential> credential)
    : credential_(std::move(credential)) {
    if (!credential_) throw std::invalid_argument("credential can not be None");
}

std::string AzureSasCredentialPolicy::add_signature(std::string url, std::string_view signature) {
    if (signature.starts_with('?')) signature.remove_prefix(1);
    // Python's HttpRequest.query: what follows '?' up to a fragment.
    bool has_query = false;
    if (const auto question = url.find('?'); question != std::string::npos) {
        const auto hash = url.find('#', question);
        has_query = (hash == std::string::npos ? url.size() : hash) > question + 1;
    }
    if (has_query) {
        if (url.find(signature) == std::string::npos) url.append("&").append(signature);
    } else if (url.ends_with('?')) {
        url.append(signature);
    } else {
        url.append("?").append(signature);
    }
    return url;
}

void AzureSasCredentialPolicy::on_request(pipeline::PipelineRequest& request) const {
    if (options::insecure_domain_change.get(request.context->options)) return;
    request.http_request->url = add_signature(std::move(request.http_request->url), credential_->signature());
}

}  // namespace azcore::policies
