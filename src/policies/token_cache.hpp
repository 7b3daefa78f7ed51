#pragma once
// TokenCache: BearerTokenCredentialPolicy's cached token, and the one token request in flight
// that threads and coroutines wait for.
#include <azcore/credentials.hpp>
#include <azcore/net.hpp>

#include "utils/capture.hpp"

#include <condition_variable>
#include <exception>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace azcore::policies::detail {

/// One token request in progress. It ends with a token, an error for everyone, or neither
/// (cancelled or abandoned: a waiter asks again).
class TokenFlight {
public:
    /// Blocks the calling thread until the request ended.
    void wait();
    /// Suspends the calling coroutine until the request ended (its executor keeps work meanwhile).
    net::awaitable<void> async_wait();
    void complete(std::optional<std::string> token, std::exception_ptr error);
    /// After the wait: the token; or the request's exception, rethrown; or nullopt when it was
    /// cancelled or abandoned (ask again).
    std::optional<std::string> answer() const;

private:
    mutable std::mutex mutex_;
    std::condition_variable done_changed_;
    bool done_ = false;
    std::optional<std::string> token_;
    std::exception_ptr error_;
    std::vector<std::function<void()>> waiters_;
};

/// The cached token and its refresh jitter. Every member is thread-safe; no lock is held while a
/// credential runs.
class TokenCache {
public:
    /// random: uniform in [0, 1), called under the lock; empty: a seeded std::mt19937_64.
    explicit TokenCache(std::function<double()> random);

    /// What a request that needs the token does next, the one decision of both faces: use
    /// token (cached, or still valid while another request refreshes it), wait for wait_for and
    /// take its answer(), or request the token itself and end lead with FlightLead::end.
    struct Step {
        std::optional<std::string> token{};
        std::shared_ptr<TokenFlight> wait_for{};
        std::shared_ptr<TokenFlight> lead{};
    };
    /// BearerTokenCredentialPolicy::need_new_token decides whether the cached token will do,
    /// given the jitter drawn for it.
    Step begin(double now);
    void finish(const std::shared_ptr<TokenFlight>& flight, const credentials::AccessTokenInfo& token);
    /// error: the exception for the waiters; nullptr or a cancellation: they ask again.
    void fail(const std::shared_ptr<TokenFlight>& flight, std::exception_ptr error);
    /// Caches a token requested outside a flight (authorize_request).
    void store(credentials::AccessTokenInfo token);
    /// Whether token is the cached one.
    bool holds(std::string_view token) const;
    /// Drops the cached token if it is sent_token.
    void invalidate(std::string_view sent_token);
    std::optional<credentials::AccessTokenInfo> token() const;

private:
    /// Caches token with a fresh jitter; the lock is held.
    void keep(credentials::AccessTokenInfo token);

    mutable std::mutex mutex_;
    std::function<double()> random_;
    std::optional<credentials::AccessTokenInfo> token_;
    /// Seconds the refresh of token_ is delayed by: 0 to MAX_REFRESH_JITTER_SECONDS.
    double jitter_ = 0;
    std::shared_ptr<TokenFlight> flight_;
};

/// Ends a flight on every path of the one who requests the token: abandoned unless finished or failed.
class FlightLead {
public:
    FlightLead(TokenCache& cache, std::shared_ptr<TokenFlight> flight) : cache_(cache), flight_(std::move(flight)) {}
    ~FlightLead() {
        if (flight_) cache_.fail(flight_, nullptr);
    }
    FlightLead(const FlightLead&) = delete;
    FlightLead& operator=(const FlightLead&) = delete;
    /// Ends the flight with what the credential gave: caches and returns the token, or hands the
    /// exception to the waiters and rethrows it.
    std::string end(azcore::detail::Outcome<credentials::AccessTokenInfo> outcome) {
        if (outcome.error) {
            cache_.fail(std::exchange(flight_, nullptr), outcome.error);
            std::rethrow_exception(outcome.error);
        }
        cache_.finish(std::exchange(flight_, nullptr), *outcome.value);
        return std::move(outcome.value->token);
    }

private:
    TokenCache& cache_;
    std::shared_ptr<TokenFlight> flight_;
};

}  // namespace azcore::policies::detail
