#include <azcore/credentials_async.hpp>

#include <utility>

namespace azcore::credentials {

net::awaitable<void> AsyncSupportsTokenInfo::close() { co_return; }

net::awaitable<AccessTokenInfo> AsyncTokenCredential::get_token_info(std::vector<std::string> scopes,
                                                                     TokenRequestOptions options) const {
    AccessToken token = co_await get_token(std::move(scopes), std::move(options));
    co_return AccessTokenInfo{.token = std::move(token.token), .expires_on = token.expires_on};
}

}  // namespace azcore::credentials
