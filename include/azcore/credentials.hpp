#pragma once
// azure.core.credentials: access tokens, the token credential protocols, and the key, SAS and
// named-key credentials. (The async protocols are in credentials_async.hpp.)
#include <cstdint>
#include <optional>
#include <shared_mutex>
#include <string>
#include <vector>

namespace azcore::credentials {

/// An OAuth access token (Python's AccessToken).
struct AccessToken {
    /// The token itself (secret: never logged).
    std::string token{};
    /// When the token expires, in seconds since the Unix epoch.
    std::int64_t expires_on = 0;
    /// Equal when every field is.
    friend bool operator==(const AccessToken&, const AccessToken&) = default;
};

/// An access token and what is known about it (Python's AccessTokenInfo, azure-core 1.31).
struct AccessTokenInfo {
    /// The token itself (secret: never logged).
    std::string token{};
    /// When the token expires, in seconds since the Unix epoch.
    std::int64_t expires_on = 0;
    /// The scheme of the Authorization header ("Bearer", or "PoP").
    std::string token_type = "Bearer";
    /// When the token should be refreshed (Unix seconds), if the credential knows better than
    /// "5 minutes before it expires".
    std::optional<std::int64_t> refresh_on{};
    /// Equal when every field is.
    friend bool operator==(const AccessTokenInfo&, const AccessTokenInfo&) = default;
};

/// What a token is requested with (Python's TokenRequestOptions; also get_token's keyword arguments).
struct TokenRequestOptions {
    /// Additional claims the token must carry, e.g. those of a resource's claims challenge (JSON).
    std::optional<std::string> claims{};
    /// The tenant to request the token from, instead of the credential's own.
    std::optional<std::string> tenant_id{};
    /// Ask for a token that supports Continuous Access Evaluation.
    bool enable_cae = false;
};

/// Something that gives access tokens with their details (Python's SupportsTokenInfo protocol).
/// Python's TokenProvider (TokenCredential or SupportsTokenInfo) is this class: every
/// TokenCredential supports get_token_info.
class SupportsTokenInfo {
public:
    virtual ~SupportsTokenInfo() = default;
    /// A token for scopes. Thread-safe.
    virtual AccessTokenInfo get_token_info(const std::vector<std::string>& scopes, TokenRequestOptions options = {}) const = 0;
    /// Releases what the credential holds.
    virtual void close() {}
};

/// Python's TokenProvider.
using TokenProvider = SupportsTokenInfo;

/// Something that gives OAuth access tokens (Python's TokenCredential protocol). Implement
/// get_token; get_token_info defaults to get_token's token and expiry (token type Bearer, no
/// refresh_on); a credential that knows more overrides it too.
class TokenCredential : public SupportsTokenInfo {
public:
    /// A token for scopes; options are Python's keyword arguments claims, tenant_id, enable_cae.
    virtual AccessToken get_token(const std::vector<std::string>& scopes, TokenRequestOptions options = {}) const = 0;
    AccessTokenInfo get_token_info(const std::vector<std::string>& scopes, TokenRequestOptions options = {}) const override;
};

/// A key for a service that authenticates with one (Python's AzureKeyCredential). update()
/// lets long-lived clients pick up a regenerated key; key() and update() are thread-safe.
class AzureKeyCredential {
public:
    /// An empty key is accepted here, as in Python (update() refuses one).
    explicit AzureKeyCredential(std::string key);
    /// The current key.
    std::string key() const;
    /// std::invalid_argument("The key used for updating can not be None or empty") when key is empty.
    void update(std::string key);

private:
    mutable std::shared_mutex mutex_;
    std::string key_;
};

/// A shared access signature (Python's AzureSasCredential); thread-safe like AzureKeyCredential.
class AzureSasCredential {
public:
    /// An empty signature is accepted here, as in Python (update() refuses one).
    explicit AzureSasCredential(std::string signature);
    /// The current signature.
    std::string signature() const;
    /// std::invalid_argument("The signature used for updating can not be None or empty") when empty.
    void update(std::string signature);

private:
    mutable std::shared_mutex mutex_;
    std::string signature_;
};

/// A name and a key (Python's AzureNamedKey namedtuple).
struct AzureNamedKey {
    /// The key's name (an account name, a policy name).
    std::string name{};
    /// The key (secret: never logged).
    std::string key{};
    /// Equal when name and key are.
    friend bool operator==(const AzureNamedKey&, const AzureNamedKey&) = default;
};

/// A named key (Python's AzureNamedKeyCredential): name and key are read and updated together.
class AzureNamedKeyCredential {
public:
    /// The credential of name and key.
    AzureNamedKeyCredential(std::string name, std::string key);
    /// The current name and key, from one update.
    AzureNamedKey named_key() const;
    /// Replaces both (individual fields cannot be updated, as in Python).
    void update(std::string name, std::string key);

private:
    mutable std::shared_mutex mutex_;
    AzureNamedKey named_key_;
};

}  // namespace azcore::credentials
