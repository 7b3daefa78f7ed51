#pragma once
// Token credentials for tests: they count their calls, record what they were asked, and mint
// "token-N" (N = the call's number), plus "." + base64url(claims) when claims were asked for.
#include <azcore/credentials.hpp>
#include <azcore/credentials_async.hpp>

#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <chrono>
#include <functional>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

namespace azcore::test {

/// base64url without padding.
inline std::string base64url(std::string_view bytes) {
    static constexpr char digits[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    std::string out;
    std::uint32_t buffer = 0;
    int bits = 0;
    for (unsigned char c : bytes) {
        buffer = (buffer << 8) | c;
        bits += 8;
        while (bits >= 6) {
            bits -= 6;
            out.push_back(digits[(buffer >> bits) & 0x3F]);
        }
    }
    if (bits > 0) out.push_back(digits[(buffer << (6 - bits)) & 0x3F]);
    return out;
}

/// One get_token_info call as a credential received it.
struct TokenRequest {
    std::vector<std::string> scopes{};
    credentials::TokenRequestOptions options{};
};

/// What the test credentials share: the count, the record and the minting.
class TokenMint {
public:
    /// Seconds since the epoch for expires_on / refresh_on; default the system clock.
    std::function<double()> clock{};
    /// Tokens expire this long after they are minted.
    double lifetime = 3600;
    /// refresh_on = minted + refresh_after, when set.
    std::optional<double> refresh_after{};
    /// Non-empty: calls throw std::runtime_error(error) instead of minting.
    std::string error{};
    /// Mint tokens without the claims' suffix even when claims are asked for.
    bool ignore_claims = false;

    int calls() const {
        std::lock_guard lock(mutex_);
        return static_cast<int>(requests_.size());
    }
    std::vector<TokenRequest> requests() const {
        std::lock_guard lock(mutex_);
        return requests_;
    }

protected:
    int record(const std::vector<std::string>& scopes, const credentials::TokenRequestOptions& options) const {
        std::lock_guard lock(mutex_);
        requests_.push_back({scopes, options});
        return static_cast<int>(requests_.size());
    }
    credentials::AccessTokenInfo mint(int n, const credentials::TokenRequestOptions& options) const {
        if (!error.empty()) throw std::runtime_error(error);
        const double now = clock ? clock()
                                 : std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count();
        credentials::AccessTokenInfo info{.token = "token-" + std::to_string(n),
                                          .expires_on = static_cast<std::int64_t>(now + lifetime)};
        if (options.claims && !ignore_claims) info.token += "." + base64url(*options.claims);
        if (refresh_after) info.refresh_on = static_cast<std::int64_t>(now + *refresh_after);
        return info;
    }

private:
    mutable std::mutex mutex_;
    mutable std::vector<TokenRequest> requests_;
};

/// A TokenCredential; `during_call(n)` runs inside call n (e.g. to block it), after `delay`.
class CountingCredential : public credentials::TokenCredential, public TokenMint {
public:
    std::chrono::milliseconds delay{0};
    std::function<void(int)> during_call{};

    credentials::AccessToken get_token(const std::vector<std::string>& scopes,
                                       credentials::TokenRequestOptions options = {}) const override {
        auto info = get_token_info(scopes, options);
        return {info.token, info.expires_on};
    }
    credentials::AccessTokenInfo get_token_info(const std::vector<std::string>& scopes,
                                                credentials::TokenRequestOptions options = {}) const override {
        const int n = record(scopes, options);
        if (delay.count() > 0) std::this_thread::sleep_for(delay);
        if (during_call) during_call(n);
        return mint(n, options);
    }
};

/// An AsyncTokenCredential that suspends on a timer of the awaiting coroutine's executor for
/// `delay`; `during_call(n)` is awaited inside call n.
class AsyncCountingCredential : public credentials::AsyncTokenCredential, public TokenMint {
public:
    std::chrono::milliseconds delay{0};
    std::function<net::awaitable<void>(int)> during_call{};

    net::awaitable<credentials::AccessToken> get_token(std::vector<std::string> scopes,
                                                       credentials::TokenRequestOptions options = {}) const override {
        auto info = co_await get_token_info(std::move(scopes), std::move(options));
        co_return credentials::AccessToken{info.token, info.expires_on};
    }
    net::awaitable<credentials::AccessTokenInfo> get_token_info(std::vector<std::string> scopes,
                                                                credentials::TokenRequestOptions options = {}) const override {
        const int n = record(scopes, options);
        if (delay.count() > 0) {
            boost::asio::steady_timer timer(co_await boost::asio::this_coro::executor, delay);
            co_await timer.async_wait(boost::asio::use_awaitable);
        }
        if (during_call) co_await during_call(n);
        co_return mint(n, options);
    }
};

}  // namespace azcore::test
