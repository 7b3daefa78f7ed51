#pragma once
// The credential policy of --auth.
#include <azcore/pipeline/http_policy.hpp>

#include <memory>

namespace azrest {

struct Arguments;

/// AzureKeyCredentialPolicy, AzureSasCredentialPolicy or BearerTokenCredentialPolicy with the
/// secret read from the environment variable the options name; nullptr for --auth none.
/// UsageError naming the option when the variable is unset or empty (the secret is never shown).
std::shared_ptr<azcore::pipeline::HTTPPolicy> make_authentication_policy(const Arguments& arguments);

}  // namespace azrest
