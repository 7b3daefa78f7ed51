#pragma once
// azure.core.credentials_async: the token credential protocols of the async face.
#include <azcore/credentials.hpp>
#include <azcore/net.hpp>

#include <string>
#include <vector>

namespace azcore::credentials {

/// Python's AsyncSupportsTokenInfo: get_token_info as a coroutine. Python's AsyncTokenProvider
/// is this class.
class AsyncSupportsTokenInfo {
public:
    virtual ~AsyncSupportsTokenInfo() = default;
    /// A token for scopes; runs on the awaiting coroutine's executor and never blocks it.
    virtual net::awaitable<AccessTokenInfo> get_token_info(std::vector<std::string> scopes, TokenRequestOptions options = {}) const = 0;
    /// Releases what the credential holds; does nothing by default.
    virtual net::awaitable<void> close();
};

/// Python's AsyncTokenProvider.
using AsyncTokenProvider = AsyncSupportsTokenInfo;

/// Python's AsyncTokenCredential: implement get_token; get_token_info defaults to its token and
/// expiry, as TokenCredential's does.
class AsyncTokenCredential : public AsyncSupportsTokenInfo {
public:
    /// A token for scopes; options are Python's keyword arguments claims, tenant_id, enable_cae.
    virtual net::awaitable<AccessToken> get_token(std::vector<std::string> scopes, TokenRequestOptions options = {}) const = 0;
    net::awaitable<AccessTokenInfo> get_token_info(std::vector<std::string> scopes, TokenRequestOptions options = {}) const override;
};

}  // namespace azcore::credentials
