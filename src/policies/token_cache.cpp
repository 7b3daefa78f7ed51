#include "policies/token_cache.hpp"

#include <azcore/policies/bearer_token_credential_policy.hpp>

#include <boost/asio/async_result.hpp>
#include <boost/asio/error.hpp>
#include <boost/asio/execution/outstanding_work.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/prefer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/system/system_error.hpp>

#include <algorithm>
#include <random>
#include <type_traits>
#include <utility>

namespace azcore::policies::detail {

void TokenFlight::wait() {
    std::unique_lock lock(mutex_);
    done_changed_.wait(lock, [this] { return done_; });
}

net::awaitable<void> TokenFlight::async_wait() {
    auto executor = co_await net::this_coro::executor;
    co_await net::async_initiate<const net::use_awaitable_t<>&, void()>(
        [this, executor](auto handler) {
            // Until the flight ends, the waiter's executor has work: its io_context does not return.
            auto work = net::prefer(executor, net::execution::outstanding_work.tracked);
            std::unique_lock lock(mutex_);
            if (done_) {
                lock.unlock();
                net::post(work, std::move(handler));
                return;
            }
            auto shared = std::make_shared<std::decay_t<decltype(handler)>>(std::move(handler));
            waiters_.push_back([shared, work]() { net::post(work, [shared]() { std::move (*shared)(); }); });
        },
        net::use_awaitable);
}

void TokenFlight::complete(std::optional<std::string> token, std::exception_ptr error) {
    std::vector<std::function<void()>> waiters;
    {
        std::lock_guard lock(mutex_);
        if (done_) return;
        done_ = true;
        token_ = std::move(token);
        error_ = std::move(error);
        waiters.swap(waiters_);
    }
    done_changed_.notify_all();
    for (auto& resume : waiters) resume();
}

std::optional<std::string> TokenFlight::answer() const {
    std::lock_guard lock(mutex_);
    if (error_) std::rethrow_exception(error_);
    return token_;
}

TokenCache::TokenCache(std::function<double()> random) : random_(std::move(random)) {
    if (!random_) {
        random_ = [engine = std::mt19937_64(std::random_device{}())]() mutable {
            return std::uniform_real_distribution<double>(0, 1)(engine);
        };
    }
}

void TokenCache::keep(credentials::AccessTokenInfo token) {
    token_ = std::move(token);
    // Drawn once per token, as Python does, so that one policy's decision does not flicker.
    constexpr double max_jitter = BearerTokenCredentialPolicy::MAX_REFRESH_JITTER_SECONDS;
    jitter_ = std::clamp(random_() * max_jitter, 0.0, max_jitter);
}

TokenCache::Step TokenCache::begin(double now) {
    std::lock_guard lock(mutex_);
    if (!BearerTokenCredentialPolicy::need_new_token(token_, now, jitter_)) return Step{.token = token_->token};
    if (flight_) {
        // Being refreshed: a token that has not expired yet still serves meanwhile.
        if (token_ && static_cast<double>(token_->expires_on) > now) return Step{.token = token_->token};
        return Step{.wait_for = flight_};
    }
    flight_ = std::make_shared<TokenFlight>();
    return Step{.lead = flight_};
}

void TokenCache::finish(const std::shared_ptr<TokenFlight>& flight, const credentials::AccessTokenInfo& token) {
    {
        std::lock_guard lock(mutex_);
        keep(token);
        if (flight_ == flight) flight_.reset();
    }
    flight->complete(token.token, nullptr);
}

void TokenCache::fail(const std::shared_ptr<TokenFlight>& flight, std::exception_ptr error) {
    {
        std::lock_guard lock(mutex_);
        if (flight_ == flight) flight_.reset();
    }
    if (error) {
        try {
            std::rethrow_exception(error);
        } catch (const boost::system::system_error& e) {
            if (e.code() == net::error::operation_aborted) error = nullptr;  // cancelled: not an answer for others
        } catch (...) {
        }
    }
    flight->complete(std::nullopt, std::move(error));
}

void TokenCache::store(credentials::AccessTokenInfo token) {
    std::lock_guard lock(mutex_);
    keep(std::move(token));
}

bool TokenCache::holds(std::string_view token) const {
    std::lock_guard lock(mutex_);
    return token_ && token_->token == token;
}

void TokenCache::invalidate(std::string_view sent_token) {
    std::lock_guard lock(mutex_);
    if (token_ && token_->token == sent_token) token_.reset();
}

std::optional<credentials::AccessTokenInfo> TokenCache::token() const {
    std::lock_guard lock(mutex_);
    return token_;
}

}  // namespace azcore::policies::detail
