#pragma once
// Storage's SharedKey authentication as an azcore policy built on AzureNamedKeyCredential (the
// account name and key): every try gets a fresh x-ms-date and an Authorization header signed
// over the request as it is sent.
#include <azcore/credentials.hpp>
#include <azcore/pipeline/sans_io_http_policy.hpp>
#include <azcore/rest/http_request.hpp>

#include <memory>
#include <string>

namespace blob {

/// Signs requests with `Authorization: SharedKey <account>:<signature>`. Put it in the
/// authentication_policy slot so that each retry is signed again.
class SharedKeyCredentialPolicy : public azcore::pipeline::SansIOHTTPPolicy {
public:
    /// std::invalid_argument for a null credential.
    explicit SharedKeyCredentialPolicy(std::shared_ptr<azcore::credentials::AzureNamedKeyCredential> credential);

    void on_request(azcore::pipeline::PipelineRequest& request) const override;

    /// The string SharedKey signs for request (whose headers must already hold x-ms-date):
    /// verb, the standard headers, the x-ms-* headers sorted, then the canonicalized resource.
    static std::string string_to_sign(const azcore::rest::HttpRequest& request, const std::string& account);

private:
    std::shared_ptr<azcore::credentials::AzureNamedKeyCredential> credential_;
};

/// The current time as HTTP wants it (RFC 1123, GMT), e.g. "Sun, 29 Nov 2026 23:59:00 GMT".
std::string http_date_now();

}  // namespace blob
