#pragma once
// AzureKeyCredentialPolicy: a key from an AzureKeyCredential in a header of every try.
#include <azcore/credentials.hpp>
#include <azcore/pipeline/sans_io_http_policy.hpp>

#include <memory>
#include <optional>
#include <string>

namespace azcore::policies {

/// AzureKeyCredentialPolicy's keyword arguments.
struct AzureKeyCredentialPolicyOptions {
    /// Put before the key with a space (`prefix key`); none or empty: the key alone.
    std::optional<std::string> prefix{};
};

/// Sets header `name` to the credential's current key (with the prefix) on every try, so that
/// AzureKeyCredential::update takes effect with the next request (Python's AzureKeyCredentialPolicy).
/// On a try to a host that a redirect led to, or to http after https (option
/// `insecure_domain_change`), the header is removed instead: the key never follows a redirect to
/// another host (reference §15) nor leaves TLS.
class AzureKeyCredentialPolicy : public pipeline::SansIOHTTPPolicy {
public:
    /// std::invalid_argument for a null credential, and "name can not be None or empty" for an empty name.
    AzureKeyCredentialPolicy(std::shared_ptr<credentials::AzureKeyCredential> credential, std::string name,
                             AzureKeyCredentialPolicyOptions options = {});

    void on_request(pipeline::PipelineRequest& request) const override;

    /// The header the key is sent in.
    const std::string& name() const { return name_; }

private:
    std::shared_ptr<credentials::AzureKeyCredential> credential_;
    std::string name_;
    std::string prefix_;
};

}  // namespace azcore::policies
