#pragma once
// AzureSasCredentialPolicy: a shared access signature from an AzureSasCredential in the query of every try.
#include <azcore/credentials.hpp>
#include <azcore/pipeline/sans_io_http_policy.hpp>

#include <memory>
#include <string>
#include <string_view>

namespace azcore::policies {

/// Adds the credential's current signature to the request URL's query on every try (Python's
/// AzureSasCredentialPolicy): a leading '?' of the signature is dropped; a URL with a query gets
/// `&signature` unless it already contains the signature; a URL without one gets `?signature`
/// (just `signature` after a trailing '?'). On a try to a host that a redirect led to, or to http
/// after https (option `insecure_domain_change`), nothing is added (reference §15).
class AzureSasCredentialPolicy : public pipeline::SansIOHTTPPolicy {
public:
    /// std::invalid_argument("credential can not be None") for a null credential.
    explicit AzureSasCredentialPolicy(std::shared_ptr<credentials::AzureSasCredential> credential);

    void on_request(pipeline::PipelineRequest& request) const override;

    /// url with signature added by the rules above (the decision, without a request).
    static std::string add_signature(std::string url, std::string_view signature);

private:
    std::shared_ptr<credentials::AzureSasCredential> credential_;
};

}  // namespace azcore::policies
